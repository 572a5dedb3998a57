/**
 * Julian Day Numbers and the Western calendars. A Julian Day Number (JDN) numbers whole civil
 * days: JDN 0 is 1 January 4713 BCE (proleptic Julian), JDN 2451545 is 2000-01-01. Years use
 * astronomical numbering: 1 BCE = year 0, 2 BCE = year -1.
 */

/** A calendar date; `year` uses astronomical numbering (0 = 1 BCE). */
export interface YMD {
  year: number;
  month: number;
  day: number;
}

/** Which Western calendar a date is written in. */
export type WesternCalendar = "julian" | "gregorian";

/** The first day of the Gregorian calendar: 1582-10-15 (Gregorian) = JDN 2299161. */
export const GREGORIAN_REFORM_JDN = 2299161;

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

/**
 * The JDN of a date in the (proleptic) Julian calendar.
 *
 * @example
 * julianToJdn({ year: 1582, month: 10, day: 4 }) //=> 2299160
 */
export function julianToJdn(date: YMD): number {
  const a = floorDiv(14 - date.month, 12);
  const y = date.year + 4800 - a;
  const m = date.month + 12 * a - 3;
  return date.day + floorDiv(153 * m + 2, 5) + 365 * y + floorDiv(y, 4) - 32083;
}

/**
 * The JDN of a date in the proleptic Gregorian calendar.
 *
 * @example
 * gregorianToJdn({ year: 2000, month: 1, day: 1 }) //=> 2451545
 */
export function gregorianToJdn(date: YMD): number {
  const a = floorDiv(14 - date.month, 12);
  const y = date.year + 4800 - a;
  const m = date.month + 12 * a - 3;
  return (
    date.day +
    floorDiv(153 * m + 2, 5) +
    365 * y +
    floorDiv(y, 4) -
    floorDiv(y, 100) +
    floorDiv(y, 400) -
    32045
  );
}

/**
 * The proleptic Julian calendar date of a JDN.
 *
 * @example
 * jdnToJulian(2299160) //=> { year: 1582, month: 10, day: 4 }
 */
export function jdnToJulian(jdn: number): YMD {
  const c = jdn + 32082;
  const d = floorDiv(4 * c + 3, 1461);
  const e = c - floorDiv(1461 * d, 4);
  const m = floorDiv(5 * e + 2, 153);
  return {
    year: d - 4800 + floorDiv(m, 10),
    month: m + 3 - 12 * floorDiv(m, 10),
    day: e - floorDiv(153 * m + 2, 5) + 1,
  };
}

/**
 * The proleptic Gregorian calendar date of a JDN.
 *
 * @example
 * jdnToGregorian(2451545) //=> { year: 2000, month: 1, day: 1 }
 */
export function jdnToGregorian(jdn: number): YMD {
  const a = jdn + 32044;
  const b = floorDiv(4 * a + 3, 146097);
  const c = a - floorDiv(146097 * b, 4);
  const d = floorDiv(4 * c + 3, 1461);
  const e = c - floorDiv(1461 * d, 4);
  const m = floorDiv(5 * e + 2, 153);
  return {
    year: 100 * b + d - 4800 + floorDiv(m, 10),
    month: m + 3 - 12 * floorDiv(m, 10),
    day: e - floorDiv(153 * m + 2, 5) + 1,
  };
}

/** Days in a month of the given calendar. */
export function daysInMonth(year: number, month: number, calendar: WesternCalendar): number {
  if (month === 2) {
    const leap =
      calendar === "julian" ? year % 4 === 0 : (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `date` exists in `calendar` (month 1–12, day within the month). */
export function isValidDate(date: YMD, calendar: WesternCalendar): boolean {
  return (
    Number.isInteger(date.year) &&
    Number.isInteger(date.month) &&
    Number.isInteger(date.day) &&
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= daysInMonth(date.year, date.month, calendar)
  );
}

/**
 * The calendar in which a JDN is conventionally written: Julian before 1582-10-15, Gregorian from then.
 *
 * @example
 * civilCalendarOf(2299160) //=> "julian"
 */
export function civilCalendarOf(jdn: number): WesternCalendar {
  return jdn >= GREGORIAN_REFORM_JDN ? "gregorian" : "julian";
}

/**
 * A JDN as a date in the given calendar.
 *
 * @example
 * jdnToDate(2299161, "gregorian") //=> { year: 1582, month: 10, day: 15 }
 */
export function jdnToDate(jdn: number, calendar: WesternCalendar): YMD {
  return calendar === "julian" ? jdnToJulian(jdn) : jdnToGregorian(jdn);
}

/**
 * The JDN of a date in the given calendar.
 *
 * @example
 * dateToJdn({ year: 1043, month: 5, day: 20 }, "julian") //=> 2102153
 */
export function dateToJdn(date: YMD, calendar: WesternCalendar): number {
  return calendar === "julian" ? julianToJdn(date) : gregorianToJdn(date);
}

/**
 * Formats a date as ISO 8601 with astronomical years: `1043-05-20`, `0000-01-01` (1 BCE),
 * `-0099-03-01` (100 BCE).
 *
 * @example
 * formatIsoDate({ year: -99, month: 3, day: 1 }) //=> "-0099-03-01"
 */
export function formatIsoDate(date: YMD): string {
  const sign = date.year < 0 ? "-" : date.year > 9999 ? "+" : "";
  const year = String(Math.abs(date.year)).padStart(4, "0");
  return `${sign}${year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/**
 * A JDN as an ISO date string in the given calendar.
 *
 * @example
 * jdnToIso(2451545, "gregorian") //=> "2000-01-01"
 */
export function jdnToIso(jdn: number, calendar: WesternCalendar): string {
  return formatIsoDate(jdnToDate(jdn, calendar));
}

/** The parts of an ISO-style date string; missing parts are `null`. */
export interface IsoParts {
  year: number;
  month: number | null;
  day: number | null;
}

const ISO = /^([+-]?\d{1,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/**
 * Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (astronomical years, optional sign), or `null`.
 *
 * @example
 * parseIsoParts("-0099-03-01") //=> { year: -99, month: 3, day: 1 }
 * parseIsoParts("1043") //=> { year: 1043, month: null, day: null }
 */
export function parseIsoParts(text: string): IsoParts | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: m[2] === undefined ? null : Number(m[2]),
    day: m[3] === undefined ? null : Number(m[3]),
  };
}
