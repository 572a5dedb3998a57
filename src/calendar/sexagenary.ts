/**
 * The sexagenary cycle (干支): sixty pairs of a heavenly stem and an earthly branch, 甲子 = 0 …
 * 癸亥 = 59, used to count days and years.
 */

/** The ten heavenly stems. */
export const STEMS = "甲乙丙丁戊己庚辛壬癸";
/** The twelve earthly branches. */
export const BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

/** 1949-10-01 (Gregorian), JDN 2433191, was a 甲子 day. */
const JIAZI_DAY_JDN = 2433191;

const mod60 = (n: number): number => ((n % 60) + 60) % 60;

/**
 * The name of a position in the cycle.
 *
 * @example
 * ganzhiName(0) //=> "甲子"
 * ganzhiName(59) //=> "癸亥"
 */
export function ganzhiName(index: number): string {
  const i = mod60(index);
  return `${STEMS[i % 10]}${BRANCHES[i % 12]}`;
}

/**
 * The position (0–59) of a 干支 pair, or `null` when `text` is not one of the sixty.
 *
 * @example
 * ganzhiIndex("壬戌") //=> 58
 * ganzhiIndex("甲丑") //=> null
 */
export function ganzhiIndex(text: string): number | null {
  if (text.length !== 2) return null;
  const s = STEMS.indexOf(text[0]!);
  const b = BRANCHES.indexOf(text[1]!);
  if (s < 0 || b < 0 || s % 2 !== b % 2) return null;
  // The index i satisfies i ≡ s (mod 10) and i ≡ b (mod 12).
  for (let i = s; i < 60; i += 10) if (i % 12 === b) return i;
  return null;
}

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
