/**
 * How V8 sizes the heaps of `ingest` while it reads a large file. By default a heap may grow to
 * twice what it held after its last full collection and more, which on a large file (a tree of
 * hundreds of megabytes in the reading thread, the rows of its parts passing through the storing
 * thread) doubles the memory of each thread with garbage. While such a file is read, `ingest`
 * narrows that growth, gives the reading thread (started after the call) a young generation of
 * 2 MiB instead of 32, and asks V8 to favour memory over speed. Measured on one file of 10 M
 * characters (`BENCH_SUITES=start npm run bench`), in the README. None is a limit: a heap still
 * grows as far as its live objects need.
 */
import { setFlagsFromString } from "node:v8";

/**
 * The heap may grow this many percent past its live objects before the next full collection. On
 * the 10 M-character file, four runs each: 15 % peaked at 429–448 MiB in 25–30 s, 20 % at
 * 445–477 MiB in 23–30 s.
 */
export const LARGE_INPUT_HEAP_GROWTH = 15;

/** Each half of the young generation of a thread started while a large file is read, in MiB (V8's default is 16). */
export const LARGE_INPUT_SEMI_SPACE_MIB = 1;

/**
 * Sets the heaps of the process (those of threads started after the call included) for a large
 * input, and returns what restores V8's own heuristics.
 *
 * @example
 * const restore = closerCollection();
 * try { await ingestLargeFile(); } finally { restore(); }
 */
export function closerCollection(percent = LARGE_INPUT_HEAP_GROWTH): () => void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  setFlagsFromString(`--max-semi-space-size=${LARGE_INPUT_SEMI_SPACE_MIB}`);
  setFlagsFromString("--optimize-for-size");
  return () => {
    setFlagsFromString("--heap-growing-percent=0");
    setFlagsFromString("--max-semi-space-size=0");
    setFlagsFromString("--no-optimize-for-size");
  };
}
