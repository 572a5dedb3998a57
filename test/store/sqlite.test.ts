import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import Database from "better-sqlite3";
import { FOLD_VERSION } from "../../src/search/fold.ts";
import { DOCUMENT_INFO_COLUMNS } from "../../src/store/document-info.ts";
import { openSqliteStore, SchemaVersionError, type SqliteStore } from "../../src/store/index.ts";
import * as schema from "../../src/store/schema.ts";
import { type MigrationPlan, migrate } from "../../src/store/sqlite/migrate.ts";
import { SQLITE_PLAN } from "../../src/store/sqlite/plan.ts";
import { dropCharPostings } from "./char-postings-support.ts";
import { annotatedInput, CHANGBIAN_143, documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `db-${++n}.db`);

const CHILD_TABLES = ["years", "entries", "details", "citations", "notes", "variants"] as const;
const ANNOTATION_TABLES = ["entities", "mentions", "events", "event_roles"] as const;

function tableCounts(store: SqliteStore, tables: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    tables.map((t) => [t, (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

/**
 * Turns a database of this version back into one of version 2, as that version wrote it: each
 * record's mentions and events in its `extra` JSON, the annotation tables as version 2 declared
 * them (and left empty), no reckoning state, no document annotation, no headings' days.
 */
async function downgradeToVersion2(store: SqliteStore): Promise<void> {
  const annotations = await store.listAnnotations();
  const rows = store.db.prepare("SELECT id, document_id, local_id, extra FROM entries").all() as {
    id: number;
    document_id: number;
    local_id: string;
    extra: string | null;
  }[];
  const setExtra = store.db.prepare("UPDATE entries SET extra = ? WHERE id = ?");
  for (const row of rows) {
    const found = annotations.get(`${row.document_id}:${row.local_id}`) ?? { mentions: [], events: [] };
    setExtra.run(JSON.stringify({ ...(row.extra ? JSON.parse(row.extra) : {}), ...found }), row.id);
  }
  dropCharPostings(store.db);
  store.db.exec(`
    DROP TABLE event_roles; DROP TABLE mentions; DROP TABLE events; DROP TABLE entities;
    CREATE TABLE "entities" ("id" INTEGER PRIMARY KEY, "kind" TEXT NOT NULL, "name" TEXT NOT NULL,
      "data" TEXT CHECK ("data" IS NULL OR json_valid("data"))) STRICT;
    CREATE INDEX "entities_kind_name" ON "entities" ("kind", "name");
    CREATE TABLE "mentions" ("id" INTEGER PRIMARY KEY,
      "entry_id" INTEGER NOT NULL REFERENCES "entries"("id") ON DELETE CASCADE, "kind" TEXT NOT NULL,
      "start_offset" INTEGER NOT NULL, "end_offset" INTEGER NOT NULL, "text" TEXT NOT NULL,
      "entity_id" INTEGER REFERENCES "entities"("id") ON DELETE SET NULL) STRICT;
    CREATE INDEX "mentions_entry_id" ON "mentions" ("entry_id");
    CREATE INDEX "mentions_entity_id" ON "mentions" ("entity_id");
    CREATE TABLE "events" ("id" INTEGER PRIMARY KEY,
      "entry_id" INTEGER NOT NULL REFERENCES "entries"("id") ON DELETE CASCADE, "type" TEXT NOT NULL,
      "data" TEXT CHECK ("data" IS NULL OR json_valid("data"))) STRICT;
    CREATE INDEX "events_entry_id" ON "events" ("entry_id");
    CREATE INDEX "events_type" ON "events" ("type");
    DROP INDEX "years_reckoning_state";
    ALTER TABLE years DROP COLUMN reckoning_state;
    ALTER TABLE years DROP COLUMN date;
    ALTER TABLE documents DROP COLUMN annotation;
    UPDATE schema_version SET version = 2;
  `);
}

function counts(store: SqliteStore): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of [...CHILD_TABLES, "entry_fts"]) {
    out[table] = (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return out;
}

function expectedCounts(text: string): Record<string, number> {
  const input = documentInput(text);
  const entries = input.tree.children.flatMap((y) => y.children);
  return {
    years: input.tree.children.length,
    entries: entries.length,
    details: entries.reduce((k, e) => k + e.details.length, 0),
    citations: input.records.reduce((k, r) => k + r.citations.length, 0),
    notes: input.records.reduce((k, r) => k + r.notes.length, 0),
    variants: input.records.reduce((k, r) => k + r.variants.length, 0),
    entry_fts: entries.length,
  };
}

describe("SQLite store", () => {
  test("opens a file in WAL mode with foreign keys on and a busy timeout", async () => {
    const store = openSqliteStore(freshPath());
    assert.equal(store.db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(store.db.pragma("foreign_keys", { simple: true }), 1);
    assert.equal(store.db.pragma("busy_timeout", { simple: true }), 5000);
    await store.close();
  });

  test("creates every declared table and column, and stamps the schema version", async () => {
    const store = openSqliteStore(":memory:");
    for (const table of schema.tables) {
      const columns = (store.db.prepare(`PRAGMA table_info(${table.name})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      assert.deepEqual(columns, Object.keys(table.columns), table.name);
    }
    assert.deepEqual(store.db.prepare("SELECT version FROM schema_version").all(), [
      { version: schema.SCHEMA_VERSION },
    ]);
    assert.deepEqual(store.db.prepare("SELECT value FROM meta WHERE key = 'fold_version'").get(), {
      value: String(FOLD_VERSION),
    });
    await store.close();
  });

  test("writes the annotations into their tables, and none for a document read without them", async () => {
    const store = openSqliteStore(":memory:");
    await store.putDocument(documentInput(SAMPLE));
    assert.deepEqual(tableCounts(store, ANNOTATION_TABLES), {
      entities: 0,
      mentions: 0,
      events: 0,
      event_roles: 0,
    });
    const input = annotatedInput(SAMPLE, { path: "annotated.txt" });
    await store.putDocument(input);
    const events = input.records.flatMap((r) => r.events);
    assert.deepEqual(tableCounts(store, ANNOTATION_TABLES), {
      entities: new Set(
        [
          ...input.records.flatMap((r) => r.mentions.map((m) => m.ref)),
          ...events.flatMap((e) => Object.values(e.roles).flatMap((list) => list.map((v) => v.ref))),
        ].filter((ref) => ref !== null),
      ).size,
      mentions: input.records.reduce((k, r) => k + r.mentions.length, 0),
      events: events.length,
      event_roles: events.reduce((k, e) => k + Object.values(e.roles).flat().length, 0),
    });
    // The records' JSON keeps only what has no column or table of its own.
    assert.deepEqual(store.db.prepare("SELECT DISTINCT extra FROM entries").pluck().all(), [
      '{"locus":null}',
    ]);
    await store.close();
  });

  test("leaves no orphan rows when a document is replaced or deleted", async () => {
    const store = openSqliteStore(freshPath());
    const first = await store.putDocument(documentInput(SAMPLE));
    assert.deepEqual(counts(store), expectedCounts(SAMPLE));
    await store.putDocument(documentInput(SYNTHETIC));
    assert.deepEqual(counts(store), expectedCounts(SYNTHETIC));
    assert.deepEqual(store.db.pragma("foreign_key_check"), []);
    // Mentions, events and roles of a replaced entry go with it; entities stay, unlinked.
    await store.putDocument({ ...annotatedInput(SYNTHETIC), replace: true });
    const named = tableCounts(store, ["entities"]).entities!;
    assert.ok(tableCounts(store, ["mentions"]).mentions! > 0);
    assert.equal(await store.deleteDocument(first.document.id), true);
    assert.deepEqual(counts(store), {
      years: 0,
      entries: 0,
      details: 0,
      citations: 0,
      notes: 0,
      variants: 0,
      entry_fts: 0,
    });
    assert.deepEqual(tableCounts(store, ANNOTATION_TABLES), {
      entities: named,
      mentions: 0,
      events: 0,
      event_roles: 0,
    });
    assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
    await store.close();
  });

  test("refuses a database with a newer schema, with a clear message", async () => {
    const path = freshPath();
    await openSqliteStore(path).close();
    const db = new Database(path);
    db.prepare("UPDATE schema_version SET version = ?").run(schema.SCHEMA_VERSION + 1);
    db.close();
    assert.throws(
      () => openSqliteStore(path),
      (error: unknown) =>
        error instanceof SchemaVersionError &&
        error.message ===
          `${path} has schema version ${schema.SCHEMA_VERSION + 1}, but this version of biannian reads version ${schema.SCHEMA_VERSION} at most; upgrade biannian to open it`,
    );
  });

  test("refuses a SQLite file of another program, and a file that is not SQLite", () => {
    const other = freshPath();
    const db = new Database(other);
    db.exec("CREATE TABLE people (name TEXT)");
    db.close();
    assert.throws(() => openSqliteStore(other), /is not a biannian database/);
    const text = freshPath();
    writeFileSync(text, "not a database at all, but long enough to have a header of sorts ".repeat(100));
    assert.throws(() => openSqliteStore(text), /is not a SQLite database/);
  });

  test("upgrades an older database step by step, in one transaction", () => {
    const path = freshPath();
    const v1: MigrationPlan = {
      version: 1,
      create: (db) =>
        db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL); CREATE TABLE t (a TEXT)"),
      migrations: [],
    };
    const v3: MigrationPlan = {
      version: 3,
      create: () => assert.fail("an existing database is not created again"),
      migrations: [
        { version: 2, description: "add b", up: (db) => db.exec("ALTER TABLE t ADD COLUMN b TEXT") },
        { version: 3, description: "add c", up: (db) => db.exec("ALTER TABLE t ADD COLUMN c TEXT") },
      ],
    };
    const db = new Database(path);
    assert.deepEqual(migrate(db, v1, path), { from: 0, to: 1 });
    assert.deepEqual(migrate(db, v3, path), { from: 1, to: 3 });
    assert.deepEqual(
      (db.prepare("PRAGMA table_info(t)").all() as { name: string }[]).map((c) => c.name),
      ["a", "b", "c"],
    );
    assert.deepEqual(migrate(db, v3, path), { from: 3, to: 3 });
    // A failing step leaves the database as it was.
    const broken: MigrationPlan = {
      version: 5,
      create: () => {},
      migrations: [
        { version: 4, description: "add d", up: (d) => d.exec("ALTER TABLE t ADD COLUMN d TEXT") },
        { version: 5, description: "fails", up: (d) => d.exec("ALTER TABLE missing ADD COLUMN e TEXT") },
      ],
    };
    assert.throws(() => migrate(db, broken, path), /no such table/);
    assert.deepEqual(db.prepare("SELECT version FROM schema_version").get(), { version: 3 });
    assert.equal((db.prepare("PRAGMA table_info(t)").all() as unknown[]).length, 3);
    db.close();
  });

  test("rebuilds the search index when the folding version changed", async () => {
    const path = freshPath();
    const store = openSqliteStore(path);
    await store.putDocument(documentInput(SAMPLE));
    const before = await store.search({ query: "青盐", limit: 100 });
    store.db.exec("INSERT INTO entry_fts (entry_fts) VALUES ('delete-all')");
    store.db.prepare("UPDATE meta SET value = '0' WHERE key = 'fold_version'").run();
    assert.equal((await store.search({ query: "青盐" })).total, 0);
    await store.close();
    const reopened = openSqliteStore(path);
    assert.deepEqual(await reopened.search({ query: "青盐", limit: 100 }), before);
    assert.deepEqual(reopened.db.prepare("SELECT value FROM meta WHERE key = 'fold_version'").get(), {
      value: String(FOLD_VERSION),
    });
    await reopened.close();
  });

  test("binds every value: SQL in filters and queries is only text", async () => {
    const store = openSqliteStore(":memory:");
    await store.putDocument(documentInput(SAMPLE));
    const evil = "'; DROP TABLE entries; --";
    assert.equal((await store.listEntries({ era: evil, state: evil, work: evil, corpus: evil })).total, 0);
    assert.equal((await store.search({ query: evil })).total, 0);
    assert.equal(await store.getSource(evil), null);
    assert.equal((await store.listEntries()).total, 45);
    await store.close();
  });

  test("opens an up-to-date database while another connection is writing to it", async () => {
    const path = freshPath();
    const first = openSqliteStore(path);
    await first.putDocument(documentInput(SAMPLE));
    await first.close();
    const writer = new Database(path);
    writer.exec("BEGIN IMMEDIATE; DELETE FROM documents");
    const started = Date.now();
    const reader = openSqliteStore(path, { busyTimeout: 0 });
    assert.equal((await reader.listDocuments()).length, 1, "the reader sees the last committed state");
    assert.ok(Date.now() - started < 1000);
    writer.exec("ROLLBACK");
    writer.close();
    await reader.close();
  });

  test("upgrades a version 1 database: each document's work, juan and title read again from its text", async () => {
    const path = freshPath();
    const store = openSqliteStore(path);
    const changbian = documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" });
    const sample = documentInput(SAMPLE, { path: "xixia.txt" });
    await store.putDocument(changbian);
    await store.putDocument(sample);
    const before = await store.listDocuments();
    await downgradeToVersion2(store);
    // Version 1 had none of these columns.
    for (const column of Object.values(DOCUMENT_INFO_COLUMNS))
      store.db.exec(`ALTER TABLE documents DROP COLUMN "${column}"`);
    store.db.prepare("UPDATE schema_version SET version = 1").run();
    await store.close();
    const upgraded = openSqliteStore(path);
    assert.deepEqual(upgraded.db.prepare("SELECT version FROM schema_version").get(), {
      version: schema.SCHEMA_VERSION,
    });
    assert.deepEqual(await upgraded.listDocuments(), before);
    assert.equal((await upgraded.findDocument("default", "KR2b0019_143.txt"))?.title, "長編 卷一百三十九");
    await upgraded.close();
  });

  test("upgrades a version 2 database: the records' annotations move into their tables, each year gets its state", async () => {
    const path = freshPath();
    const store = openSqliteStore(path);
    const inputs = [
      annotatedInput(SAMPLE, { path: "xixia.txt" }),
      annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt", corpus: "changbian" }),
      documentInput(SYNTHETIC, { path: "plain.txt" }),
    ];
    for (const input of inputs) await store.putDocument(input);
    const read = async (s: SqliteStore) => ({
      records: await Promise.all([1, 2, 3].map((id) => s.getEntryRecords(id))),
      annotations: [...(await s.listAnnotations())],
      entities: await s.listEntities(),
      events: await s.listEvents({}, { limit: 10_000 }),
      index: await s.listEntryIndex(),
      bySong: await s.listEntries({ reckoningState: "北宋", entity: "person:fan-zhongyan" }),
      embassies: await s.listEntries({ entity: "person:yuanhao", eventType: "embassy" }),
    });
    const before = await read(store);
    assert.ok(before.bySong.total > 0 && before.embassies.total > 0);
    await downgradeToVersion2(store);
    assert.equal(tableCounts(store, ["mentions"]).mentions, 0);
    await store.close();
    const upgraded = openSqliteStore(path);
    assert.deepEqual(upgraded.db.prepare("SELECT version FROM schema_version").get(), {
      version: schema.SCHEMA_VERSION,
    });
    assert.deepEqual(await read(upgraded), before);
    // What the whole document's annotation was, and its headings' days, are not in a version 2 database.
    assert.equal(await upgraded.getDocumentAnnotation(1), null);
    assert.equal(await upgraded.listYears(1), null);
    assert.deepEqual(upgraded.db.pragma("foreign_key_check"), []);
    await upgraded.close();
  });

  test("uses the current plan by default", () => {
    assert.equal(SQLITE_PLAN.version, schema.SCHEMA_VERSION);
  });
});
