/**
 * Western dates to Chinese ones: `1043-05-20` (Julian, as before 1582-10-15) → 北宋 慶曆三年四月九日,
 * 遼 重熙十二年四月九日, 西夏 天授禮法延祚六年四月九日.
 */
import { CalendarError } from "./errors.ts";
import {
  dateToJdn,
  GREGORIAN_REFORM_JDN,
  gregorianToJdn,
  type IsoParts,
  isValidDate,
  julianToJdn,
  parseIsoParts,
  type WesternCalendar,
} from "./jdn.ts";
import { type Calendar, loadCalendar } from "./model.ts";
import { makeResolution } from "./range.ts";
import type { DateResolution } from "./types.ts";

/** Which calendar a Western date is written in; `civil` = Julian before 1582-10-15, Gregorian from then. */
export type WesternInputCalendar = WesternCalendar | "civil";

/** The JDN of a full date in the civil calendar, or an error for the ten days dropped in 1582. */
function civilJdn(year: number, month: number, day: number): number {
  const date = { year, month, day };
  const julian = isValidDate(date, "julian") ? julianToJdn(date) : null;
  if (julian !== null && julian < GREGORIAN_REFORM_JDN) return julian;
  const gregorian = isValidDate(date, "gregorian") ? gregorianToJdn(date) : null;
  if (gregorian !== null && gregorian >= GREGORIAN_REFORM_JDN) return gregorian;
  throw new CalendarError(
    "bad-date",
    julian !== null
      ? `${year}-${month}-${day} does not exist: 1582-10-04 (Julian) was followed by 1582-10-15 (Gregorian)`
      : `${year}-${month}-${day} is not a date`,
  );
}

function dayJdn(year: number, month: number, day: number, calendar: WesternInputCalendar): number {
  if (calendar === "civil") return civilJdn(year, month, day);
  const date = { year, month, day };
  if (!isValidDate(date, calendar))
    throw new CalendarError("bad-date", `${year}-${month}-${day} is not a date`);
  return dateToJdn(date, calendar);
}

function lastDay(year: number, month: number, calendar: WesternInputCalendar): number {
  for (let day = 31; day >= 28; day--) {
    try {
      return dayJdn(year, month, day, calendar);
    } catch {}
  }
  throw new CalendarError("bad-date", `${year}-${month} has no last day`);
}

/**
 * Converts a Western date, month or year to days and every state's label for them. Dates are read
 * in the Julian calendar before 1582-10-15 and the Gregorian from then (`calendar: "civil"`), or
 * in the calendar given. Years are astronomical (0 = 1 BCE, -99 = 100 BCE).
 *
 * @example
 * resolveWesternDate("1043-05-20").concurrent.map((c) => `${c.state} ${c.label}`)
 * //=> ["北宋 慶曆三年四月九日", "遼 重熙十二年四月九日", "西夏 天授禮法延祚六年四月九日"]
 * resolveWesternDate("1043").jdn //=> { start: 2102014, end: 2102378 }
 */
export function resolveWesternDate(
  input: string | IsoParts,
  calendar: WesternInputCalendar = "civil",
  data: Calendar = loadCalendar(),
): DateResolution {
  const parts = typeof input === "string" ? parseIsoParts(input) : input;
  if (!parts) throw new CalendarError("bad-date", `"${input}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const { year, month, day } = parts;
  if (month !== null && (month < 1 || month > 12)) throw new CalendarError("bad-date", `no month ${month}`);
  if (day !== null && month === null) throw new CalendarError("bad-date", "a day needs a month");
  let start: number;
  let end: number;
  if (month === null) {
    start = dayJdn(year, 1, 1, calendar);
    end = dayJdn(year, 12, 31, calendar);
  } else if (day === null) {
    start =
      month === 10 && year === 1582 && calendar === "civil"
        ? civilJdn(1582, 10, 1)
        : dayJdn(year, month, 1, calendar);
    end = lastDay(year, month, calendar);
  } else {
    start = end = dayJdn(year, month, day, calendar);
  }
  const used: WesternCalendar =
    calendar === "civil" ? (start >= GREGORIAN_REFORM_JDN ? "gregorian" : "julian") : calendar;
  const text = [
    String(year),
    month === null ? null : String(month).padStart(2, "0"),
    day === null ? null : String(day).padStart(2, "0"),
  ]
    .filter((x) => x !== null)
    .join("-");
  const resolution = makeResolution(data, `${text} (${used === "julian" ? "Julian" : "Gregorian"})`, {
    start,
    end,
  });
  if (resolution.concurrent.length === 0) {
    resolution.warnings.push("no Chinese calendar in the data covers this date (221 BCE – 1912)");
  }
  return resolution;
}
