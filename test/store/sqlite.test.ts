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
import { SQLITE_PLAN } from "../../src/store/sqlite/store.ts";
import { CHANGBIAN_143, documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-sqlite-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `db-${++n}.db`);

const CHILD_TABLES = ["years", "entries", "details", "citations", "notes", "variants"] as const;

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

  test("creates the later tables empty: entities, mentions, events", async () => {
    const store = openSqliteStore(":memory:");
    await store.putDocument(documentInput(SAMPLE));
    for (const table of ["entities", "mentions", "events"]) {
      assert.deepEqual(store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), { n: 0 }, table);
    }
    await store.close();
  });

  test("leaves no orphan rows when a document is replaced or deleted", async () => {
    const store = openSqliteStore(freshPath());
    const first = await store.putDocument(documentInput(SAMPLE));
    assert.deepEqual(counts(store), expectedCounts(SAMPLE));
    await store.putDocument(documentInput(SYNTHETIC));
    assert.deepEqual(counts(store), expectedCounts(SYNTHETIC));
    assert.deepEqual(store.db.pragma("foreign_key_check"), []);
    // Mentions and events of a replaced entry go with it; entities stay, unlinked.
    const entryId = (store.db.prepare("SELECT id FROM entries LIMIT 1").get() as { id: number }).id;
    const entity = store.db
      .prepare("INSERT INTO entities (kind, name) VALUES ('person', '元昊')")
      .run().lastInsertRowid;
    store.db
      .prepare(
        "INSERT INTO mentions (entry_id, kind, start_offset, end_offset, text, entity_id) VALUES (?, 'person', 0, 2, '元昊', ?)",
      )
      .run(entryId, entity);
    store.db.prepare("INSERT INTO events (entry_id, type) VALUES (?, 'embassy')").run(entryId);
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
    assert.deepEqual(store.db.prepare("SELECT count(*) AS n FROM mentions").get(), { n: 0 });
    assert.deepEqual(store.db.prepare("SELECT count(*) AS n FROM events").get(), { n: 0 });
    assert.deepEqual(store.db.prepare("SELECT count(*) AS n FROM entities").get(), { n: 1 });
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
    // Version 1 had none of these columns.
    for (const column of Object.values(DOCUMENT_INFO_COLUMNS))
      store.db.exec(`ALTER TABLE documents DROP COLUMN "${column}"`);
    store.db.prepare("UPDATE schema_version SET version = 1").run();
    await store.close();
    const upgraded = openSqliteStore(path);
    assert.deepEqual(upgraded.db.prepare("SELECT version FROM schema_version").get(), { version: 2 });
    assert.deepEqual(await upgraded.listDocuments(), before);
    assert.equal((await upgraded.findDocument("default", "KR2b0019_143.txt"))?.title, "長編 卷一百三十九");
    await upgraded.close();
  });

  test("uses the current plan by default", () => {
    assert.equal(SQLITE_PLAN.version, schema.SCHEMA_VERSION);
  });
});
