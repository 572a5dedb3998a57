/**
 * The text format of `data/calendar/chinese-calendar.tsv`: tab-separated lines whose first field
 * says what they hold. Lines starting with `#` are comments (attribution, licence, format).
 *
 *     R  SOURCE  DESCRIPTION                      a source cited by A and D lines
 *     S  STATE   NAME|NAME…                       a state (dynasty) and its names
 *     Y  STATE   CE  FIRST_JDN  MONTH MONTH …     one civil year of a state's calendar
 *     E  ERA_ID  STATE  RULER  NAME|ALIAS…  SEGMENT SEGMENT …
 *     A  STATE   START  ALT_START  ALT_END  SOURCE  another source's bounds for a month
 *     D  STATE   CE  MONTH|*  SOURCE  NOTE         a month (or year) disputed between sources
 *     N  ERA_ID  NOTE                             a remark on an era
 *
 * A MONTH is `[閏|後]N[=NAME]:LENGTH[~]`: month number (臘 = -1, 一 = -2 in the 武周 calendar),
 * 閏 for a leap month, 後 for the year-end leap month of the Qin and early Han calendars, a name
 * when it is not the usual one, and the number of days (`~` when only the days the state covered
 * are known). Months follow each other without gaps inside a Y line.
 *
 * A SEGMENT is `YEAR:FIRST_JDN+DAYS[P]`: the era label holds for DAYS days from FIRST_JDN, its
 * year number starting at YEAR and going up by one at each new civil year of its state. `P`
 * marks a parallel (unofficial or retrospective) label.
 */

import { formatChineseNumber } from "../text/numerals.ts";

/** One lunar month of a state's calendar. */
export interface MonthData {
  /** JDN of the month's first day. */
  start: number;
  /** Days in the month (29 or 30 unless `partial`). */
  length: number;
  /** 1–12; -1 = 臘 and -2 = 一 in the 武周 calendar. */
  month: number;
  /** 0 = ordinary, 1 = 閏 (leap), 2 = 後 (year-end leap month of the Qin calendar). */
  leap: number;
  /** The month's name as written (正, 閏九, 後九, 臘…). */
  name: string;
  /** True when only the days the state covered are known, not the whole month. */
  partial: boolean;
}

/** One civil year of a state's calendar. */
export interface YearData {
  /** The Western year (astronomical numbering) in which most of the civil year falls. */
  ce: number;
  months: MonthData[];
}

/** A state (dynasty) and its calendar. */
export interface StateData {
  id: string;
  names: string[];
  years: YearData[];
}

/** A run of days carrying one era label. */
export interface SegmentData {
  /** The era year of the first day. */
  year: number;
  first: number;
  last: number;
  /** A parallel (unofficial or retrospective) label, `P` in the source table. */
  parallel: boolean;
}

/** An era (or a reign without era name) as recorded in the source table. */
export interface EraData {
  id: number;
  state: string;
  ruler: string;
  /** The era name first, then other spellings. */
  names: string[];
  segments: SegmentData[];
}

/** Another source's bounds for a month of a state. */
export interface AlternativeData {
  state: string;
  /** Start (JDN) of the month in the main data. */
  start: number;
  altStart: number;
  altEnd: number;
  source: string;
}

/** A month (or, with `month` null, a year) whose dates are disputed between sources. */
export interface DisputeData {
  state: string;
  ce: number;
  month: number | null;
  source: string;
  note: string;
}

/** A remark on an era. */
export interface NoteData {
  era: number;
  note: string;
}

/** A source cited by alternatives and disputes. */
export interface SourceData {
  id: string;
  description: string;
}

/** Everything the data file holds. */
export interface CalendarData {
  header: string[];
  sources: SourceData[];
  states: StateData[];
  eras: EraData[];
  alternatives: AlternativeData[];
  disputes: DisputeData[];
  notes: NoteData[];
}

/**
 * The usual name of a month: 正, 二 … 十二, 閏九, 後九; 臘 (-1) and 一 (-2) in the 武周 calendar.
 *
 * @example
 * standardMonthName(9, 1) //=> "閏九"
 */
export function standardMonthName(month: number, leap: number): string {
  const key = month * 4 + leap;
  let name = standardNames.get(key);
  if (name === undefined) {
    name = computeMonthName(month, leap);
    standardNames.set(key, name);
  }
  return name;
}

const standardNames = new Map<number, string>();

function computeMonthName(month: number, leap: number): string {
  const base = month === -1 ? "臘" : month === -2 ? "一" : month === 1 ? "正" : formatChineseNumber(month);
  return (leap === 1 ? "閏" : leap === 2 ? "後" : "") + base;
}

const clean = (text: string): string => text.replace(/[\t\n\r]+/g, " ");

function encodeMonth(m: MonthData): string {
  const prefix = m.leap === 1 ? "閏" : m.leap === 2 ? "後" : "";
  const name = m.name === standardMonthName(m.month, m.leap) ? "" : `=${m.name}`;
  return `${prefix}${m.month}${name}:${m.length}${m.partial ? "~" : ""}`;
}

const MONTH_TOKEN = /^(閏|後)?(-?\d+)(?:=([^:]+))?:(\d+)(~)?$/;
const PLAIN_MONTH = /^(\d+):(\d+)$/;

/** Reads one month token; the common `N:LENGTH` form without the general pattern. */
function readMonthToken(token: string): Omit<MonthData, "start"> | null {
  const plain = PLAIN_MONTH.exec(token);
  if (plain) {
    const month = Number(plain[1]);
    return { length: Number(plain[2]), month, leap: 0, name: standardMonthName(month, 0), partial: false };
  }
  const m = MONTH_TOKEN.exec(token);
  if (!m) return null;
  const leap = m[1] === "閏" ? 1 : m[1] === "後" ? 2 : 0;
  const month = Number(m[2]);
  return { length: Number(m[4]), month, leap, name: m[3] ?? standardMonthName(month, leap), partial: !!m[5] };
}
const SEGMENT_TOKEN = /^(-?\d+):(\d+)\+(\d+)(P)?$/;

/**
 * Writes the data file's text.
 *
 * @example
 * encodeCalendarData({ header: ["x"], sources: [], states: [], eras: [], alternatives: [], disputes: [], notes: [] })
 * //=> "# x\n"
 */
export function encodeCalendarData(data: CalendarData): string {
  const lines: string[] = data.header.map((h) => (h === "" ? "#" : `# ${h}`));
  for (const s of data.sources) lines.push(["R", s.id, clean(s.description)].join("\t"));
  for (const state of data.states) {
    lines.push(["S", state.id, state.names.join("|")].join("\t"));
    for (const y of state.years) {
      const first = y.months[0];
      if (!first) continue;
      lines.push(["Y", state.id, y.ce, first.start, y.months.map(encodeMonth).join(" ")].join("\t"));
    }
  }
  for (const e of data.eras) {
    const segments = e.segments.map(
      (g) => `${g.year}:${g.first}+${g.last - g.first + 1}${g.parallel ? "P" : ""}`,
    );
    lines.push(["E", e.id, e.state, clean(e.ruler), e.names.join("|"), segments.join(" ")].join("\t"));
  }
  for (const a of data.alternatives)
    lines.push(["A", a.state, a.start, a.altStart, a.altEnd, a.source].join("\t"));
  for (const d of data.disputes) {
    lines.push(["D", d.state, d.ce, d.month ?? "*", d.source, clean(d.note)].join("\t"));
  }
  for (const n of data.notes) lines.push(["N", n.era, clean(n.note)].join("\t"));
  return `${lines.join("\n")}\n`;
}

/** A malformed data file: says which line. */
export class CalendarDataError extends Error {
  override name = "CalendarDataError";
}

/**
 * Reads the data file's text.
 *
 * @example
 * decodeCalendarData("S\t北宋\t北宋\nY\t北宋\t1043\t2102027\t正:30\n").states[0]?.years[0]?.months[0]?.length //=> 30
 */
export function decodeCalendarData(text: string): CalendarData {
  const data: CalendarData = {
    header: [],
    sources: [],
    states: [],
    eras: [],
    alternatives: [],
    disputes: [],
    notes: [],
  };
  const states = new Map<string, StateData>();
  let lineNo = 0;
  const fail = (why: string): never => {
    throw new CalendarDataError(`calendar data line ${lineNo}: ${why}`);
  };
  const int = (s: string | undefined): number => {
    const n = Number(s);
    if (s === undefined || s === "" || !Number.isInteger(n)) fail(`expected an integer, got "${s}"`);
    return n;
  };
  for (const line of text.split("\n")) {
    lineNo++;
    if (line === "") continue;
    if (line.startsWith("#")) {
      data.header.push(line.replace(/^# ?/, ""));
      continue;
    }
    const f = line.split("\t");
    switch (f[0]) {
      case "R":
        data.sources.push({ id: f[1] ?? fail("missing source id"), description: f[2] ?? "" });
        break;
      case "S": {
        const id = f[1] ?? fail("missing state id");
        const state: StateData = { id, names: (f[2] ?? id).split("|"), years: [] };
        states.set(id, state);
        data.states.push(state);
        break;
      }
      case "Y": {
        const state = states.get(f[1] ?? "") ?? fail(`unknown state "${f[1]}"`);
        let start = int(f[3]);
        const months: MonthData[] = [];
        for (const token of (f[4] ?? "").split(" ")) {
          const m = readMonthToken(token) ?? fail(`bad month "${token}"`);
          months.push({ start, ...m });
          start += m.length;
        }
        state.years.push({ ce: int(f[2]), months });
        break;
      }
      case "E": {
        const state = f[2] ?? fail("missing state");
        if (!states.has(state)) fail(`unknown state "${state}"`);
        const segments: SegmentData[] = [];
        for (const token of (f[5] ?? "").split(" ")) {
          if (token === "") continue;
          const m = SEGMENT_TOKEN.exec(token) ?? fail(`bad segment "${token}"`);
          const first = int(m[2]);
          segments.push({ year: int(m[1]), first, last: first + int(m[3]) - 1, parallel: !!m[4] });
        }
        data.eras.push({ id: int(f[1]), state, ruler: f[3] ?? "", names: (f[4] ?? "").split("|"), segments });
        break;
      }
      case "A":
        data.alternatives.push({
          state: f[1] ?? fail("missing state"),
          start: int(f[2]),
          altStart: int(f[3]),
          altEnd: int(f[4]),
          source: f[5] ?? "",
        });
        break;
      case "D":
        data.disputes.push({
          state: f[1] ?? fail("missing state"),
          ce: int(f[2]),
          month: f[3] === "*" ? null : int(f[3]),
          source: f[4] ?? "",
          note: f[5] ?? "",
        });
        break;
      case "N":
        data.notes.push({ era: int(f[1]), note: f[2] ?? "" });
        break;
      default:
        fail(`unknown record type "${f[0]}"`);
    }
  }
  return data;
}
