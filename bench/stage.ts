/**
 * One stage of the pipeline over a corpus directory, in a process of its own so that its peak
 * memory is its own:
 *
 *   node --import tsx bench/stage.ts STAGE DIR [DB]
 *
 * STAGE is `floor` (read each file and one regular-expression pass over it), `read` (read +
 * decode), `parse`, `date`, `annotate` (each also running the stages before it) or `ingest`
 * (what `biannian ingest DIR/*` does: read, decode, parse, date, annotate and store each file in
 * the SQLite database DB, one transaction per file). Files are read in name order, one at a time,
 * as the command line reads them. Prints one line of JSON, a `StageResult`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { annotateEntries, loadAuthority } from "../src/annotate/index.ts";
import { loadCalendar } from "../src/calendar/index.ts";
import { dateEntries } from "../src/date/index.ts";
import { parse } from "../src/parse/index.ts";
import { defaultAuthority, prepareDocument, readDocumentFile } from "../src/pipeline.ts";
import { openSqliteStore } from "../src/store/index.ts";
import { decodeChronicle } from "../src/text/decode.ts";

/** The stages, in pipeline order. */
export const STAGES = ["floor", "read", "parse", "date", "annotate", "ingest"] as const;
export type Stage = (typeof STAGES)[number];

/** The floor's one pass: every parenthesis, full-width (citations) or half-width (Kanripo notes). */
const FLOOR_PATTERN = /[（(][^（()）\n]*[)）]/gu;
/** The corpus a stage reads: the `.txt` files of its directory. */
const CORPUS_FILE = /\.txt$/u;

/** What one stage process measured. */
export interface StageResult {
  stage: Stage;
  files: number;
  /** UTF-16 code units read. */
  chars: number;
  /** Milliseconds spent in each step, summed over the files (`read`, `parse`, `date`, …). */
  steps: Record<string, number>;
  /** Milliseconds from the first file opened to the last one done (loading data excluded). */
  totalMs: number;
  /** Milliseconds to load the calendar and the authority, before the first file. */
  loadMs: number;
  /** Peak resident set size of the process, in bytes. */
  maxRss: number;
  /** Something counted, so the work cannot be skipped: matches, entries, mentions or entries stored. */
  count: number;
}

/**
 * The corpus files of `dir`, in name order.
 *
 * @example
 * corpusFiles("/tmp/biannian-bench-x/corpus") //=> ["/tmp/…/changbian-0001-KR2b0019_143.txt", …]
 */
export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => CORPUS_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Runs `stage` over every file of `dir` and measures it.
 *
 * @param stage which stage, and so every stage before it
 * @param dir the corpus directory
 * @param db the SQLite database to ingest into (only for `ingest`)
 * @example
 * (await runStage("parse", dir)).steps //=> { read: 240.1, decode: 61.3, parse: 2210.7 }
 */
export async function runStage(stage: Stage, dir: string, db?: string): Promise<StageResult> {
  const files = corpusFiles(dir);
  const depth = STAGES.indexOf(stage);
  const steps: Record<string, number> = {};
  const add = (step: string, ms: number) => {
    steps[step] = (steps[step] ?? 0) + ms;
  };
  const loadStart = performance.now();
  const calendar = depth >= STAGES.indexOf("date") ? loadCalendar() : undefined;
  const authority = depth >= STAGES.indexOf("annotate") ? loadAuthority() : undefined;
  // The ingest stage reads through the pipeline, which loads the bundled authority once.
  if (stage === "ingest") defaultAuthority();
  const store = stage === "ingest" ? openSqliteStore(db ?? join(dir, "bench.db")) : undefined;
  const loadMs = performance.now() - loadStart;
  let chars = 0;
  let count = 0;
  const start = performance.now();
  for (const path of files) {
    let t = performance.now();
    const lap = (step: string) => {
      const now = performance.now();
      add(step, now - t);
      t = now;
    };
    if (stage === "floor") {
      const text = readFileSync(path, "utf8");
      lap("read");
      for (const _ of text.matchAll(FLOOR_PATTERN)) count++;
      lap("regex");
      chars += text.length;
    } else if (store) {
      const file = readDocumentFile(path);
      lap("read");
      if (await store.findDocument("bench", path)) throw new Error(`expected an empty database: ${path}`);
      const input = prepareDocument(file, "bench");
      lap("prepare");
      const result = await store.putDocument(input);
      lap("store");
      count += result.document.entryCount;
      chars += input.text.length;
    } else {
      const bytes = readFileSync(path);
      lap("read");
      const { text } = decodeChronicle(bytes);
      lap("decode");
      chars += text.length;
      if (depth < STAGES.indexOf("parse")) continue;
      const tree = parse(text);
      lap("parse");
      if (calendar) {
        dateEntries(tree, calendar);
        lap("date");
      }
      if (authority) {
        annotateEntries(tree, authority, { text });
        lap("annotate");
      }
      for (const year of tree.children)
        for (const entry of year.children) count += authority ? (entry.data?.mentions?.length ?? 0) : 1;
    }
  }
  const totalMs = performance.now() - start;
  if (store) {
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    await store.close();
  }
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return { stage, files: files.length, chars, steps, totalMs, loadMs, maxRss, count };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [stage, dir, db] = process.argv.slice(2);
  if (!STAGES.includes(stage as Stage) || !dir) {
    process.stderr.write(`usage: node --import tsx bench/stage.ts ${STAGES.join("|")} DIR [DB]\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await runStage(stage as Stage, dir, db))}\n`);
}
