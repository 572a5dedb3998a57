/**
 * Builds data/calendar/chinese-calendar.tsv from the DILA/DDBC month table.
 *
 *     node --import tsx scripts/build-calendar.ts [SOURCE.tsv] [OUTPUT.tsv]
 *
 * SOURCE defaults to ../shared/calendar/ddbc-chinese-months.tsv (beside the checkout). The table
 * lists, for every state, every month with its era label; a month split by an era change appears
 * once per era. This script rebuilds each state's month grid (one entry per lunar month), its
 * civil years, and each era's runs of days, repairs the few rows whose bounds contradict their
 * own `start_from`, then decodes its own output and checks every source row against it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AlternativeData,
  type CalendarData,
  type DisputeData,
  decodeCalendarData,
  type EraData,
  encodeCalendarData,
  type MonthData,
  type NoteData,
  type SegmentData,
  type SourceData,
  type StateData,
} from "../src/calendar/data-format.ts";
import { jdnToJulian } from "../src/calendar/jdn.ts";
import { ganzhiIndex } from "../src/calendar/sexagenary.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourcePath = process.argv[2] ?? join(root, "..", "shared", "calendar", "ddbc-chinese-months.tsv");
const outputPath = process.argv[3] ?? join(root, "data", "calendar", "chinese-calendar.tsv");

/** One row of the source table. */
interface Row {
  line: number;
  state: string;
  ruler: string;
  era: string;
  eraId: number;
  year: number;
  month: number;
  name: string;
  leap: number;
  first: number;
  last: number;
  ganzhi: string;
  startFrom: number;
  parallel: boolean;
}

/** A lunar month of one state while it is being built. */
interface Month {
  start: number;
  key: string;
  month: number;
  leap: number;
  name: string;
  ganzhi: string;
  length: number;
  partial: boolean;
  maxLast: number;
  parallelOnly: boolean;
}

const log: string[] = [];
const note = (text: string): void => {
  log.push(text);
};

function readRows(path: string): Row[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const header = lines[0]?.split("\t") ?? [];
  const expected =
    "dynasty emperor era era_id year month month_name leap first_jdn last_jdn ganzhi start_from status";
  if (header.join(" ") !== expected) throw new Error(`unexpected columns: ${header.join(" ")}`);
  const rows: Row[] = [];
  const seen = new Set<string>();
  lines.forEach((text, i) => {
    if (i === 0 || text === "") return;
    if (seen.has(text)) return; // a few rows are repeated verbatim
    seen.add(text);
    const f = text.split("\t");
    const n = (k: number): number => {
      const v = Number(f[k]);
      if (!Number.isInteger(v)) throw new Error(`line ${i + 1}: column ${k + 1} is not an integer: ${f[k]}`);
      return v;
    };
    rows.push({
      line: i + 1,
      state: f[0]!,
      ruler: f[1]!,
      era: f[2]!,
      eraId: n(3),
      year: n(4),
      month: n(5),
      name: f[6]!,
      leap: n(7),
      first: n(8),
      last: n(9),
      ganzhi: f[10]!,
      startFrom: n(11),
      parallel: f[12] === "P",
    });
  });
  return rows;
}

/**
 * What identifies a month among its neighbours: its number and leap flag. (Rows are matched only
 * within a month's reach, and a few rows carry the next year's 干支 by mistake.)
 */
const keyOf = (r: { month: number; leap: number }): string => `${r.month}|${r.leap}`;
const stateId = (dynasty: string): string => dynasty.split("|")[0]!;
const rowText = (r: Row): string =>
  `line ${r.line} ${r.state} ${r.era} ${r.year}/${r.name} ${r.first}-${r.last} from ${r.startFrom}`;

/** Month starts that rows with start_from 1 give, per state and over all states. */
function strongStarts(rows: Row[]): {
  byState: Map<string, Map<number, Row>>;
  byKey: Map<string, number[]>;
} {
  const byState = new Map<string, Map<number, Row>>();
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    if (r.startFrom !== 1) continue;
    const starts = byState.get(r.state) ?? new Map<number, Row>();
    byState.set(r.state, starts);
    const existing = starts.get(r.first);
    if (existing && keyOf(existing) !== keyOf(r)) {
      // Same first day, different month: keep the official (S) reading.
      if (existing.parallel && !r.parallel) starts.set(r.first, r);
      continue;
    }
    if (!existing) starts.set(r.first, r);
  }
  // A row with start_from 1 that begins inside a month of the same name is a mid-month era
  // change written without its start_from: it is not a month start.
  for (const starts of byState.values()) {
    const sorted = [...starts.entries()].sort((a, b) => a[0] - b[0]);
    const lastByKey = new Map<string, number>();
    for (const [start, r] of sorted) {
      const previous = lastByKey.get(keyOf(r));
      if (previous !== undefined && start - previous < 29) {
        note(`not a month start (inside the month from ${previous}): ${rowText(r)}`);
        starts.delete(start);
        continue;
      }
      lastByKey.set(keyOf(r), start);
      const list = byKey.get(keyOf(r)) ?? [];
      if (!list.includes(start)) list.push(start);
      byKey.set(keyOf(r), list);
    }
  }
  return { byState, byKey };
}

/** The month start a row belongs to, or null when the row contradicts the grid. */
function monthStartOf(
  r: Row,
  own: Map<number, Row>,
  ownByKey: Map<string, number[]>,
  byKey: Map<string, number[]>,
): number | null {
  if (r.startFrom === 1) {
    const strong = own.get(r.first);
    if (strong && keyOf(strong) === keyOf(r)) return r.first;
    if (strong) {
      note(`dropped (contradicts an official month starting the same day): ${rowText(r)}`);
      return null;
    }
  }
  const wanted = r.first - r.startFrom + 1;
  const overlapping = (starts: number[] | undefined): number[] =>
    (starts ?? []).filter((s) => s <= r.last && s + 29 >= r.first);
  const pick = (starts: number[]): number =>
    starts.reduce((best, s) => (Math.abs(s - wanted) < Math.abs(best - wanted) ? s : best));
  const local = overlapping(ownByKey.get(keyOf(r)));
  if (local.length > 0) {
    const s = pick(local);
    if (s !== wanted)
      note(`month start ${s} (from the state's own months) instead of ${wanted}: ${rowText(r)}`);
    return s;
  }
  const global = overlapping(byKey.get(keyOf(r)));
  if (global.length > 0) {
    const s = pick(global);
    if (s !== wanted)
      note(`month start ${s} (from another state's month) instead of ${wanted}: ${rowText(r)}`);
    return s;
  }
  return wanted;
}

/** The Western year in which most of a civil year with the given 干支 and middle JDN falls. */
function ceYear(ganzhi: string, middle: number): number {
  const g = ganzhiIndex(ganzhi);
  if (g === null) throw new Error(`bad year ganzhi ${ganzhi}`);
  const jy = jdnToJulian(middle).year;
  let shift = (((g - (jy - 4)) % 60) + 60) % 60;
  if (shift >= 30) shift -= 60;
  if (Math.abs(shift) > 1) note(`civil year ${ganzhi} around ${jy} is ${shift} years from its middle`);
  return jy + shift;
}

interface BuiltState {
  data: StateData;
  months: Month[];
  /** Civil-year index of each month, parallel to `months`. */
  yearIndex: number[];
  rowMonth: Map<Row, Month>;
}

function buildState(
  id: string,
  names: string[],
  rows: Row[],
  own: Map<number, Row>,
  byKey: Map<string, number[]>,
  globalMonths: Map<number, GlobalMonth>,
): BuiltState {
  const ownByKey = new Map<string, number[]>();
  for (const [start, r] of own) ownByKey.set(keyOf(r), [...(ownByKey.get(keyOf(r)) ?? []), start]);
  const months = new Map<number, Month>();
  const rowMonth = new Map<Row, Month>();
  for (const r of rows) {
    const start = monthStartOf(r, own, ownByKey, byKey);
    if (start === null) continue;
    let m = months.get(start);
    if (!m) {
      m = {
        start,
        key: keyOf(r),
        month: r.month,
        leap: r.leap,
        name: r.name,
        ganzhi: r.ganzhi,
        length: 0,
        partial: false,
        maxLast: r.last,
        parallelOnly: r.parallel,
      };
      months.set(start, m);
    } else if (m.key !== keyOf(r) || m.name !== r.name) {
      note(`dropped (month ${m.name} ${m.ganzhi} already starts that day): ${rowText(r)}`);
      continue;
    } else if (m.ganzhi !== r.ganzhi) {
      note(`year 干支 ${r.ganzhi} read as ${m.ganzhi} (the month's other rows): ${rowText(r)}`);
    }
    m.maxLast = Math.max(m.maxLast, r.last);
    if (!r.parallel) m.parallelOnly = false;
    rowMonth.set(r, m);
  }
  const sorted = [...months.values()].sort((a, b) => a.start - b.start);
  sorted.forEach((m, i) => {
    const next = sorted[i + 1];
    const gap = next ? next.start - m.start : Number.POSITIVE_INFINITY;
    if (gap === 29 || gap === 30) {
      m.length = gap;
      return;
    }
    if (gap < 29)
      throw new Error(`${id}: month ${m.name} ${m.ganzhi} at ${m.start} is followed after ${gap} days`);
    const known = globalMonths.get(m.start)?.length;
    if (known !== undefined && m.start + known <= (next?.start ?? Number.POSITIVE_INFINITY)) {
      m.length = known;
      return;
    }
    const covered = Math.min(m.maxLast, (next?.start ?? Number.POSITIVE_INFINITY) - 1) - m.start + 1;
    m.length = covered;
    m.partial = covered !== 29 && covered !== 30;
    if (covered > 30) throw new Error(`${id}: month at ${m.start} covers ${covered} days`);
  });
  fillMissingMonths(id, sorted, globalMonths);
  // Civil years: a new one wherever the year's 干支 changes or the months stop being contiguous.
  const yearIndex: number[] = [];
  const years: MonthData[][] = [];
  sorted.forEach((m, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.ganzhi !== m.ganzhi || prev.start + prev.length !== m.start) years.push([]);
    years[years.length - 1]!.push({
      start: m.start,
      length: m.length,
      month: m.month,
      leap: m.leap,
      name: m.name,
      partial: m.partial,
    });
    yearIndex.push(years.length - 1);
  });
  const data: StateData = {
    id,
    names,
    years: years.map((months) => {
      const middle = months[Math.floor(months.length / 2)]!;
      const ganzhi = sorted.find((m) => m.start === months[0]!.start)!.ganzhi;
      return { ce: ceYear(ganzhi, middle.start + 14), months };
    }),
  };
  return { data, months: sorted, yearIndex, rowMonth };
}

/**
 * The first day of rows whose first_jdn and start_from disagree. The row's own first_jdn is kept
 * when it follows straight on from another row of the state and no official row already covers
 * it (start_from is then one day off); otherwise start_from is (first_jdn is then a typo or the
 * month's first day).
 */
const repairedFirst = new Map<Row, number>();

function repairFirstDays(rows: Row[], built: Map<string, BuiltState>): void {
  const byState = new Map<string, Row[]>();
  for (const r of rows) byState.set(r.state, [...(byState.get(r.state) ?? []), r]);
  for (const list of byState.values()) {
    const ends = new Set(list.map((r) => r.last));
    for (const r of list) {
      if (r.startFrom <= 1) continue;
      const m = built.get(stateId(r.state))!.rowMonth.get(r);
      if (!m) continue;
      const implied = m.start + r.startFrom - 1;
      if (implied === r.first) continue;
      const covered = list.some((o) => o !== r && !o.parallel && o.first <= r.first && r.first <= o.last);
      if (ends.has(r.first - 1) && !covered) {
        note(
          `era begins on ${r.first} (day ${r.first - m.start + 1}), not day ${r.startFrom}: ${rowText(r)}`,
        );
      } else {
        note(`era begins on day ${r.startFrom} = ${implied}, not ${r.first}: ${rowText(r)}`);
        repairedFirst.set(r, implied);
      }
    }
  }
}

/** A whole month that some state's rows give, with its length. */
interface GlobalMonth {
  length: number;
  ganzhi: string;
  month: number;
  leap: number;
  name: string;
}

/**
 * Inserts up to two months missing between two months of a state when other states have months
 * that fill the gap exactly (西夏 has no row for 十月 of 1038, between 大慶 and 天授禮法延祚).
 */
function fillMissingMonths(id: string, sorted: Month[], globalMonths: Map<number, GlobalMonth>): void {
  for (let i = 0; i + 1 < sorted.length; i++) {
    const m = sorted[i]!;
    const next = sorted[i + 1]!;
    if (m.partial || m.start + m.length >= next.start) continue;
    const chain: Month[] = [];
    let cursor = m.start + m.length;
    while (cursor < next.start && chain.length < 2) {
      const g = globalMonths.get(cursor);
      if (!g || (g.ganzhi !== m.ganzhi && g.ganzhi !== next.ganzhi)) break;
      chain.push({
        start: cursor,
        key: keyOf(g),
        month: g.month,
        leap: g.leap,
        name: g.name,
        ganzhi: g.ganzhi,
        length: g.length,
        partial: false,
        maxLast: cursor + g.length - 1,
        parallelOnly: true,
      });
      cursor += g.length;
    }
    if (cursor !== next.start || chain.length === 0) continue;
    note(`${id}: added missing month(s) ${chain.map((c) => `${c.name} ${c.ganzhi} ${c.start}`).join(", ")}`);
    sorted.splice(i + 1, 0, ...chain);
    i += chain.length;
  }
}

/** The day range a row labels, from its month and start_from. */
function rowRange(r: Row, m: Month): [number, number] {
  const first = repairedFirst.get(r) ?? Math.max(r.first, m.start);
  let last = Math.min(r.last, m.start + m.length - 1);
  if (last < first) {
    note(`row ends before its own start; runs to ${first}: ${rowText(r)}`);
    last = first;
  }
  return [first, last];
}

interface Labelled {
  eraId: number;
  year: number;
  first: number;
  last: number;
  parallel: boolean;
}

function buildEras(rows: Row[], built: Map<string, BuiltState>): EraData[] {
  const eras = new Map<number, { data: EraData; labels: Labelled[] }>();
  for (const r of rows) {
    const st = built.get(stateId(r.state))!;
    const m = st.rowMonth.get(r);
    if (!m) continue;
    const [first, last] = rowRange(r, m);
    let era = eras.get(r.eraId);
    if (!era) {
      const names = r.era
        .replace(/^（(.+)）$/, (_, inner: string) =>
          inner === "無年號" || inner === "失年號" ? `（${inner}）` : inner,
        )
        .split("|")
        .filter((n) => !/\p{Script=Hangul}/u.test(n));
      era = {
        data: { id: r.eraId, state: stateId(r.state), ruler: r.ruler, names, segments: [] },
        labels: [],
      };
      eras.set(r.eraId, era);
    }
    era.labels.push({ eraId: r.eraId, year: r.year, first, last, parallel: r.parallel });
  }
  // Fill gaps inside an era's own run when no official label of the state covers them
  // (rows whose last day stops short of the month end, e.g. 紹聖元年四月).
  const covered = new Map<string, Labelled[]>();
  for (const e of eras.values()) {
    const list = covered.get(e.data.state) ?? [];
    list.push(...e.labels.filter((l) => !l.parallel));
    covered.set(e.data.state, list);
  }
  const isCovered = (state: string, day: number): boolean =>
    (covered.get(state) ?? []).some((l) => l.first <= day && day <= l.last);
  const out: EraData[] = [];
  for (const { data, labels } of eras.values()) {
    const st = built.get(data.state)!;
    labels.sort((a, b) => a.first - b.first || Number(a.parallel) - Number(b.parallel));
    for (let i = 0; i + 1 < labels.length; i++) {
      const a = labels[i]!;
      const b = labels[i + 1]!;
      const gap = b.first - a.last - 1;
      if (gap <= 0 || gap > 30 || a.parallel !== b.parallel) continue;
      let free = true;
      for (let d = a.last + 1; d < b.first && free; d++) free = !isCovered(data.state, d);
      if (!free) continue;
      note(`${data.state} ${data.names[0]}: filled ${gap} unlabelled days ${a.last + 1}-${b.first - 1}`);
      a.last = b.first - 1;
    }
    data.segments = mergeLabels(labels, st);
    out.push(data);
  }
  return out.sort((a, b) => (a.segments[0]?.first ?? 0) - (b.segments[0]?.first ?? 0) || a.id - b.id);
}

/** The civil-year index of a day in a built state, or -1. */
function civilYearOf(st: BuiltState, day: number): number {
  let lo = 0;
  let hi = st.months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = st.months[mid]!;
    if (day < m.start) hi = mid - 1;
    else if (day >= m.start + m.length) lo = mid + 1;
    else return st.yearIndex[mid]!;
  }
  return -1;
}

/** Joins consecutive labels into segments whose year follows the civil years. */
function mergeLabels(labels: Labelled[], st: BuiltState): SegmentData[] {
  const segments: SegmentData[] = [];
  let current: (SegmentData & { startYearIndex: number }) | null = null;
  for (const l of labels) {
    const yi = civilYearOf(st, l.first);
    if (
      current &&
      current.parallel === l.parallel &&
      l.first === current.last + 1 &&
      current.year + (yi - current.startYearIndex) === l.year
    ) {
      current.last = Math.max(current.last, l.last);
      continue;
    }
    if (current && l.first <= current.last && current.parallel === l.parallel) {
      note(`overlapping labels for era ${l.eraId} at ${l.first}`);
    }
    current = { year: l.year, first: l.first, last: l.last, parallel: l.parallel, startYearIndex: yi };
    segments.push(current);
  }
  return segments.map(({ year, first, last, parallel }) => ({ year, first, last, parallel }));
}

/** Western Xia months that the Liao calendar starts on another day. */
function liaoAlternatives(built: Map<string, BuiltState>): AlternativeData[] {
  const xia = built.get("西夏")!;
  const liao = built.get("遼")!;
  const liaoByKey = new Map<string, Month[]>();
  for (const m of liao.months) liaoByKey.set(m.key, [...(liaoByKey.get(m.key) ?? []), m]);
  const out: AlternativeData[] = [];
  for (const m of xia.months) {
    const match = (liaoByKey.get(m.key) ?? []).find((l) => Math.abs(l.start - m.start) <= 3);
    if (!match || match.partial || m.partial) continue;
    if (match.start !== m.start || match.length !== m.length) {
      out.push({
        state: "西夏",
        start: m.start,
        altStart: match.start,
        altEnd: match.start + match.length - 1,
        source: "liao-calendar",
      });
    }
  }
  return out;
}

/** 天聖九年九月 (1031): DDBC starts it a day before other sources; 八月 ends a day later there. */
function songAlternatives(built: Map<string, BuiltState>): AlternativeData[] {
  const song = built.get("北宋")!;
  const find = (month: number): Month => {
    const m = song.months.find(
      (x) => x.ganzhi === "辛未" && x.month === month && Math.abs(x.start - 2097880) < 60 && x.leap === 0,
    );
    if (!m) throw new Error(`北宋 1031 month ${month} not found`);
    return m;
  };
  const eighth = find(8);
  const ninth = find(9);
  if (ninth.start !== 2097892) throw new Error(`unexpected start of 天聖九年九月: ${ninth.start}`);
  return [
    {
      state: "北宋",
      start: eighth.start,
      altStart: eighth.start,
      altEnd: eighth.start + eighth.length,
      source: "sxwnl",
    },
    {
      state: "北宋",
      start: ninth.start,
      altStart: ninth.start + 1,
      altEnd: ninth.start + ninth.length - 1,
      source: "sxwnl",
    },
  ];
}

const SOURCES: SourceData[] = [
  {
    id: "ddbc",
    description:
      "DILA/DDBC Time Authority Database, Library and Information Center of Dharma Drum Buddhist College (2008–2010), CC BY-SA 3.0",
  },
  {
    id: "liao-calendar",
    description:
      "Western Xia months reckoned with the Liao month starts, as another source gives them (the DDBC table gives Western Xia the Song month starts)",
  },
  {
    id: "sxwnl",
    description:
      "Yuk Tung Liu's tables, Academia Sinica and the sxwnl corrections used by lunar-javascript/tyme4ts, where they differ from DDBC",
  },
  { id: "sources-differ", description: "sources disagree; which month is not recorded here" },
];

const DISPUTES: DisputeData[] = [
  {
    state: "北宋",
    ce: 1031,
    month: 9,
    source: "sxwnl",
    note: "天聖九年九月: other sources begin it one day later",
  },
  ...[947, 949, 951, 961, 1059].map(
    (ce): DisputeData => ({
      state: "遼",
      ce,
      month: null,
      source: "sources-differ",
      note: `a Liao month of ${ce} is disputed between sources`,
    }),
  ),
  {
    state: "金",
    ce: 1121,
    month: null,
    source: "sources-differ",
    note: "a Jin month of 1121 is disputed between sources",
  },
];

/** Remarks on eras, by era name and state. */
const NOTES: { state: string; era: string; note: string }[] = [
  {
    state: "西夏",
    era: "天授禮法延祚",
    note: "this table begins it in month 11 of 1038; 宋史·夏國傳 gives 十月十一日",
  },
  { state: "北宋", era: "紹聖", note: "the day the era began (mid-month) is unreliable in the source table" },
  { state: "金", era: "天會", note: "the day the era began (mid-month) is unreliable in the source table" },
];

function header(rows: number, states: number, eras: number): string[] {
  return [
    "biannian historical Chinese calendar: every lunar month of the Chinese dynastic calendars, 221 BCE–1912,",
    "with the era (reign period) labels of each state.",
    "",
    "Derived from the DILA/DDBC Time Authority Database (佛學規範資料庫 時間), Library and Information Center of",
    "Dharma Drum Buddhist College (法鼓佛教學院), 2008–2010, https://authority.dila.edu.tw/",
    "Licence: Creative Commons Attribution-ShareAlike 3.0 Unported (CC BY-SA 3.0),",
    "https://creativecommons.org/licenses/by-sa/3.0/ — this file is distributed under the same licence.",
    "Changes: months regrouped per state and delta-encoded; a few rows repaired (see data/calendar/README.md);",
    "alternative month starts and disputed months from other sources added as A and D lines.",
    `Built by scripts/build-calendar.ts from ${rows} source rows: ${states} states, ${eras} eras.`,
    "",
    "Format (tab-separated; see src/calendar/data-format.ts):",
    "R SOURCE DESCRIPTION | S STATE NAMES | Y STATE CE FIRST_JDN MONTHS ([閏|後]N[=NAME]:DAYS[~])",
    "E ERA_ID STATE RULER NAMES SEGMENTS (YEAR:FIRST_JDN+DAYS[P]) | A STATE START ALT_START ALT_END SOURCE",
    "D STATE CE MONTH|* SOURCE NOTE | N ERA_ID NOTE",
  ];
}

/** Decodes the output and checks that every kept source row reads back the same. */
function verify(text: string, rows: Row[], built: Map<string, BuiltState>): void {
  const data = decodeCalendarData(text);
  const monthAt = new Map<string, Map<number, { m: MonthData; yearIndex: number }>>();
  for (const s of data.states) {
    const map = new Map<number, { m: MonthData; yearIndex: number }>();
    s.years.forEach((y, yi) => {
      for (const m of y.months) for (let d = 0; d < m.length; d++) map.set(m.start + d, { m, yearIndex: yi });
    });
    monthAt.set(s.id, map);
  }
  const eraById = new Map(data.eras.map((e) => [e.id, e]));
  let checked = 0;
  for (const r of rows) {
    const st = built.get(stateId(r.state))!;
    const bm = st.rowMonth.get(r);
    if (!bm) continue;
    const [first, last] = rowRange(r, bm);
    const era = eraById.get(r.eraId)!;
    const days = monthAt.get(era.state)!;
    for (let d = first; d <= last; d++) {
      const at = days.get(d);
      if (!at || at.m.month !== r.month || at.m.leap !== r.leap || at.m.name !== r.name) {
        throw new Error(`verify: day ${d} is not in month ${r.name}: ${rowText(r)}`);
      }
      const seg = era.segments.find((g) => g.first <= d && d <= g.last && g.parallel === r.parallel);
      if (!seg) throw new Error(`verify: day ${d} has no label: ${rowText(r)}`);
      const y = seg.year + at.yearIndex - days.get(seg.first)!.yearIndex;
      if (y !== r.year) throw new Error(`verify: day ${d} reads year ${y}: ${rowText(r)}`);
      checked++;
    }
  }
  console.log(`verified ${checked} labelled days against the source rows`);
}

function main(): void {
  const rows = readRows(sourcePath);
  const { byState, byKey } = strongStarts(rows);
  const stateNames = new Map<string, string[]>();
  const rowsByState = new Map<string, Row[]>();
  for (const r of rows) {
    const id = stateId(r.state);
    if (!stateNames.has(id)) stateNames.set(id, r.state.split("|"));
    rowsByState.set(id, [...(rowsByState.get(id) ?? []), r]);
  }
  // Months that some state has whole, to complete states that cover only part of one.
  const globalMonths = new Map<number, GlobalMonth>();
  for (const starts of byState.values()) {
    const sorted = [...starts.entries()].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([s, r], i) => {
      const gap = (sorted[i + 1]?.[0] ?? 0) - s;
      if ((gap === 29 || gap === 30) && !globalMonths.has(s)) {
        globalMonths.set(s, { length: gap, ganzhi: r.ganzhi, month: r.month, leap: r.leap, name: r.name });
      }
    });
  }
  const built = new Map<string, BuiltState>();
  for (const [id, names] of stateNames) {
    const dynasty = rowsByState.get(id)![0]!.state;
    built.set(
      id,
      buildState(id, names, rowsByState.get(id)!, byState.get(dynasty) ?? new Map(), byKey, globalMonths),
    );
  }
  repairFirstDays(rows, built);
  const eras = buildEras(rows, built);
  const notes: NoteData[] = NOTES.map((n) => {
    const era = eras.find((e) => e.state === n.state && e.names.includes(n.era));
    if (!era) throw new Error(`no era ${n.state} ${n.era} for a note`);
    return { era: era.id, note: n.note };
  });
  const data: CalendarData = {
    header: header(rows.length, built.size, eras.length),
    sources: SOURCES,
    states: [...built.values()].map((b) => b.data),
    eras,
    alternatives: [...songAlternatives(built), ...liaoAlternatives(built)],
    disputes: DISPUTES,
    notes,
  };
  const text = encodeCalendarData(data);
  verify(text, rows, built);
  writeFileSync(outputPath, text);
  for (const line of log) console.log(`note: ${line}`);
  const months = data.states.reduce((n, s) => n + s.years.reduce((k, y) => k + y.months.length, 0), 0);
  console.log(
    `wrote ${relative(process.cwd(), outputPath)}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ` +
      `${data.states.length} states, ${months} months, ${eras.length} eras, ${data.alternatives.length} alternatives`,
  );
}

main();
