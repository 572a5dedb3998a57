/**
 * SQLite's pair index (`src/store/sqlite/pairs.ts`) answers searches whose terms all have two
 * characters or more once it holds every entry: the totals must be those of a plain scan of the
 * stored texts, and the pages, scores and match offsets those of `entry_fts` ranking every match
 * (`ftsPage`), through replaced and deleted documents and the migration from schema version 6. It
 * is made after the entries are stored, in steps (`indexStep`), and until it is complete the
 * searches answer the same from `entry_fts`. Filtered searches join their matches with the
 * entries through a narrow index (`src/store/sqlite/search-filter.ts`).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { parseQuery } from "../../src/search/query.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import * as schema from "../../src/store/schema.ts";
import { pairColumns, pairExpressions, pairTerms } from "../../src/store/sqlite/pairs.ts";
import { FILTER_INDEX } from "../../src/store/sqlite/search-filter.ts";
import { check, dropPairIndex, storedFields } from "./char-postings-support.ts";
import { CHANGBIAN_143, documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-pairs-"));
after(() => rmSync(dir, { recursive: true, force: true }));

type Fields = Map<number, { key: string; fields: string[] }>;

/** Entries indexed by one slice of a step: few, so that the fixtures take several. */
const SLICE = 16;

/** Makes the pair index complete; returns how many steps it took. */
async function complete(store: SqliteStore): Promise<number> {
  let steps = 1;
  while (await store.indexStep(0)) steps++;
  return steps;
}

/** How many entries the pair index does not hold yet. */
const pending = (store: SqliteStore) =>
  (store.db.prepare("SELECT count(*) AS n FROM pairs_pending").get() as { n: number }).n;

/** A store of the three fixtures, its pair index complete unless `index` is false. */
async function storeOf(path: string, index = true): Promise<SqliteStore> {
  const store = openSqliteStore(path, { pairSlice: SLICE });
  await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
  await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
  await store.putDocument(documentInput(SYNTHETIC, { path: "synthetic.txt" }));
  if (index) await complete(store);
  return store;
}

/** Every distinct run of `length` code points of the stored texts, without spaces. */
function allRuns(fields: Fields, length: number): string[] {
  const runs = new Set<string>();
  for (const { fields: texts } of fields.values())
    for (const f of texts) {
      const chars = [...f];
      for (let i = 0; i + length <= chars.length; i++) {
        const run = chars.slice(i, i + length).join("");
        if (!/\s/u.test(run)) runs.add(run);
      }
    }
  return [...runs].sort();
}

/** Every `step`-th of a list. */
const everyNth = <T>(list: readonly T[], step: number) => list.filter((_, i) => i % step === 0);

/** FTS5's figures of both indexes agree: the averages record, and every row's size by column. */
function assertSameSizes(store: SqliteStore) {
  const block = (table: string) =>
    store.db.prepare(`SELECT hex(block) AS b FROM ${table}_data WHERE id = 1`).get() as { b: string };
  assert.deepEqual(block("entry_pairs"), block("entry_fts"));
  const sizes = (table: string) =>
    store.db.prepare(`SELECT id, hex(sz) AS sz FROM ${table}_docsize ORDER BY id`).all();
  assert.deepEqual(sizes("entry_pairs"), sizes("entry_fts"));
}

describe("SQLite pair index", () => {
  test("has as many tokens in every column as the character index", async () => {
    assert.deepEqual(pairColumns({ headline: "契丹主", details: ["a,", "", "之"], notes: [] }), {
      headline: "契丹 丹主 zy",
      details: "q61q2c zy zz zz zy",
      notes: "",
    });
    const store = await storeOf(":memory:");
    assertSameSizes(store);
    await store.close();
  });

  test("answers every two-character term with the totals of a scan and FTS5's order, scores and matches", async () => {
    const store = await storeOf(":memory:");
    const fields = storedFields(store);
    const pairs = allRuns(fields, 2);
    assert.ok(pairs.length > 5000, `${pairs.length} pairs`);
    for (const query of everyNth(pairs, 7)) await check(store, fields, { query, limit: 20 });
    for (const query of ["元昊", "契丹", "不可", "之之", "延州"])
      for (const offset of [0, 15, 37, 100])
        for (const documentId of [undefined, 2] as const)
          await check(store, fields, { query, limit: 25, offset, ...(documentId ? { documentId } : {}) });
    await store.close();
  });

  test("answers longer terms, several terms, pairs found nowhere, and punctuation", async () => {
    const store = await storeOf(":memory:");
    const fields = storedFields(store);
    for (const length of [3, 4])
      for (const query of everyNth(allRuns(fields, length), 97))
        await check(store, fields, { query, limit: 20 });
    const queries = [
      "范仲淹",
      "韓琦",
      "青鹽",
      "青盐 延州",
      "元昊 契丹",
      "國家之",
      "不得不",
      "之之之",
      // Characters of the texts that never stand together, in one term and across two.
      "盐青",
      "昊元",
      "元昊 昊元",
      // Punctuation and letters, which the tokens spell in hex.
      "元昊，",
      "，元",
      "a,",
      "1043",
    ];
    for (const query of queries)
      for (const offset of [0, 20])
        for (const documentId of [undefined, 1, 3] as const)
          await check(store, fields, { query, limit: 20, offset, ...(documentId ? { documentId } : {}) });
    assert.equal((await store.search({ query: "盐青" })).total, 0);
    assert.ok((await store.search({ query: "元昊，" })).total > 0);
    await store.close();
  });

  test("is what answers those searches, and only those", async () => {
    const store = await storeOf(":memory:");
    assert.equal(pairTerms(parseQuery("元昊 契丹")), true);
    assert.equal(pairTerms(parseQuery("元昊 夏")), false);
    assert.equal(pairTerms(parseQuery("\u{249BA}")), false, "one code point in two code units");
    assert.deepEqual(pairExpressions(parseQuery("韓琦 青鹽 范仲淹")), {
      match: '"韩琦" AND "青盐" AND "范仲 仲淹"',
      headline: 'headline : ("韩琦" OR "青盐" OR "范仲 仲淹")',
    });
    const before = (await store.search({ query: "元昊" })).total;
    assert.ok(before > 0);
    store.db.exec("INSERT INTO entry_pairs (entry_pairs) VALUES ('delete-all')");
    assert.equal((await store.search({ query: "元昊" })).total, 0);
    assert.equal(
      (await store.search({ query: "元昊 夏" })).total,
      (await store.search({ query: "夏 元昊" })).total,
    );
    assert.ok(
      (await store.search({ query: "元昊 夏" })).total > 0,
      "a one-character term ranks in entry_fts",
    );
    await store.close();
  });

  test("filters through the narrow index of the entries: the unfiltered ranking, restricted to the entries the filter lists", async () => {
    const store = await storeOf(":memory:");
    const filters = [
      { from: 1043, to: 1043 },
      { state: "北宋" },
      { documentId: 2 },
      { from: 1044, month: 5 },
    ];
    let narrowed = 0;
    for (const query of ["元昊", "契丹", "范仲淹", "之", "夏", "元昊 夏", "延州 使"])
      for (const filter of filters) {
        const listed = await store.listEntries(filter, { limit: 100_000 });
        const allowed = new Set(listed.results.map((e) => e.id));
        const all = await store.search({ query, limit: 100_000 });
        const expected = all.results.filter((r) => allowed.has(r.id));
        if (expected.length > 0 && expected.length < all.total) narrowed++;
        for (const offset of [0, 7]) {
          const page = await store.search({ query, limit: 10, offset, ...filter });
          const label = `${query} ${JSON.stringify(filter)} ${offset}`;
          assert.equal(page.total, expected.length, label);
          assert.deepEqual(page.results, expected.slice(offset, offset + 10), label);
        }
      }
    assert.ok(narrowed >= 10, `${narrowed} filters narrowed a search`);
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT count(*) FROM entry_pairs JOIN entries e INDEXED BY "${FILTER_INDEX}"
         ON e.id = entry_pairs.rowid JOIN years y ON y.id = e.year_id WHERE entry_pairs MATCH '"元昊"' AND e.month = 5`,
      )
      .all() as { detail: string }[];
    assert.ok(
      plan.some((r) => r.detail.includes(`COVERING INDEX ${FILTER_INDEX}`)),
      JSON.stringify(plan),
    );
    await store.close();
  });

  test("is made after the entries are stored, in steps, and searches answer the same before", async () => {
    const store = await storeOf(":memory:", false);
    const entries = (store.db.prepare("SELECT count(*) AS n FROM entries").get() as { n: number }).n;
    assert.ok(entries > 4 * SLICE, `${entries} entries`);
    assert.equal(pending(store), entries, "every entry waits for the pair index");
    assert.equal(
      (store.db.prepare("SELECT count(*) AS n FROM entry_pairs_docsize").get() as { n: number }).n,
      0,
    );
    const queries = ["元昊", "契丹 元昊", "范仲淹", "青盐", "元昊 夏", "延州"];
    const requests = queries.flatMap((query) => [
      { query, limit: 30 },
      { query, limit: 10, offset: 12, documentId: 2 },
    ]);
    const before = [];
    for (const r of requests) before.push(await store.search(r));
    // One step of no time indexes one slice.
    assert.equal(await store.indexStep(0), true);
    assert.equal(pending(store), entries - SLICE);
    const partial = [];
    for (const r of requests) partial.push(await store.search(r));
    assert.deepEqual(partial, before, "a partial pair index is not used");
    const steps = await complete(store);
    assert.equal(steps, Math.ceil((entries - SLICE) / SLICE));
    assert.equal(pending(store), 0);
    assert.equal(await store.indexStep(0), false);
    const after = [];
    for (const r of requests) after.push(await store.search(r));
    assert.deepEqual(after, before, "the complete pair index answers as entry_fts did");
    assertSameSizes(store);
    await store.close();
  });

  test("waits for no other writer: a step meeting one leaves its work for later", async () => {
    const path = join(dir, "busy.db");
    const store = await storeOf(path, false);
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    assert.equal(await store.indexStep(50), true, "still pending");
    assert.ok(performance.now() - started < 1000, "it did not wait for the other writer");
    other.exec("ROLLBACK");
    other.close();
    const remaining = pending(store);
    assert.ok(remaining > 0);
    await store.close();
    const writer = openSqliteStore(path);
    assert.equal(pending(writer), remaining);
    await complete(writer);
    assert.equal(pending(writer), 0);
    await writer.close();
  });

  test("stays in step with the character index when documents are replaced and deleted", async () => {
    const store = await storeOf(":memory:");
    await store.putDocument(documentInput(`${SYNTHETIC}夏五月，元昊遣使來。\n`, { path: "synthetic.txt" }));
    await store.deleteDocument(1);
    assert.ok(pending(store) > 0, "the replaced document's entries wait for the pair index");
    await complete(store);
    const fields = storedFields(store);
    for (const query of everyNth(allRuns(fields, 2), 11)) await check(store, fields, { query, limit: 20 });
    const rows = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
    assert.equal(rows("SELECT count(*) AS n FROM entry_pairs_docsize"), fields.size);
    assertSameSizes(store);
    await store.close();
  });

  test("is filled when a version 6 database is opened", async () => {
    const path = join(dir, "v6.db");
    const store = await storeOf(path);
    const queries = ["元昊", "契丹 元昊", "范仲淹", "之", "青盐"];
    const before = await Promise.all(queries.map((query) => store.search({ query, limit: 50 })));
    dropPairIndex(store.db);
    store.db.prepare("UPDATE schema_version SET version = 6").run();
    await store.close();
    const upgraded = openSqliteStore(path);
    assert.deepEqual(upgraded.db.prepare("SELECT version FROM schema_version").get(), { version: 7 });
    assert.equal(schema.SCHEMA_VERSION, 7);
    assert.ok(pending(upgraded) > 4 * SLICE, "the stored entries wait for the pair index");
    await complete(upgraded);
    assertSameSizes(upgraded);
    assert.ok(upgraded.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ?").get(FILTER_INDEX));
    assert.deepEqual(
      await Promise.all(queries.map((query) => upgraded.search({ query, limit: 50 }))),
      before,
    );
    const fields = storedFields(upgraded);
    for (const query of everyNth(allRuns(fields, 2), 31)) await check(upgraded, fields, { query, limit: 20 });
    await upgraded.close();
  });
});
