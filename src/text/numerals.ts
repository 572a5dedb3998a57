/**
 * Chinese numerals as written in classical chronicles: 一百三十九, 二十五萬五千, 十萬, 元 (first
 * year), 正 (first month), 廿/卅 (twenty/thirty), 〇 and positional forms such as 一四九.
 */

const table = (record: Record<string, number>): ReadonlyMap<string, number> =>
  new Map(Object.entries(record));

const DIGITS: ReadonlyMap<string, number> = table({
  〇: 0,
  零: 0,
  一: 1,
  壹: 1,
  二: 2,
  貳: 2,
  兩: 2,
  两: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
});

const SMALL_UNITS: ReadonlyMap<string, number> = table({
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
});

const LARGE_UNITS: ReadonlyMap<string, number> = table({
  萬: 10_000,
  万: 10_000,
  億: 100_000_000,
  亿: 100_000_000,
});

const TENS: ReadonlyMap<string, number> = table({ 廿: 20, 卅: 30, 卌: 40 });

/** Words that stand for a whole number on their own. */
const WORDS: ReadonlyMap<string, number> = table({ 元: 1, 正: 1, 端: 1 });

/** Every character that may appear inside a Chinese numeral. */
export const NUMERAL_CHARS = `${[...DIGITS.keys(), ...SMALL_UNITS.keys(), ...LARGE_UNITS.keys(), ...TENS.keys()].join("")}`;

/**
 * Parses a Chinese numeral into an integer, or returns `null` when `text` is not one.
 *
 * Handles the multiplicative form (一百三十九, 二十五萬五千, 十萬, 一千零五), the positional
 * form (一四九, 二〇一五), 廿/卅/卌, and the words 元 and 正 (as in 元年 and 正月) = 1.
 *
 * @param text the numeral alone, without 年/月/卷 or other words around it
 * @returns the value, or `null` for anything that is not a well-formed numeral
 * @example
 * parseChineseNumber("一百三十九") //=> 139
 * parseChineseNumber("二十五萬五千") //=> 255000
 * parseChineseNumber("元") //=> 1
 */
export function parseChineseNumber(text: string): number | null {
  if (text.length === 0) return null;
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  if (/^[0-9]+$/.test(text)) return Number(text);
  // Every character must be a numeral; digits alone, more than one, are positional (一四九 = 149).
  let count = 0;
  let positional: string | null = "";
  for (const c of text) {
    count++;
    const d = DIGITS.get(c);
    if (d !== undefined) {
      if (positional !== null) positional += d;
      continue;
    }
    if (!SMALL_UNITS.has(c) && !LARGE_UNITS.has(c) && !TENS.has(c)) return null;
    positional = null;
  }
  if (count > 1 && positional !== null) return Number(positional);
  let total = 0; // completed groups above 萬
  let section = 0; // the group below the current large unit
  let digit: number | null = null; // a digit waiting for its unit
  let lastSmall = Number.POSITIVE_INFINITY; // units must fall within a section
  let lastLarge = Number.POSITIVE_INFINITY;
  for (const c of text) {
    const d = DIGITS.get(c);
    if (d !== undefined) {
      if (digit !== null && d !== 0 && digit !== 0) return null; // two digits in a row: 三四
      digit = d;
      continue;
    }
    const tens = TENS.get(c);
    if (tens !== undefined) {
      if (digit !== null && digit !== 0) return null;
      if (lastSmall <= 10) return null;
      section += tens;
      lastSmall = 10;
      digit = null;
      continue;
    }
    const small = SMALL_UNITS.get(c);
    if (small !== undefined) {
      if (small >= lastSmall) return null; // 十百, 百百
      section += (digit === null || digit === 0 ? (digit === 0 ? 0 : 1) : digit) * small;
      if (digit === 0) return null;
      lastSmall = small;
      digit = null;
      continue;
    }
    const large = LARGE_UNITS.get(c);
    if (large !== undefined) {
      if (large >= lastLarge) return null;
      const group = section + (digit ?? 0);
      if (group === 0) return null;
      total += group * large;
      section = 0;
      digit = null;
      lastSmall = Number.POSITIVE_INFINITY;
      lastLarge = large;
    }
  }
  return total + section + (digit ?? 0);
}

/**
 * Formats a positive integer as a Chinese numeral in the chronicle style (十 for 10, not 一十).
 *
 * @example
 * formatChineseNumber(139) //=> "一百三十九"
 * formatChineseNumber(255000) //=> "二十五萬五千"
 */
export function formatChineseNumber(value: number): string {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`expected a non-negative integer, got ${value}`);
  if (value === 0) return "〇";
  const digits = "〇一二三四五六七八九";
  const below10000 = (n: number, leadingTenAsOne: boolean): string => {
    let out = "";
    let zero = false;
    const units: [number, string][] = [
      [1000, "千"],
      [100, "百"],
      [10, "十"],
      [1, ""],
    ];
    for (const [unit, name] of units) {
      const d = Math.floor(n / unit) % 10;
      if (d === 0) {
        if (out !== "") zero = true;
        continue;
      }
      if (zero) out += "〇";
      zero = false;
      out += unit === 10 && d === 1 && out === "" && !leadingTenAsOne ? name : `${digits[d]}${name}`;
    }
    return out;
  };
  const parts: string[] = [];
  const yi = Math.floor(value / 100_000_000);
  const wan = Math.floor(value / 10_000) % 10_000;
  const rest = value % 10_000;
  if (yi > 0) parts.push(`${below10000(yi, false)}億`);
  if (wan > 0) parts.push(`${(yi > 0 && wan < 1000 ? "〇" : "") + below10000(wan, yi > 0)}萬`);
  if (rest > 0) parts.push((yi + wan > 0 && rest < 1000 ? "〇" : "") + below10000(rest, yi + wan > 0));
  return parts.join("");
}
