/**
 * The days a reign filter means, in every state's reckoning: `era=慶曆&year=4` is 宋's 慶曆四年,
 * `state=遼` every day of 遼's calendar, `era=大安` the 大安 of 遼, 西夏 and 金. Entries are found by
 * their first day (the day their concurrent reign dates are given for), so that an entry of 1044
 * is found as 慶曆四年, 重熙十三年 and 天授禮法延祚七年 alike. Era names are read through the
 * variant tables (`慶厯`, `庆历` → 慶曆) and may carry a state before them (`遼重熙`).
 */

import { type Calendar, type Era, loadCalendar, type State } from "../calendar/model.ts";
import { findStates } from "../calendar/states.ts";
import { eraSpellings } from "../text/variants.ts";

/** A run of days, first and last (Julian Day Numbers), inclusive. */
export interface DayRange {
  start: number;
  end: number;
}

/** What a reign filter names: a state, an era, an era year (any of them may be missing). */
export interface ReignFilter {
  state?: string | undefined;
  era?: string | undefined;
  year?: number | undefined;
}

/** Joins ranges that overlap or touch, sorted by their first day. */
function merge(ranges: DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: DayRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The eras a written name can mean, in any spelling, with a state or ruler before it or not. */
export function erasNamed(written: string, calendar: Calendar = loadCalendar()): Era[] {
  const name = written.trim();
  const isEra = (n: string) => calendar.erasByName.has(n);
  const direct = eraSpellings(name, isEra);
  if (direct.length) return direct.flatMap((n) => calendar.erasByName.get(n) ?? []);
  // A state before the era: 遼重熙, 宋慶厯.
  const chars = Array.from(name);
  for (let i = 1; i < chars.length; i++) {
    const states = findStates(chars.slice(0, i).join(""), calendar);
    if (!states.length) continue;
    const eras = erasNamed(chars.slice(i).join(""), calendar).filter((e) => states.includes(e.state));
    if (eras.length) return eras;
  }
  return [];
}

/** The days of one era year: its civil year, cut to the days the era has. */
function eraYearRange(era: Era, year: number): DayRange | null {
  const index = era.years.get(year);
  const civil = index === undefined ? undefined : era.state.years[index];
  if (!civil) return null;
  const start = Math.max(civil.start, era.first);
  const end = Math.min(civil.end, era.last);
  return start <= end ? { start, end } : null;
}

/** Every day the state's own calendar covers. */
function stateRange(state: State): DayRange {
  return { start: state.first, end: state.last };
}

/**
 * The days a reign filter means, merged; `null` when it names neither an era nor a state (a year
 * alone means nothing without them), an empty list when the names are unknown or the year is
 * past the era.
 *
 * @example
 * reignRanges({ era: "慶厯", year: 4 }) //=> [{ start: 2102411, end: 2102764 }] (宋 慶曆四年, 1044)
 * reignRanges({ state: "遼" })?.length //=> 1
 */
export function reignRanges(filter: ReignFilter, calendar: Calendar = loadCalendar()): DayRange[] | null {
  const { state, era, year } = filter;
  if (era === undefined && state === undefined) return null;
  const states = state === undefined ? null : findStates(state.trim(), calendar);
  if (era === undefined) {
    if (!states) return null;
    if (year === undefined) return merge(states.map(stateRange));
    const ranges = states.flatMap((s) => s.eras.map((e) => eraYearRange(e, year)));
    return merge(ranges.filter((r): r is DayRange => r !== null));
  }
  let eras = erasNamed(era, calendar);
  if (states) eras = eras.filter((e) => states.includes(e.state));
  if (year === undefined) return merge(eras.map((e) => ({ start: e.first, end: e.last })));
  return merge(eras.map((e) => eraYearRange(e, year)).filter((r): r is DayRange => r !== null));
}
