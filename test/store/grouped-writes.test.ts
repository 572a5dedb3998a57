/**
 * Grouped writes (`Store.grouped`, what `ingest` of a folder uses): each write is still all or
 * nothing, they are committed together now and then, and all of them by the time the group ends.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { documentToRows, openSqliteStore } from "../../src/store/index.ts";
import { documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-grouped-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("a group's writes are seen by another connection once committed, and a failed write takes back only itself", async () => {
  const path = join(dir, "group.db");
  // No commit by time: the group commits at its end, or after 100 writes.
  const writer = openSqliteStore(path, { groupCommit: { writes: 100, ms: 1e9 } });
  const reader = openSqliteStore(path);
  try {
    await writer.grouped(async () => {
      await writer.putDocument(documentInput(SYNTHETIC, { path: "a.txt" }));
      // A document whose first entry has no id: its insert fails inside the transaction.
      const bad = documentInput(SYNTHETIC, { path: "bad.txt" });
      const rows = documentToRows(bad);
      (rows.years[0]!.entries[0]!.entry as { local_id: unknown }).local_id = null;
      const { tree: _tree, records: _records, ...rest } = bad;
      await assert.rejects(writer.putDocument({ ...rest, rows }), /NOT NULL/);
      await writer.putDocument(documentInput(SYNTHETIC, { path: "b.txt" }));
      // Within the group, the writer reads its own writes; another connection does not see them yet.
      assert.deepEqual(
        (await writer.listDocuments()).map((d) => d.path),
        ["a.txt", "b.txt"],
      );
      assert.deepEqual(await reader.listDocuments(), []);
    });
    assert.deepEqual(
      (await reader.listDocuments()).map((d) => d.path),
      ["a.txt", "b.txt"],
    );
    // The failed write left nothing in the search index: the same answers as the two documents stored alone.
    const clean = openSqliteStore(join(dir, "clean.db"));
    try {
      for (const name of ["a.txt", "b.txt"])
        await clean.putDocument(documentInput(SYNTHETIC, { path: name }));
      for (const query of ["夏", "元昊"]) {
        const [got, expected] = [await reader.search({ query }), await clean.search({ query })];
        assert.equal(got.total, expected.total, query);
        assert.deepEqual(
          got.results.map((h) => `${h.localId} ${h.score}`),
          expected.results.map((h) => `${h.localId} ${h.score}`),
        );
      }
    } finally {
      await clean.close();
    }
  } finally {
    await writer.close();
    await reader.close();
  }
});

const GROUP_WRITES = 3;

test("a group commits after so many writes, before it ends", async () => {
  const path = join(dir, "many.db");
  const writer = openSqliteStore(path, { groupCommit: { writes: GROUP_WRITES, ms: 1e9 } });
  const reader = openSqliteStore(path);
  try {
    await writer.grouped(async () => {
      for (let k = 0; k < GROUP_WRITES; k++)
        await writer.putDocument(documentInput(SYNTHETIC, { path: `${k}.txt` }));
      assert.equal((await reader.listDocuments()).length, GROUP_WRITES);
      await writer.putDocument(documentInput(SYNTHETIC, { path: "last.txt" }));
      assert.equal((await reader.listDocuments()).length, GROUP_WRITES);
    });
    assert.equal((await reader.listDocuments()).length, GROUP_WRITES + 1);
  } finally {
    await writer.close();
    await reader.close();
  }
});

test("a group commits when its time is up, before it ends", async () => {
  const path = join(dir, "time.db");
  const writer = openSqliteStore(path, { groupCommit: { writes: 100, ms: 0 } });
  const reader = openSqliteStore(path);
  try {
    await writer.grouped(async () => {
      await writer.putDocument(documentInput(SYNTHETIC, { path: "a.txt" }));
      assert.equal((await reader.listDocuments()).length, 1);
    });
  } finally {
    await writer.close();
    await reader.close();
  }
});

test("index rows and postings a group holds back go with a document replaced in it, and wait again when the replacing write fails", async () => {
  const path = join(dir, "replace.db");
  const writer = openSqliteStore(path, { groupCommit: { writes: 100, ms: 1e9 } });
  const clean = openSqliteStore(join(dir, "replace-clean.db"));
  const a = documentInput(SYNTHETIC, { path: "a.txt" });
  const b = documentInput(SAMPLE, { path: "b.txt" });
  try {
    await writer.grouped(async () => {
      // a.txt first as the sample, then as the short text: the sample's entries go, with the
      // index rows held back for them, and the short text's entries take their ids again.
      await writer.putDocument(documentInput(SAMPLE, { path: "a.txt" }));
      assert.equal((await writer.putDocument(a)).status, "replaced");
      await writer.putDocument(b);
      // b.txt again, changed, with a row that cannot be stored: the write goes back, b stays as it was.
      const bad = documentInput(`${SAMPLE}\n`, { path: "b.txt" });
      const rows = documentToRows(bad);
      (rows.years[0]!.entries[0]!.entry as { local_id: unknown }).local_id = null;
      const { tree: _tree, records: _records, ...rest } = bad;
      await assert.rejects(writer.putDocument({ ...rest, rows }), /NOT NULL/);
    });
    await clean.putDocument(a);
    await clean.putDocument(b);
    // 夏 and 元昊 are in both texts, 之 and 宋 only in the sample.
    for (const query of ["夏", "之", "宋", "元昊"]) {
      const [got, expected] = [
        await writer.search({ query, limit: 1000 }),
        await clean.search({ query, limit: 1000 }),
      ];
      const hits = (r: typeof got) => r.results.map((h) => `${h.localId} ${h.headline}`).sort();
      // The same entries; not the same scores, as FTS5 counts a deleted row's terms until it merges.
      assert.equal(got.total, expected.total, query);
      assert.deepEqual(hits(got), hits(expected), query);
    }
  } finally {
    await writer.close();
    await clean.close();
  }
});
