/**
 * CE years as ranges of Julian Day Numbers, for year filters on resolved dates. Years up to the
 * Gregorian reform (1582) count in the Julian calendar, later ones in the Gregorian, as
 * historians write them; years use astronomical numbering (0 = 1 BCE).
 */
import { gregorianToJdn, julianToJdn } from "../calendar/jdn.ts";

const GREGORIAN_REFORM_YEAR = 1582;

/**
 * The JDN of 1 January of a CE year.
 *
 * @example
 * newYearJdn(1043) //=> 2102014
 */
export function newYearJdn(year: number): number {
  const date = { year, month: 1, day: 1 };
  return year <= GREGORIAN_REFORM_YEAR ? julianToJdn(date) : gregorianToJdn(date);
}

/**
 * The first and last JDN of a CE year (1582 runs from 1 January, Julian, to 31 December, Gregorian).
 *
 * @example
 * yearJdnRange(1043) //=> { start: 2102014, end: 2102378 }
 */
export function yearJdnRange(year: number): { start: number; end: number } {
  return { start: newYearJdn(year), end: newYearJdn(year + 1) - 1 };
}
