/**
 * What `npm start` does before it serves: `biannian ingest corpus/`, every bundled chronicle
 * (the sample, the whole 長編, 宋史 卷485–486, 遼史 卷19 and 115), into a new SQLite database —
 * the first start — and again into the same database, where every file is unchanged — each later
 * start. Beside them the floor: reading the same files and one regular-expression pass over them.
 * Each run is a process of its own (its time counted from spawn to exit, so that starting Node
 * and loading the code count, as they do for a user), and its peak memory is its own. The command
 * is the installed build (`dist/cli/`, which `npm run bench` makes first), as `bin/biannian` runs it.
 * Then one file of 10 M characters (長編's juan joined, from the first again) into a new database:
 * its time and peak memory, against the goal of at most 500 MiB on any input.
 *
 *   node --import tsx bench/start.ts                 the suite alone, figures printed
 *   node --import tsx bench/start.ts floor [PATH]     one run, one line of JSON (what the suite spawns)
 *   node --import tsx bench/start.ts ingest DB [PATH]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CommandIO } from "../src/cli/command.ts";
import type { Figure } from "./corpus.ts";
import { note } from "./workspace.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The bundled corpus, as `npm start` names it. */
const CORPUS = join(ROOT, "corpus");
const SCRIPT = fileURLToPath(import.meta.url);
/** The floor's pass, as in the pipeline suite: every parenthesis, full-width or half-width. */
const FLOOR_PATTERN = /[（(][^（()）\n]*[)）]/gu;
/** The size of the one large file: 長編's juan, one after another, from the first again as needed. */
const LARGE_CHARS = 10_000_000;
/** The goal for peak memory on any input, this file included (issue #16). */
const PEAK_GOAL_MIB = 500;

/** Writes the large file into `dir`: the juan of 長編 (its front matter left out) joined until it has `LARGE_CHARS` characters. */
function largeFile(dir: string): string {
  const folder = join(CORPUS, "changbian");
  const juan = readdirSync(folder)
    .filter((name) => /^KR2b0019_\d+\.txt$/u.test(name) && Number(name.slice(9, 12)) >= 5)
    .sort()
    .map((name) => readFileSync(join(folder, name), "utf8"));
  const parts: string[] = [];
  let chars = 0;
  for (let i = 0; chars < LARGE_CHARS; i++) {
    const text = juan[i % juan.length]!;
    parts.push(text);
    chars += [...text].length + 1;
  }
  const path = join(dir, "changbian-10m.txt");
  writeFileSync(path, parts.join("\n"));
  return path;
}

/** Runs of each kind; the shortest counts. */
const RUNS = { floor: 3, first: 2, again: 3 };

const MIB = 2 ** 20;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** What one run measured, in its own process. */
interface RunResult {
  /** Files read. */
  files: number;
  /** Characters (code points) of the files: the floor counts them after its timed pass. */
  chars: number;
  /** The ingest's exit code and summary line. */
  code?: number;
  summary?: string;
  /** Milliseconds of the work inside the process: the floor's pass, or the ingest command. */
  innerMs: number;
  /** Peak resident set size of the process, in bytes. */
  maxRss: number;
}

/** The floor: read every file `ingest PATH` reads, and run one regular expression over it. */
async function floor(path = CORPUS): Promise<RunResult> {
  // Only what the floor needs is loaded, so that its process stays the least one can be.
  const { chronicleFiles } = await import("../src/cli/corpus-files.ts");
  const started = performance.now();
  const files = chronicleFiles([path]).flatMap((item) => ("size" in item ? [item.path] : []));
  const texts: string[] = [];
  let matches = 0;
  for (const path of files) {
    const text = readFileSync(path, "utf8");
    for (const _ of text.matchAll(FLOOR_PATTERN)) matches++;
    texts.push(text);
  }
  const innerMs = performance.now() - started;
  if (matches === 0) throw new Error("the floor's pattern found nothing");
  const maxRss = process.resourceUsage().maxRSS * 1024;
  let chars = 0;
  for (const text of texts) for (const _ of text) chars++;
  return { files: files.length, chars, innerMs, maxRss };
}

/** The command line as a user runs it: its build (`npm run bench` makes it first), else the sources. */
async function commandLine(): Promise<typeof import("../src/cli/main.ts")> {
  const built = join(ROOT, "dist", "cli", "main.js");
  if (existsSync(built))
    return (await import(pathToFileURL(built).href)) as typeof import("../src/cli/main.ts");
  return await import("../src/cli/main.ts");
}

/** `biannian ingest --db DB PATH` (the bundled corpus by default), its output kept. */
async function ingest(db: string, path = CORPUS): Promise<RunResult> {
  const { run } = await commandLine();
  let out = "";
  const io: CommandIO = {
    out: (text) => {
      out += text;
    },
    err: () => {},
    isTTY: false,
    errIsTTY: false,
  };
  const started = performance.now();
  const code = await run(["ingest", "--db", db, path], io);
  const innerMs = performance.now() - started;
  const summary = out.trimEnd().split("\n").at(-1) ?? "";
  const files = Number(/^([\d,]+) files?:/u.exec(summary)?.[1]?.replaceAll(",", "") ?? Number.NaN);
  const chars = Number(/([\d,]+) characters? stored/u.exec(summary)?.[1]?.replaceAll(",", "") ?? Number.NaN);
  return { files, chars, code, summary, innerMs, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** Runs one kind in a child process and measures it from spawn to exit. */
function spawnRun(args: string[]): RunResult & { ms: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`start ${args[0]} failed: ${child.stderr.trim().slice(-2000)}`);
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "") as RunResult;
  if (result.code !== undefined && result.code !== 0) throw new Error(`ingest failed: ${result.summary}`);
  return { ...result, ms };
}

/** The shortest of `runs` runs of `make()`. */
function best(runs: number, label: string, make: () => RunResult & { ms: number }) {
  let found: (RunResult & { ms: number }) | undefined;
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`  start: ${label}, run ${i + 1} of ${runs}\n`);
    const result = make();
    if (!found || result.ms < found.ms) found = result;
  }
  return found!;
}

/** The goal for a command's start, from spawning `bin/biannian` to its exit. */
const COMMAND_GOAL_MS = 250;
/** Runs of each command timed; the median counts. */
const COMMAND_RUNS = 7;

/**
 * Times `bin/biannian date 1043` from spawn to exit (its compiled build, as installed), beside
 * Node starting and exiting with nothing to do; the median of several runs of each.
 */
function commandStart(): { date: number; node: number } {
  const median = (label: string, args: string[]) => {
    const times: number[] = [];
    for (let i = 0; i < COMMAND_RUNS; i++) {
      process.stderr.write(`  start: ${label}, run ${i + 1} of ${COMMAND_RUNS}\n`);
      const started = performance.now();
      const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
      times.push(performance.now() - started);
      if (child.status !== 0) throw new Error(`${label} failed: ${child.stderr.trim().slice(-500)}`);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };
  return {
    node: median("node -e ''", ["-e", ""]),
    date: median("biannian date 1043", [join(ROOT, "bin", "biannian"), "date", "1043"]),
  };
}

/**
 * Times `npm start`'s ingest of the bundled corpus, first and second start, beside the floor.
 *
 * @example
 * for (const f of await benchStart()) console.log(f.name, f.value, f.unit);
 */
export async function benchStart(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "biannian-bench-start-"));
  try {
    const db = join(dir, "start.db");
    const fresh = () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
      return spawnRun(["ingest", db]);
    };
    const command = commandStart();
    const base = best(RUNS.floor, "floor", () => spawnRun(["floor"]));
    const first = best(RUNS.first, "first start (new database)", fresh);
    const again = best(RUNS.again, "second start (all unchanged)", () => spawnRun(["ingest", db]));
    const large = largeFile(dir);
    const largeFloor = best(1, "floor, one 10 M-character file", () => spawnRun(["floor", large]));
    const largeDb = join(dir, "large.db");
    const largeIngest = best(1, "one 10 M-character file", () => spawnRun(["ingest", largeDb, large]));
    if (!again.summary?.includes(` 0 added, 0 replaced, ${base.files} unchanged, 0 failed`))
      throw new Error(`the second start stored something: ${again.summary}`);
    const chars = base.chars;
    if (first.chars !== chars || first.files !== base.files)
      throw new Error(`the ingest read other files than the floor: ${first.summary}`);
    const label = `ingest of the bundled corpus (${base.files.toLocaleString("en")} files, ${chars.toLocaleString("en")} characters)`;
    const seconds = (ms: number) => round(ms / 1000);
    const rate = (ms: number) => Math.round(chars / (ms / 1000));
    const figures: Figure[] = [
      { name: "floor: read the same files + one regex pass: time", value: seconds(base.ms), unit: "s" },
      { name: "floor: throughput", value: rate(base.ms), unit: "chars/s" },
      { name: "floor: the pass alone, inside its process", value: seconds(base.innerMs), unit: "s" },
      { name: "floor: peak memory (RSS)", value: round(base.maxRss / MIB, 1), unit: "MiB" },
      { name: `${label}: time`, value: seconds(first.ms), unit: "s" },
      { name: `${label}: throughput`, value: rate(first.ms), unit: "chars/s" },
      { name: `${label}: time / floor`, value: round(first.ms / base.ms, 1), unit: "×" },
      {
        name: "first start: the command alone, inside its process",
        value: seconds(first.innerMs),
        unit: "s",
      },
      { name: `${label}: peak memory (RSS)`, value: round(first.maxRss / MIB, 1), unit: "MiB" },
      { name: "second start (all unchanged): time", value: seconds(again.ms), unit: "s" },
      {
        name: "second start: the command alone, inside its process",
        value: seconds(again.innerMs),
        unit: "s",
      },
      { name: "second start: peak memory (RSS)", value: round(again.maxRss / MIB, 1), unit: "MiB" },
      {
        name: `floor: read one file of ${largeFloor.chars.toLocaleString("en")} characters + one regex pass`,
        value: seconds(largeFloor.ms),
        unit: "s",
      },
      { name: "floor: that file, peak memory (RSS)", value: round(largeFloor.maxRss / MIB, 1), unit: "MiB" },
      {
        name: "ingest of that one file into a new database: time",
        value: seconds(largeIngest.ms),
        unit: "s",
      },
      {
        name: "ingest of that one file: peak memory (RSS)",
        value: round(largeIngest.maxRss / MIB, 1),
        unit: "MiB",
        goal: `≤ ${PEAK_GOAL_MIB} MiB`,
        met: largeIngest.maxRss / MIB <= PEAK_GOAL_MIB,
      },
      { name: "floor: Node starting and exiting (`node -e ''`)", value: seconds(command.node), unit: "s" },
      {
        name: "a command's start: `biannian date 1043`",
        value: seconds(command.date),
        unit: "s",
        goal: `≤ ${COMMAND_GOAL_MS / 1000} s`,
        met: command.date <= COMMAND_GOAL_MS,
      },
    ];
    note(
      `start: ${label}: ${seconds(first.ms)} s, ${rate(first.ms).toLocaleString("en")} chars/s, peak RSS ${round(first.maxRss / MIB, 0)} MiB` +
        ` (floor: ${seconds(base.ms)} s, ${rate(base.ms).toLocaleString("en")} chars/s); second start (all unchanged): ${seconds(again.ms)} s` +
        ` (each from spawning Node to its exit); one file of ${largeFloor.chars.toLocaleString("en")} characters: ${seconds(largeIngest.ms)} s, peak RSS ${round(largeIngest.maxRss / MIB, 0)} MiB` +
        ` (floor ${seconds(largeFloor.ms)} s, ${round(largeFloor.maxRss / MIB, 0)} MiB); biannian date 1043 starts in ${seconds(command.date)} s (Node alone: ${seconds(command.node)} s)`,
    );
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [mode, db] = process.argv.slice(2);
  const path = process.argv[4];
  if (mode === "floor") process.stdout.write(`${JSON.stringify(await floor(db))}\n`);
  else if (mode === "ingest" && db) process.stdout.write(`${JSON.stringify(await ingest(db, path))}\n`);
  else if (mode === undefined) {
    for (const f of await benchStart()) console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}`);
  } else {
    process.stderr.write("usage: node --import tsx bench/start.ts [floor [PATH] | ingest DB [PATH]]\n");
    process.exit(2);
  }
}
