/**
 * The collation endpoints over a store holding the sample, 遼史 卷十九 and 長編 卷一百三十九: an
 * entry's other accounts, the parallels between documents, an entry's citations resolved.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { readChronicle } from "../../src/pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import type { DocumentInput } from "../../src/store/types.ts";

const corpus = (path: string) => readFileSync(new URL(`../../corpus/${path}`, import.meta.url), "utf8");

/** A chronicle read through every stage, as ingest stores it. */
function documentInput(text: string, options: { path: string }): DocumentInput {
  const { tree, records } = readChronicle(text);
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { corpus: "default", path: options.path, sha256, encoding: "utf-8", text, tree, records };
}

describe("collation endpoints", () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = openSqliteStore(":memory:");
    await store.putDocument(documentInput(corpus("xixia-ji-1043-1044.txt"), { path: "xixia.txt" }));
    await store.putDocument(documentInput(corpus("liaoshi/KR2a0033_019.txt"), { path: "KR2a0033_019.txt" }));
    await store.putDocument(
      documentInput(corpus("changbian/KR2b0019_143.txt"), { path: "KR2b0019_143.txt" }),
    );
    app = createApp(store);
  });
  after(() => store.close());
  const get = async (path: string) => {
    const response = await app.request(path);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  test("an entry's other accounts: 宋以契丹主親征夏國，遣餘靖致贐禮 in 遼史", async () => {
    const { status, body } = await get("/api/entries/1:e29/parallels");
    assert.equal(status, 200);
    const groups = body.groups as {
      score: number;
      entries: { id: string; documentTitle: string; headline: string }[];
    }[];
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.entries[0]!.id, "1:e29");
    const liao = groups[0]!.entries.find((e) => e.documentTitle === "遼史 卷十九 興宗本紀二")!;
    assert.ok(liao.headline.startsWith("宋以親征夏國遣余靖致贐禮"));
    // 宋建渭州籠竿城為德順軍: its account in 長編 卷一百三十九.
    const fort = (await get("/api/entries/1:e2/parallels")).body.groups as {
      entries: { headline: string }[];
    }[];
    assert.ok(fort[0]!.entries.some((e) => e.headline.startsWith("建渭州籠竿城為徳順軍")));
  });

  test("parallels between documents, and of one document against the others", async () => {
    const two = await get("/api/parallels?document=1&document=2");
    assert.equal(two.status, 200);
    const groups = two.body.groups as { entries: { id: string }[] }[];
    assert.ok(groups.length >= 10);
    assert.ok(groups.every((g) => g.entries.every((e) => /^[12]:/u.test(e.id))));
    const one = await get("/api/parallels?document=1&minScore=0.6");
    const strong = one.body.groups as { score: number; entries: { id: string }[] }[];
    assert.ok(strong.length > 0 && strong.every((g) => g.score >= 0.6));
    assert.ok(
      strong.some((g) => g.entries.some((e) => e.id.startsWith("3:"))),
      "長編 among them",
    );
  });

  test("an entry's citations resolve to the stored juan and its passage; an unstored juan says so", async () => {
    const { body } = await get("/api/entries/1:e2/citations");
    const citations = body.citations as {
      citation: { work: string; juan: number | null };
      stored: boolean;
      documents: { id: number; title: string }[];
      passages: { id: string; headline: string }[];
    }[];
    const j139 = citations.find((c) => c.citation.juan === 139)!;
    assert.equal(j139.stored, true);
    assert.deepEqual(j139.documents, [{ id: 3, title: "長編 卷一百三十九" }]);
    assert.ok(j139.passages[0]!.headline.startsWith("建渭州籠竿城為徳順軍"));
    const j149 = citations.find((c) => c.citation.juan === 149)!;
    assert.equal(j149.stored, false);
    assert.deepEqual(j149.passages, []);
  });

  test("bad requests get problem documents", async () => {
    assert.equal((await get("/api/entries/1:e999/parallels")).status, 404);
    assert.equal((await get("/api/entries/1:e1/parallels?minScore=2")).status, 400);
    assert.equal((await get("/api/parallels")).status, 400);
    assert.equal((await get("/api/parallels?document=abc")).status, 400);
    assert.equal((await get("/api/parallels?document=99")).status, 404);
    assert.equal((await get("/api/entries/1:e999/citations")).status, 404);
  });
});
