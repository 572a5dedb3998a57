/** The shapes the dating stage gives: resolved ranges, assumed years, options, and what it adds to nodes. */
import type { DateResolution, loadCalendar } from "../calendar/index.ts";
import type { Position } from "../parse/types.ts";
import type { YearContext } from "./era-context.ts";

/** A resolved date as the later stages keep it. */
export interface DatedRange {
  jdn: DateResolution["jdn"];
  julian: DateResolution["julian"];
  gregorian: DateResolution["gregorian"];
  label: string;
  /** Each state's label for the first day of the range. */
  concurrent: DateResolution["concurrent"];
  /** Another source's month starts give another range (e.g. Liao months for Western Xia). */
  alternatives: DateResolution["alternatives"];
  warnings: string[];
  /** The civil year the date falls in: its state, Western year and 干支. */
  civilYear?: DateResolution["civilYear"];
}

/** A date written inside a note or headline, resolved within the entry's year. */
export interface InlineDate extends DatedRange {
  text: string;
  position: Position;
}

declare module "../parse/types.ts" {
  interface NodeData {
    /** The days this node's date covers (entries, year headings). */
    date?: DatedRange;
    /** Why the date could not be resolved. */
    dateError?: { code: string; message: string };
    /** Dates written inside the node's text (notes). */
    dates?: InlineDate[];
    /** The year the reader assigned to a year without a heading (`DateOptions.year`). */
    assumedYear?: AssumedYear;
    /** The year a juan that opens before its first heading continues from the juan before (`DateOptions.carry`). */
    carriedYear?: AssumedYear;
    /** What gave the era of a heading that writes none (`十年`): the year before, or the ruler's eras. */
    eraInferred?: string;
    /** The heading's year is far from where the year before leads (a slip of the text). */
    outOfSequence?: true;
  }
}

/** A year given by the reader for the entries of a file (or its opening) that has no heading. */
export interface AssumedYear {
  /** As the reader wrote it (`慶曆三年`). */
  label: string;
  state: string | null;
  era: string;
  number: number;
  ganzhi: string | null;
  ce: number | null;
}

/** Options of `dateEntries`. */
export interface DateOptions {
  /**
   * The year of the entries that stand before the first year heading (all of them in a file
   * without headings): a file of one year often has none.
   */
  year?: AssumedYear;
  /** The state whose calendar the document dates by (default: the document's own, `tree.meta.document.state`). */
  state?: string;
  /** The last year of the juan before, for a juan that opens with a year without its era (`十年`). */
  carry?: YearContext;
}

export type Calendar = ReturnType<typeof loadCalendar>;

/** The date an entry writes: month, leap, day and season. */
export interface WhenWritten {
  month: number | null;
  leap: boolean;
  day: number | string | null;
  season: string | null;
}

/** The whole year, no month or day written. */
export const WHOLE_YEAR: WhenWritten = { month: null, leap: false, day: null, season: null };
