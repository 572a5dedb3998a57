/**
 * Corrections travel with the exports of a database: the TEI gets a change log (`<revisionDesc>`,
 * each `<change>` with who and when, each corrector a `<respStmt>`) and stays valid against
 * tei_all; the CSV tables say where each mention and event comes from. The corrections are made
 * on 長編 卷一百四十一: 「所用者不過燕安朝路」 (燕安 is ease, not the place 燕) and 「遂伐燕薊」 (薊, 幽州).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { loadAuthority } from "../../src/annotate/authority/index.ts";
import { TEI_NS } from "../../src/export/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { cli } from "../cli/run-cli.ts";
import { JUAN_141, offsetIn } from "../store/corrections-contract.ts";
import { annotatedInput } from "../store/fixtures.ts";
import { root } from "./support.ts";

const SCHEMA = join(root, "..", "shared", "schemas", "tei_all.rng");
const dir = mkdtempSync(join(tmpdir(), "biannian-corrections-"));
const db = join(dir, "corrected.db");
const YAN_AN = offsetIn(JUAN_141, "所用者不過燕", "燕");
const JI = offsetIn(JUAN_141, "遂伐燕薊", "薊");

before(async () => {
  const store = openSqliteStore(db);
  const authority = loadAuthority();
  try {
    const { id } = (await store.putDocument(annotatedInput(JUAN_141, { path: "KR2b0019_141.txt" }))).document;
    const base = { documentId: id, target: "mention" as const, data: {}, reason: "" };
    await store.addCorrection({
      ...base,
      action: "remove",
      start: YAN_AN,
      end: YAN_AN + 1,
      author: "李燾",
      reason: "燕安 is ease",
    });
    const added = await store.addCorrection(
      {
        ...base,
        action: "add",
        start: JI,
        end: JI + 1,
        data: { kind: "place", ref: "place:youzhou" },
        author: "司馬光",
      },
      { knownEntity: (ref) => authority.get(ref) !== undefined },
    );
    const undone = await store.addCorrection(
      {
        ...base,
        action: "change",
        start: JI - 1,
        end: JI,
        author: "司馬光",
        data: { kind: "place", ref: "place:youzhou" },
      },
      { knownEntity: (ref) => authority.get(ref) !== undefined },
    );
    await store.undoCorrection(undone.id, "李燾");
    assert.ok(added.id < undone.id);
  } finally {
    await store.close();
  }
});

test("the TEI of a corrected document logs each correction with who and when", async () => {
  const { code, out } = await cli("export", "--db", db, "--format", "tei");
  assert.equal(code, 0);
  const doc = new DOMParser().parseFromString(out, "text/xml");
  const header = doc.getElementsByTagNameNS(TEI_NS, "teiHeader")[0]!;
  const resp = [...header.getElementsByTagNameNS(TEI_NS, "respStmt")].map((r) => [
    r.getAttribute("xml:id"),
    r.getElementsByTagNameNS(TEI_NS, "name")[0]!.textContent,
  ]);
  assert.deepEqual(resp, [
    ["corrector-1", "李燾"],
    ["corrector-2", "司馬光"],
  ]);
  const changes = [...header.getElementsByTagNameNS(TEI_NS, "change")] as Element[];
  // Most recent first: the undoing, then the three corrections in reverse order.
  assert.deepEqual(
    changes.map((c) => [c.getAttribute("who"), c.getAttribute("status")]),
    [
      ["#corrector-1", "undone"],
      ["#corrector-2", "applied"],
      ["#corrector-2", "applied"],
      ["#corrector-1", "applied"],
    ],
  );
  for (const c of changes) assert.ok(!Number.isNaN(Date.parse(c.getAttribute("when") ?? "")));
  assert.match(changes.at(-1)!.textContent ?? "", /removed the mention 「燕」.*燕安 is ease/);
  assert.match(changes[2]!.textContent ?? "", /added the mention 「薊」.*place:youzhou/);
  // The removed mention is not linked in the text; the added one is.
  const names = [...doc.getElementsByTagNameNS(TEI_NS, "placeName")].filter((p) =>
    (p.getAttribute("ref") ?? "").includes("youzhou"),
  );
  assert.ok(names.some((p) => p.textContent === "薊"));
});

test("the TEI of a corrected document validates against tei_all.rng", async (t) => {
  if (!existsSync(SCHEMA)) return t.skip(`no TEI schema at ${SCHEMA}`);
  if (spawnSync("jing", [], { encoding: "utf8" }).error) return t.skip("jing is not installed");
  const { out } = await cli("export", "--db", db, "--format", "tei");
  const file = join(dir, "corrected.tei.xml");
  writeFileSync(file, out);
  const result = spawnSync("jing", [SCHEMA, file], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test("the CSV tables say which annotations a correction made", async () => {
  const out = join(dir, "csv");
  assert.equal((await cli("export", "--db", db, "--format", "csv", "--out", out)).code, 0);
  const rows = readFileSync(join(out, "mentions.csv"), "utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n");
  assert.match(rows[0]!, /,field,source$/);
  const at = (start: number) => rows.filter((r) => r.split(",")[6] === String(start));
  assert.deepEqual(at(YAN_AN), [], "the removed mention is gone");
  assert.equal(at(JI).length, 1);
  assert.match(at(JI)[0]!, /,place,place:youzhou,薊,.*,correction \d+ by 司馬光 \d{4}-/);
  // 燕 of 燕薊 is the annotator's again: its correction was undone.
  assert.match(at(JI - 1)[0]!, /,place:yan,燕,.*,annotator$/);
  assert.match(readFileSync(join(out, "events.csv"), "utf8").split("\r\n")[0]!, /,roles,source$/);
});
