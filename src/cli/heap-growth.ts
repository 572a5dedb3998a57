/**
 * How far V8 lets a thread's heap grow past what it held after its last full collection before
 * it collects again. By default it may grow to twice that and more, which on a large file (a
 * tree of hundreds of megabytes in the reading thread, the rows of its parts passing through the
 * storing thread) doubles the memory of each thread with garbage; `ingest` narrows it while it
 * reads such a file. It is no limit: a heap still grows as far as its live objects need.
 */
import { setFlagsFromString } from "node:v8";

/** The heap may grow this many percent past its live objects before the next full collection. */
export const LARGE_INPUT_HEAP_GROWTH = 20;

/**
 * Lets every heap of the process (the threads started after the call included) grow only
 * `percent` past its live objects between full collections, and returns what restores V8's own
 * heuristics.
 *
 * @example
 * const restore = closerCollection();
 * try { await ingestLargeFile(); } finally { restore(); }
 */
export function closerCollection(percent = LARGE_INPUT_HEAP_GROWTH): () => void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return () => setFlagsFromString("--heap-growing-percent=0");
}
