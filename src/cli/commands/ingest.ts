import { resolve } from "node:path";
import type { AssumedYear } from "../../date/index.ts";
import {
  type DocumentSummary,
  describeLocation,
  openStore,
  prepareDocument,
  readDocumentFile,
  resolveDatabasePath,
  type Store,
} from "../../store/index.ts";
import { EncodingError } from "../../text/decode.ts";
import { parseArgs, stringOption } from "../args.ts";
import { type Command, type CommandIO, UsageError } from "../command.ts";
import { printMessages } from "../messages.ts";
import { yearOption } from "../sources.ts";

const USAGE = `Usage: biannian ingest FILE... [--db PATH] [--corpus NAME] [--year YEAR] [--verbose]

Parses each chronicle FILE and stores it in the database, one transaction per file: an
interrupted ingest leaves the database as it was before that file. A file whose checksum is
unchanged is skipped; a changed file replaces the version stored from the same path.
  --db PATH       the database file, or a postgres://user:password@host/db URL (default:
                  $BIANNIAN_DB, else biannian.db in the user's data directory, e.g.
                  ~/.local/share/biannian/)
  --corpus NAME   the corpus to store the files in (default: default)
  --year YEAR     the year of the entries before the first year heading, for a file of one
                  year that writes none (慶曆三年); the entries are stored dated in it, and a
                  file given with --year is stored again even when unchanged
  --verbose       also print informational messages about the text`;

const BAR_WIDTH = 24;
const REDRAW_MS = 80;

/** A one-line progress bar redrawn in place on a terminal. */
class ProgressBar {
  private last = 0;
  private shown = false;
  constructor(private readonly io: CommandIO) {}

  draw(fraction: number, label: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < REDRAW_MS) return;
    this.last = now;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
    const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
    this.io.out(
      `\r\x1b[K${bar} ${Math.floor(fraction * 100)
        .toString()
        .padStart(3)}% ${label}`,
    );
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.io.out("\r\x1b[K");
    this.shown = false;
  }
}

function describe(document: DocumentSummary): string {
  return `${document.entryCount.toLocaleString("en")} entries, ${document.charCount.toLocaleString("en")} characters`;
}

async function ingestFile(
  store: Store,
  path: string,
  corpus: string,
  io: CommandIO,
  verbose: boolean,
  progress: (fraction: number, force?: boolean) => void,
  year: AssumedYear | undefined,
): Promise<"added" | "replaced" | "unchanged"> {
  const file = readDocumentFile(resolve(path));
  const stored = await store.findDocument(corpus, file.path);
  if (stored && stored.sha256 === file.sha256 && year === undefined) return "unchanged";
  progress(0.02, true);
  // A given year changes what is read, so the file is stored again even when unchanged.
  const input = { ...prepareDocument(file, corpus, year ? { year } : {}), replace: year !== undefined };
  printMessages(io, path, input.tree.messages, verbose);
  progress(0.1, true);
  const result = await store.putDocument(input, (done, total) =>
    progress(0.1 + (0.9 * done) / Math.max(1, total)),
  );
  return result.status;
}

/** `biannian ingest FILE...`: parse chronicle files and store them in the database. */
export const ingestCommand: Command = {
  name: "ingest",
  summary: "parse chronicle files and store them in the database",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { db: "value", corpus: "value", verbose: "flag", year: "value" });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const files = parsed.positional;
    if (files.length === 0) throw new UsageError("Missing FILE: which chronicles should be stored?");
    const corpus = stringOption(parsed, "corpus") ?? "default";
    if (corpus.trim() === "") throw new UsageError("--corpus needs a name");
    const year = yearOption(parsed);
    const dbPath = resolveDatabasePath(stringOption(parsed, "db"));
    const store = await openStore(dbPath);
    const bar = io.isTTY ? new ProgressBar(io) : null;
    const tally = { added: 0, replaced: 0, unchanged: 0, failed: 0 };
    try {
      for (const [index, path] of files.entries()) {
        const label = `${index + 1}/${files.length} ${path}`;
        const progress = (fraction: number, force = false) =>
          bar?.draw((index + fraction) / files.length, label, force);
        try {
          const verbose = parsed.options.verbose === true;
          const status = await ingestFile(store, path, corpus, io, verbose, progress, year);
          tally[status]++;
          bar?.clear();
          const document = await store.findDocument(corpus, resolve(path));
          io.out(
            `${status.padEnd(9)} ${path}${document && status !== "unchanged" ? ` (${describe(document)})` : ""}\n`,
          );
        } catch (error) {
          tally.failed++;
          bar?.clear();
          if (error instanceof EncodingError)
            io.err(`${path}:${error.line}:${error.column}: ${error.message}\n`);
          else {
            const code = (error as NodeJS.ErrnoException).code;
            const message =
              code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
            io.err(`${path}: ${message}\n`);
          }
        }
      }
    } finally {
      bar?.clear();
      await store.close();
    }
    const parts = [`${tally.added} added`, `${tally.replaced} replaced`, `${tally.unchanged} unchanged`];
    if (tally.failed) parts.push(`${tally.failed} failed`);
    io.out(
      `${files.length} file${files.length === 1 ? "" : "s"}: ${parts.join(", ")} — ${describeLocation(dbPath)}\n`,
    );
    return tally.failed ? 1 : 0;
  },
};
