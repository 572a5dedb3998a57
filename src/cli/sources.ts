/**
 * Where the chronicle commands (`entries`, `entities`, `events`, `export`) read from: chronicle
 * files named on the command line, or the documents stored in a database. Either way each
 * source is the decoded text with what the pipeline needs to read it again exactly as it was
 * read at ingest (the year given for a file without headings).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { formatEraYear, loadCalendar } from "../calendar/index.ts";
import { type AssumedYear, readAssumedYear } from "../date/index.ts";
import type { Message } from "../parse/index.ts";
import {
  type Correction,
  DATABASE_ENV,
  type DocumentSummary,
  isPostgresUrl,
  openStore,
  resolveDatabasePath,
  type Store,
  type StoredRecord,
  type StoredYear,
  type YearInfo,
} from "../store/index.ts";
import { type ParsedArgs, stringOption } from "./args.ts";
import { UsageError } from "./command.ts";
import { readChronicleFile } from "./input.ts";

/** One chronicle to read: a file, or a stored document. */
export interface ChronicleSource {
  /** What messages and outputs call it: the path given, or the stored document's path. */
  label: string;
  /** The file's base name (exports name their files after it). */
  name: string;
  /** The decoded text. */
  text: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  /** The year of the entries before the first heading, when one was given. */
  year?: AssumedYear;
  /** The stored document, when read from a database. */
  document?: DocumentSummary;
  /** Its stored records, with their annotations, when they were asked for. */
  records?: StoredRecord[];
  /**
   * With its records: its years as the dating stage left their headings (null when the database
   * does not keep their days: the document was stored by an earlier version).
   */
  years?: StoredYear[] | null;
  /** With its records: the parser's and the dating stage's messages it was stored with. */
  messages?: Message[];
  /** With its records: the readers' corrections of its annotations, undone ones too. */
  corrections?: Correction[];
}

/** What to read of each stored document besides its text. */
export interface StoredOptions {
  /** Its records, with the annotations the ingest stored, its years and messages (default `false`). */
  records?: boolean;
}

/** The options that choose the sources, for a command's option spec. */
export const SOURCE_OPTIONS = { db: "value", corpus: "value", year: "value" } as const;

/**
 * The usage lines of the source options, with descriptions starting at column `width`.
 *
 * @example
 * sourceUsage(18).split("\n")[0] //=> "  --db PATH       read the documents stored in this database …"
 */
export function sourceUsage(width: number): string {
  const lines: [string, string[]][] = [
    [
      "--db PATH",
      [
        "read the documents stored in this database (a file, or a postgres:// URL)",
        "instead of FILEs, read as they were ingested; without FILEs and --db, the",
        "database that $BIANNIAN_DB names",
      ],
    ],
    ["--corpus NAME", ["with a database: only the documents of this corpus"]],
    [
      "--year YEAR",
      [
        "the year of the entries before the first year heading, for a file of one",
        "year that writes none (慶曆三年, 西夏稱天授禮法延祚六年, 慶曆三年（癸未，1043）)",
      ],
    ],
  ];
  return lines
    .flatMap(([option, text]) =>
      text.map((t, k) => `${k === 0 ? `  ${option}`.padEnd(width) : " ".repeat(width)}${t}`),
    )
    .join("\n");
}

/**
 * Reads `--year`, checked against the calendar.
 *
 * @throws UsageError when the year cannot be read or dated
 * @example
 * yearOption(parseArgs(["--year", "慶曆三年"], SOURCE_OPTIONS))?.era //=> "慶曆"
 */
export function yearOption(parsed: ParsedArgs): AssumedYear | undefined {
  const value = stringOption(parsed, "year");
  if (value === undefined) return undefined;
  try {
    return readAssumedYear(value, loadCalendar());
  } catch (error) {
    throw new UsageError(`--year: ${(error as Error).message}`);
  }
}

/** Reads one chronicle file, refusing it with file:line:column when it cannot be decoded. */
export function fileSource(file: string, year: AssumedYear | undefined): ChronicleSource {
  const { text, bytes } = readChronicleFile(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { label: file, name: basename(file), text, sha256, ...(year ? { year } : {}) };
}

/**
 * The year a stored document was read with, when its text writes none before its first
 * heading but its stored entries carry one (ingested with `--year`): its first entry tells.
 */
function storedYear(first: YearInfo | undefined): AssumedYear | undefined {
  if (!first || first.label !== null || !first.era || !first.number) return undefined;
  return {
    label: `${first.state ? `${first.state}稱` : ""}${formatEraYear(first.era, first.number)}`,
    state: first.state,
    era: first.era,
    number: first.number,
    ganzhi: first.ganzhi,
    ce: first.ce,
  };
}

/**
 * Opens a database and lists the documents a command reads from it, in the order of their ids.
 *
 * @param location a database path or postgres:// URL
 * @param corpus only the documents of this corpus
 * @throws Error when there is no database at `location` or it holds no such document
 */
export async function openStoredDocuments(
  location: string,
  corpus?: string,
): Promise<{ store: Store; documents: DocumentSummary[] }> {
  if (location !== ":memory:" && !isPostgresUrl(location) && !existsSync(location))
    throw new Error(`no database at ${location}; store chronicles first with \`biannian ingest FILE\``);
  const store = await openStore(location);
  try {
    const documents = await store.listDocuments(corpus === undefined ? {} : { corpus });
    if (documents.length === 0) {
      throw new Error(
        corpus === undefined
          ? "the database holds no documents; store chronicles first with `biannian ingest FILE`"
          : `the database holds no documents in the corpus "${corpus}"`,
      );
    }
    return { store, documents: documents.sort((a, b) => a.id - b.id) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Reads every document stored in a database (in the order of their ids), with the text and
 * year each was ingested with.
 *
 * @param location a database path or postgres:// URL
 * @param corpus only the documents of this corpus
 * @throws Error when there is no database at `location` or it holds no such document
 */
export async function storedSources(
  location: string,
  corpus?: string,
  options: StoredOptions = {},
): Promise<ChronicleSource[]> {
  const { store, documents } = await openStoredDocuments(location, corpus);
  try {
    const sources: ChronicleSource[] = [];
    for (const document of documents) {
      const text = await store.getDocumentText(document.id);
      if (text === null) continue;
      const first = await store.listEntries({ documentId: document.id }, { limit: 1 });
      const year = storedYear(first.results[0]?.year);
      sources.push({
        label: document.path,
        name: document.name,
        text,
        sha256: document.sha256,
        document,
        ...(year ? { year } : {}),
        ...(options.records
          ? {
              records: await store.getEntryRecords(document.id),
              years: await store.listYears(document.id),
              messages: (await store.getDocument(document.id))?.messages ?? [],
              corrections: await store.listCorrections({ documentId: document.id, includeUndone: true }),
            }
          : {}),
      });
    }
    return sources;
  } finally {
    await store.close();
  }
}

/**
 * The database a command line names for its chronicles — `--db`, or without FILEs
 * `$BIANNIAN_DB` — and its `--corpus`, or null when it names FILEs (at most `maxFiles`).
 *
 * @throws UsageError for FILEs together with `--db`, `--corpus` without a database, more FILEs
 *   than the command takes, `--year` with a database, or neither FILEs nor a database
 */
export function storedLocation(
  parsed: ParsedArgs,
  maxFiles = Number.POSITIVE_INFINITY,
): { location: string; corpus?: string } | null {
  const files = parsed.positional;
  const db = stringOption(parsed, "db");
  const corpus = stringOption(parsed, "corpus");
  const year = yearOption(parsed);
  if (files.length > 0) {
    if (db !== undefined) throw new UsageError("Give FILEs or --db, not both");
    if (corpus !== undefined) throw new UsageError("--corpus chooses stored documents: use it with --db");
    if (files.length > maxFiles) throw new UsageError(`Unexpected argument "${files[maxFiles]}"`);
    return null;
  }
  if (year !== undefined)
    throw new UsageError("--year is for a FILE; stored documents keep the year they were ingested with");
  if (db === undefined && !process.env[DATABASE_ENV])
    throw new UsageError(
      `Missing FILE: which chronicles should be read? (--db PATH, or $${DATABASE_ENV}, reads the documents of a database)`,
    );
  return { location: resolveDatabasePath(db), ...(corpus === undefined ? {} : { corpus }) };
}

/**
 * The sources a command line names: its FILEs (at most `maxFiles`), or the documents of the
 * database that `--db` names (or, without FILEs and `--db`, `$BIANNIAN_DB`).
 *
 * @throws UsageError for FILEs together with `--db`, `--corpus` without a database, or more FILEs
 *   than the command takes; InputError for a file that cannot be read; Error for a missing or
 *   empty database
 */
export async function readSources(
  parsed: ParsedArgs,
  maxFiles = Number.POSITIVE_INFINITY,
  options: StoredOptions = {},
): Promise<ChronicleSource[]> {
  const stored = storedLocation(parsed, maxFiles);
  if (stored) return storedSources(stored.location, stored.corpus, options);
  const year = yearOption(parsed);
  return parsed.positional.map((file) => fileSource(file, year));
}
