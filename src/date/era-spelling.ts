/** Era names written in variant or simplified forms, and the year a reader assumes for a file. */
import { CalendarError, listEras, loadCalendar, resolveChronicleDate } from "../calendar/index.ts";
import { readYearHeading } from "../parse/heading.ts";
import { fold } from "../search/fold.ts";
import { eraSpellings } from "../text/variants.ts";
import type { AssumedYear, Calendar } from "./date-types.ts";

const eraNamesByCalendar = new WeakMap<Calendar, Map<string, string>>();

/** Every era name of the calendar by its folded form, built once per calendar. */
export function foldedEraNames(calendar: Calendar): Map<string, string> {
  let names = eraNamesByCalendar.get(calendar);
  if (!names) {
    names = new Map(listEras(calendar).map((e) => [fold(e.name), e.name]));
    eraNamesByCalendar.set(calendar, names);
  }
  return names;
}

/**
 * Reads the year a reader gives for a file without headings (`慶曆三年`, `宋慶曆三年`,
 * `慶曆三年（癸未，1043）`) and checks that the calendar has it.
 *
 * @param text the year as written, like a year heading
 * @param calendar the calendar data
 * @throws Error when the text is no era and year, or the calendar has no such year
 * @example
 * readAssumedYear("慶曆三年") //=> { label: "慶曆三年", state: null, era: "慶曆", number: 3, ganzhi: null, ce: null }
 */
export function readAssumedYear(text: string, calendar: Calendar = loadCalendar()): AssumedYear {
  const label = text.trim();
  const parts = readYearHeading(label);
  if (!parts || parts.era === null || parts.number === null)
    throw new Error(`Cannot read the year "${text}": write an era and a year, as a heading does (慶曆三年)`);
  const year: AssumedYear = { label, ...parts, era: parts.era, number: parts.number };
  const check = (era: string) =>
    resolveChronicleDate({ ...year, era }, { month: null, leap: false, day: null, season: null }, calendar);
  try {
    check(year.era);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    const canonical =
      error.code === "unknown-era" ? canonicalEra(year.era, foldedEraNames(calendar), calendar) : null;
    try {
      if (canonical === null) throw error;
      check(canonical);
      return { ...year, era: canonical };
    } catch (again) {
      if (!(again instanceof CalendarError)) throw again;
      throw new Error(`Cannot date the year "${text}": ${error.message}`);
    }
  }
  return year;
}

/**
 * The era name a variant or simplified spelling stands for: the longest ending of `written`
 * that the variant table reads as an era (`宋仁宗慶歴` → `宋仁宗慶曆`, `熈寧` → `熙寧`, `庆历` →
 * `慶曆`), and failing that, whose search folding is an era's.
 */
export function canonicalEra(written: string, names: Map<string, string>, calendar: Calendar): string | null {
  const chars = Array.from(written);
  for (let k = chars.length; k >= 1; k--) {
    const tail = chars.slice(chars.length - k).join("");
    const head = chars.slice(0, chars.length - k).join("");
    const read = eraSpellings(tail, (n) => calendar.erasByName.has(n)).filter((n) => n !== tail);
    if (read.length > 0) return head + read[0]!;
    // 厯 (a form of 曆 in the 四庫 texts) is not in the search folding, which keeps it apart from 歷.
    const name = names.get(fold(tail.replaceAll("厯", "曆")));
    if (name !== undefined && name !== tail) return head + name;
  }
  return null;
}
