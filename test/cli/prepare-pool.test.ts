/** Files prepared in the reading thread are what the same files give when prepared in this one. */
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { test } from "node:test";
import { failureError, type Prepared, type PrepareStep } from "../../src/cli/prepare.ts";
import { inThreadPool, preparePool } from "../../src/cli/prepare-pool.ts";
import { readDocumentFile } from "../../src/pipeline.ts";
import { EncodingError } from "../../src/text/decode.ts";

const FILES = [
  "corpus/xixia-ji-1043-1044.txt",
  "corpus/changbian/KR2b0019_142.txt",
  "corpus/changbian/KR2b0019_143.txt",
  "corpus/liaoshi/KR2a0033_019.txt",
];

/**
 * The prepared files without the time they were prepared at, each document's text as a string
 * in its row, however it came (from the reading thread it comes as UTF-8 bytes).
 */
function timeless(prepared: (Prepared | null)[]) {
  return prepared.map((p) => {
    if (!p?.ok) return p;
    const { ingested_at: _at, ...document } = p.document.rows.document;
    const { textBytes, ...rows } = p.document.rows;
    if (textBytes) document.text = new TextDecoder().decode(textBytes);
    return { ...p, document: { ...p.document, rows: { ...rows, document } } };
  });
}

test("the reading thread prepares files as this thread does, in order, the skipped included", async () => {
  // Each pool its own steps: the threaded pool moves the files' bytes to its thread.
  const steps = (): PrepareStep[] =>
    FILES.map((path, i) =>
      i === 1
        ? { kind: "skip", file: readDocumentFile(path) }
        : { kind: "prepare", file: readDocumentFile(path), corpus: "default", replace: false },
    );
  const pool = await preparePool();
  try {
    assert.equal(pool.threaded, availableParallelism() >= 2, "a thread of its own on two cores or more");
    const threaded = await Promise.all(steps().map((s) => pool.submit(s)));
    const local = inThreadPool();
    const inThread: (Prepared | null)[] = [];
    for (const s of steps()) inThread.push(await local.submit(s));
    assert.deepEqual(timeless(threaded), timeless(inThread));
    assert.equal(threaded[1], null, "a skipped file gives nothing to store");
    const sample = threaded[0];
    assert.ok(sample?.ok);
    // The sample chronicle holds 45 entries (corpus/README.md).
    assert.equal(sample.document.rows.entryCount, 45);
  } finally {
    await pool.close();
  }
});

test("a file that does not decode fails with its line and column, and the next one is read", async () => {
  const pool = await preparePool();
  try {
    const bad = new Uint8Array([0xe5, 0xb9, 0xb4, 0x0a, 0x41, 0xff, 0xfe, 0x42]);
    const [failed, next] = await Promise.all([
      pool.submit({
        kind: "prepare",
        file: { path: "bad.txt", bytes: bad, sha256: "x" },
        corpus: "c",
        replace: false,
      }),
      pool.submit({ kind: "prepare", file: readDocumentFile(FILES[0]!), corpus: "c", replace: false }),
    ]);
    assert.ok(failed && !failed.ok);
    const error = failureError(failed.failure);
    assert.ok(error instanceof EncodingError, error.message);
    assert.equal(error.line, 2);
    assert.ok(next?.ok);
  } finally {
    await pool.close();
  }
});
