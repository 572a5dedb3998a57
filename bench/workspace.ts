/**
 * The files the suites share: the built corpus written to a temporary directory (one file per
 * corpus file, plus `all.txt`, every file joined, for ripgrep), the SQLite database the
 * pipeline's ingest stage fills, and the database `biannian serve` is loaded on (the bundled
 * corpus and the built one). Built once per size and removed when the process exits.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCorpus, type Corpus } from "./corpus.ts";
import { biannianBin, serveRoot } from "./serve.ts";
import type { Stage, StageResult } from "./stage.ts";

/** The size of the benchmark corpus at scale 1: 30 M characters. */
export const FULL_CHARS = 30_000_000;
/** Scales the corpus (`BENCH_SCALE=0.05` for a quick check); default 1. */
export const SCALE_ENV = "BENCH_SCALE";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The bundled corpus: the sample, all of 長編, 宋史 卷485–486, 遼史 卷19 and 卷115. */
const BUNDLED = join(ROOT, "corpus");
const STAGE_SCRIPT = fileURLToPath(new URL("./stage.ts", import.meta.url));
/** Room for a stage's one line of JSON and anything the code under test prints. */
const CHILD_BUFFER = 64 * 2 ** 20;

/**
 * The scale of this run, from `BENCH_SCALE` (a positive number), else 1.
 *
 * @example
 * process.env.BENCH_SCALE = "0.1"; benchScale() //=> 0.1
 */
export function benchScale(): number {
  const raw = process.env[SCALE_ENV];
  if (raw === undefined || raw === "") return 1;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${SCALE_ENV} must be a positive number, not ${JSON.stringify(raw)}`);
  return value;
}

/**
 * The corpus size of this run: 30 M characters times the scale.
 *
 * @example
 * benchChars() //=> 30 000 000
 */
export function benchChars(): number {
  return Math.round(FULL_CHARS * benchScale());
}

/** A built corpus on disk. */
export interface Workspace {
  corpus: Corpus;
  /** The directory of the corpus files (only they end in `.txt`). */
  corpusDir: string;
  /** Every corpus file joined by line breaks, in name order: what ripgrep searches. */
  allText: string;
  /** The SQLite database the ingest stage writes (missing until `ingestedDatabase`). */
  db: string;
  /** The ingest stage's measurement, once it has run. */
  ingest?: StageResult;
  /** The database the HTTP suite serves, once built (`servedDatabase`). */
  served?: ServedDatabase;
}

/** The database `biannian serve` is loaded on, and what went into it. */
export interface ServedDatabase {
  path: string;
  /** The ingest command's summary line (files, entries, characters, seconds). */
  summary: string;
  /** Seconds the ingest took. */
  seconds: number;
}

let root: string | undefined;
const workspaces = new Map<number, Workspace>();

function workRoot(): string {
  if (!root) {
    const made = mkdtempSync(join(tmpdir(), "biannian-bench-"));
    root = made;
    process.on("exit", () => rmSync(made, { recursive: true, force: true }));
  }
  return root;
}

/**
 * The corpus of at least `chars` characters, built and written on first use.
 *
 * @param chars the least size (default: this run's, `benchChars()`)
 * @example
 * workspace().corpus.files.length //=> 1 896
 */
export function workspace(chars = benchChars()): Workspace {
  const known = workspaces.get(chars);
  if (known) return known;
  const dir = join(workRoot(), `corpus-${chars}`);
  const corpusDir = join(dir, "files");
  mkdirSync(corpusDir, { recursive: true });
  const corpus = buildCorpus(chars);
  for (const file of corpus.files) writeFileSync(join(corpusDir, file.name), file.text);
  const allText = join(dir, "all.txt");
  writeFileSync(
    allText,
    [...corpus.files]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((f) => f.text)
      .join("\n"),
  );
  // The texts are on disk now; keep only the names and the counts in memory.
  const light: Corpus = { ...corpus, files: corpus.files.map((f) => ({ name: f.name, text: "" })) };
  const made: Workspace = { corpus: light, corpusDir, allText, db: join(dir, "bench.db") };
  workspaces.set(chars, made);
  return made;
}

/**
 * Runs one stage in a child process (`bench/stage.ts`) and returns what it measured.
 *
 * @example
 * runStageProcess("parse", workspace()).steps.parse //=> 2210.7
 */
export function runStageProcess(stage: Stage, ws: Workspace): StageResult {
  const args = ["--import", "tsx", STAGE_SCRIPT, stage, ws.corpusDir];
  if (stage === "ingest") args.push(ws.db);
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: CHILD_BUFFER });
  if (child.status !== 0) {
    throw new Error(`stage ${stage} failed (status ${child.status}): ${child.stderr.trim().slice(-2000)}`);
  }
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last) as StageResult;
}

/**
 * The workspace's SQLite database, ingested by the ingest stage (run now when it has not run).
 *
 * @example
 * ingestedDatabase(workspace()) //=> "/tmp/biannian-bench-…/corpus-30000000/bench.db"
 */
export function ingestedDatabase(ws: Workspace): string {
  if (!ws.ingest) ingestAgain(ws);
  return ws.db;
}

/**
 * Runs the ingest stage into a new database (the old one removed) and keeps the faster of this
 * run and the ones before as the workspace's measurement.
 *
 * @example
 * ingestAgain(workspace()).totalMs //=> 42 310.5
 */
export function ingestAgain(ws: Workspace): StageResult {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${ws.db}${suffix}`, { force: true });
  const result = runStageProcess("ingest", ws);
  if (!ws.ingest || result.totalMs < ws.ingest.totalMs) ws.ingest = result;
  return result;
}

/**
 * The database the HTTP suite serves: the whole bundled corpus and the workspace's corpus,
 * ingested into a new database by `biannian ingest` (of `BENCH_SERVE_ROOT`'s checkout, when set,
 * so that the database is the one its server reads) on first use, then reused.
 *
 * @example
 * servedDatabase(workspace()).path //=> "/tmp/biannian-bench-…/corpus-30000000/served.db"
 */
export function servedDatabase(ws: Workspace): ServedDatabase {
  if (ws.served) return ws.served;
  const dir = join(ws.corpusDir, "..");
  const path = join(dir, "served.db");
  const log = join(dir, "served-ingest.log");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  // The warnings about dates go to a file: over the whole corpus they run to megabytes.
  const err = openSync(log, "w");
  const started = performance.now();
  let child: ReturnType<typeof spawnSync>;
  try {
    child = spawnSync(process.execPath, [biannianBin(), "ingest", "--db", path, BUNDLED, ws.corpusDir], {
      cwd: serveRoot(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", err],
      maxBuffer: CHILD_BUFFER,
    });
  } finally {
    closeSync(err);
  }
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) {
    const tail = readFileSync(log, "utf8").trim().slice(-2000);
    throw new Error(`ingest of the served database failed (status ${child.status}): ${tail}`);
  }
  const summary = String(child.stdout).trim().split("\n").at(-1) ?? "";
  ws.served = { path, summary: summary.replace(/ — .*$/, ""), seconds };
  return ws.served;
}

/** Lines about this run that belong beside the table: how the corpus was built, what was skipped and why. */
export const notes: string[] = [];

/**
 * Records a note for the table and prints it at once (on stderr).
 *
 * @example
 * note("search: PostgreSQL skipped: no server") // printed, and kept in `notes`
 */
export function note(text: string): void {
  notes.push(text);
  process.stderr.write(`  ${text}\n`);
}
