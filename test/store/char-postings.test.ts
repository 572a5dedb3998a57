/**
 * SQLite's search answers from the per-character postings (`src/store/sqlite/chars.ts`) and with
 * fewer index passes for longer terms: the totals must be those of a plain scan of the stored
 * texts, and the pages, scores and match offsets those of FTS5 ranking every match as the store did
 * before (`bm25(entry_fts, 4, 1, 1)` over the two tiers, written out here), through replaced
 * documents and the migration from schema version 5. The postings of new entries are made after
 * they are stored (`indexStep`, with the pair index); until then the searches answer the same from
 * `entry_fts`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import * as schema from "../../src/store/schema.ts";
import { CharPostings, POSTED_CHARS_KEY } from "../../src/store/sqlite/chars.ts";
import { COMMON_CHARS } from "../../src/store/sqlite/common-chars.ts";
import { check, dropCharPostings, ftsPage, scanCount, storedFields } from "./char-postings-support.ts";
import { CHANGBIAN_143, documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-chars-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every character of the stored texts. */
function allChars(fields: Map<number, { key: string; fields: string[] }>): string[] {
  const chars = new Set<string>();
  for (const { fields: texts } of fields.values()) for (const f of texts) for (const c of f) chars.add(c);
  return [...chars].filter((c) => c.trim() !== "").sort();
}

/** Makes the postings (and the pair index) of every stored entry. */
async function complete(store: SqliteStore): Promise<void> {
  while (await store.indexStep(0));
}

/** How many entries have postings. */
const posted = (store: SqliteStore) =>
  (store.db.prepare("SELECT count(*) AS n FROM entry_tokens").get() as { n: number }).n;

/** A store of the three fixtures, its postings made unless `index` is false. */
async function storeOf(path: string, index = true): Promise<SqliteStore> {
  // Steps of a few entries, so that the fixtures take several.
  const store = openSqliteStore(path, { pairSlice: 16 });
  await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
  await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
  await store.putDocument(documentInput(SYNTHETIC, { path: "synthetic.txt" }));
  if (index) await complete(store);
  return store;
}

describe("SQLite per-character postings", () => {
  test("answer every one-character search with FTS5's totals, order, scores and matches", async () => {
    const store = await storeOf(":memory:");
    const fields = storedFields(store);
    const chars = allChars(fields);
    assert.ok(chars.length > 1000, `${chars.length} characters`);
    for (const c of chars) await check(store, fields, { query: c, limit: 20 });
    // Paged through the most common characters, past the headline tier's end.
    for (const c of ["之", "夏", "使", "不", "元", "，"])
      for (const offset of [0, 15, 20, 37, 100, 233, 480])
        await check(store, fields, { query: c, limit: 25, offset });
    // The postings answer these by themselves (not falling back on the index of every match).
    const postings = new CharPostings(store.db);
    const 之 = postings.rank("之", { limit: 20, offset: 40 });
    assert.deepEqual(
      之?.ranked.map((r) => r.id),
      ftsPage(store, { query: "之", limit: 20, offset: 40 }).ids,
    );
    assert.equal(之?.total, scanCount(fields, "之"));
    assert.equal(postings.rank("之", { limit: 20, offset: 990 }), null, "deeper than the postings go");
    assert.ok(!COMMON_CHARS.includes("盐"));
    assert.equal(postings.rank("盐", { limit: 20, offset: 0 }), null, "a character without postings");
    await store.close();
  });

  test("give the same answers for longer terms, several terms and filters, in every tier and page", async () => {
    const store = await storeOf(":memory:");
    const fields = storedFields(store);
    const queries = [
      "元昊",
      "契丹",
      "青盐",
      "青鹽",
      "范仲淹",
      "韓琦",
      "延州",
      "不可",
      "元昊 契丹",
      "夏 宋",
      "詔 延州",
      "之之",
      "宰相以",
      "國家之",
    ];
    for (const query of queries)
      for (const offset of [0, 3, 20, 41])
        for (const documentId of [undefined, 1, 2] as const)
          await check(store, fields, { query, limit: 20, offset, ...(documentId ? { documentId } : {}) });
    for (const query of ["使", "夏"]) await check(store, fields, { query, limit: 20, documentId: 2 });
    await store.close();
  });

  test("are made after the entries are stored, and one-character searches answer the same before", async () => {
    const store = await storeOf(":memory:", false);
    const fields = storedFields(store);
    assert.equal(posted(store), 0, "no postings when the entries are stored");
    const requests = ["之", "夏", "使", "，", "元"].flatMap((query) => [
      { query, limit: 20 },
      { query, limit: 25, offset: 37 },
    ]);
    const before = [];
    for (const r of requests) before.push(await check(store, fields, r));
    // One step makes some of the postings: they are not used until they hold every entry.
    await store.indexStep(0);
    assert.ok(posted(store) > 0 && posted(store) < fields.size, `${posted(store)} of ${fields.size}`);
    for (const [i, r] of requests.entries()) assert.deepEqual(await store.search(r), before[i]);
    await complete(store);
    assert.equal(posted(store), fields.size);
    const postings = new CharPostings(store.db);
    assert.equal(postings.rank("之", { limit: 20, offset: 0 })?.total, scanCount(fields, "之"));
    for (const [i, r] of requests.entries()) assert.deepEqual(await store.search(r), before[i]);
    await store.close();
  });

  test("stay in step with the index when documents are replaced and deleted", async () => {
    const store = await storeOf(":memory:");
    await store.putDocument(documentInput(`${SYNTHETIC}夏五月，元昊遣使來。\n`, { path: "synthetic.txt" }));
    await store.deleteDocument(1);
    await complete(store);
    const fields = storedFields(store);
    for (const c of allChars(fields)) await check(store, fields, { query: c, limit: 20 });
    const rows = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
    assert.equal(rows("SELECT count(*) AS n FROM entry_tokens"), fields.size);
    await store.close();
  });

  test("are filled when a version 5 database is opened", async () => {
    const path = join(dir, "v5.db");
    const store = await storeOf(path);
    const queries = ["之", "夏", "青", "元昊"];
    const before = await Promise.all(queries.map((query) => store.search({ query, limit: 50 })));
    dropCharPostings(store.db);
    store.db.prepare("UPDATE schema_version SET version = 5").run();
    await store.close();
    const upgraded = openSqliteStore(path);
    assert.deepEqual(upgraded.db.prepare("SELECT version FROM schema_version").get(), {
      version: schema.SCHEMA_VERSION,
    });
    const fields = storedFields(upgraded);
    assert.deepEqual(
      await Promise.all(queries.map((query) => upgraded.search({ query, limit: 50 }))),
      before,
    );
    for (const c of allChars(fields).slice(0, 300)) await check(upgraded, fields, { query: c, limit: 20 });
    await upgraded.close();
  });

  test("are made again when they hold other characters than the code lists", async () => {
    const path = join(dir, "other-list.db");
    const store = await storeOf(path);
    new CharPostings(store.db).clear();
    store.db.prepare("UPDATE meta SET value = '之' WHERE key = ?").run(POSTED_CHARS_KEY);
    await store.close();
    const reopened = openSqliteStore(path);
    assert.equal(new CharPostings(reopened.db).current(), true);
    const fields = storedFields(reopened);
    for (const c of [...COMMON_CHARS].slice(0, 40)) await check(reopened, fields, { query: c, limit: 20 });
    const tokens = reopened.db.prepare("SELECT count(*) AS n FROM entry_tokens").get() as { n: number };
    assert.equal(tokens.n, fields.size);
    await reopened.close();
  });
});
