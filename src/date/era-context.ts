/**
 * What decides a year heading's era when the heading alone does not: the state whose calendar
 * the document dates by (長編 and 宋史 → 宋, 遼史 → 遼), the year before (a chronicle runs on,
 * so 乾德 after 建隆四年 is 北宋's, not 前蜀's), and for a year written without its era (`十年春正月`
 * in a 本紀) the era in force, carried from the year or juan before, or the one era of the
 * 本紀's ruler that has such a year.
 */
import type { loadCalendar } from "../calendar/index.ts";
import { findStates } from "../calendar/states.ts";

type Calendar = ReturnType<typeof loadCalendar>;

/** A dated year: what the next heading continues from. */
export interface YearContext {
  /** The era as the calendar names it (`重熙`). */
  era: string;
  number: number;
  /** The Western year of the civil year (its greater part). */
  ce: number;
  /** The state whose era it is (`遼`, `北宋`). */
  state: string | null;
}

/**
 * The Western year a heading is expected near, given the year before it: the same era counts
 * on (`慶曆三年` after `慶曆二年` is one year later), a new era follows.
 *
 * @example
 * expectedYear({ era: "慶曆", number: 2, ce: 1042, state: "北宋" }, "慶曆", 4) //=> 1044
 * expectedYear({ era: "建隆", number: 4, ce: 963, state: "北宋" }, "乾德", 2) //=> 964
 */
export function expectedYear(previous: YearContext | null, era: string, number: number): number | undefined {
  if (!previous) return undefined;
  if (previous.era === era) return previous.ce + (number - previous.number);
  return previous.ce + Math.max(0, number - 1);
}

/**
 * The era of a heading that writes only its year (`十年`): the era in force when it has that
 * year and the count goes on (it does not fall back), else the one era of the document's ruler
 * (a 本紀 of 興宗) in the document's state that has that year. Null when nothing decides.
 *
 * @example
 * eraOfBareYear(10, { era: "重熙", number: 9, ce: 1040, state: "遼" }, null, null, calendar) //=> { era: "重熙", by: "the year before" }
 * eraOfBareYear(10, null, "興宗", "遼", calendar) //=> { era: "重熙", by: "興宗's eras" }
 */
export function eraOfBareYear(
  number: number,
  previous: YearContext | null,
  ruler: string | null,
  state: string | null,
  calendar: Calendar,
): { era: string; state: string | null; by: string } | null {
  if (previous && number >= previous.number) {
    const eras = calendar.erasByName.get(previous.era) ?? [];
    const same = eras.filter(
      (e) => (previous.state ? e.state.id === previous.state : true) && e.years.has(number),
    );
    if (same.length > 0) return { era: previous.era, state: previous.state, by: "the year before" };
  }
  if (ruler) {
    const states = state ? new Set(findStates(state, calendar).map((s) => s.id)) : null;
    const eras = calendar.eras.filter(
      (e) =>
        (!states || states.has(e.state.id)) &&
        !e.parallelOnly &&
        e.rulers.some((r) => r.split("|").includes(ruler)) &&
        e.years.has(number),
    );
    // An era the ruler inherited (遼 太平, 聖宗's, ran into 興宗's first year) yields to his own.
    const own = eras.filter((e) => e.rulers[0]?.split("|").includes(ruler));
    const chosen = own.length > 0 ? own : eras;
    const names = new Set(chosen.map((e) => e.name));
    if (names.size === 1) return { era: chosen[0]!.name, state: chosen[0]!.state.id, by: `${ruler}'s eras` };
  }
  return null;
}
