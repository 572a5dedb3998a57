/** Helpers on resolved ranges: the kept shape of a resolution, its Western year, and readings of a slip. */
import {
  concurrentAt,
  type DateResolution,
  ganzhiIndex,
  jdnToIso,
  jdnToJulian,
  sexagenaryDayIndex,
} from "../calendar/index.ts";
import { formatChineseNumber } from "../text/numerals.ts";
import type { Calendar, DatedRange } from "./date-types.ts";

export function dated(r: DateResolution): DatedRange {
  return {
    jdn: r.jdn,
    julian: r.julian,
    gregorian: r.gregorian,
    label: r.label,
    concurrent: r.concurrent,
    alternatives: r.alternatives,
    warnings: r.warnings,
    ...(r.civilYear ? { civilYear: r.civilYear } : {}),
  };
}

/** `元年`, `五年`. */
export function formatYear(n: number): string {
  return n === 1 ? "元年" : `${formatChineseNumber(n)}年`;
}

/** The kind of a slip that was dated to the month as written. */
export function slipCode(slip: string): string {
  return slip.endsWith("without 閏") ? "no-such-leap-month" : "ganzhi-not-in-month";
}

/** Years a heading may stand from where the year before leads before it is out of sequence. */
export const OUT_OF_SEQUENCE = 12;

/** The Western year of a dated whole year: the year of its middle day. */
export function civilCe(whole: DatedRange): number {
  return jdnToJulian(Math.floor((whole.jdn.start + whole.jdn.end) / 2)).year;
}

/**
 * The day nearest to `month` that has the sexagenary name `day`, labelled in the month's own
 * state: before its first day or after its last (a slip of one month, as 三月乙亥朔 for 二月).
 */
export function nearestReading(day: string, month: DatedRange, calendar: Calendar): string | null {
  const index = ganzhiIndex(day);
  if (index === null) return null;
  const mod = (n: number) => ((n % 60) + 60) % 60;
  const before = month.jdn.start - mod(sexagenaryDayIndex(month.jdn.start) - index);
  const after = month.jdn.end + mod(index - sexagenaryDayIndex(month.jdn.end));
  const jdn = month.jdn.start - before <= after - month.jdn.end ? before : after;
  const state = month.civilYear?.state ?? month.concurrent[0]?.state;
  const label = concurrentAt(jdn, calendar).find((c) => c.state === state);
  const iso = jdnToIso(jdn, "julian");
  return label ? `${label.label} (${iso})` : iso;
}
