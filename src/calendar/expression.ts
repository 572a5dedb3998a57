/**
 * Reading date expressions as chronicles and users write them: `慶曆三年八月壬戌`,
 * `西夏天授禮法延祚六年十二月`, `慶曆二年閏九月`, `宋仁宗慶曆三年春`, `1043-05-20`, `1043`.
 */
import { parseChineseNumber } from "../text/numerals.ts";
import { type EraDateQuery, type ResolveOptions, resolveEraDate } from "./era-date.ts";
import { splitEraName } from "./eras.ts";
import { CalendarError } from "./errors.ts";
import { type IsoParts, parseIsoParts } from "./jdn.ts";
import { type Calendar, loadCalendar } from "./model.ts";
import { ganzhiIndex } from "./sexagenary.ts";
import type { DateResolution } from "./types.ts";
import { resolveWesternDate } from "./western.ts";

/** A parsed date expression: an era date or a Western one. */
export type DateExpression = { kind: "era"; query: EraDateQuery } | { kind: "western"; parts: IsoParts };

const NUMERAL = "0-9〇零一二三四五六七八九十廿卅卌百千有";
const YEAR = new RegExp(`^(元|[${NUMERAL}]+)年`);
const AFTER_YEAR = new RegExp(
  "^(?:(是歲|是岁|是年)|" +
    "(春|夏|秋|冬)?" +
    // 後九月: the leap month of the Qin and early Han calendars, kept at the end of the year.
    `(?:(閏|闰|後)?(正|臘|腊|[${NUMERAL}]+)月)?` +
    `(?:([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])(朔)?日?|(朔|晦)日?|初([一二三四五六七八九十])日?|([${NUMERAL}]+)日)?)$`,
);

/** A Chinese numeral as an integer: 元 = 1, 十有二 = 12, 廿三 = 23; `null` if it is not one. */
function numberOf(text: string): number | null {
  return parseChineseNumber(text.replace(/有/g, ""));
}

/**
 * Reads the part after the era name: `三年八月壬戌` → year 3, month 8, day 壬戌.
 * Returns `null` when it does not have that shape.
 */
function readAfterEra(text: string): Omit<EraDateQuery, "era"> | null {
  const y = YEAR.exec(text);
  if (!y) return null;
  const year = numberOf(y[1]!);
  if (year === null || year < 1) return null;
  const m = AFTER_YEAR.exec(text.slice(y[0].length));
  if (!m) return null;
  const [, wholeYear, season, leap, monthText, ganzhi, newMoon, edge, chu, dayText] = m;
  const query: Omit<EraDateQuery, "era"> = { year };
  if (wholeYear) return query;
  if (season) query.season = season;
  if (monthText !== undefined) {
    const name = monthText === "腊" ? "臘" : monthText.replace(/有/g, "");
    const month = name === "臘" ? 12 : numberOf(name);
    if (month === null || month < 1 || month > 12) return null;
    query.month = month;
    query.monthName = name === "正" || name === "臘" || name === "一" ? name : null;
    query.leap = leap !== undefined;
  } else if (leap) {
    return null;
  }
  if (ganzhi !== undefined) {
    if (ganzhiIndex(ganzhi) === null) return null;
    if (newMoon) {
      query.day = 1;
      query.firstDayGanzhi = ganzhi;
    } else {
      query.day = ganzhi;
    }
  } else if (edge !== undefined) {
    query.day = edge;
  } else if (chu !== undefined || dayText !== undefined) {
    const day = numberOf(chu ?? dayText!);
    if (day === null) return null;
    query.day = day;
  }
  return query;
}

/**
 * Parses an era date such as `慶曆三年八月壬戌`, `宋慶曆二年閏九月`, `重熙十三年十一月`,
 * `天授禮法延祚六年是歲`, `慶曆三年秋`, `慶曆三年四月初九`, `慶曆三年十月壬戌朔`.
 * A state or ruler may stand before the era. Throws `bad-expression` or `unknown-era`.
 *
 * @example
 * parseEraDate("慶曆三年八月壬戌") //=> { era: "慶曆", year: 3, month: 8, monthName: null, leap: false, day: "壬戌" }
 * parseEraDate("遼重熙十三年十一月") //=> { era: "遼重熙", year: 13, month: 11, monthName: null, leap: false }
 */
export function parseEraDate(text: string, calendar: Calendar = loadCalendar()): EraDateQuery {
  const compact = text.replace(/[\s,，、。]/g, "");
  const chars = Array.from(compact);
  let unknownEra = false;
  for (let j = chars.length - 1; j >= 1; j--) {
    const rest = chars.slice(j).join("");
    if (!YEAR.test(rest)) continue;
    const eraText = chars.slice(0, j).join("");
    const parts = readAfterEra(rest);
    if (!parts) continue;
    if (!splitEraName(eraText, calendar)) {
      unknownEra = true;
      continue;
    }
    return { era: eraText, ...parts };
  }
  if (unknownEra) {
    throw new CalendarError("unknown-era", `Unknown era in "${text}"`);
  }
  throw new CalendarError(
    "bad-expression",
    `Cannot read "${text}" as a date: expected ERA N年[閏]N月[day|干支] or YYYY[-MM[-DD]]`,
  );
}

/**
 * Parses a date expression, Western (`1043-05-20`, `1043`, `-0099`) or Chinese (`慶曆三年四月`).
 *
 * @example
 * parseDateExpression("1043-05-20") //=> { kind: "western", parts: { year: 1043, month: 5, day: 20 } }
 */
export function parseDateExpression(text: string, calendar: Calendar = loadCalendar()): DateExpression {
  const parts = parseIsoParts(text);
  if (parts) return { kind: "western", parts };
  return { kind: "era", query: parseEraDate(text, calendar) };
}

/**
 * Converts any date expression: a Western date, month or year, or an era date.
 *
 * @example
 * convertDate("慶曆三年八月壬戌").julian.start //=> "1043-10-03"
 * convertDate("重熙十三年十一月").jdn.start //=> 2102706
 */
export function convertDate(
  text: string,
  options: ResolveOptions = {},
  calendar: Calendar = loadCalendar(),
): DateResolution {
  const expression = parseDateExpression(text, calendar);
  if (expression.kind === "western") return resolveWesternDate(expression.parts, "civil", calendar);
  return resolveEraDate(expression.query, options, calendar);
}
