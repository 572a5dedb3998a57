/**
 * `GET /api/export`: a selection (a search with filters, a document's year, an entity) as TEI,
 * CSV, GeoJSON and GEXF, over a store of the sample and 長編 卷一百三十九 read through every stage.
 * The TEI validates against tei_all.rng (jing), the GeoJSON against RFC 7946, the GEXF parses.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { check } from "@placemarkio/check-geojson";
import { parse as parseCsv } from "csv-parse/sync";
import { MultiGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { createApp } from "../../src/server/app.ts";
import {
  MAX_EXPORT_DOCUMENTS,
  MAX_EXPORT_ENTRIES,
  selectedEntries,
  selectionDocuments,
} from "../../src/server/routes/export-selection.ts";
import { openSqliteStore, type SqliteStore, type Store } from "../../src/store/index.ts";
import { annotatedInput } from "../store/fixtures.ts";

const root = new URL("../../", import.meta.url);
const corpus = (path: string) => readFileSync(new URL(`corpus/${path}`, root), "utf8");
const SCHEMA = join(new URL(".", root).pathname, "..", "shared", "schemas", "tei_all.rng");
const outline = JSON.parse(readFileSync(new URL("test/fixtures/xixia-outline.json", root), "utf8")) as {
  year: string;
  headline: string;
}[];

/** Validates TEI files with jing; the reason when it cannot run. */
function jing(files: string[]): { skip: string } | { status: number | null; output: string } {
  if (!existsSync(SCHEMA)) return { skip: `no TEI schema at ${SCHEMA}` };
  if (spawnSync("jing", [], { encoding: "utf8" }).error) return { skip: "jing is not installed" };
  const result = spawnSync("jing", [SCHEMA, ...files], { encoding: "utf8" });
  return { status: result.status, output: result.stdout };
}

describe("exports of a selection", () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  const dir = mkdtempSync(join(tmpdir(), "biannian-export-selection-"));
  before(async () => {
    store = openSqliteStore(":memory:");
    await store.putDocument(annotatedInput(corpus("xixia-ji-1043-1044.txt"), { path: "xixia.txt" }));
    await store.putDocument(
      annotatedInput(corpus("changbian/KR2b0019_143.txt"), { path: "KR2b0019_143.txt" }),
    );
    app = createApp(store);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const download = async (query: string) => {
    const response = await app.request(`/api/export?${query}`);
    assert.equal(response.status, 200, query);
    return {
      type: response.headers.get("content-type") ?? "",
      disposition: response.headers.get("content-disposition") ?? "",
      body: await response.text(),
    };
  };

  test("CSV: the entries a search finds, one table a download", async () => {
    // 青鹽 stands in the sample's entry of lines 22–24 (再遣楊守素如宋…市青鹽) and in the detail of
    // 復遣張延壽等如宋議和 (line 31); 長編 卷一百三十九 never writes it.
    const csv = await download(`format=csv&q=${encodeURIComponent("青鹽")}`);
    assert.equal(csv.type, "text/csv; charset=utf-8");
    assert.match(csv.disposition, /^attachment; filename="biannian-selection-entries\.csv"$/);
    const rows = parseCsv(csv.body, { columns: true, bom: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((r) => r.headline?.slice(0, 8)),
      ["再遣楊守素如宋，乞", "復遣張延壽等如宋議"].map((h) => h.slice(0, 8)),
    );
    const citations = parseCsv(
      (await download(`format=csv&table=citations&q=${encodeURIComponent("青鹽")}`)).body,
      {
        columns: true,
        bom: true,
      },
    ) as Record<string, string>[];
    // Line 24 cites 《宋史·孫甫傳》 and 《包孝肅奏議》.
    assert.ok(citations.some((c) => c.work === "宋史" && c.section === "孫甫傳"));
    assert.ok(citations.some((c) => c.work === "包孝肅奏議"));
  });

  test("TEI: a document's year, and a search across two chronicles as a teiCorpus; both valid", async (t) => {
    const year7 = outline.filter((e) => e.year === "西夏稱天授禮法延祚七年");
    const tei = await download(`format=tei&document=1&era=${encodeURIComponent("天授禮法延祚")}&year=7`);
    assert.equal(tei.type, "application/tei+xml; charset=utf-8");
    assert.match(tei.disposition, /filename="biannian-document-1\.tei\.xml"/);
    assert.equal([...tei.body.matchAll(/<div type="entry"/g)].length, year7.length);
    assert.ok(!tei.body.includes("天授禮法延祚六年"), "the year before is left out");
    const plain = tei.body.replace(/<[^>]+>/g, "");
    for (const entry of year7) assert.ok(plain.includes(entry.headline), entry.headline);

    const search = await (await app.request(`/api/find?q=${encodeURIComponent("元昊")}&limit=1`)).json();
    const corpusTei = await download(`format=tei&q=${encodeURIComponent("元昊")}`);
    assert.match(corpusTei.body, /<teiCorpus xmlns="http:\/\/www\.tei-c\.org\/ns\/1\.0"/);
    assert.equal([...corpusTei.body.matchAll(/<TEI /g)].length, 2);
    assert.equal(
      [...corpusTei.body.matchAll(/<div type="entry"/g)].length,
      (search as { total: number }).total,
    );

    const files = [join(dir, "year.tei.xml"), join(dir, "corpus.tei.xml")];
    writeFileSync(files[0]!, tei.body);
    writeFileSync(files[1]!, corpusTei.body);
    const result = jing(files);
    if ("skip" in result) return t.skip(result.skip);
    assert.equal(result.output, "");
    assert.equal(result.status, 0);
  });

  test("GeoJSON of a document and GEXF of an entity's entries", async () => {
    const geo = await download("format=geojson&document=1");
    assert.equal(geo.type, "application/geo+json; charset=utf-8");
    const collection = check(geo.body);
    assert.equal(collection.type, "FeatureCollection");
    if (collection.type !== "FeatureCollection") return;
    // 保安軍 (line 13: 宋遣保安軍判官邵良佐…) is a located place of the sample.
    assert.ok(collection.features.some((f) => f.properties?.name === "保安軍"));
    assert.ok(
      collection.features.every((f) =>
        ((f.properties?.entries as string[] | undefined) ?? [f.properties?.entry]).every((e) =>
          String(e).startsWith("xixia/"),
        ),
      ),
    );

    const gexf = await download("format=gexf&entity=person:yuanhao");
    assert.equal(gexf.type, "application/gexf+xml; charset=utf-8");
    const graph = parseGexf(MultiGraph, gexf.body);
    // Every entry naming 元昊 is about Xia: 西夏 and 宋 both take part in its embassies.
    assert.ok(graph.hasNode("polity:xixia"));
    assert.ok(graph.hasNode("polity:song"));
  });

  test("a selection that is missing or empty, or a bad format, is refused with a problem", async () => {
    const problem = async (query: string, status: number, detail: RegExp) => {
      const response = await app.request(`/api/export?${query}`);
      assert.equal(response.status, status, query);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      assert.match(((await response.json()) as { detail: string }).detail, detail);
    };
    await problem("format=tei", 400, /Choose what to export/);
    await problem(`format=csv&q=${encodeURIComponent("無此之語")}`, 404, /holds no entry/);
    await problem("format=pdf&document=1", 400, /Invalid parameter: format/);
    await problem("format=csv&table=people&document=1", 400, /Invalid parameter: table/);
  });

  test("a selection larger than an export holds is refused with what to do", async () => {
    // A store whose search finds one entry more than an export holds.
    const crowded = {
      search: async () => ({ total: MAX_EXPORT_ENTRIES + 1, limit: 100, offset: 0, results: [] }),
    } as unknown as Store;
    await assert.rejects(selectedEntries(crowded, { q: "之" }), (error: Error) => {
      assert.match(
        error.message,
        new RegExp(`holds ${MAX_EXPORT_ENTRIES + 1} entries; an export holds ${MAX_EXPORT_ENTRIES} at most`),
      );
      return true;
    });
    const ids = Array.from({ length: MAX_EXPORT_DOCUMENTS + 1 }, (_, i) => `${i + 1}:e1`);
    await assert.rejects(selectionDocuments(store, ids), /lie in 41 documents; an export reads 40 at most/);
  });
});
