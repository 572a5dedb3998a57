/**
 * The dating step of chronicle parsing: a year heading (`西夏稱天授禮法延祚六年`) and an entry's
 * opening date (`秋七月`, `八月壬戌`, `是歲`) become a range of days with every state's label.
 */
import { type EraDateQuery, resolveEraDate } from "./era-date.ts";
import { CalendarError } from "./errors.ts";
import { loadCalendar } from "./model.ts";
import type { DateResolution } from "./types.ts";

/** A year heading: era name and year number, with what else the heading says. */
export interface YearHeading {
  /** The era name (it may carry a state or ruler before it: `宋仁宗慶曆`). */
  era: string;
  /** The era year (1 for 元年). */
  number: number;
  /** The state the heading names (西夏, 宋, 遼 …). */
  state?: string | null | undefined;
  /** A Western year the heading gives, used to choose between eras and checked. */
  ce?: number | null | undefined;
  /** A 干支 year the heading gives, checked. */
  ganzhi?: string | null | undefined;
  /** The Western year the context expects (the year before's, counted on): chooses between eras, unchecked. */
  near?: number | null | undefined;
}

/** The date that opens an entry; all `null` for the whole year (是歲). */
export interface EntryDate {
  month: number | null;
  leap: boolean;
  /** Day of the month, or a 干支 day. */
  day: number | string | null;
  /** 春夏秋冬 (or 是春 …); the season's months when no month is given. */
  season?: string | null | undefined;
}

/**
 * Dates an entry under a year heading. A month gives the month, a day (number or 干支) the day, a
 * season alone its three months, nothing the whole civil year. Throws `CalendarError` when the
 * date does not exist (a day with no month, a 干支 outside the month, an era year past the era's
 * end, a name several states used without a state to choose) rather than guessing.
 *
 * @example
 * resolveChronicleDate({ era: "天授禮法延祚", number: 6, state: "西夏" }, { month: 4, leap: false, day: 9 }).julian
 * //=> { start: "1043-05-20", end: "1043-05-20" }
 * resolveChronicleDate({ era: "慶曆", number: 3 }, { month: null, leap: false, day: null, season: "秋" }).jdn
 * //=> { start: 2102233, end: 2102321 }
 */
export function resolveChronicleDate(
  heading: YearHeading,
  entry: EntryDate,
  calendar = loadCalendar(),
): DateResolution {
  if (entry.day !== null && entry.month === null) {
    throw new CalendarError(
      "day-without-month",
      `a day (${entry.day}) with no month under ${heading.era}${heading.number}年 cannot be dated`,
    );
  }
  const query: EraDateQuery = {
    era: heading.era,
    year: heading.number,
    month: entry.month,
    leap: entry.leap,
    day: entry.day,
    season: entry.month === null ? (entry.season ?? null) : null,
    state: heading.state ?? null,
  };
  const result = resolveEraDate(query, { near: heading.ce ?? heading.near ?? undefined }, calendar);
  if (entry.month !== null && entry.season) {
    const season = entry.season.replace(/^是/, "");
    const expected = { 春: [1, 2, 3], 夏: [4, 5, 6], 秋: [7, 8, 9], 冬: [10, 11, 12] }[season];
    if (expected && !expected.includes(entry.month)) {
      result.warnings.push(`month ${entry.month} is not in ${season}`);
    }
  }
  const year = result.civilYear;
  if (year && heading.ce != null && heading.ce !== year.ce) {
    result.warnings.push(`the heading gives ${heading.ce}, but the year is ${year.ce}`);
  }
  if (year && heading.ganzhi && heading.ganzhi !== year.ganzhi) {
    result.warnings.push(`the heading gives ${heading.ganzhi}, but the year is ${year.ganzhi}`);
  }
  return result;
}
