/** The search index's texts in the table's own pages on PostgreSQL (schema version 9). */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FOLD_VERSION } from "../../src/search/fold.ts";
import { openPostgresStore, type PostgresStore, type SearchRequest } from "../../src/store/index.ts";
import { tableDdl } from "../../src/store/postgres/ddl.ts";
import { INLINE_ROW_BYTES } from "../../src/store/postgres/inline-texts.ts";
import { EXACT_KEYS_DDL } from "../../src/store/postgres/keys.ts";
import type { PostgresMigrationPlan } from "../../src/store/postgres/migrate.ts";
import { PAIR_POSTINGS_DDL } from "../../src/store/postgres/pairs.ts";
import { POSTGRES_SCHEMA_VERSION, POSTINGS_DDL } from "../../src/store/postgres/postings.ts";
import { SEARCH_DDL } from "../../src/store/postgres/search.ts";
import * as schema from "../../src/store/schema.ts";
import { openSqliteStore } from "../../src/store/sqlite/store.ts";
import { CHANGBIAN_143, documentInput, SAMPLE } from "./fixtures.ts";
import { freshSchema, POSTGRES_SKIP, POSTGRES_URL } from "./postgres-server.ts";

/** Version 8: every table and index of today but the setting. */
const V8: PostgresMigrationPlan = {
  version: 8,
  async create(c) {
    const ddl = [
      ...schema.tables.flatMap(tableDdl),
      ...SEARCH_DDL,
      ...POSTINGS_DDL,
      ...EXACT_KEYS_DDL,
      ...PAIR_POSTINGS_DDL,
    ];
    await c.query(ddl.join(";\n"));
    await c.query("INSERT INTO meta (key, value) VALUES ('fold_version', $1)", [String(FOLD_VERSION)]);
  },
  migrations: [],
};

/** How many rows of `entry_search` have a text out in the TOAST table, and how many are too long to fit a page. */
async function outOfLine(store: PostgresStore): Promise<{ moved: number; tooLong: number }> {
  const toast = await store.pool.query<{ name: string }>(
    "SELECT reltoastrelid::regclass::text AS name FROM pg_class WHERE oid = 'entry_search'::regclass",
  );
  const moved = await store.pool.query<{ n: number }>(
    `SELECT count(DISTINCT chunk_id) AS n FROM ${toast.rows[0]!.name}`,
  );
  const tooLong = await store.pool.query<{ n: number }>(
    `SELECT count(*) AS n FROM entry_search WHERE octet_length(headline) + octet_length(body) > ${INLINE_ROW_BYTES}`,
  );
  return { moved: moved.rows[0]!.n, tooLong: tooLong.rows[0]!.n };
}

/** Terms of three characters and more, which read the texts, as the sample and 長編 卷139 write them. */
const REQUESTS: SearchRequest[] = [
  { query: "契丹主" },
  { query: "王堯臣", limit: 5 },
  { query: "招討使", limit: 3, offset: 2 },
  { query: "山界蕃部" },
  { query: "保安軍", state: "西夏" },
  { query: "招討使 韓琦" },
];

describe("PostgreSQL search texts in the row", { skip: POSTGRES_SKIP }, () => {
  test("a database of version 8 is brought up to date: its long texts come back into their rows, and searches answer as SQLite's", async () => {
    const name = freshSchema();
    const old = await openPostgresStore(POSTGRES_URL!, { schema: name, plan: V8 });
    await old.putDocument(documentInput(SAMPLE));
    await old.putDocument(documentInput(CHANGBIAN_143, { corpus: "changbian", path: "143.txt" }));
    const before = await outOfLine(old);
    // 長編 卷139 has entries of more than 2 KB of folded text: PostgreSQL's own threshold moved them out.
    assert.ok(before.moved > before.tooLong, `moved out before: ${JSON.stringify(before)}`);
    await old.close();

    const upgraded = await openPostgresStore(POSTGRES_URL!, { schema: name });
    try {
      const version = await upgraded.pool.query("SELECT version FROM schema_version");
      assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
      assert.equal(POSTGRES_SCHEMA_VERSION, 10);
      const after = await outOfLine(upgraded);
      assert.equal(after.moved, after.tooLong, "only rows longer than a page stay out");
      const sqlite = openSqliteStore(":memory:");
      await sqlite.putDocument(documentInput(SAMPLE));
      await sqlite.putDocument(documentInput(CHANGBIAN_143, { corpus: "changbian", path: "143.txt" }));
      for (const request of REQUESTS) {
        const [pg, lite] = [await upgraded.search(request), await sqlite.search(request)];
        assert.deepEqual(pg, lite, request.query);
        assert.ok(pg.total > 0, `${request.query} is found`);
      }
      await sqlite.close();
    } finally {
      await upgraded.close();
    }
  });

  test("a new database keeps every text that fits a page in its row", async () => {
    const store = await openPostgresStore(POSTGRES_URL!, { schema: freshSchema() });
    try {
      await store.putDocument(documentInput(CHANGBIAN_143, { corpus: "changbian", path: "143.txt" }));
      const { moved, tooLong } = await outOfLine(store);
      assert.equal(moved, tooLong);
      const long = await store.pool.query<{ n: number }>(
        "SELECT count(*) AS n FROM entry_search WHERE octet_length(headline) + octet_length(body) > 2100",
      );
      assert.ok(long.rows[0]!.n > tooLong, "rows PostgreSQL would have moved out by default");
    } finally {
      await store.close();
    }
  });
});
