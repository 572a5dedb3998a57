/**
 * Where each state's reign years begin among lunar months: a new span wherever the state's year
 * label changes from one month to the next (its new year, or an era changed in mid-year), so that
 * the timeline labels each year where it begins. No DOM here.
 */
import type { CalendarMonth } from "../../../src/server/routes/types.ts";

/** One reign year of a state over the months given: its label and its first day (JDN). */
export interface YearSpan {
  label: string;
  start: number;
}

/**
 * The reign years of `state` over `months` (in order), each from the first month that carries it.
 *
 * @example
 * yearSpans(months, "遼").map((s) => s.label) //=> ["重熙十一年", "重熙十二年"]
 */
export function yearSpans(months: readonly CalendarMonth[], state: string): YearSpan[] {
  const spans: YearSpan[] = [];
  for (const m of months) {
    const label = m.labels.find((l) => l.state === state)?.yearLabel;
    if (!label) continue;
    if (spans.at(-1)?.label !== label) spans.push({ label, start: m.start });
  }
  return spans;
}

/**
 * The eras of `state` over `months` (in order), each from the first month that carries it: the
 * labels of a timeline too far out for years.
 *
 * @example
 * eraSpans(months, "北宋").map((s) => s.label) //=> ["康定", "慶曆"]
 */
export function eraSpans(months: readonly CalendarMonth[], state: string): YearSpan[] {
  const spans: YearSpan[] = [];
  for (const m of months) {
    const era = m.labels.find((l) => l.state === state)?.era;
    if (!era) continue;
    if (spans.at(-1)?.label !== era) spans.push({ label: era, start: m.start });
  }
  return spans;
}
