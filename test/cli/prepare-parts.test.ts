/**
 * A large file's rows go to the store in parts (`rowParts`), one part at a time from the reading
 * thread: what is stored is what the same file gives when its rows are handed over whole.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import type Database from "better-sqlite3";
import { asyncParts, PARTS_FROM_CHARS, type Prepared, rowParts } from "../../src/cli/prepare.ts";
import { inThreadPool, preparePool } from "../../src/cli/prepare-pool.ts";
import { prepareDocument, prepareDocumentTree, readDocumentFile, sha256 } from "../../src/pipeline.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { documentHeadRows, documentToRows, type YearRows } from "../../src/store/rows.ts";

const SAMPLE = "corpus/xixia-ji-1043-1044.txt";

/** Every row of every table of a store but the search index, the ingest time left out. */
function dump(store: SqliteStore): Record<string, unknown[]> {
  const db: Database.Database = store.db;
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'entry_fts_%' AND name NOT LIKE 'entry_chars_%' AND name NOT LIKE 'entry_pairs_%' AND name <> 'meta'",
    )
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    out[name] = (db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[]).map(
      ({ ingested_at: _i, created_at: _c, ...row }) => row,
    );
  }
  out.search = db
    .prepare("SELECT rowid FROM entry_fts WHERE entry_fts MATCH '\"西 夏\"' ORDER BY rowid")
    .all();
  return out;
}

/** Pieces of years merged back into whole years. */
function merged(parts: Iterable<YearRows[]>): YearRows[] {
  const out: YearRows[] = [];
  for (const part of parts)
    for (const rows of part) {
      if (rows.continues) out[out.length - 1]!.entries.push(...rows.entries);
      else out.push({ year: rows.year, entries: [...rows.entries] });
    }
  return out;
}

test("the rows of a document in parts are its rows whole, each year in pieces of at most the part's size", () => {
  const file = readDocumentFile(SAMPLE);
  const whole = documentToRows(prepareDocument(file, "default"));
  const input = prepareDocumentTree(file, "default");
  const names = input.tree.children.flatMap((y) => y.children.map((e) => e.data));
  const head = documentHeadRows(input, names);
  const parts = [...rowParts(input, 4)];
  assert.ok(parts.length > 5, `expected the 45 entries in parts of about 4, got ${parts.length}`);
  for (const part of parts) for (const rows of part) assert.ok(rows.entries.length <= 4);
  assert.deepEqual(merged(parts), whole.years);
  assert.deepEqual(head.entities, whole.entities);
  assert.equal(head.entryCount, 45);
});

test("a document stored from parts is stored as it is from its rows whole", async () => {
  const file = readDocumentFile(SAMPLE);
  const whole = openSqliteStore(":memory:");
  const inParts = openSqliteStore(":memory:");
  try {
    const prepared = prepareDocument(file, "default");
    await whole.putDocument(prepared);
    const input = prepareDocumentTree(file, "default");
    const { tree: _tree, ...rest } = input;
    const names = input.tree.children.flatMap((y) => y.children.map((e) => e.data));
    const head = documentHeadRows(input, names);
    await inParts.putDocument({
      ...rest,
      rows: { ...head, years: [], moreYears: asyncParts(rowParts(input, 4)) },
    });
    assert.deepEqual(dump(inParts), dump(whole));
    for (const query of ["夏", "元昊"])
      assert.deepEqual(await inParts.search({ query }), await whole.search({ query }), query);
    assert.equal((await inParts.listEntries()).total, 45);
  } finally {
    await whole.close();
    await inParts.close();
  }
});

test("a file larger than the limit comes from the reading thread in parts, stored as this thread stores it", async () => {
  const sample = readFileSync(SAMPLE, "utf8");
  const copies = Math.ceil((PARTS_FROM_CHARS + 1) / sample.length);
  const text = Array.from({ length: copies }, () => sample).join("\n");
  const bytes = new TextEncoder().encode(text);
  const file = { path: "large.txt", bytes, sha256: sha256(bytes) };
  const step = { kind: "prepare", file, corpus: "default", replace: false } as const;
  const pool = await preparePool();
  const stores = [openSqliteStore(":memory:"), openSqliteStore(":memory:")] as const;
  try {
    // The threaded pool moves the bytes it is given to its thread: the other reads its own copy.
    const local = await inThreadPool().submit({ ...step, file: { ...file, bytes: bytes.slice() } });
    const threaded = await pool.submit(step);
    assert.equal(bytes.byteLength, 0, "the bytes were moved, not copied");
    for (const [k, prepared] of [threaded, local].entries()) {
      assert.ok(prepared?.ok);
      assert.ok(prepared.document.rows.moreYears, "handed over in parts");
      assert.equal(prepared.document.rows.years.length, 0);
      await stores[k]!.putDocument(prepared.document);
      prepared.release?.();
    }
    assert.deepEqual(dump(stores[0]), dump(stores[1]));
    for (const query of ["夏", "元昊"])
      assert.deepEqual(await stores[0].search({ query }), await stores[1].search({ query }), query);
    assert.equal((await stores[0].listEntries()).total, 45 * copies);
    // Parts never read are let go, and the thread goes on with the next file.
    const again = new TextEncoder().encode(text);
    const unread = (await pool.submit({ ...step, file: { ...file, bytes: again } })) as Extract<
      Prepared,
      { ok: true }
    >;
    unread.release?.();
    const next = await pool.submit({ ...step, file: readDocumentFile(SAMPLE) });
    assert.ok(next?.ok);
    assert.equal(next.document.rows.entryCount, 45);
  } finally {
    await pool.close();
    for (const store of stores) await store.close();
  }
});

test("each part's entries leave the tree once the part is made, a long year's included", () => {
  const input = prepareDocumentTree(readDocumentFile(SAMPLE), "default");
  const held = () =>
    input.tree.children.reduce((n, year) => n + year.children.filter((e) => e !== undefined).length, 0);
  assert.equal(held(), 45);
  const parts = rowParts(input, 4);
  const first = parts.next();
  assert.ok(!first.done);
  const made = first.value.reduce((n, rows) => n + rows.entries.length, 0);
  assert.equal(held(), 45 - made);
  // The sample's first year has more entries than a part: its first piece went, the rest stays.
  assert.ok(input.tree.children[0]!.children.some((e) => e !== undefined));
  for (let next = parts.next(); !next.done; next = parts.next());
  assert.equal(held(), 0);
});

test("parts from the reading thread come one ahead, the text after them, and a reader that stops early lets the rest go", async () => {
  const sample = readFileSync(SAMPLE, "utf8");
  const copies = Math.ceil((PARTS_FROM_CHARS + 1) / sample.length);
  const text = Array.from({ length: copies }, () => sample).join("\n");
  const large = () => {
    const bytes = new TextEncoder().encode(text);
    return {
      kind: "prepare",
      file: { path: "large.txt", bytes, sha256: sha256(bytes) },
      corpus: "default",
      replace: false,
    } as const;
  };
  const pool = await preparePool();
  try {
    const whole = await pool.submit(large());
    assert.ok(whole?.ok && whole.document.rows.moreYears);
    assert.equal(whole.document.rows.document.text, "", "the text does not come as a string");
    assert.equal(whole.document.rows.textBytes, undefined, "nor before the parts");
    let entries = 0;
    for await (const part of whole.document.rows.moreYears)
      entries += part.reduce((n, y) => n + y.entries.length, 0);
    assert.equal(entries, whole.document.rows.entryCount);
    const { textBytes } = whole.document.rows;
    assert.ok(textBytes, "the text comes once, as UTF-8, after the last part");
    assert.equal(new TextDecoder().decode(textBytes), text);

    const early = await pool.submit(large());
    assert.ok(early?.ok && early.document.rows.moreYears);
    let read = 0;
    for await (const part of early.document.rows.moreYears) {
      assert.ok(part.length > 0);
      if (++read === 2) break;
    }
    early.release?.();
    const file = readDocumentFile(SAMPLE);
    const next = await pool.submit({ ...large(), file });
    assert.ok(next?.ok);
    assert.equal(next.document.rows.entryCount, 45);
    assert.equal(
      new TextDecoder().decode(next.document.rows.textBytes),
      sample,
      "a small file's text comes with its rows",
    );
  } finally {
    await pool.close();
  }
});
