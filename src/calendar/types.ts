/** Result types shared by the calendar's conversions. */
import type { CandidateSummary } from "./errors.ts";

/** A range of days as Julian Day Numbers (inclusive). */
export interface JdnRange {
  start: number;
  end: number;
}

/** A range of days as ISO 8601 dates (astronomical years). */
export interface IsoRange {
  start: string;
  end: string;
}

/** The four seasons; 春 = months 1–3, 夏 = 4–6, 秋 = 7–9, 冬 = 10–12. */
export type Season = "春" | "夏" | "秋" | "冬";

/** One state's label for a day: 北宋 慶曆三年四月九日. */
export interface ConcurrentDate {
  state: string;
  era: string;
  year: number;
  /** 1–12 (-1 = 臘 and -2 = 一 in the 武周 calendar). */
  month: number;
  leap: boolean;
  day: number;
  /** The label written out: 慶曆三年四月九日. */
  label: string;
  /** Set when the label follows another source's month starts (see `alternatives`). */
  source?: string;
  /** Set for unofficial labels (e.g. 崇禎 used after 1644), given only when a state has no other. */
  parallel?: true;
}

/** The same date reckoned with another source's month starts. */
export interface AlternativeReading {
  source: string;
  /** What the source is. */
  description: string;
  jdn: JdnRange;
  julian: IsoRange;
  gregorian: IsoRange;
}

/** An era a name could also have meant: state, era, rulers and Western years of its first and last civil years. */
export type CandidateEra = CandidateSummary;

/** A converted date or range of dates. */
export interface DateResolution {
  /** What was converted, written out: 北宋 慶曆三年四月, or 1043-05-20 (Julian). */
  label: string;
  jdn: JdnRange;
  /** In the Julian calendar (proleptic before 45 BCE). */
  julian: IsoRange;
  /** In the proleptic Gregorian calendar. */
  gregorian: IsoRange;
  /** The day's 干支, when the range is a single day. */
  ganzhi?: string;
  /** For an era date: the civil (lunar) year it falls in, with its Western year and 干支. */
  civilYear?: { state: string; ce: number; ganzhi: string };
  /** Every state's label for the first day. */
  concurrent: ConcurrentDate[];
  /** Every state's label for the last day, when the range is longer than one day. */
  concurrentEnd?: ConcurrentDate[];
  /** The same date by other sources' month starts, where they differ. */
  alternatives: AlternativeReading[];
  /** Other eras the name could mean (empty when it was unambiguous). */
  candidates: CandidateEra[];
  warnings: string[];
}
