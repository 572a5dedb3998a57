/** Terms of three characters or more in the pair postings, by where the pairs stand (PostgreSQL schema version 10). */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SearchRequest } from "../../src/store/index.ts";
import { openPostgresStore, type PostgresStore, type Store } from "../../src/store/index.ts";
import { coveringPairs } from "../../src/store/postgres/positional.ts";
import { POSTGRES_SCHEMA_VERSION } from "../../src/store/postgres/postings.ts";
import { openSqliteStore } from "../../src/store/sqlite/store.ts";
import { CHANGBIAN_143, documentInput, SAMPLE } from "./fixtures.ts";
import { freshSchema, openTestStore, POSTGRES_SKIP, POSTGRES_URL } from "./postgres-server.ts";

/**
 * A chronicle of one entry a line, whose entries repeat their terms: 之之之 stands twice in
 * 之之之之 and three times in 之之之之之, two entries hold 西夏國主, 元昊遣 stands twice in the
 * last entry and runs across the two before it (no hit), and ASCII and a character outside the
 * BMP stand in terms.
 */
const REPEATS = [
  "慶曆三年（癸未，1043）",
  "春正月，西夏國主遣使。之之之之。",
  "西夏國主元昊遣使來。之之之之之。",
  "二月，韓\u{249BA}言Ab C事。元昊",
  "遣人至延州。",
  "三月，元昊遣使，元昊遣人。",
  "",
].join("\n");

/** Terms of three to six characters, alone, paged, filtered, in twos and with shorter terms. */
const REQUESTS: SearchRequest[] = [
  { query: "契丹主" },
  { query: "王堯臣", limit: 5 },
  { query: "招討使", limit: 3, offset: 2 },
  { query: "山界蕃部" },
  { query: "保安軍", state: "西夏" },
  { query: "元昊遣", from: 1043, to: 1043 },
  { query: "招討使 韓琦" },
  { query: "元昊遣 使 西夏國主" },
  { query: "之之之" },
  { query: "之之之之" },
  { query: "西夏國主" },
  { query: "西夏国主元昊" },
  { query: "韓琦言" },
  { query: "ab c" },
  { query: "言ab" },
  { query: "\u{249BA}言AB" },
  { query: "元昊遣使來" },
  { query: "元昊遣", order: "date" },
  { query: "夏國主遣使來朝" },
];

/** Completes the deferred index work of a store. */
async function complete(store: Store): Promise<void> {
  while (await store.indexStep?.(1000));
}

async function pending(store: PostgresStore): Promise<number> {
  return (await store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pairs_pending")).rows[0]!.n;
}

/** Asserts that every request gets from `store` what it gets from `sqlite`. */
async function answersAsSqlite(store: Store, sqlite: Store, when = ""): Promise<void> {
  for (const request of REQUESTS)
    assert.deepEqual(await store.search(request), await sqlite.search(request), `${request.query}${when}`);
}

/** Stores the sample, 長編 卷143 and the repeats in each store, and completes their deferred index work. */
async function fill(...stores: Store[]): Promise<void> {
  for (const store of stores) {
    await store.putDocument(documentInput(SAMPLE));
    await store.putDocument(documentInput(CHANGBIAN_143, { corpus: "changbian", path: "143.txt" }));
    await store.putDocument(documentInput(REPEATS, { corpus: "repeats", path: "repeats.txt" }));
    await complete(store);
  }
}

test("a term is covered by every other pair from the first, and the last", () => {
  const offsets = (n: number) =>
    coveringPairs(Array.from({ length: n }, (_, i) => 0x4e00 + i)).map((p) => p.offset);
  assert.deepEqual(offsets(2), [0]);
  assert.deepEqual(offsets(3), [0, 1]);
  assert.deepEqual(offsets(4), [0, 2]);
  assert.deepEqual(offsets(5), [0, 2, 3]);
  assert.deepEqual(offsets(6), [0, 2, 4]);
  // 西夏 (0x897f 0x590f) at 0, 國主 (0x570b 0x4e3b) at 2: (first + 1) · 0x110000 + second.
  assert.deepEqual(coveringPairs([0x897f, 0x590f, 0x570b, 0x4e3b]), [
    { key: 0x8980 * 0x110000 + 0x590f, offset: 0 },
    { key: 0x570c * 0x110000 + 0x4e3b, offset: 2 },
  ]);
});

describe("PostgreSQL terms of three characters or more", { skip: POSTGRES_SKIP }, () => {
  test("keeps where each pair stands in the headline and in the rest, in code points", async () => {
    const store = await openTestStore();
    const { rows } = await store.pool.query<{
      key: number;
      head_at: number[] | null;
      body_at: number[] | null;
    }>("SELECT key, head_at, body_at FROM search_pairs($1, $2) ORDER BY key", [
      "\u{249BA}言\u{249BA}言",
      "之之之\n之之",
    ]);
    const sorted = (a: number[] | null) => (a ? [...a].sort((x, y) => x - y) : null);
    const at = Object.fromEntries(rows.map((r) => [r.key, [sorted(r.head_at), sorted(r.body_at)]]));
    const key = (pair: string) => {
      const [a, b] = [...pair].map((c) => c.codePointAt(0)!);
      return (a! + 1) * 0x110000 + b!;
    };
    // 𤦺 is one code point: 𤦺言 stands at 0 and 2, 言𤦺 at 1.
    assert.deepEqual(at[key("\u{249BA}言")], [[0, 2], null]);
    assert.deepEqual(at[key("言\u{249BA}")], [[1], null]);
    // 之之 at 0 and 1 of 之之之, and at 4 of the body (after the separator at 3).
    assert.deepEqual(at[key("之之")], [null, [0, 1, 4]]);
    assert.equal(rows.length, 3);
    await store.close();
  });

  test("answers from the pair postings as SQLite does, without reading the texts", async () => {
    const name = freshSchema();
    const store = await openPostgresStore(POSTGRES_URL!, { schema: name });
    const sqlite = openSqliteStore(":memory:");
    try {
      await fill(store, sqlite);
      assert.equal(await pending(store), 0);
      const expected = [];
      let found = 0;
      for (const request of REQUESTS) {
        const answer = await sqlite.search(request);
        if (answer.total > 0) found++;
        expected.push(answer);
        assert.deepEqual(await store.search(request), answer, request.query);
      }
      assert.ok(found >= REQUESTS.length - 2, `most of the searches find entries (${found})`);
      // The repeats, counted by hand: 之之之 in two entries, 之之之之之 in one, 西夏國主 in two,
      // 元昊遣 in two (the second and the last; not across the third and fourth).
      const repeats = { corpus: "repeats" };
      assert.equal((await store.search({ query: "之之之", ...repeats })).total, 2);
      assert.equal((await store.search({ query: "之之之之之", ...repeats })).total, 1);
      assert.equal((await store.search({ query: "西夏國主", ...repeats })).total, 2);
      assert.equal((await store.search({ query: "元昊遣", ...repeats })).total, 2);

      // With the texts gone from the index rows, the same answers: only the postings were read.
      await store.pool.query("UPDATE entry_search SET headline = '', body = ''");
      for (const [i, request] of REQUESTS.entries()) {
        const { total, results } = await store.search(request);
        assert.equal(total, expected[i]!.total, request.query);
        assert.deepEqual(
          results.map((h) => [h.id, h.score]),
          expected[i]!.results.map((h) => [h.id, h.score]),
          request.query,
        );
      }
      // Where a pair stands in more entries than the limit, the texts are read: here, emptied.
      const texts = await openPostgresStore(POSTGRES_URL!, { schema: name, positionalMaxEntries: 0 });
      try {
        assert.equal((await texts.search({ query: "西夏國主" })).total, 0);
        const both = (await sqlite.search({ query: "元昊" })).total;
        assert.ok(both > 0);
        assert.equal(
          (await texts.search({ query: "元昊" })).total,
          both,
          "two characters: the pair postings still",
        );
      } finally {
        await texts.close();
      }
    } finally {
      await Promise.all([store.close(), sqlite.close()]);
    }
  });

  test("makes the pairs' index anew once many entries were added step by step, and answers the same", async () => {
    const compacting = await openTestStore({ compactPairsAfter: 50 });
    const small = await openTestStore();
    const sqlite = openSqliteStore(":memory:");
    const node = async (store: PostgresStore) =>
      (await store.pool.query<{ n: string }>("SELECT pg_relation_filenode('entry_pairs_rank')::text AS n"))
        .rows[0]!.n;
    try {
      // Rows added leave the index's file as it is; only making it anew changes it.
      const before = [await node(compacting), await node(small)];
      await fill(compacting, small, sqlite);
      assert.notEqual(await node(compacting), before[0], "made anew after more than 50 entries");
      assert.equal(await node(small), before[1], "not after fewer than the default");
      const indexes = await compacting.pool.query<{ valid: boolean; definition: string }>(
        `SELECT i.indisvalid AS valid, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i WHERE i.indrelid = 'entry_pairs'::regclass`,
      );
      assert.equal(indexes.rows.length, 1, "no copy left beside it");
      assert.ok(indexes.rows[0]!.valid);
      assert.match(indexes.rows[0]!.definition, /INCLUDE \(head_at, body_at\)/);
      await answersAsSqlite(compacting, sqlite);
    } finally {
      await Promise.all([compacting.close(), small.close(), sqlite.close()]);
    }
  });

  test("a database of version 9 is brought to 10: its pairs are made again with their places, pending until indexed", async () => {
    const name = freshSchema();
    const old = await openPostgresStore(POSTGRES_URL!, { schema: name });
    const sqlite = openSqliteStore(":memory:");
    try {
      await fill(old, sqlite);
      // Version 9's pair postings: no places.
      await old.pool.query(
        `ALTER TABLE entry_pairs DROP COLUMN head_at, DROP COLUMN body_at; UPDATE schema_version SET version = 9`,
      );
    } finally {
      await old.close();
    }
    const upgraded = await openPostgresStore(POSTGRES_URL!, { schema: name });
    try {
      const version = await upgraded.pool.query("SELECT version FROM schema_version");
      assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
      assert.equal(POSTGRES_SCHEMA_VERSION, 10);
      const entries = await upgraded.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM entry_search");
      assert.equal(await pending(upgraded), entries.rows[0]!.n, "every entry is pending");
      const pairs = await upgraded.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM entry_pairs");
      assert.equal(pairs.rows[0]!.n, 0);
      await answersAsSqlite(upgraded, sqlite, ", pending");
      await complete(upgraded);
      assert.equal(await pending(upgraded), 0);
      const placed = await upgraded.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM entry_pairs WHERE head_at IS NULL AND body_at IS NULL",
      );
      assert.equal(placed.rows[0]!.n, 0, "every pair has its places");
      await answersAsSqlite(upgraded, sqlite, ", indexed");
    } finally {
      await Promise.all([upgraded.close(), sqlite.close()]);
    }
  });
});
