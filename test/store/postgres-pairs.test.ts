import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FOLD_VERSION } from "../../src/search/fold.ts";
import type { SearchRequest } from "../../src/store/index.ts";
import { openPostgresStore, type PostgresStore, type Store } from "../../src/store/index.ts";
import { tableDdl } from "../../src/store/postgres/ddl.ts";
import { EXACT_KEYS_DDL } from "../../src/store/postgres/keys.ts";
import type { PostgresMigrationPlan } from "../../src/store/postgres/migrate.ts";
import { POSTGRES_SCHEMA_VERSION, POSTINGS_DDL } from "../../src/store/postgres/postings.ts";
import { SEARCH_DDL } from "../../src/store/postgres/search.ts";
import * as schema from "../../src/store/schema.ts";
import { openSqliteStore } from "../../src/store/sqlite/store.ts";
import { CHANGBIAN_143, documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";
import { freshSchema, openTestStore, POSTGRES_SKIP, POSTGRES_URL } from "./postgres-server.ts";
import { postingsInStep } from "./postings-check.ts";

/** The pair postings, checked for every entry not pending. */
const PAIRS = { rows: "entry_pairs", groups: "entry_pair_groups", keysOf: "search_pairs", deferred: true };

/** The key of a pair of code points, written out: (first + 1) · 0x110000 + second. */
const key = (pair: string) => {
  const [a, b] = [...pair].map((c) => c.codePointAt(0)!);
  return (a! + 1) * 0x110000 + b!;
};

/** Completes the deferred index work of a store. */
async function complete(store: Store): Promise<void> {
  while (await store.indexStep?.(1000));
}

async function pending(store: PostgresStore): Promise<number> {
  return (await store.pool.query<{ n: number }>("SELECT count(*) AS n FROM pairs_pending")).rows[0]!.n;
}

/** Searches of two-character terms alone, together, with one-character terms and filters, paged. */
const REQUESTS: SearchRequest[] = [
  { query: "元昊" },
  { query: "元昊", limit: 3, offset: 4 },
  { query: "契丹", limit: 5 },
  { query: "遣使", limit: 50 },
  { query: "元昊 遣使" },
  { query: "元昊 使", limit: 4, offset: 2 },
  { query: "夏 宋 韓琦" },
  { query: "元昊", state: "西夏" },
  { query: "元昊 遣使", from: 1043, to: 1044 },
  { query: "元昊", order: "date", limit: 5 },
  { query: "之之" },
  { query: "元昊國" },
];

describe("PostgreSQL pair postings", { skip: POSTGRES_SKIP }, () => {
  test("counts each pair of the headline and of the body, overlapping ones too, none across paragraphs", async () => {
    const store = await openTestStore();
    const { rows } = await store.pool.query<{ key: number; head: number; body: number }>(
      "SELECT key, head, body FROM search_pairs($1, $2) ORDER BY key",
      ["韓琦言", "之之之\n之之,a"],
    );
    assert.deepEqual(
      rows,
      [
        { key: key(",a"), head: 0, body: 1 },
        { key: key("之,"), head: 0, body: 1 },
        // 之之 twice in 之之之, once in 之之 after the separator; 之\n and \n之 are not pairs.
        { key: key("之之"), head: 0, body: 3 },
        { key: key("琦言"), head: 1, body: 0 },
        { key: key("韓琦"), head: 1, body: 0 },
      ].sort((a, b) => a.key - b.key),
    );
    await store.close();
  });

  test("lists new entries as pending, answers alike before and after indexing them, and as SQLite does", async () => {
    const store = await openTestStore();
    const sqlite = openSqliteStore(":memory:");
    for (const s of [store, sqlite] as Store[]) {
      await s.putDocument(documentInput(SAMPLE));
      await s.putDocument(documentInput(CHANGBIAN_143, { corpus: "changbian", path: "143.txt" }));
    }
    const entries = await store.pool.query<{ n: number }>("SELECT count(*) AS n FROM entry_search");
    assert.equal(await pending(store), entries.rows[0]!.n, "the ingest lists every entry");
    assert.deepEqual(
      (await store.pool.query("SELECT count(*)::int AS n FROM entry_pairs")).rows,
      [{ n: 0 }],
      "the ingest writes no pairs",
    );
    const before = [];
    for (const request of REQUESTS) before.push(await store.search(request));
    // A step of no time still indexes one slice, of 256 entries (the lowest ids).
    const left = Math.max(0, entries.rows[0]!.n - 256);
    assert.equal(await store.indexStep(0), left > 0);
    assert.equal(await pending(store), left);
    await complete(store);
    await complete(sqlite);
    assert.equal(await pending(store), 0);
    assert.deepEqual(await postingsInStep(store, PAIRS), { missing: 0, extra: 0, groups: 0 });
    const groups = await store.pool.query<{ n: number }>(
      "SELECT sum(entries)::int AS n FROM entry_pair_groups WHERE key = $1",
      [key("元昊")],
    );
    const texts = await store.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM entry_search WHERE strpos(headline || body, '元昊') > 0",
    );
    assert.deepEqual(groups.rows, texts.rows, "the groups of 元昊 count the entries whose text holds it");
    let found = 0;
    for (const [i, request] of REQUESTS.entries()) {
      const expected = await sqlite.search(request);
      if (expected.total > 0) found++;
      assert.deepEqual(before[i], expected, `${request.query}, pending`);
      assert.deepEqual(await store.search(request), expected, `${request.query}, indexed`);
    }
    assert.ok(found >= REQUESTS.length - 3, "most of the searches find entries");
    await Promise.all([store.close(), sqlite.close()]);
  });

  test("keeps the postings in step when documents are replaced or deleted, pending or indexed", async () => {
    const store = await openTestStore();
    const sample = await store.putDocument(documentInput(SAMPLE));
    await complete(store);
    // Replaced while indexed; then a document deleted while still pending.
    await store.putDocument(documentInput(SYNTHETIC));
    const later = await store.putDocument(documentInput(CHANGBIAN_143, { path: "143.txt" }));
    assert.ok((await pending(store)) > 0);
    assert.equal(await store.deleteDocument(later.document.id), true);
    assert.deepEqual(await postingsInStep(store, PAIRS), { missing: 0, extra: 0, groups: 0 });
    await complete(store);
    assert.deepEqual(await postingsInStep(store, PAIRS), { missing: 0, extra: 0, groups: 0 });
    assert.equal(await store.deleteDocument(sample.document.id), true);
    const left = await store.pool.query(
      "SELECT (SELECT count(*)::int FROM entry_pairs) AS rows, (SELECT count(*)::int FROM entry_pair_groups WHERE entries <> 0) AS groups",
    );
    assert.deepEqual(left.rows, [{ rows: 0, groups: 0 }]);
    await store.close();
  });

  test("upgrades a version 7 schema: the pair postings are filled from the stored index, nothing pending", async () => {
    const name = freshSchema();
    const v7: PostgresMigrationPlan = {
      version: 7,
      async create(c) {
        const ddl = [...schema.tables.flatMap(tableDdl), ...SEARCH_DDL, ...POSTINGS_DDL, ...EXACT_KEYS_DDL];
        await c.query(ddl.join(";\n"));
        await c.query("INSERT INTO meta (key, value) VALUES ('fold_version', $1)", [String(FOLD_VERSION)]);
      },
      migrations: [],
    };
    const old = await openPostgresStore(POSTGRES_URL!, { schema: name, plan: v7 });
    await old.putDocument(documentInput(SAMPLE));
    await old.putDocument(documentInput(CHANGBIAN_143, { corpus: "changbian", path: "143.txt" }));
    const tables = await old.pool.query("SELECT to_regclass('entry_pairs') AS t");
    assert.deepEqual(tables.rows, [{ t: null }], "version 7 has no pair postings");
    await old.close();
    const upgraded = await openPostgresStore(POSTGRES_URL!, { schema: name });
    const version = await upgraded.pool.query("SELECT version FROM schema_version");
    assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
    assert.equal(POSTGRES_SCHEMA_VERSION, 10);
    assert.equal(await pending(upgraded), 0);
    const filterIndex = await upgraded.pool.query(
      "SELECT to_regclass('entries_search_filter') IS NOT NULL AS made",
    );
    assert.deepEqual(filterIndex.rows, [{ made: true }]);
    assert.deepEqual(await postingsInStep(upgraded, PAIRS), { missing: 0, extra: 0, groups: 0 });
    const sqlite = openSqliteStore(":memory:");
    await sqlite.putDocument(documentInput(SAMPLE));
    await sqlite.putDocument(documentInput(CHANGBIAN_143, { corpus: "changbian", path: "143.txt" }));
    await complete(sqlite);
    for (const request of REQUESTS)
      assert.deepEqual(await upgraded.search(request), await sqlite.search(request), request.query);
    // Written after the upgrade, a document's entries wait for a step.
    await upgraded.putDocument(documentInput(SYNTHETIC, { path: "later.txt" }));
    assert.ok((await pending(upgraded)) > 0);
    await complete(upgraded);
    assert.deepEqual(await postingsInStep(upgraded, PAIRS), { missing: 0, extra: 0, groups: 0 });
    await Promise.all([upgraded.close(), sqlite.close()]);
  });
});
