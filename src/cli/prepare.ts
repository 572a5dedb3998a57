/**
 * What `ingest` does to a file before the store writes it — decode, parse, date, annotate and
 * turn into rows — in the order the files come, with the era of each work's last juan carried to
 * its next. It runs in a worker thread beside the thread that writes, so that one file is read
 * while the one before is stored (`PreparePool`), or in the same thread where no worker starts.
 */

import { loadCalendar } from "../calendar/index.ts";
import type { AssumedYear, YearContext } from "../date/index.ts";
import { lastYearOf } from "../date/index.ts";
import type { DocumentInfo, Message } from "../parse/index.ts";
import { noChronicle } from "../parse/no-chronicle.ts";
import { type DocumentFile, prepareDocument, readChronicle } from "../pipeline.ts";
import { documentToRows } from "../store/rows.ts";
import type { PreparedDocument } from "../store/types.ts";
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

/** A prepared file: its rows for the store and the parser's messages, or why it failed. */
export type Prepared =
  | { ok: true; document: PreparedDocument; messages: Message[] }
  | { ok: false; failure: PrepareFailure };

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
    const input = prepareDocument(file, corpus, { ...(year ? { year } : {}), carry: carry.before });
    const absent = noChronicle(input.text);
    if (absent !== null) return { ok: false, failure: { message: `no chronicle found: ${absent}` } };
    carry.remember(input.tree.meta.document, lastYearOf(input.tree));
    const { tree, records: _records, ...rest } = input;
    return {
      ok: true,
      document: { ...rest, replace, rows: documentToRows(input) },
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
