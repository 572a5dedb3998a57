/**
 * The calendar as the rest of the module uses it: states with their months and civil years, and
 * eras as continuous runs of labels (records the source table splits by ruler are joined).
 * Built once from `data/calendar/chinese-calendar.tsv` on first use.
 */
import { readFileSync } from "node:fs";
import { type CalendarData, decodeCalendarData } from "./data-format.ts";
import { sexagenaryYear } from "./sexagenary.ts";

/** One lunar month of one state. */
export interface Month {
  state: State;
  /** JDN of day 1. */
  start: number;
  /** JDN of the last day. */
  end: number;
  length: number;
  month: number;
  leap: number;
  name: string;
  /** Only the days the state covered are known. */
  partial: boolean;
  year: CivilYear;
  /** Position in `state.months`. */
  index: number;
}

/** One civil (lunar) year of a state, from its first month to its last. */
export interface CivilYear {
  state: State;
  /** Western year (astronomical numbering) in which most of it falls. */
  ce: number;
  ganzhi: string;
  months: Month[];
  start: number;
  end: number;
  /** Position in `state.years`. */
  index: number;
}

/** Another source's bounds for a month. */
export interface MonthAlternative {
  start: number;
  end: number;
  source: string;
}

/** A state (dynasty) with its own calendar. */
export interface State {
  id: string;
  names: string[];
  years: CivilYear[];
  months: Month[];
  eras: Era[];
  /** Official (not parallel) labels, sorted by first day. */
  segments: Segment[];
  /** Parallel labels, sorted by first day. */
  parallelSegments: Segment[];
  /** Other sources' bounds, by the month's start in the main data. */
  alternatives: Map<number, MonthAlternative>;
  /** Disputed months (month number) or whole years (`null`), by Western year. */
  disputes: Map<number, { month: number | null; note: string; source: string }[]>;
  first: number;
  last: number;
}

/** A run of days carrying one era label. */
export interface Segment {
  era: Era;
  /** Era year of the first day. */
  year: number;
  first: number;
  last: number;
  parallel: boolean;
  /** Civil-year index (in the state) of the first day. */
  yearIndex: number;
}

/** An era: a name used by one state over one continuous span of time. */
export interface Era {
  /** Stable identifier: the first DDBC era_id of the records joined into it. */
  id: number;
  /** All DDBC era_ids joined into this era. */
  ids: number[];
  name: string;
  /** Other spellings. */
  aliases: string[];
  state: State;
  rulers: string[];
  segments: Segment[];
  /** First and last labelled day (JDN). */
  first: number;
  last: number;
  /** Civil-year index (in the state) of each era year that the table labels. */
  years: Map<number, number>;
  firstYear: number;
  lastYear: number;
  notes: string[];
  /** True when every label of the era is parallel (unofficial). */
  parallelOnly: boolean;
}

/** The whole calendar with its indexes. */
export interface Calendar {
  states: State[];
  stateById: Map<string, State>;
  eras: Era[];
  /** Eras by name and alias. */
  erasByName: Map<string, Era[]>;
  sources: Map<string, string>;
  header: string[];
}

const DATA_URL = new URL("../../data/calendar/chinese-calendar.tsv", import.meta.url);

let cached: Calendar | null = null;

/**
 * The calendar, loaded from the committed data file on first call.
 *
 * @example
 * loadCalendar().stateById.get("北宋")?.names //=> ["北宋"]
 */
export function loadCalendar(): Calendar {
  cached ??= buildCalendar(decodeCalendarData(readFileSync(DATA_URL, "utf8")));
  return cached;
}

/** Finds the month of a state that contains a day, or `null`. */
export function monthAt(state: State, jdn: number): Month | null {
  if (jdn < state.first || jdn > state.last) return null;
  const months = state.months;
  let lo = 0;
  let hi = months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = months[mid]!;
    if (jdn < m.start) hi = mid - 1;
    else if (jdn > m.end) lo = mid + 1;
    else return m;
  }
  return null;
}

/** The era year a segment gives a civil year. */
export function segmentYear(segment: Segment, yearIndex: number): number {
  return segment.year + yearIndex - segment.yearIndex;
}

/**
 * Builds the calendar from decoded data.
 *
 * @example
 * buildCalendar(decodeCalendarData(text)).eras.length
 */
export function buildCalendar(data: CalendarData): Calendar {
  const states: State[] = [];
  const stateById = new Map<string, State>();
  for (const s of data.states) {
    const state: State = {
      id: s.id,
      names: s.names,
      years: [],
      months: [],
      eras: [],
      segments: [],
      parallelSegments: [],
      alternatives: new Map(),
      disputes: new Map(),
      first: Number.POSITIVE_INFINITY,
      last: Number.NEGATIVE_INFINITY,
    };
    for (const y of s.years) {
      const year: CivilYear = {
        state,
        ce: y.ce,
        ganzhi: sexagenaryYear(y.ce),
        months: [],
        start: y.months[0]!.start,
        end: 0,
        index: state.years.length,
      };
      for (const m of y.months) {
        const month: Month = {
          state,
          start: m.start,
          end: m.start + m.length - 1,
          length: m.length,
          month: m.month,
          leap: m.leap,
          name: m.name,
          partial: m.partial,
          year,
          index: state.months.length,
        };
        year.months.push(month);
        state.months.push(month);
      }
      year.end = year.months[year.months.length - 1]!.end;
      state.years.push(year);
    }
    state.first = state.months[0]?.start ?? 0;
    state.last = state.months[state.months.length - 1]?.end ?? -1;
    states.push(state);
    stateById.set(state.id, state);
  }
  const notes = new Map<number, string[]>();
  for (const n of data.notes) notes.set(n.era, [...(notes.get(n.era) ?? []), n.note]);
  const eras = joinEras(data, stateById, notes);
  const erasByName = new Map<string, Era[]>();
  for (const era of eras) {
    for (const name of new Set([era.name, ...era.aliases])) {
      if (name.startsWith("（")) continue; // （無年號）: a reign without era name
      erasByName.set(name, [...(erasByName.get(name) ?? []), era]);
    }
  }
  for (const a of data.alternatives) {
    stateById.get(a.state)?.alternatives.set(a.start, { start: a.altStart, end: a.altEnd, source: a.source });
  }
  for (const d of data.disputes) {
    const state = stateById.get(d.state);
    if (!state) continue;
    state.disputes.set(d.ce, [
      ...(state.disputes.get(d.ce) ?? []),
      { month: d.month, note: d.note, source: d.source },
    ]);
  }
  return {
    states,
    stateById,
    eras,
    erasByName,
    sources: new Map(data.sources.map((s) => [s.id, s.description])),
    header: data.header,
  };
}

/** Joins the records of one era that the source splits by ruler (天顯 under 太祖, 淳欽皇后, 太宗). */
function joinEras(data: CalendarData, stateById: Map<string, State>, notes: Map<number, string[]>): Era[] {
  const eras: Era[] = [];
  const open = new Map<string, Era>(); // state + name → the latest era with that name
  const records = [...data.eras].sort((a, b) => (a.segments[0]?.first ?? 0) - (b.segments[0]?.first ?? 0));
  for (const record of records) {
    const state = stateById.get(record.state)!;
    const name = record.names[0] ?? "";
    const key = `${record.state}\u0000${name}`;
    const segments = record.segments.map((g) => ({
      ...g,
      yearIndex: monthAt(state, g.first)!.year.index,
    }));
    const previous = open.get(key);
    const first = Math.min(...segments.map((g) => g.first));
    const head = segments.find((g) => g.first === first)!;
    const continues =
      previous !== undefined &&
      !name.startsWith("（") &&
      first <= previous.last + 31 &&
      previous.lastYear + head.yearIndex - previous.years.get(previous.lastYear)! === head.year;
    let era: Era;
    if (continues && previous) {
      era = previous;
      era.ids.push(record.id);
      if (!era.rulers.includes(record.ruler)) era.rulers.push(record.ruler);
      for (const alias of record.names.slice(1)) if (!era.aliases.includes(alias)) era.aliases.push(alias);
    } else {
      era = {
        id: record.id,
        ids: [record.id],
        name,
        aliases: record.names.slice(1),
        state,
        rulers: [record.ruler],
        segments: [],
        first: Number.POSITIVE_INFINITY,
        last: Number.NEGATIVE_INFINITY,
        years: new Map(),
        firstYear: Number.POSITIVE_INFINITY,
        lastYear: Number.NEGATIVE_INFINITY,
        notes: [],
        parallelOnly: true,
      };
      eras.push(era);
      state.eras.push(era);
      open.set(key, era);
    }
    era.notes.push(...(notes.get(record.id) ?? []));
    for (const g of segments) {
      const segment: Segment = { era, ...g };
      era.segments.push(segment);
      (g.parallel ? state.parallelSegments : state.segments).push(segment);
      era.first = Math.min(era.first, g.first);
      era.last = Math.max(era.last, g.last);
      if (!g.parallel) era.parallelOnly = false;
      const lastIndex = monthAt(state, g.last)!.year.index;
      for (let yi = g.yearIndex; yi <= lastIndex; yi++) {
        const year = segmentYear(segment, yi);
        // Official labels win over parallel ones when they disagree.
        if (!era.years.has(year) || !g.parallel) era.years.set(year, yi);
        era.firstYear = Math.min(era.firstYear, year);
        era.lastYear = Math.max(era.lastYear, year);
      }
    }
  }
  for (const state of stateById.values()) {
    state.segments.sort((a, b) => a.first - b.first);
    state.parallelSegments.sort((a, b) => a.first - b.first);
  }
  return eras;
}
