/**
 * What `ingest` does to a file before the store writes it — decode, parse, date, annotate and
 * turn into rows — in the order the files come, with the era of each work's last juan carried to
 * its next. It runs in a worker thread beside the thread that writes, so that one file is read
 * while the one before is stored (`PreparePool`), or in the same thread where no worker starts.
 */

import { loadCalendar } from "../calendar/index.ts";
import type { AssumedYear, YearContext } from "../date/index.ts";
import { lastYearOf } from "../date/index.ts";
import type { DocumentInfo, Entry, Message, Year } from "../parse/index.ts";
import { noChronicle } from "../parse/no-chronicle.ts";
import {
  type DocumentFile,
  entryRecord,
  prepareDocumentTree,
  readChronicle,
  yearRecords,
} from "../pipeline.ts";
import { documentHeadRows, documentToRows, type YearRows, yearRowsOf } from "../store/rows.ts";
import type { DocumentInput, PreparedDocument } from "../store/types.ts";
import { decodeChronicle, EncodingError } from "../text/decode.ts";

/**
 * The last year of each work's juan read so far, so that the next juan of the same work, which
 * may open with a year without its era (`十一年春正月` in a 本紀), continues its era.
 */
export class EraCarry {
  private readonly last = new Map<string, { juan: number; year: YearContext }>();
  /** The file skipped just before, unchanged: read for its last year only if the next juan needs it. */
  private skipped: DocumentFile | null = null;

  /** The year the juan before `document` ended with, when it was read (or skipped) in this run. */
  before = (document: DocumentInfo): YearContext | undefined => {
    const key = document.textId ?? document.work;
    if (key === null || document.juan === null) return undefined;
    if (this.skipped && this.last.get(key)?.juan !== document.juan - 1) {
      // The juan before was unchanged and not read: read it now, without annotating, for its year.
      const file = this.skipped;
      this.skipped = null;
      try {
        const { tree, lastYear } = readChronicle(decodeChronicle(file.bytes).text, loadCalendar(), {
          annotate: false,
          carry: this.before,
        });
        this.remember(tree.meta.document, lastYear);
      } catch {
        // A file that cannot be read again carries nothing; it was stored before.
      }
    }
    const known = this.last.get(key);
    return known && known.juan === document.juan - 1 ? known.year : undefined;
  };

  remember(document: DocumentInfo, year: YearContext | null): void {
    this.skipped = null;
    const key = document.textId ?? document.work;
    if (key !== null && document.juan !== null && year !== null)
      this.last.set(key, { juan: document.juan, year });
  }

  /** An unchanged file was skipped: the next juan may need its last year. */
  skip(file: DocumentFile): void {
    this.skipped = file;
  }
}

/** One step of the work, in file order: a file to prepare, or one skipped as unchanged. */
export type PrepareStep =
  | { kind: "prepare"; file: DocumentFile; corpus: string; year?: AssumedYear; replace: boolean }
  | { kind: "skip"; file: DocumentFile };

/** Why a file could not be prepared: its message, and where the bytes stop decoding. */
export interface PrepareFailure {
  message: string;
  encoding?: { line: number; column: number };
}

/**
 * A prepared file: its rows for the store and the parser's messages, or why it failed. A large
 * file's rows come in parts (`document.rows.moreYears`): where it was prepared, `parts` makes
 * them (and is not sent to another thread), and `release` says they are no longer wanted.
 */
export type Prepared =
  | {
      ok: true;
      document: PreparedDocument;
      messages: Message[];
      parts?: Iterator<YearRows[]>;
      release?: () => void;
    }
  | { ok: false; failure: PrepareFailure };

/**
 * Files of more characters than this are turned into rows in parts, as the store writes them,
 * so that their rows are never all in memory at once (nor copied whole from thread to thread).
 * Far above a juan (the longest of 長編 has 58 k characters) or a 本紀.
 */
export const PARTS_FROM_CHARS = 1_000_000;
/** Entries in one part (whole years; a year longer than this is a part of its own). */
const PART_ENTRIES = 500;

/**
 * The rows of a document's years in parts of about `PART_ENTRIES` entries, each entry's record
 * made when its rows are, and the entries let go from the tree once their rows are made: the
 * tree shrinks as the parts go, even within one long year (a year may hold most of a document).
 */
export function* rowParts(
  input: Omit<DocumentInput, "records">,
  partEntries = PART_ENTRIES,
): Generator<YearRows[]> {
  let part: YearRows[] = [];
  let entries = 0;
  let year: Year | null = null;
  let ord = -1;
  /** Where the next piece of the year starts among its entries. */
  let at = 0;
  const years = input.tree.children;
  for (const rows of yearRowsOf(input, entryRecord, partEntries)) {
    if (!rows.continues) {
      year = years[++ord]!;
      at = 0;
    }
    // The piece's entries are not read again (`yearRowsOf` goes on after them): they go, with
    // their records, once the part is sent.
    const count = rows.entries.length;
    (year!.children as (Entry | undefined)[]).fill(undefined, at, at + count);
    at += count;
    part.push(rows);
    entries += count;
    if (entries >= partEntries) {
      yield part;
      part = [];
      entries = 0;
    }
  }
  if (part.length > 0) yield part;
}

/** An iterator's parts as an async iterable, read once. */
export function asyncParts<T>(parts: Iterator<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: async () => parts.next(),
      return: async () => {
        parts.return?.(undefined);
        return { done: true, value: undefined };
      },
    }),
  };
}

/**
 * Prepares one file (or notes a skipped one) with the carry of the files before it.
 *
 * @example
 * prepareStep({ kind: "prepare", file, corpus: "default", replace: false }, new EraCarry()).ok //=> true
 */
export function prepareStep(step: PrepareStep, carry: EraCarry): Prepared | null {
  if (step.kind === "skip") {
    carry.skip(step.file);
    return null;
  }
  try {
    const { file, corpus, year, replace } = step;
    const input = prepareDocumentTree(file, corpus, { ...(year ? { year } : {}), carry: carry.before });
    const absent = noChronicle(input.text);
    if (absent !== null) return { ok: false, failure: { message: `no chronicle found: ${absent}` } };
    carry.remember(input.tree.meta.document, lastYearOf(input.tree));
    // The text goes with the rows (`rows.document.text`), not beside them a second time.
    const { tree, text: _text, ...rest } = input;
    if (input.text.length > PARTS_FROM_CHARS) {
      const names = function* () {
        for (const y of tree.children) for (const entry of y.children) yield entry.data;
      };
      const head = documentHeadRows(input, names());
      const parts = rowParts(input);
      return {
        ok: true,
        document: { ...rest, replace, rows: { ...head, years: [], moreYears: asyncParts(parts) } },
        messages: tree.messages,
        parts,
        release: () => {
          parts.return?.(undefined);
        },
      };
    }
    const records = tree.children.flatMap(yearRecords);
    return {
      ok: true,
      document: { ...rest, replace, rows: documentToRows({ ...input, records }) },
      messages: tree.messages,
    };
  } catch (error) {
    if (error instanceof EncodingError)
      return {
        ok: false,
        failure: { message: error.message, encoding: { line: error.line, column: error.column } },
      };
    return { ok: false, failure: { message: error instanceof Error ? error.message : String(error) } };
  }
}

/** The error a failure stands for, as `ingest` reports it. */
export function failureError(failure: PrepareFailure): Error {
  return failure.encoding
    ? new EncodingError(failure.message, failure.encoding.line, failure.encoding.column)
    : new Error(failure.message);
}
