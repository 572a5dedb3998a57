/**
 * lunar-javascript (6tail, MIT), used by the tests as a reference independent of the DDBC data:
 * its Chinese calendar follows the sxwnl tables, and its Solar dates are Julian before
 * 1582-10-15 and Gregorian from then.
 */
import { createRequire } from "node:module";

/** A month of a lunar year; a negative month number is a leap month. */
export interface LunarMonthRef {
  getYear(): number;
  getMonth(): number;
  getDayCount(): number;
  /** JDN of the month's first day. */
  getFirstJulianDay(): number;
}

export interface LunarYearRef {
  getMonthsInYear(): LunarMonthRef[];
  getLeapMonth(): number;
}

export interface SolarRef {
  /** Julian Date at midnight (JDN - 0.5). */
  getJulianDay(): number;
  getYear(): number;
  getMonth(): number;
  getDay(): number;
  getLunar(): LunarRef;
}

export interface LunarRef {
  getYear(): number;
  getMonth(): number;
  getDay(): number;
  getSolar(): SolarRef;
  getDayInGanZhi(): string;
  getYearInGanZhi(): string;
}

interface LunarJavascript {
  LunarYear: { fromYear(year: number): LunarYearRef };
  Lunar: { fromYmd(year: number, month: number, day: number): LunarRef };
  Solar: { fromYmd(year: number, month: number, day: number): SolarRef; fromJulianDay(jd: number): SolarRef };
}

/** The library, loaded through CommonJS. */
export const lunarJs = createRequire(import.meta.url)("lunar-javascript") as LunarJavascript;

/** The JDN of a Solar date of lunar-javascript. */
export const solarJdn = (solar: SolarRef): number => Math.round(solar.getJulianDay() + 0.5);

/** The months lunar-javascript gives the lunar year that begins in `year` (leap months negative). */
export function lunarMonths(year: number): LunarMonthRef[] {
  return lunarJs.LunarYear.fromYear(year)
    .getMonthsInYear()
    .filter((m) => m.getYear() === year);
}
