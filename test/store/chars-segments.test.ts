/**
 * A write of many entries adds its per-character postings in segments as it goes
 * (`SqliteStoreOptions.charsSegment`) rather than holding them all until its end: the index
 * holds the same postings, and answers one-character searches the same.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { rowParts } from "../../src/cli/prepare.ts";
import { prepareDocumentTree, readDocumentFile } from "../../src/pipeline.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { documentHeadRows, type YearRows } from "../../src/store/rows.ts";

const SAMPLE = "corpus/xixia-ji-1043-1044.txt";

/** The postings' vocabulary: each token with the entries holding it. */
const vocab = (store: SqliteStore) =>
  store.db.prepare("SELECT term, doc, cnt FROM entry_chars_vocab ORDER BY term").all();

/**
 * Stores the sample from parts of 4 entries, and gives the entries with postings in the
 * write's transaction as each part is asked for.
 */
async function storeInParts(store: SqliteStore): Promise<number[]> {
  const input = prepareDocumentTree(readDocumentFile(SAMPLE), "default");
  const { tree: _tree, ...rest } = input;
  const head = documentHeadRows(
    input,
    input.tree.children.flatMap((y) => y.children.map((e) => e.data)),
  );
  const posted: number[] = [];
  const parts = rowParts(input, 4);
  async function* moreYears(): AsyncGenerator<YearRows[]> {
    for (const part of parts) {
      posted.push((store.db.prepare("SELECT count(*) AS n FROM entry_tokens").get() as { n: number }).n);
      yield part;
    }
  }
  await store.putDocument({ ...rest, rows: { ...head, years: [], moreYears: moreYears() } });
  return posted;
}

test("a long write adds its postings in segments as it goes, the same postings as held to its end", async () => {
  const whole = openSqliteStore(":memory:");
  const inSegments = openSqliteStore(":memory:", { charsSegment: 8 });
  try {
    const held = await storeInParts(whole);
    const added = await storeInParts(inSegments);
    assert.ok(
      held.every((n) => n === 0),
      "without segments, no postings before the write ends",
    );
    assert.ok(added.some((n) => n > 0) && added.every((n) => n < 45), `postings as the write goes: ${added}`);
    assert.deepEqual(vocab(inSegments), vocab(whole));
    for (const query of ["夏", "之", "元昊"])
      assert.deepEqual(await inSegments.search({ query }), await whole.search({ query }), query);
  } finally {
    await whole.close();
    await inSegments.close();
  }
});
