/**
 * The sexagenary cycle (干支): sixty pairs of a heavenly stem and an earthly branch, 甲子 = 0 …
 * 癸亥 = 59. The parser reads them in dates and headings, the calendar counts days and years by
 * them; both take the characters from here.
 */

/** The ten heavenly stems. */
export const STEMS = "甲乙丙丁戊己庚辛壬癸";
/** The twelve earthly branches. */
export const BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

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
 * True when `text` is one of the sixty pairs.
 *
 * @example
 * isGanzhi("庚午") //=> true
 * isGanzhi("庚子日") //=> false
 */
export function isGanzhi(text: string): boolean {
  return ganzhiIndex(text) !== null;
}
