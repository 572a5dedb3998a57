/**
 * The pipeline, bytes → text → parse → date → annotate → records, as one call for the CLI and
 * the benchmarks, and the records it gives ready for the store (`prepareDocument`). Each stage
 * stays a pure function of its own module; the store takes the records and runs none of them.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import {
  type Authority,
  annotateEntries,
  type ChronicleEvent,
  loadAuthority,
  type Mention,
} from "./annotate/index.ts";
import { loadCalendar } from "./calendar/index.ts";
import {
  type AssumedYear,
  dateEntries,
  entryDateFields,
  lastYearOf,
  type YearContext,
} from "./date/index.ts";
import {
  type ChronicleTree,
  type DocumentInfo,
  type Entry,
  type EntryRecord,
  parse,
  type Year,
} from "./parse/index.ts";
import { toEntryRecord } from "./parse/records.ts";
import type { DocumentInput, StoredYear } from "./store/types.ts";
import { decodeChronicle } from "./text/decode.ts";

/** An entry record with the dating stage's fields. */
export interface DatedEntryRecord extends EntryRecord {
  date: EntryRecord["date"] & ReturnType<typeof entryDateFields>;
}

/** An entry record with the dating and annotation stages' fields. */
export interface AnnotatedEntryRecord extends DatedEntryRecord {
  /** Names, offices and quantities, stand-off over the document text (see src/annotate/types.ts). */
  mentions: Mention[];
  /** Typed events with their roles, headline first. */
  events: ChronicleEvent[];
}

/** A chronicle read through every stage. */
export interface ChronicleResult {
  tree: ChronicleTree;
  records: AnnotatedEntryRecord[];
  /** The document's last dated year, for the juan after it (`ReadChronicleOptions.carry`). */
  lastYear: YearContext | null;
}

/** Options of `readChronicle`. */
export interface ReadChronicleOptions {
  /** The authority records for the annotation stage (default: the bundled ones, loaded once). */
  authority?: Authority;
  /** Run the annotation stage (default `true`); without it records have empty `mentions` and `events`. */
  annotate?: boolean;
  /**
   * The year of the entries before the first heading, as `readAssumedYear` reads it: for a file
   * of one year that writes none. Their records name it in `year` (with `label: null`, since
   * the text has no heading) and say so in `date.warnings`.
   */
  year?: AssumedYear;
  /**
   * The last year of the juan before, or how to find it from what the document is: a juan that
   * opens with a year without its era (`十一年春正月` in a 本紀) continues that juan's era.
   */
  carry?: YearContext | ((document: DocumentInfo) => YearContext | undefined);
  /**
   * What the document is, where the reader says so rather than the text (a chronicle pasted into
   * the browser with its work, juan and state): laid over what the parser read, before dating.
   */
  document?: Partial<DocumentInfo>;
}

let bundledAuthority: Authority | undefined;

/** The bundled authority, loaded and validated on first use. */
export function defaultAuthority(): Authority {
  bundledAuthority ??= loadAuthority();
  return bundledAuthority;
}

/**
 * The records of a year's entries, in order: each entry's record with its date fields (the year
 * a juan carried from the one before, or the reader gave, said on it) and its annotations.
 */
export function yearRecords(year: Year): AnnotatedEntryRecord[] {
  return year.children.map((entry) => entryRecord(entry, year));
}

/** The record of one entry of a year (see `yearRecords`). */
export function entryRecord(entry: Entry, year: Year): AnnotatedEntryRecord {
  const record = toEntryRecord(entry, year);
  const fields = entryDateFields(entry);
  const carried = year.data?.carriedYear;
  // The year is said once, in the document's messages (`date-year-carried`).
  if (carried) record.year = { label: null, era: carried.era, number: carried.number, state: carried.state };
  const assumed = year.data?.assumedYear;
  if (assumed) {
    record.year = { label: null, era: assumed.era, number: assumed.number, state: assumed.state };
    fields.warnings = [`the text names no year: dated in ${assumed.label}, as given`, ...fields.warnings];
  }
  return {
    ...record,
    date: { ...record.date, ...fields },
    mentions: entry.data?.mentions ?? [],
    events: entry.data?.events ?? [],
  };
}

/**
 * Parses, dates and annotates a chronicle, and flattens it into records.
 *
 * @param text the decoded chronicle
 * @param calendar the calendar data (loaded once and shared)
 * @param options the authority for the annotation stage, or `annotate: false` to skip it
 * @example
 * readChronicle(text).records[0].date.julian //=> { start: "1043-02-13", end: "1043-03-13" }
 * readChronicle(text).records[0].mentions[0] //=> { kind: "polity", text: "契丹", ref: "polity:liao", … }
 */
export function readChronicle(
  text: string,
  calendar = loadCalendar(),
  options: ReadChronicleOptions = {},
): ChronicleResult {
  const { tree, lastYear } = readChronicleTree(text, calendar, options);
  return { tree, records: tree.children.flatMap(yearRecords), lastYear };
}

/** `readChronicle` without the records: the tree, whose years `yearRecords` turns into records. */
export function readChronicleTree(
  text: string,
  calendar = loadCalendar(),
  options: ReadChronicleOptions = {},
): Omit<ChronicleResult, "records"> {
  const parsed = parse(text);
  if (options.document) Object.assign(parsed.meta.document, options.document);
  const carry = typeof options.carry === "function" ? options.carry(parsed.meta.document) : options.carry;
  const dated = dateEntries(parsed, calendar, {
    ...(options.year ? { year: options.year } : {}),
    ...(carry ? { carry } : {}),
  });
  const tree =
    options.annotate === false
      ? dated
      : annotateEntries(dated, options.authority ?? defaultAuthority(), { text });
  return { tree, lastYear: lastYearOf(tree) };
}

/** Files larger than this are refused before reading: a chronicle is far smaller. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Hashes the bytes of a chronicle file (SHA-256, lower-case hex).
 *
 * @example
 * sha256(new TextEncoder().encode("")) //=> "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A chronicle file read from disk: its bytes and their checksum. */
export interface DocumentFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * Reads a chronicle file's bytes and checksum (without decoding them).
 *
 * @throws Error with the node error code when the file cannot be read, or when it is a
 *   directory or larger than 512 MiB
 */
export function readDocumentFile(path: string): DocumentFile {
  const stat = statSync(path);
  if (stat.isDirectory()) throw new Error("is a directory, not a chronicle file");
  if (stat.size > MAX_FILE_BYTES) {
    throw new Error(
      `the file is ${Math.round(stat.size / 2 ** 20)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`,
    );
  }
  const bytes = readFileSync(path);
  return { path, bytes, sha256: sha256(bytes) };
}

/**
 * Decodes, parses, dates and annotates a chronicle file into what the store writes: text → tree
 * → dated, annotated records (so entries get their Julian Day Numbers for year filters, and
 * their mentions and events).
 *
 * @param file the file as `readDocumentFile` returns it
 * @param corpus the corpus to store it in
 * @param options `year`: the year of entries before the first heading; `carry`: the last year of
 *   the juan before (see `readChronicle`)
 * @throws EncodingError when the bytes are in no encoding that decodes without loss
 * @example
 * prepareDocument(readDocumentFile("corpus/xixia-ji-1043-1044.txt"), "default").records.length //=> 45
 */
export function prepareDocument(
  file: DocumentFile,
  corpus: string,
  options: Pick<ReadChronicleOptions, "year" | "carry"> = {},
): DocumentInput & { records: AnnotatedEntryRecord[] } {
  const input = prepareDocumentTree(file, corpus, options);
  return { ...input, records: input.tree.children.flatMap(yearRecords) };
}

/** `prepareDocument` without the records: for a large file, whose records are made year by year. */
export function prepareDocumentTree(
  file: DocumentFile,
  corpus: string,
  options: Pick<ReadChronicleOptions, "year" | "carry"> = {},
): Omit<DocumentInput, "records"> {
  const { text, encoding } = decodeChronicle(file.bytes);
  const { tree } = readChronicleTree(text, loadCalendar(), options);
  return { corpus, path: file.path, sha256: file.sha256, encoding, text, tree };
}

/**
 * The tree of a stored document for its markup: its text parsed again, each year heading given
 * the era and state the dating stage read it in and the days it covers, as the store keeps them
 * (the entries' days are in their records): what `export --db` and the server's export of a
 * selection give the exporters. Null when the parse does not give the stored years.
 */
export function storedTree(text: string, years: readonly StoredYear[]): ChronicleTree | null {
  const tree = parse(text);
  if (tree.children.length !== years.length) return null;
  for (const [i, year] of tree.children.entries()) {
    const stored = years[i]!;
    const heading = year.heading;
    if (!heading) continue;
    heading.era = stored.era;
    heading.state = stored.state;
    if (stored.date) heading.data = { ...heading.data, date: stored.date };
  }
  return tree;
}
