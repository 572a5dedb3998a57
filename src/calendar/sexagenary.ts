/**
 * The sexagenary cycle (干支): sixty pairs of a heavenly stem and an earthly branch, 甲子 = 0 …
 * 癸亥 = 59, used to count days and years.
 */

import { BRANCHES, ganzhiIndex, ganzhiName, STEMS } from "../text/ganzhi.ts";

export { BRANCHES, ganzhiIndex, ganzhiName, STEMS };

/** 1949-10-01 (Gregorian), JDN 2433191, was a 甲子 day. */
const JIAZI_DAY_JDN = 2433191;

const mod60 = (n: number): number => ((n % 60) + 60) % 60;

/**
 * The cycle position of the day with the given JDN.
 *
 * @example
 * sexagenaryDayIndex(2433191) //=> 0 (1949-10-01, 甲子)
 * sexagenaryDayIndex(0) //=> 49 (癸丑)
 */
export function sexagenaryDayIndex(jdn: number): number {
  return mod60(jdn - JIAZI_DAY_JDN);
}

/**
 * The 干支 name of the day with the given JDN.
 *
 * @example
 * sexagenaryDay(2433191) //=> "甲子"
 */
export function sexagenaryDay(jdn: number): string {
  return ganzhiName(sexagenaryDayIndex(jdn));
}

/**
 * The 干支 of a year (astronomical numbering), as used for the Chinese year that begins in it.
 *
 * @example
 * sexagenaryYear(1984) //=> "甲子"
 * sexagenaryYear(1043) //=> "癸未"
 */
export function sexagenaryYear(year: number): string {
  return ganzhiName(year - 4);
}
