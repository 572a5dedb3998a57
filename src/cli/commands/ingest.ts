import { resolve } from "node:path";
import type { AssumedYear } from "../../date/index.ts";
import { noChronicle } from "../../parse/no-chronicle.ts";
import { readDocumentFile } from "../../pipeline.ts";
import {
  type DocumentSummary,
  describeLocation,
  openStore,
  type PutResult,
  resolveDatabasePath,
  type Store,
} from "../../store/index.ts";
import { EncodingError } from "../../text/decode.ts";
import { parseArgs, stringOption } from "../args.ts";
import { type Command, type CommandIO, UsageError } from "../command.ts";
import { chronicleFiles } from "../corpus-files.ts";
import { closerCollection } from "../heap-growth.ts";
import { printable, printMessages } from "../messages.ts";
import { failureError, PARTS_FROM_CHARS, type Prepared } from "../prepare.ts";
import { type PreparePool, preparePool } from "../prepare-pool.ts";
import { yearOption } from "../sources.ts";

const USAGE = `Usage: biannian ingest PATH... [--db PATH] [--corpus NAME] [--year YEAR] [--verbose]

Parses each chronicle file and stores it in the database, one transaction per file: an
interrupted ingest leaves the database as it was before that file. A PATH that is a directory
stands for every *.txt file under it (README.md, Readme.org and names starting with a dot are
left out), in natural order, KR2b0019_9.txt before KR2b0019_10.txt, so that the juan of a work
follow one another; the files are stored one after another in that order, each read (decoded,
parsed, dated and annotated) in a thread of its own while the one before is written. A file whose
checksum is that of the version stored from the same path is skipped before it is decoded; a
changed file replaces that version. A file that cannot be read or decoded, or holds no
chronicle (it is empty, or holds only whitespace or only citations), is reported with its path
and the others are stored; the exit status is then 1.

Each file named on the command line gets a line saying whether it was added, replaced or left
unchanged, and one line sums up the run: the files added, replaced, unchanged and failed, and
the entries and characters stored in how many seconds. When standard error is a terminal, a
progress bar there shows the files done, the characters stored, the time taken and the file
being read.
  --db PATH       the database file, or a postgres://user:password@host/db URL (default:
                  $BIANNIAN_DB, else biannian.db in the user's data directory, e.g.
                  ~/.local/share/biannian/)
  --corpus NAME   the corpus to store the files in (default: default)
  --year YEAR     the year of the entries before the first year heading, for a file of one
                  year that writes none (慶曆三年); the entries are stored dated in it, and a
                  file given with --year is stored again even when unchanged
  --verbose       also print the line of each file found in a directory, and informational
                  messages about the text`;

const BAR_WIDTH = 20;
/** The bar is drawn at most this often: ten times a second. */
const REDRAW_MS = 100;
/** The file being read is shown in this many columns at most, cut on the left. */
const LABEL_COLUMNS = 40;
const ERASE_LINE = "\r\x1b[K";

/** East Asian wide characters (CJK, Hangul, full-width forms) take two columns of a terminal. */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/**
 * `text` cut on the left to fit `columns` terminal columns, with `…` where it was cut.
 *
 * @example
 * fitLeft("corpus/changbian/KR2b0019_143.txt", 20) //=> "…n/KR2b0019_143.txt"
 */
function fitLeft(text: string, columns: number): string {
  const chars = [...text];
  const width = (c: string) => (WIDE.test(c) ? 2 : 1);
  let used = 0;
  for (const c of chars) used += width(c);
  if (used <= columns) return text;
  let start = chars.length;
  used = 1;
  while (start > 0 && used + width(chars[start - 1]!) <= columns) used += width(chars[--start]!);
  return `…${chars.slice(start).join("")}`;
}

/** Minutes and seconds: `0:07`, `12:45`. */
function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${(seconds % 60).toString().padStart(2, "0")}`;
}

/** What the progress bar shows. */
interface Progress {
  /** How much of the work is done, from 0 to 1. */
  fraction: number;
  filesDone: number;
  files: number;
  /** Characters of the documents stored so far. */
  chars: number;
  /** The file being read. */
  file: string;
}

/** A one-line progress bar on standard error, redrawn in place at most ten times a second. */
class ProgressBar {
  private last = Number.NEGATIVE_INFINITY;
  private shown = false;
  constructor(
    private readonly write: (text: string) => void,
    private readonly started: number,
  ) {}

  draw(progress: Progress): void {
    const now = performance.now();
    if (now - this.last < REDRAW_MS) return;
    this.last = now;
    const fraction = Math.min(1, Math.max(0, progress.fraction));
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
    const percent = Math.floor(fraction * 100)
      .toString()
      .padStart(3);
    this.write(
      `${ERASE_LINE}${bar} ${percent}% ${progress.filesDone}/${progress.files} files · ${progress.chars.toLocaleString("en")} characters · ${clock(now - this.started)} · ${fitLeft(printable(progress.file), LABEL_COLUMNS)}`,
    );
    this.shown = true;
  }

  /** Removes the bar, so that a line can be printed; the next `draw` puts it back. */
  clear(): void {
    if (this.shown) this.write(ERASE_LINE);
    this.shown = false;
  }
}

/** `1 entry`, `1,043 entries`. */
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** `45 entries, 9,281 characters`. */
const describe = (entries: number, chars: number) =>
  `${count(entries, "entry", "entries")}, ${count(chars, "character", "characters")}`;

/** What became of one file. */
interface Outcome {
  status: "added" | "replaced" | "unchanged";
  /** The stored document, for a file added or replaced. */
  document?: DocumentSummary;
}

/** A file handed to the preparing thread, or already settled. */
type Submitted = { outcome: Outcome } | { prepared: Promise<Prepared | null> };

/**
 * Reads one file and hands it to the pool: prepared, or, when its checksum is that of the
 * stored version, skipped before it is decoded (the pool keeps it for the era of the next juan).
 */
async function submitFile(
  store: Store,
  pool: PreparePool,
  path: string,
  corpus: string,
  year: AssumedYear | undefined,
): Promise<Submitted> {
  const file = readDocumentFile(resolve(path));
  if (file.bytes.length === 0) throw new Error(`no chronicle found: ${noChronicle("")}`);
  // A given year changes what is read, so the file is stored again even when unchanged.
  if (year === undefined && (await store.documentChecksum(corpus, file.path)) === file.sha256) {
    pool.submit({ kind: "skip", file }).catch(() => {});
    return { outcome: { status: "unchanged" } };
  }
  const step = {
    kind: "prepare",
    file,
    corpus,
    replace: year !== undefined,
    ...(year ? { year } : {}),
  } as const;
  return { prepared: pool.submit(step) };
}

/**
 * Stores a file once it is prepared.
 *
 * @param progress told how much of this file is done, from 0 to 1
 */
async function storeFile(
  store: Store,
  submitted: Submitted,
  path: string,
  io: CommandIO,
  verbose: boolean,
  progress: (fraction: number) => void,
): Promise<Outcome> {
  if ("outcome" in submitted) return submitted.outcome;
  progress(0);
  const prepared = await submitted.prepared;
  if (prepared === null) return { status: "unchanged" };
  if (!prepared.ok) throw failureError(prepared.failure);
  printMessages(io, path, prepared.messages, verbose);
  progress(0.5);
  let result: PutResult;
  try {
    result = await store.putDocument(prepared.document, (done, total) =>
      progress(0.5 + (0.5 * done) / Math.max(1, total)),
    );
  } finally {
    // A large file's parts not read (it was unchanged, or the write failed) are let go.
    prepared.release?.();
  }
  return result.status === "unchanged" ? { status: "unchanged" } : result;
}

/** Files read and handed on ahead of the one being stored. */
const READ_AHEAD = 2;

/** The line that reports a file that was not stored, its path and message made printable. */
function failure(path: string, error: unknown): string {
  const shown = printable(path);
  if (error instanceof EncodingError)
    return `${shown}:${error.line}:${error.column}: ${printable(error.message)}\n`;
  const code = (error as NodeJS.ErrnoException).code;
  const message = code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
  return `${shown}: ${printable(message, "\n")}\n`;
}

/** `biannian ingest PATH...`: parse chronicle files, or the `*.txt` files of directories, and store them. */
export const ingestCommand: Command = {
  name: "ingest",
  summary: "parse chronicle files (or directories of them) and store them in the database",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { db: "value", corpus: "value", verbose: "flag", year: "value" });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positional.length === 0)
      throw new UsageError("Missing FILE: which chronicles (files or directories) should be stored?");
    const corpus = stringOption(parsed, "corpus") ?? "default";
    if (corpus.trim() === "") throw new UsageError("--corpus needs a name");
    const year = yearOption(parsed);
    const verbose = parsed.options.verbose === true;
    const dbPath = resolveDatabasePath(stringOption(parsed, "db"));
    const started = performance.now();
    const items = chronicleFiles(parsed.positional);
    // A file that may come in parts (more bytes than a part's characters): both threads collect
    // their garbage sooner, before it grows to twice what they hold (set before the reading
    // thread starts, undone at the end).
    const restoreHeap = items.some((item) => "size" in item && item.size > PARTS_FROM_CHARS)
      ? closerCollection()
      : () => {};
    const store = await openStore(dbPath);
    const pool = await preparePool();
    const bar = (io.errIsTTY ?? io.isTTY) ? new ProgressBar(io.err, started) : null;
    // Whatever is printed while the bar is drawn takes its line first.
    const print: CommandIO = {
      ...io,
      out: (text) => {
        bar?.clear();
        io.out(text);
      },
      err: (text) => {
        bar?.clear();
        io.err(text);
      },
    };
    const totalBytes = items.reduce((sum, item) => sum + ("size" in item ? item.size : 0), 0);
    const tally = { added: 0, replaced: 0, unchanged: 0, failed: 0 };
    let entries = 0;
    let chars = 0;
    let bytesDone = 0;
    // Each file is read and handed to the preparing thread a little ahead of being stored.
    const ahead: (Promise<Submitted> | null)[] = [];
    const submitAt = (index: number) => {
      const item = items[index];
      if (!item || "problem" in item) return null;
      const submitted = submitFile(store, pool, item.path, corpus, year);
      submitted.catch(() => {});
      return submitted;
    };
    // The files' writes are committed together now and then (each file still all or nothing),
    // and what is reported stored is always committed: a file reported on its own line (each one
    // with --verbose, or one named on the command line) closes the group it is in, and its line
    // is printed once the group is committed.
    /** Stores the file at `index`; returns the line that reports it, if it is reported. */
    const storeItem = async (index: number): Promise<string | null> => {
      const item = items[index] as (typeof items)[number];
      const submitted = ahead.shift() ?? null;
      if (index + READ_AHEAD < items.length) ahead.push(submitAt(index + READ_AHEAD));
      if ("problem" in item) {
        tally.failed++;
        print.err(`${printable(item.path)}: ${printable(item.problem)}\n`);
        return null;
      }
      const progress = (fraction: number) =>
        bar?.draw({
          fraction:
            totalBytes > 0
              ? (bytesDone + fraction * item.size) / totalBytes
              : (index + fraction) / items.length,
          filesDone: index,
          files: items.length,
          chars,
          file: item.path,
        });
      let line: string | null = null;
      try {
        if (!submitted) throw new Error("the file was not read");
        const outcome = await storeFile(store, await submitted, item.path, print, verbose, progress);
        tally[outcome.status]++;
        if (outcome.document) {
          entries += outcome.document.entryCount;
          chars += outcome.document.charCount;
        }
        if (item.named || verbose) {
          const { document } = outcome;
          const counts = document ? ` (${describe(document.entryCount, document.charCount)})` : "";
          line = `${outcome.status.padEnd(9)} ${printable(item.path)}${counts}\n`;
        }
      } catch (error) {
        tally.failed++;
        print.err(failure(item.path, error));
      }
      bytesDone += item.size;
      return line;
    };
    const storeAll = async () => {
      let index = 0;
      while (index < items.length) {
        const lines: string[] = [];
        await store.grouped(async () => {
          while (index < items.length) {
            const item = items[index] as (typeof items)[number];
            const line = await storeItem(index++);
            if (line) lines.push(line);
            // A file reported on its own line closes the group.
            if (verbose || ("named" in item && item.named)) break;
          }
        });
        for (const line of lines) print.out(line);
      }
    };
    try {
      for (let k = 0; k < READ_AHEAD && k < items.length; k++) ahead.push(submitAt(k));
      await storeAll();
    } finally {
      bar?.clear();
      await pool.close();
      await store.close();
      restoreHeap();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = [
      `${tally.added} added`,
      `${tally.replaced} replaced`,
      `${tally.unchanged} unchanged`,
      `${tally.failed} failed`,
    ];
    io.out(
      `${count(items.length, "file", "files")}: ${counts.join(", ")}; ${describe(entries, chars)} stored in ${seconds} s — ${printable(describeLocation(dbPath))}\n`,
    );
    return tally.failed ? 1 : 0;
  },
};
