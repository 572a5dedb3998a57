/**
 * Lunar months as the timeline's ticks and the by-date view use them: the months of one reference
 * state's calendar, each with every state's era year and month for it.
 */
import { concurrentAt, formatEraYear } from "../../calendar/concurrent.ts";
import { type Calendar, loadCalendar, type Month, monthAt, type State } from "../../calendar/model.ts";
import type { CalendarMonth, MonthLabel } from "./types.ts";

/** States whose month boundaries are preferred as the reference, in order. */
const PREFERRED = ["北宋", "南宋", "唐", "元", "明", "清", "遼", "金", "西夏"];

/**
 * The state whose months serve as the reference on a day: the first preferred state that covers it.
 *
 * @example
 * referenceState(2102233).id //=> "北宋"
 */
export function referenceState(jdn: number, calendar: Calendar = loadCalendar()): State | null {
  for (const id of PREFERRED) {
    const state = calendar.stateById.get(id);
    if (state && jdn >= state.first && jdn <= state.last && monthAt(state, jdn)) return state;
  }
  return calendar.states.find((s) => jdn >= s.first && jdn <= s.last && monthAt(s, jdn)) ?? null;
}

function monthLabels(month: Month, states: ReadonlySet<string> | null, calendar: Calendar): MonthLabel[] {
  const out: MonthLabel[] = [];
  const seen = new Set<string>();
  for (const c of concurrentAt(month.start, calendar)) {
    if (c.source !== undefined || seen.has(c.state)) continue;
    if (states && !states.has(c.state)) continue;
    seen.add(c.state);
    const stateMonth = monthAt(calendar.stateById.get(c.state)!, month.start);
    const name = stateMonth?.name ?? String(c.month);
    const yearLabel = formatEraYear(c.era.startsWith("（") ? c.era.slice(1, -1) : c.era, c.year);
    out.push({
      state: c.state,
      era: c.era,
      year: c.year,
      month: c.month,
      leap: c.leap,
      yearLabel,
      monthLabel: `${name}月`,
      label: `${yearLabel}${name}月`,
    });
  }
  return out;
}

function calendarMonth(month: Month, states: ReadonlySet<string> | null, calendar: Calendar): CalendarMonth {
  return {
    start: month.start,
    end: month.end,
    month: month.month,
    leap: month.leap > 0,
    labels: monthLabels(month, states, calendar),
  };
}

/**
 * The reference state's months that overlap the days `from`–`to` (JDN), with each state's labels
 * (only those of `states`, when given).
 *
 * @example
 * monthsBetween(2102233, 2102261).months.map((m) => m.labels.map((l) => l.label))
 * //=> [["重熙十二年七月", "慶曆三年七月", "天授禮法延祚六年七月"]]
 */
export function monthsBetween(
  from: number,
  to: number,
  states: ReadonlySet<string> | null = null,
  calendar: Calendar = loadCalendar(),
): { reference: string; months: CalendarMonth[] } {
  const months: CalendarMonth[] = [];
  let reference = "";
  // Past the end of one state's calendar (北宋 ends in 1127) the months go on in the next one's.
  let cursor = from;
  while (cursor <= to) {
    const state =
      referenceState(cursor, calendar) ?? (cursor === from ? referenceState(to, calendar) : null) ?? null;
    if (!state) break;
    if (!reference) reference = state.id;
    const first = monthAt(state, Math.max(cursor, state.first));
    let lastEnd = cursor - 1;
    for (let i = first?.index ?? 0; i < state.months.length; i++) {
      const month = state.months[i]!;
      if (month.start > to) break;
      if (month.end < cursor) continue;
      // A month the state before already gave (its days overlap) is not given twice.
      const previous = months[months.length - 1];
      if (previous && month.start <= previous.end) continue;
      months.push(calendarMonth(month, states, calendar));
      lastEnd = month.end;
    }
    const next = Math.max(lastEnd, state.last) + 1;
    if (state.last >= to || next <= cursor) break;
    cursor = next;
  }
  return { reference, months };
}

/**
 * The reference month containing a day, with the days before and after it.
 *
 * @example
 * monthAround(2102240)?.month.start //=> 2102233
 */
export function monthAround(
  jdn: number,
  calendar: Calendar = loadCalendar(),
): { month: CalendarMonth; previous: number | null; next: number | null } | null {
  const state = referenceState(jdn, calendar);
  const month = state && monthAt(state, jdn);
  if (!state || !month) return null;
  const before = state.months[month.index - 1];
  const after = state.months[month.index + 1];
  return {
    month: calendarMonth(month, null, calendar),
    previous: before ? before.start : null,
    next: after ? after.start : null,
  };
}
