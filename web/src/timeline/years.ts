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
