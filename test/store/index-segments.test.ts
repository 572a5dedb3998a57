/**
 * A write of many entries adds its rows of the search index in segments as it goes
 * (`SqliteStoreOptions.indexSegment`) rather than holding them all until its end, and leaves the
 * per-character postings to the steps after it (`indexStep`): the index holds the same rows, the
 * postings made later are the same, and searches answer the same before and after them.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { rowParts } from "../../src/cli/prepare.ts";
import { prepareDocumentTree, readDocumentFile } from "../../src/pipeline.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { documentHeadRows, type YearRows } from "../../src/store/rows.ts";

const SAMPLE = "corpus/xixia-ji-1043-1044.txt";
/** The sample's entries (45, as `test/fixtures/xixia-outline.json` lists them). */
const SAMPLE_ENTRIES = 45;

/** The postings' vocabulary: each token with the entries holding it. */
const vocab = (store: SqliteStore) =>
  store.db.prepare("SELECT term, doc, cnt FROM entry_chars_vocab ORDER BY term").all();

const rows = (store: SqliteStore, table: string) =>
  (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/**
 * Stores the sample from parts of 4 entries, and gives the entries with a row of `entry_fts` in
 * the write's transaction as each part is asked for.
 */
async function storeInParts(store: SqliteStore): Promise<number[]> {
  const input = prepareDocumentTree(readDocumentFile(SAMPLE), "default");
  const { tree: _tree, ...rest } = input;
  const head = documentHeadRows(
    input,
    input.tree.children.flatMap((y) => y.children.map((e) => e.data)),
  );
  const indexed: number[] = [];
  const parts = rowParts(input, 4);
  async function* moreYears(): AsyncGenerator<YearRows[]> {
    for (const part of parts) {
      indexed.push(rows(store, "entry_fts_docsize"));
      yield part;
    }
  }
  await store.putDocument({ ...rest, rows: { ...head, years: [], moreYears: moreYears() } });
  return indexed;
}

const QUERIES = ["夏", "之", "元昊", "夏 元昊"];
const answers = async (store: SqliteStore) =>
  Promise.all(QUERIES.map((query) => store.search({ query, limit: 50 })));

test("a long write adds its index rows in segments as it goes, and its postings after it, the same as held to its end", async () => {
  const whole = openSqliteStore(":memory:");
  const inSegments = openSqliteStore(":memory:", { indexSegment: 8 });
  try {
    const held = await storeInParts(whole);
    const added = await storeInParts(inSegments);
    assert.ok(
      held.every((n) => n === 0),
      "without segments, no index rows before the write ends",
    );
    assert.ok(
      added.some((n) => n > 0) && added.every((n) => n < SAMPLE_ENTRIES),
      `index rows as the write goes: ${added}`,
    );
    for (const store of [whole, inSegments]) {
      assert.equal(rows(store, "entry_fts_docsize"), SAMPLE_ENTRIES);
      assert.equal(rows(store, "entry_tokens"), 0, "no postings until the steps after the write");
    }
    const before = await answers(whole);
    assert.deepEqual(await answers(inSegments), before);
    for (const store of [whole, inSegments]) while (await store.indexStep(0));
    for (const store of [whole, inSegments]) assert.equal(rows(store, "entry_tokens"), SAMPLE_ENTRIES);
    assert.ok(vocab(whole).length > 100);
    assert.deepEqual(vocab(inSegments), vocab(whole));
    assert.deepEqual(await answers(whole), before, "the postings answer as entry_fts did");
    assert.deepEqual(await answers(inSegments), before);
  } finally {
    await whole.close();
    await inSegments.close();
  }
});
