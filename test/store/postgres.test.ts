import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.ts";
import { FOLD_VERSION } from "../../src/search/fold.ts";
import { DOCUMENT_INFO_COLUMNS } from "../../src/store/document-info.ts";
import {
  describeLocation,
  isPostgresUrl,
  openPostgresStore,
  openStore,
  SchemaVersionError,
  StoreError,
} from "../../src/store/index.ts";
import { tableDdl } from "../../src/store/postgres/ddl.ts";
import { HEADLINE_KEY } from "../../src/store/postgres/keys.ts";
import type { PostgresMigrationPlan } from "../../src/store/postgres/migrate.ts";
import { POSTGRES_SCHEMA_VERSION } from "../../src/store/postgres/postings.ts";
import { SEARCH_DDL, termKeys } from "../../src/store/postgres/search.ts";
import { POSTGRES_PLAN, PostgresStore } from "../../src/store/postgres/store.ts";
import * as schema from "../../src/store/schema.ts";
import { openSqliteStore } from "../../src/store/sqlite/store.ts";
import { captureIO } from "../cli/run-cli.ts";
import { annotatedInput, CHANGBIAN_143, documentInput, SAMPLE, SAMPLE_PATH, SYNTHETIC } from "./fixtures.ts";
import { freshSchema, openTestStore, POSTGRES_SKIP, POSTGRES_URL, withClient } from "./postgres-server.ts";

const TYPES: Record<schema.ColumnType, string> = {
  integer: "bigint",
  real: "double precision",
  text: "text",
};
const CHILD_TABLES = [
  "years",
  "entries",
  "details",
  "citations",
  "notes",
  "variants",
  "entry_search",
  "entry_chars",
] as const;

async function counts(store: PostgresStore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of CHILD_TABLES) {
    out[table] = (await store.pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
  }
  return out;
}

/** What bm25's statistics must be: the live rows and their tokens. */
async function statistics(store: PostgresStore) {
  const { rows } = await store.pool.query<{ kept: string; counted: string }>(
    `SELECT (SELECT row(rows, tokens)::text FROM search_stats) AS kept,
            (SELECT row(count(*), coalesce(sum(tokens), 0))::text FROM entry_search) AS counted`,
  );
  return rows[0]!;
}

/**
 * Whether the postings hold what the index rows say: the same (character, entry) rows as
 * `search_chars` gives for the stored texts, and group counts that add up to them.
 */
async function postingsInStep(
  store: PostgresStore,
): Promise<{ missing: number; extra: number; groups: number }> {
  const { rows } = await store.pool.query<{ missing: number; extra: number; groups: number }>(
    `WITH expected AS (
       SELECT s.entry_id, k.key, k.head, k.body, s.tokens::integer AS tokens
       FROM entry_search s CROSS JOIN LATERAL search_chars(s.headline, s.body) k
     ), counted AS (
       SELECT key, head, body, count(*) AS entries FROM entry_chars GROUP BY 1, 2, 3
     )
     SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT entry_id, key, head, body, tokens FROM entry_chars) x) AS missing,
            (SELECT count(*) FROM (SELECT entry_id, key, head, body, tokens FROM entry_chars EXCEPT ALL SELECT * FROM expected) x) AS extra,
            (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT key, head, body, entries FROM entry_char_groups
                                   UNION ALL
                                   SELECT key, head, body, entries FROM entry_char_groups WHERE entries > 0 EXCEPT SELECT * FROM counted) x) AS groups`,
  );
  return rows[0]!;
}

/** A URL whose connections start in `schema` (libpq's `options` parameter). */
function urlWithSchema(name: string): string {
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set("options", `-c search_path=${name}`);
  return url.toString();
}

describe("PostgreSQL store", { skip: POSTGRES_SKIP }, () => {
  test("creates every declared table and column with mapped types, and stamps the versions", async () => {
    const store = await openTestStore();
    for (const table of schema.tables) {
      const { rows } = await store.pool.query<{
        column_name: string;
        data_type: string;
        is_nullable: string;
      }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table.name],
      );
      assert.deepEqual(
        rows.map((r) => [r.column_name, r.data_type, r.is_nullable === "YES"]),
        Object.entries(table.columns).map(([name, column]) => [
          name,
          TYPES[column.spec.type],
          column.spec.nullable,
        ]),
        table.name,
      );
    }
    const version = await store.pool.query("SELECT version FROM schema_version");
    assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
    const fold = await store.pool.query("SELECT value FROM meta WHERE key = 'fold_version'");
    assert.deepEqual(fold.rows, [{ value: String(FOLD_VERSION) }]);
    assert.match(tableDdl(schema.corpora)[0]!, /"id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY/);
    await store.close();
  });

  test("computes the same index keys in SQL as the query side does in JavaScript", async () => {
    const store = await openTestStore();
    const headline = "韓\u{249BA}言";
    const body = ", a.b\n青盐青盐";
    const { rows } = await store.pool.query<{ keys: string[] }>("SELECT search_keys($1, $2) AS keys", [
      headline,
      body,
    ]);
    const chars = [...`${headline}\n${body}`];
    const expected = new Set<number>();
    for (let i = 0; i < chars.length; i++) {
      for (const key of termKeys(chars[i]!)) expected.add(key);
      if (i > 0) for (const key of termKeys(chars[i - 1]! + chars[i]!)) expected.add(key);
    }
    // The headline's pairs again, apart: 韓𤦺 and 𤦺言.
    expected.add(HEADLINE_KEY + (0x97d3 + 1) * 0x110000 + 0x249ba);
    expected.add(HEADLINE_KEY + (0x249ba + 1) * 0x110000 + 0x8a00);
    assert.deepEqual(
      rows[0]!.keys.map(Number).sort((a, b) => a - b),
      [...expected].sort((a, b) => a - b),
    );
    assert.deepEqual(termKeys("青盐"), [(0x9752 + 1) * 0x110000 + 0x76d0], "a pair's key is exact");
    await store.close();
  });

  test("counts each character of the headline and of the body, by code point, without the paragraph separator", async () => {
    const store = await openTestStore();
    const { rows } = await store.pool.query<{ key: number; head: number; body: number }>(
      "SELECT key, head, body FROM search_chars($1, $2) ORDER BY key",
      ["韓\u{249BA}言", "言,a\n言言"],
    );
    assert.deepEqual(rows, [
      { key: 0x2c, head: 0, body: 1 },
      { key: 0x61, head: 0, body: 1 },
      { key: 0x8a00, head: 1, body: 3 },
      { key: 0x97d3, head: 1, body: 0 },
      { key: 0x249ba, head: 1, body: 0 },
    ]);
    await store.close();
  });

  test("ranks common characters and pairs page by page as SQLite does, across the tiers", async () => {
    const store = await openTestStore();
    const sqlite = openSqliteStore(":memory:");
    await store.putDocument(documentInput(SAMPLE));
    await sqlite.putDocument(documentInput(SAMPLE));
    // 之 stands in most entries of the sample, 夏 in the headlines of many: deep pages reach past
    // the first rows of several (headline, body) groups. 元昊 is in most entries, in the headline
    // of many: pages end in the first tier, straddle both, or lie in the second.
    for (const query of ["之", "夏", "使", "元昊"]) {
      const whole = await sqlite.search({ query, limit: 1000 });
      assert.ok(whole.total > 20, `${query} is common in the sample`);
      assert.deepEqual(await store.search({ query, limit: 1000 }), whole, query);
      for (const offset of [0, 3, 17, whole.total - 2]) {
        const page = await store.search({ query, limit: 4, offset });
        assert.deepEqual(
          page.results.map((r) => [r.id, r.score]),
          whole.results.slice(offset, offset + 4).map((r) => [r.id, r.score]),
          `${query} from ${offset}`,
        );
        assert.equal(page.total, whole.total);
      }
    }
    const texts = await store.pool.query<{ n: number }>(
      "SELECT count(*) AS n FROM entry_search WHERE strpos(headline || body, '之') > 0",
    );
    const groups = await store.pool.query<{ n: number }>(
      "SELECT sum(entries)::bigint AS n FROM entry_char_groups WHERE key = 20043",
    );
    assert.deepEqual(groups.rows, texts.rows, "the groups of 之 count the entries whose text holds it");
    await Promise.all([store.close(), sqlite.close()]);
  });

  test("upgrades a version 1 schema: the postings are filled and the keys rebuilt from the stored index", async () => {
    const name = freshSchema();
    const v1: PostgresMigrationPlan = {
      version: 1,
      async create(c) {
        await c.query([...schema.tables.flatMap(tableDdl), ...SEARCH_DDL].join(";\n"));
        await c.query("INSERT INTO meta (key, value) VALUES ('fold_version', $1)", [String(FOLD_VERSION)]);
      },
      migrations: [],
    };
    const old = await openPostgresStore(POSTGRES_URL!, { schema: name, plan: v1 });
    await old.putDocument(documentInput(SAMPLE));
    await old.putDocument(documentInput(SYNTHETIC, { path: "synthetic.txt" }));
    const tables = await old.pool.query("SELECT to_regclass('entry_chars') AS t");
    assert.deepEqual(tables.rows, [{ t: null }], "version 1 has no postings");
    await old.close();
    const upgraded = await openPostgresStore(POSTGRES_URL!, { schema: name });
    const version = await upgraded.pool.query("SELECT version FROM schema_version");
    assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
    assert.deepEqual(await postingsInStep(upgraded), { missing: 0, extra: 0, groups: 0 });
    const fresh = await openTestStore();
    await fresh.putDocument(documentInput(SAMPLE));
    await fresh.putDocument(documentInput(SYNTHETIC, { path: "synthetic.txt" }));
    for (const request of [
      { query: "之" },
      { query: "琦", offset: 0 },
      { query: "夏", year: 7, limit: 5 },
      { query: "元昊 遣使" },
      { query: "元昊", state: "宋" },
    ]) {
      assert.deepEqual(await upgraded.search(request), await fresh.search(request), request.query);
    }
    // Written after the upgrade, a document's postings come from the triggers.
    await upgraded.putDocument(documentInput(SYNTHETIC, { path: "later.txt" }));
    assert.deepEqual(await postingsInStep(upgraded), { missing: 0, extra: 0, groups: 0 });
    await Promise.all([upgraded.close(), fresh.close()]);
  });

  test("checks JSON columns and foreign keys", async () => {
    const store = await openTestStore();
    const mention = (data: string | null) =>
      store.pool.query(
        `INSERT INTO mentions (entry_id, ord, kind, start_offset, end_offset, text, field, rule, data)
         VALUES (1, 0, 'person', 0, 1, 'x', 'headline', 'name', $1)`,
        [data],
      );
    await assert.rejects(mention("{not json"), /invalid input syntax for type json/);
    await assert.rejects(mention(null), /foreign key/);
    await store.close();
  });

  test("leaves no orphan rows when a document is replaced or deleted, and keeps bm25's statistics", async () => {
    const store = await openTestStore();
    const first = await store.putDocument(documentInput(SAMPLE));
    const sample = await counts(store);
    assert.equal(sample.entries, 45);
    assert.equal(sample.entry_search, 45);
    await store.putDocument(documentInput(SYNTHETIC));
    assert.equal((await counts(store)).entries, 4);
    let stats = await statistics(store);
    assert.equal(stats.kept, stats.counted);
    assert.deepEqual(await postingsInStep(store), { missing: 0, extra: 0, groups: 0 });
    assert.equal(await store.deleteDocument(first.document.id), true);
    assert.deepEqual(await counts(store), Object.fromEntries(CHILD_TABLES.map((t) => [t, 0])));
    stats = await statistics(store);
    assert.deepEqual(stats, { kept: "(0,0)", counted: "(0,0)" });
    const left = await store.pool.query<{ n: number }>(
      "SELECT count(*) AS n FROM entry_char_groups WHERE entries <> 0",
    );
    assert.deepEqual(left.rows, [{ n: 0 }], "every group is back to no entries");
    await store.close();
  });

  test("stores a document in one transaction: a failure half-way leaves the database as it was", async () => {
    const store = await openTestStore();
    await store.putDocument(documentInput(SYNTHETIC, { path: "kept.txt" }));
    const before = await counts(store);
    const beforeStats = await statistics(store);
    // A document large enough for several batches, failing after the first.
    const big = documentInput(Array.from({ length: 8 }, () => SAMPLE).join("\n"), { path: "big.txt" });
    let reports = 0;
    await assert.rejects(
      store.putDocument(big, () => {
        if (++reports === 2) throw new Error("interrupted");
      }),
      /interrupted/,
    );
    assert.deepEqual(await counts(store), before);
    assert.deepEqual(await statistics(store), beforeStats);
    assert.equal(await store.findDocument("default", "big.txt"), null);
    // A text PostgreSQL cannot hold (NUL) is refused with the statement, and nothing is stored.
    const nul = documentInput("慶曆三年\n春正月，元昊\u0000遣使。\n", { path: "nul.txt" });
    await assert.rejects(store.putDocument(nul), StoreError);
    assert.deepEqual(await counts(store), before);
    await store.close();
  });

  test("refuses a schema with a newer version, and one of another program", async () => {
    const name = freshSchema();
    await (await openPostgresStore(POSTGRES_URL!, { schema: name })).close();
    await withClient((c) => c.query(`UPDATE "${name}".schema_version SET version = version + 1`));
    await assert.rejects(
      openPostgresStore(POSTGRES_URL!, { schema: name }),
      (error: unknown) =>
        error instanceof SchemaVersionError &&
        error.message.endsWith(
          `has schema version ${POSTGRES_SCHEMA_VERSION + 1}, but this version of biannian reads version ${POSTGRES_SCHEMA_VERSION} at most; upgrade biannian to open it`,
        ) &&
        !error.message.includes(new URL(POSTGRES_URL!).password),
    );
    const other = freshSchema();
    await withClient((c) => c.query(`CREATE SCHEMA "${other}"; CREATE TABLE "${other}".people (name text)`));
    await assert.rejects(openPostgresStore(POSTGRES_URL!, { schema: other }), /is not a biannian database/);
  });

  test("upgrades a version 3 schema: each document's work, juan and title read again from its text", async () => {
    const name = freshSchema();
    const store = await openPostgresStore(POSTGRES_URL!, { schema: name });
    await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
    await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
    const before = await store.listDocuments();
    // Version 3 had none of these columns.
    await store.pool.query(
      `ALTER TABLE documents ${Object.values(DOCUMENT_INFO_COLUMNS)
        .map((c) => `DROP COLUMN "${c}"`)
        .join(", ")}`,
    );
    await store.pool.query("UPDATE schema_version SET version = 3");
    await store.close();
    const upgraded = await openPostgresStore(POSTGRES_URL!, { schema: name });
    const version = await upgraded.pool.query("SELECT version FROM schema_version");
    assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
    assert.deepEqual(await upgraded.listDocuments(), before);
    assert.equal((await upgraded.findDocument("default", "KR2b0019_143.txt"))?.title, "長編 卷一百三十九");
    await upgraded.close();
  });

  test("upgrades a version 4 schema: the records' annotations move into their tables, each year gets its state", async () => {
    const name = freshSchema();
    const store = await openPostgresStore(POSTGRES_URL!, { schema: name });
    await store.putDocument(annotatedInput(SAMPLE, { path: "xixia.txt" }));
    await store.putDocument(annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
    const read = async (s: PostgresStore) => ({
      records: await Promise.all([1, 2].map((id) => s.getEntryRecords(id))),
      annotations: [...(await s.listAnnotations())],
      entities: await s.listEntities(),
      events: await s.listEvents({}, { limit: 10_000 }),
      index: await s.listEntryIndex(),
      filtered: await s.listEntries({ reckoningState: "北宋", entity: "person:fan-zhongyan" }),
    });
    const before = await read(store);
    assert.ok(before.filtered.total > 0);
    // Version 4 kept each record's annotations in its `extra` JSON, beside tables it never filled.
    const annotations = await store.listAnnotations();
    const { rows } = await store.pool.query<{
      id: number;
      document_id: number;
      local_id: string;
      extra: string;
    }>("SELECT id, document_id, local_id, extra FROM entries");
    for (const row of rows) {
      const found = annotations.get(`${row.document_id}:${row.local_id}`) ?? { mentions: [], events: [] };
      await store.pool.query("UPDATE entries SET extra = $1 WHERE id = $2", [
        JSON.stringify({ ...JSON.parse(row.extra), ...found }),
        row.id,
      ]);
    }
    await store.pool.query(`
      DROP TABLE event_roles, mentions, events, entities;
      CREATE TABLE "entities" ("id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "kind" text NOT NULL,
        "name" text NOT NULL, "data" text CHECK ("data" IS NULL OR "data"::json IS NOT NULL));
      CREATE TABLE "mentions" ("id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        "entry_id" bigint NOT NULL REFERENCES "entries" ("id") ON DELETE CASCADE, "kind" text NOT NULL,
        "start_offset" bigint NOT NULL, "end_offset" bigint NOT NULL, "text" text NOT NULL,
        "entity_id" bigint REFERENCES "entities" ("id") ON DELETE SET NULL);
      CREATE TABLE "events" ("id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        "entry_id" bigint NOT NULL REFERENCES "entries" ("id") ON DELETE CASCADE, "type" text NOT NULL,
        "data" text CHECK ("data" IS NULL OR "data"::json IS NOT NULL));
      ALTER TABLE years DROP COLUMN reckoning_state, DROP COLUMN date;
      ALTER TABLE documents DROP COLUMN annotation;
      UPDATE schema_version SET version = 4;
    `);
    await store.close();
    const upgraded = await openPostgresStore(POSTGRES_URL!, { schema: name });
    const version = await upgraded.pool.query("SELECT version FROM schema_version");
    assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
    assert.deepEqual(await read(upgraded), before);
    assert.equal(await upgraded.getDocumentAnnotation(1), null);
    await upgraded.close();
  });

  test("upgrades an older schema step by step, in one transaction", async () => {
    const name = freshSchema();
    const v1: PostgresMigrationPlan = {
      version: 1,
      create: async (c) => {
        await c.query("CREATE TABLE schema_version (version bigint NOT NULL); CREATE TABLE t (a text)");
      },
      migrations: [],
    };
    const v3: PostgresMigrationPlan = {
      version: 3,
      create: () => assert.fail("an existing schema is not created again"),
      migrations: [
        {
          version: 2,
          description: "add b",
          up: async (c) => void (await c.query("ALTER TABLE t ADD b text")),
        },
        {
          version: 3,
          description: "add c",
          up: async (c) => void (await c.query("ALTER TABLE t ADD c text")),
        },
      ],
    };
    const broken: PostgresMigrationPlan = {
      version: 5,
      create: async () => {},
      migrations: [
        {
          version: 4,
          description: "add d",
          up: async (c) => void (await c.query("ALTER TABLE t ADD d text")),
        },
        {
          version: 5,
          description: "fails",
          up: async (c) => void (await c.query("ALTER TABLE missing ADD e text")),
        },
      ],
    };
    const columns = () =>
      withClient(async (c) =>
        (
          await c.query<{ column_name: string }>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 't' ORDER BY ordinal_position",
            [name],
          )
        ).rows.map((r) => r.column_name),
      );
    // A plan that only creates tables: the stores open and close before any fold check.
    const open = (plan: PostgresMigrationPlan) =>
      openPostgresStore(POSTGRES_URL!, { schema: name, plan }).then((s) => s.close());
    await assert.rejects(open(v1), /meta/, "v1 has no meta table: the store stops after migrating");
    await assert.rejects(open(v3), /meta/);
    assert.deepEqual(await columns(), ["a", "b", "c"]);
    await assert.rejects(open(broken), /relation "missing" does not exist/);
    assert.deepEqual(await columns(), ["a", "b", "c"], "the failed upgrade left nothing behind");
    const version = await withClient((c) => c.query(`SELECT version FROM "${name}".schema_version`));
    assert.deepEqual(version.rows, [{ version: "3" }]);
  });

  test("creates the schema once when several stores open an empty one at the same time", async () => {
    const name = freshSchema();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(POSTGRES_URL!, { schema: name })));
    const version = await stores[0]!.pool.query("SELECT version FROM schema_version");
    assert.deepEqual(version.rows, [{ version: POSTGRES_SCHEMA_VERSION }]);
    await Promise.all(stores.map((s) => s.close()));
  });

  test("rebuilds the search index when the folding version changed", async () => {
    const store = await openTestStore();
    await store.putDocument(documentInput(SAMPLE));
    const before = await store.search({ query: "青盐", limit: 100 });
    await store.pool.query("DELETE FROM entry_search");
    await store.pool.query("UPDATE meta SET value = '0' WHERE key = 'fold_version'");
    assert.equal((await store.search({ query: "青盐" })).total, 0);
    const name = (await store.pool.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]!.s;
    await store.close();
    const reopened = await openPostgresStore(POSTGRES_URL!, { schema: name });
    assert.deepEqual(await reopened.search({ query: "青盐", limit: 100 }), before);
    const stats = await statistics(reopened);
    assert.equal(stats.kept, stats.counted);
    assert.deepEqual(await postingsInStep(reopened), { missing: 0, extra: 0, groups: 0 });
    await reopened.close();
  });

  test("binds every value: SQL in filters and queries is only text", async () => {
    const store = await openTestStore();
    await store.putDocument(documentInput(SAMPLE));
    const evil = "'; DROP TABLE entries; --";
    assert.equal((await store.listEntries({ era: evil, state: evil, work: evil, corpus: evil })).total, 0);
    for (const query of [evil, "$1", "E'\\n'", "(?=x)", "\\", "%_"]) {
      assert.equal((await store.search({ query })).total, 0, query);
    }
    assert.equal(await store.getSource(evil), null);
    assert.equal((await store.listEntries({ year: 7.5 })).total, 0, "a fractional number finds nothing");
    assert.equal((await store.listEntries()).total, 45);
    await store.close();
  });

  test("refuses a database that is not UTF8, and says which server it could not reach", async (t) => {
    const database = `biannian_latin1_${process.pid}`;
    try {
      await withClient((c) =>
        c.query(
          `CREATE DATABASE ${database} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`,
        ),
      );
    } catch (error) {
      t.skip(`cannot create a database on this server: ${(error as Error).message}`);
      return;
    }
    try {
      const url = new URL(POSTGRES_URL!);
      url.pathname = `/${database}`;
      await assert.rejects(
        openPostgresStore(url.toString()),
        /has the encoding LATIN1; biannian needs a UTF8/,
      );
    } finally {
      await withClient((c) => c.query(`DROP DATABASE ${database}`));
    }
    await assert.rejects(
      openPostgresStore("postgres://nobody:secret@127.0.0.1:1/none"),
      (error: unknown) =>
        error instanceof Error &&
        error.message.startsWith("Cannot connect to postgres://nobody@127.0.0.1:1/none") &&
        !error.message.includes("secret"),
    );
  });

  test("opens PostgreSQL for a postgres:// URL and SQLite for anything else", async () => {
    assert.equal(isPostgresUrl("postgres://a@b/c"), true);
    assert.equal(isPostgresUrl("postgresql://a@b/c"), true);
    assert.equal(isPostgresUrl("/tmp/postgres://x.db"), false);
    assert.equal(describeLocation("postgres://ann:secret@db/biannian"), "postgres://ann@db/biannian");
    assert.equal(describeLocation("/tmp/biannian.db"), "/tmp/biannian.db");
    const name = freshSchema();
    await withClient((c) => c.query(`CREATE SCHEMA "${name}"`));
    const store = await openStore(urlWithSchema(name));
    assert.ok(store instanceof PostgresStore);
    assert.deepEqual(await store.listDocuments(), []);
    await store.close();
    const sqlite = await openStore(":memory:");
    assert.ok(!(sqlite instanceof PostgresStore));
    await sqlite.close();
    assert.equal(POSTGRES_PLAN.version, POSTGRES_SCHEMA_VERSION);
  });

  test("ingests and searches from the command line with --db and BIANNIAN_DB", async () => {
    const name = freshSchema();
    await withClient((c) => c.query(`CREATE SCHEMA "${name}"`));
    const url = urlWithSchema(name);
    let io = captureIO();
    assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", url], io), 0, io.stderr);
    assert.match(io.stdout, /^added {5}.*\(45 entries, 9,281 characters\)\n1 file: 1 added/);
    assert.ok(io.stdout.trimEnd().endsWith(`— ${describeLocation(url)}`));
    assert.ok(!io.stdout.includes(new URL(POSTGRES_URL!).password));
    const previous = process.env.BIANNIAN_DB;
    process.env.BIANNIAN_DB = url;
    try {
      io = captureIO();
      assert.equal(await run(["search", "青鹽", "--format", "json"], io), 0, io.stderr);
      const page = JSON.parse(io.stdout);
      assert.equal(page.total, 2, "青鹽 stands in two entries of the sample");
      io = captureIO();
      assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH)], io), 0);
      assert.match(io.stdout, /^1 file: 0 added, 0 replaced, 1 unchanged/m);
    } finally {
      if (previous === undefined) delete process.env.BIANNIAN_DB;
      else process.env.BIANNIAN_DB = previous;
    }
  });
});
