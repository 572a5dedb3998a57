/** Dates and numbers as the views write them. */
import type { EntrySummary } from "./api.ts";

const DIGITS = "〇一二三四五六七八九";

/**
 * How a document is named: its title (work and juan), else its file name.
 *
 * @example
 * documentTitle({ title: "長編 卷一百三十九", name: "KR2b0019_143.txt" }) //=> "長編 卷一百三十九"
 * documentTitle({ title: null, name: "xixia-ji-1043-1044.txt" }) //=> "xixia-ji-1043-1044.txt"
 */
export function documentTitle(document: { title: string | null; name: string }): string {
  return document.title ?? document.name;
}

/**
 * A number from 0 to 999 in Chinese numerals (larger ones in digits).
 *
 * @example
 * chineseNumber(21) //=> "二十一"
 * chineseNumber(143) //=> "一百四十三"
 */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
  }
  if (n < 1000) {
    const hundreds = Math.floor(n / 100);
    const rest = n % 100;
    const tail =
      rest === 0
        ? ""
        : rest < 10
          ? `〇${DIGITS[rest]}`
          : rest < 20
            ? `一${chineseNumber(rest)}`
            : chineseNumber(rest);
    return `${DIGITS[hundreds]}百${tail}`;
  }
  return String(n);
}

/** A range of ISO dates: one date, or `first – last` with the year written once when shared. */
export function isoRange(range: { start: string; end: string } | undefined): string | null {
  if (!range) return null;
  if (range.start === range.end) return range.start;
  const [y1] = range.start.split("-");
  const [y2] = range.end.split("-");
  return `${range.start} – ${y1 === y2 ? range.end.slice(y2!.length + 1) : range.end}`;
}

/** What the dating stage adds to an entry's date. */
export interface DateFields {
  jdn?: { start: number; end: number };
  julian?: { start: string; end: string };
  gregorian?: { start: string; end: string };
  concurrent?: {
    state: string;
    era: string;
    year: number;
    month: number;
    leap: boolean;
    day: number;
    label: string;
    source?: string;
    parallel?: boolean;
  }[];
  error?: unknown;
}

/** The dating stage's fields of an entry's date. */
export function dateFields(entry: Pick<EntrySummary, "date">): DateFields {
  return entry.date as unknown as DateFields;
}

/**
 * Each state's reign date for an entry, at the precision of its date: a day, a month, or only
 * the year (seasons and 是歲).
 *
 * @example
 * concurrentLabels(entry) //=> [{ state: "北宋", label: "慶曆三年七月" }, …]
 */
export function concurrentLabels(entry: Pick<EntrySummary, "date">): { state: string; label: string }[] {
  const d = dateFields(entry);
  if (!d.jdn || !d.concurrent) return [];
  const days = d.jdn.end - d.jdn.start;
  const out: { state: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const c of d.concurrent) {
    if (c.source !== undefined || seen.has(c.state)) continue;
    seen.add(c.state);
    let label = c.label;
    if (days > 0) label = label.replace(/[〇一二三四五六七八九十廿卅]+日$/, "");
    if (days > 31) label = label.replace(/(年).*$/, "$1");
    out.push({ state: c.state, label });
  }
  return out;
}

/** A short date for lists: the entry's own written date, or its Julian start. */
export function shortDate(entry: Pick<EntrySummary, "date" | "year">): string {
  const written = [entry.year.label, entry.date.text].filter(Boolean).join(" ");
  return written || (dateFields(entry).julian?.start ?? "");
}

/**
 * A Julian Day Number as a Julian-calendar ISO date (years before 1582 are Julian).
 *
 * @example
 * jdnToIso(2102233) //=> "1043-08-08"
 */
export function jdnToIso(jdn: number): string {
  const c = jdn + 32082;
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = d - 4800 + Math.floor(m / 10);
  return `${year < 0 ? "-" : ""}${String(Math.abs(year)).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The Julian year of a JDN. */
export function jdnYear(jdn: number): number {
  return Number.parseInt(jdnToIso(jdn).slice(0, jdnToIso(jdn).indexOf("-", 1)), 10);
}

/**
 * The JDN of 1 January of a Julian year.
 *
 * @example
 * julianNewYear(1043) //=> 2102014
 */
export function julianNewYear(year: number): number {
  const a = Math.floor((14 - 1) / 12);
  const y = year + 4800 - a;
  const m = 1 + 12 * a - 3;
  return 1 + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
}

const STEMS = "甲乙丙丁戊己庚辛壬癸";
const BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

/**
 * The sexagenary name of a day.
 *
 * @example
 * sexagenaryDay(2102057) //=> "庚午"
 */
export function sexagenaryDay(jdn: number): string {
  const i = (((jdn - 11) % 60) + 60) % 60;
  return `${STEMS[i % 10]}${BRANCHES[i % 12]}`;
}
