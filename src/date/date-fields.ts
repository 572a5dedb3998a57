/** Reading a dated tree back: an entry's date fields, and the last dated year for the juan after. */
import type { ChronicleTree, Entry } from "../parse/types.ts";
import type { DatedRange } from "./date-types.ts";
import { civilCe } from "./dated-range.ts";
import type { YearContext } from "./era-context.ts";

/** The date fields an entry record gains from the dating stage. */
export function entryDateFields(entry: Entry): {
  jdn: DatedRange["jdn"] | null;
  julian: DatedRange["julian"] | null;
  gregorian: DatedRange["gregorian"] | null;
  concurrent: {
    state: string;
    era: string;
    year: number;
    month: number;
    leap: boolean;
    day: number;
    label: string;
  }[];
  warnings: string[];
  error: string | null;
} {
  const date = entry.data?.date;
  if (!date) {
    return {
      jdn: null,
      julian: null,
      gregorian: null,
      concurrent: [],
      warnings: [],
      error: entry.data?.dateError?.message ?? null,
    };
  }
  return {
    jdn: date.jdn,
    julian: date.julian,
    gregorian: date.gregorian,
    concurrent: date.concurrent.map(({ state, era, year, month, leap, day, label }) => ({
      state,
      era,
      year,
      month,
      leap,
      day,
      label,
    })),
    warnings: date.warnings,
    error: null,
  };
}

/**
 * The last dated year of a dated tree, for the juan after it (`DateOptions.carry`): a 本紀 that
 * opens with `十一年` continues the era of the juan before.
 */
export function lastYearOf(tree: ChronicleTree): YearContext | null {
  for (let k = tree.children.length - 1; k >= 0; k--) {
    const heading = tree.children[k]!.heading;
    const whole = heading?.data?.date;
    if (!heading || !whole || heading.number === null || heading.data?.outOfSequence) continue;
    const state = whole.civilYear?.state ?? heading.state;
    const label = whole.concurrent.find((c) => c.state === state);
    return {
      era: label?.era ?? heading.era!,
      number: heading.number,
      ce: whole.civilYear?.ce ?? civilCe(whole),
      state,
    };
  }
  return null;
}
