/**
 * The historical Chinese calendar: every lunar month of the dynastic calendars (221 BCE–1912)
 * with each state's era labels, conversions between era dates, Julian Day Numbers and Western
 * dates, and the dating step of chronicle parsing. Data: DILA/DDBC Time Authority Database,
 * Dharma Drum Buddhist College, CC BY-SA 3.0 (see data/calendar/README.md).
 */
export { type EntryDate, resolveChronicleDate, type YearHeading } from "./chronicle.ts";
export { concurrentAt, formatEraYear } from "./concurrent.ts";
export { type EraDateQuery, type ResolveOptions, resolveEraDate, seasonMonths } from "./era-date.ts";
export { describeEra, type EraContext, type EraInfo, findEras, listEras, splitEraName } from "./eras.ts";
export { CalendarError, type CalendarErrorCode, type CandidateSummary } from "./errors.ts";
export { convertDate, type DateExpression, parseDateExpression, parseEraDate } from "./expression.ts";
export {
  civilCalendarOf,
  dateToJdn,
  formatIsoDate,
  GREGORIAN_REFORM_JDN,
  gregorianToJdn,
  jdnToDate,
  jdnToGregorian,
  jdnToIso,
  jdnToJulian,
  julianToJdn,
  parseIsoParts,
  type WesternCalendar,
  type YMD,
} from "./jdn.ts";
export { loadCalendar } from "./model.ts";
export { ganzhiIndex, ganzhiName, sexagenaryDay, sexagenaryDayIndex, sexagenaryYear } from "./sexagenary.ts";
export { findStates, resolveStates } from "./states.ts";
export type {
  AlternativeReading,
  CandidateEra,
  ConcurrentDate,
  DateResolution,
  IsoRange,
  JdnRange,
  Season,
} from "./types.ts";
export { resolveWesternDate, type WesternInputCalendar } from "./western.ts";
