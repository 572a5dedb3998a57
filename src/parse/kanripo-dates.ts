/**
 * The dates that open items in unpunctuated text (a Kanripo juan of 長編, a 正史 本紀): read
 * character by character, with the variant forms the 四庫 texts write (丁夘 for 丁卯, 熈寧 for
 * 熙寧), and accepted only where the chronicle's order allows, so that a date quoted inside a
 * sentence (`此始用寳元二年閏十二月庚寅詔書`) does not split it.
 */
import { parseChineseNumber } from "../text/numerals.ts";
import { readBranch, readGanzhi, readStem } from "../text/variants.ts";
import type { Season } from "./types.ts";

/** A date read at one place of the text. */
export interface DateAt {
  /** Code units the date takes. */
  length: number;
  /**
   * The era and year (`慶歴三年`): the era as written, null for a year written without one
   * (`十年`); `named` when a 干支 follows, naming the year (`熈寧七年甲寅`).
   */
  year: { era: string | null; number: number; length: number; named: boolean } | null;
  season: Season | null;
  month: number | null;
  leap: boolean;
  /** `閏月`: a leap of the month in force, which the reader fills in. */
  leapOfCurrent: boolean;
  /** The sexagenary day in its standard characters (`丁卯` for `丁夘`). */
  day: string | null;
  /** The day is the month's first (朔). */
  first: boolean;
}

const SEASONS = "春夏秋冬";
const YEAR_DIGITS = "元一二三四五六七八九十廿卅";
const MONTH_DIGITS = "正一二三四五六七八九十臘";

/** Reads `十二`, `正`, `十一` as a month number at `i`; returns [month, length] or null. */
function readMonthNumber(text: string, i: number): [number, number] | null {
  const c = text[i];
  if (c === "正") return [1, 1];
  if (c === "臘") return [12, 1];
  if (c === "十") {
    const n = text[i + 1];
    if (n === "一") return [11, 2];
    if (n === "二") return [12, 2];
    return [10, 1];
  }
  const k = "一二三四五六七八九".indexOf(c ?? "");
  return k >= 0 ? [k + 1, 1] : null;
}

/**
 * Characters the variant tables pair with a stem or branch that are common words in their own
 * right (王 with 壬: `王子` is a prince, not 壬子; 只 with 子): never read as a day.
 */
const NOT_A_DAY = new Set([..."王只"]);

/** Reads a sexagenary day at `i` (variants allowed), with 朔 or 晦 after it. */
function readDay(text: string, i: number): { day: string; length: number; first: boolean } | null {
  if (NOT_A_DAY.has(text[i] ?? "") || NOT_A_DAY.has(text[i + 1] ?? "")) return null;
  if (readStem(text[i] ?? "") === null || readBranch(text[i + 1] ?? "") === null) return null;
  const day = readGanzhi(text.slice(i, i + 2));
  if (day === null) return null;
  const after = text[i + 2];
  return { day, length: after === "朔" || after === "晦" ? 3 : 2, first: after === "朔" };
}

/**
 * Reads the month part of a date at `i`: `春正月`, `閏九月`, `十二月己亥朔`, `閏月丁卯`, or a day alone.
 */
function readMonthPart(text: string, i: number): Omit<DateAt, "year"> | null {
  let k = i;
  let season: Season | null = null;
  if (SEASONS.includes(text[k] ?? "")) {
    season = text[k] as Season;
    k++;
  }
  let leap = false;
  if (text[k] === "閏" || text[k] === "闰") {
    leap = true;
    k++;
  }
  if (leap && text[k] === "月") {
    const day = readDay(text, k + 1);
    return {
      length: k + 1 - i + (day?.length ?? 0),
      season,
      month: null,
      leap: true,
      leapOfCurrent: true,
      day: day?.day ?? null,
      first: day?.first ?? false,
    };
  }
  const month = readMonthNumber(text, k);
  if (month && text[k + month[1]] === "月") {
    k += month[1] + 1;
    const day = readDay(text, k);
    return {
      length: k - i + (day?.length ?? 0),
      season,
      month: month[0],
      leap,
      leapOfCurrent: false,
      day: day?.day ?? null,
      first: day?.first ?? false,
    };
  }
  if (season !== null || leap) return null;
  const day = readDay(text, i);
  if (!day) return null;
  return {
    length: day.length,
    season: null,
    month: null,
    leap: false,
    leapOfCurrent: false,
    day: day.day,
    first: day.first,
  };
}

/**
 * Reads a date at `i`: `慶歴三年春正月庚午朔`, `十年春正月辛亥朔`, `二月庚辰朔`, `閏月`, `辛未`.
 * An era is the 1–4 characters before the year that `eraAt` accepts (the caller knows whether
 * any characters may be an era here, at the start of an item, or only a known one).
 *
 * @param eraAt how many characters before `i + n` form an era, given the year's start `i + n`
 */
export function readDateAt(text: string, i: number, eraLength: (yearStart: number) => number): DateAt | null {
  // A year: up to 4 era characters, a number of 1–3 digits or 元, and 年.
  for (let n = 0; n <= 4; n++) {
    const start = i + n;
    if (!YEAR_DIGITS.includes(text[start] ?? "")) continue;
    let end = start;
    while (end < start + 3 && YEAR_DIGITS.includes(text[end] ?? "")) end++;
    if (text[end] !== "年") continue;
    if (n > 0 && eraLength(start) !== n) continue;
    const digits = text.slice(start, end);
    const number = digits === "元" ? 1 : parseChineseNumber(digits);
    if (number === null || number === 0) continue;
    const era = n > 0 ? text.slice(i, start) : null;
    let month = readMonthPart(text, end + 1);
    // A 干支 right after the year names the year (`熈寧七年甲寅歲`), not a day.
    const named = month !== null && month.month === null && !month.leapOfCurrent && month.season === null;
    if (named) month = null;
    const yearLength = end + 1 - i;
    return {
      length: yearLength + (month?.length ?? 0),
      year: { era, number, length: yearLength, named },
      season: month?.season ?? null,
      month: month?.month ?? null,
      leap: month?.leap ?? false,
      leapOfCurrent: month?.leapOfCurrent ?? false,
      day: month?.day ?? null,
      first: month?.first ?? false,
    };
  }
  if (!MONTH_DIGITS.includes(text[i] ?? "") && !SEASONS.includes(text[i] ?? "") && text[i] !== "閏") {
    // Only a day can open here.
    const day = readDay(text, i);
    if (!day) return null;
    return {
      length: day.length,
      year: null,
      season: null,
      month: null,
      leap: false,
      leapOfCurrent: false,
      day: day.day,
      first: day.first,
    };
  }
  const part = readMonthPart(text, i);
  return part ? { ...part, year: null } : null;
}
