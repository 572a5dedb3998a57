/**
 * The annotation of a long run without punctuation grows as the text does. Such a run is one
 * sentence and one clause, as an item of 長編 is, and anything read again from every name or
 * trigger in it to the end of the clause makes the stage quadratic. The test times the stage on
 * n and 4n characters of two such runs, in CPU time, the best of three: a linear stage takes about
 * 4 times as long on the longer one (less, with the fixed costs of a call), a quadratic one 16
 * times; the limit lies between, far enough from both for a busy machine.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { annotateEntries, loadAuthority } from "../../src/annotate/index.ts";
import { parse } from "../../src/parse/index.ts";

const authority = loadAuthority();
const corpus = (path: string) => readFileSync(new URL(`../../corpus/${path}`, import.meta.url), "utf8");
/** Han characters only: the punctuation, line marks and notes' brackets go. */
const hanOnly = (text: string) => text.replace(/[^\p{Script=Han}]/gu, "");

/** The reading text of the items of 長編 卷140–153, joined without a break. */
function changbianRun(): string {
  let run = "";
  for (let juan = 140; juan <= 153; juan++)
    for (const year of parse(corpus(`changbian/KR2b0019_${juan}.txt`)).children)
      for (const entry of year.children)
        for (const paragraph of [entry.headline, ...entry.details]) run += hanOnly(paragraph.value);
  return run;
}

/** `chars` characters of `pool`, repeated as needed, as the one entry of a chronicle. */
function chronicle(pool: string, chars: number): string {
  return `慶曆三年\n${pool.repeat(Math.ceil(chars / pool.length)).slice(0, chars)}\n`;
}

/** The CPU time of annotating `text`, in milliseconds: the best of `runs`. */
function annotateTime(text: string, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const tree = parse(text);
    assert.equal(
      tree.children.flatMap((year) => year.children).length,
      1,
      "expected the run to be one entry",
    );
    const before = process.cpuUsage();
    annotateEntries(tree, authority, { text });
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const N = 80_000;
const LIMIT = 6;

for (const [name, pool] of [
  ["長編's reading text", changbianRun()],
  ["the sample without its punctuation", hanOnly(corpus("xixia-ji-1043-1044.txt"))],
] as const)
  test(`annotating 4 times as much of ${name}, run on without a break, takes at most ${LIMIT} times as long`, () => {
    const short = chronicle(pool, N);
    const long = chronicle(pool, 4 * N);
    annotateTime(short, 1);
    // A second measure before failing: one busy moment is not the stage growing.
    let ratio = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 2 && ratio > LIMIT; attempt++)
      ratio = Math.min(ratio, annotateTime(long) / annotateTime(short));
    assert.ok(ratio <= LIMIT, `4 × ${N} characters took ${ratio.toFixed(1)} times as long as ${N}`);
  });
