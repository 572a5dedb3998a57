/**
 * SQLite writes a table's rows several to a statement (`insertSql(table, columns, rows)`), the
 * rest one by one: every row is stored, as given, whatever the batches.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { documentToRows, openSqliteStore } from "../../src/store/index.ts";
import { insertSql } from "../../src/store/sqlite/ddl.ts";
import { annotatedInput, CHANGBIAN_143 } from "./fixtures.ts";

test("an INSERT of several rows has one group of parameters per row, and needs a row at least", () => {
  assert.equal(
    insertSql("notes", ["entry_id", "text"], 3),
    'INSERT INTO "notes" ("entry_id", "text") VALUES (?, ?), (?, ?), (?, ?)',
  );
  assert.throws(() => insertSql("notes", ["entry_id", "text"], 0), /number of rows ≥ 1, got 0/);
  assert.throws(() => insertSql("notes", ["entry_id", "text"], 1.5), /got 1.5/);
});

test("every mention of a juan is stored, in order, as its rows give it", async () => {
  const input = annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" });
  const key = (m: {
    ord: number;
    kind: string;
    ref: string | null;
    text: string;
    start_offset: number;
    end_offset: number;
  }) => `${m.ord}|${m.kind}|${m.ref}|${m.text}|${m.start_offset}|${m.end_offset}`;
  const expected = documentToRows(input).years.flatMap((y) => y.entries.flatMap((e) => e.mentions.map(key)));
  // Far more than one statement's rows, and not a multiple of them.
  assert.ok(expected.length > 200, `${expected.length} mentions`);
  const store = openSqliteStore(":memory:");
  try {
    await store.putDocument(input);
    const stored = store.db
      .prepare(
        `SELECT m.ord, m.kind, x.ref, m.text, m.start_offset, m.end_offset
         FROM mentions m LEFT JOIN entities x ON x.id = m.entity_id ORDER BY m.entry_id, m.ord`,
      )
      .all() as Parameters<typeof key>[0][];
    assert.deepEqual(stored.map(key), expected);
  } finally {
    await store.close();
  }
});
