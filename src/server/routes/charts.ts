/**
 * The charts' data: events per lunar month (by the state the entry's year is reckoned in, or by
 * event type) and the ledger of goods counted in the texts (silver, silk, tea…), each commodity
 * in the unit the text writes, never summed across units. Everything from the read model.
 */
import { julianToJdn } from "../../calendar/jdn.ts";
import { loadEntities } from "../../export/entities.ts";
import type { EntrySummary } from "../../store/types.ts";
import { monthAround, monthsBetween } from "./calendar-months.ts";
import { memo, type ReadModel } from "./read-model.ts";
import type { CalendarMonth } from "./types.ts";

/** How the event chart splits each month's bar. */
export type EventGroup = "state" | "type";

/** A month of the event chart: how many events of each key its entries have. */
export interface EventMonth {
  /** First and last day (JDN) of the reference calendar's month. */
  start: number;
  end: number;
  /** The reference state's label (`慶曆三年四月`). */
  label: string;
  counts: Record<string, number>;
  total: number;
}

/** `GET /api/charts/events`. */
export interface EventChart {
  group: EventGroup;
  /** The CE years asked for (Julian), inclusive. */
  from: number;
  to: number;
  /** The state whose month boundaries the bars follow. */
  reference: string;
  /** Every key with its total, largest first. */
  keys: { key: string; total: number }[];
  months: EventMonth[];
  /** Events of entries in the years whose date is broader than a month (a season, 是歲): not in any bar. */
  broader: number;
}

/** `GET /api/charts/events/entries`: the entries behind one bar (or one part of it). */
export interface EventBar {
  group: EventGroup;
  key: string | null;
  month: CalendarMonth;
  /** How many events of the key these entries have. */
  events: number;
  results: EntrySummary[];
}

/** A point of the ledger: one amount of one commodity in one entry. */
export interface LedgerPoint {
  entry: string;
  /** First and last day (JDN) of the entry's date. */
  start: number;
  end: number;
  /** The entry's year and date as written (`慶曆三年 夏四月`). */
  date: string;
  amount: number;
  /** True when the text gives a lower bound (`十餘萬`). */
  approximate: boolean;
  /** The amount as written (`絹十萬匹`). */
  text: string;
}

/** One commodity counted in one unit. */
export interface LedgerSeries {
  commodity: string;
  /** The commodity as written in the authority (`絹`) and in English (`plain silk (tabby)`). */
  name: string;
  gloss: string | null;
  /** The unit's id (`unit:pi`), or null when the text writes none. */
  unit: string | null;
  unitName: string | null;
  unitGloss: string | null;
  points: LedgerPoint[];
}

/** `GET /api/charts/ledger`. */
export interface Ledger {
  from: number | null;
  to: number | null;
  series: LedgerSeries[];
  /** Amounts of a commodity in entries without a resolved date (not charted). */
  undated: number;
}

/** The first and last day (JDN) of CE years, inclusive (Julian calendar). */
export function yearDays(from: number, to: number): { start: number; end: number } {
  return {
    start: julianToJdn({ year: from, month: 1, day: 1 }),
    end: julianToJdn({ year: to, month: 12, day: 31 }),
  };
}

/** The keys an entry's events count under: its state once per event, or each event's type. */
function eventKeys(model: ReadModel, id: string, state: string | null, group: EventGroup): string[] {
  const events = model.events.get(id) ?? [];
  return events.map((e) => (group === "type" ? e.type : (state ?? "unknown")));
}

/** The index of the month holding the days `start`–`end`, or -1 when none holds them all. */
function monthIndex(months: readonly { start: number; end: number }[], start: number, end: number): number {
  let lo = 0;
  let hi = months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = months[mid]!;
    if (start < m.start) hi = mid - 1;
    else if (start > m.end) lo = mid + 1;
    else return end <= m.end ? mid : -1;
  }
  return -1;
}

/**
 * Events per month of the reference calendar between two CE years: each event of an entry dated
 * within one month counts once in that month, under its entry's state or its own type.
 *
 * @example
 * eventChart(model, "type", 1043, 1044).months[3] //=> { label: "慶曆三年四月", counts: { embassy: 2, … }, … }
 */
export function eventChart(model: ReadModel, group: EventGroup, from: number, to: number): EventChart {
  const days = yearDays(from, to);
  const { reference, months: calendarMonths } = monthsBetween(days.start, days.end);
  const months: EventMonth[] = calendarMonths.map((m) => ({
    start: m.start,
    end: m.end,
    label: m.labels.find((l) => referenceLabel(l.state, reference))?.label ?? m.labels[0]?.label ?? "",
    counts: {},
    total: 0,
  }));
  const totals = new Map<string, number>();
  let broader = 0;
  for (const entry of model.entries) {
    if (entry.start === null || entry.end === null) continue;
    if (entry.end < days.start || entry.start > days.end) continue;
    const keys = eventKeys(model, entry.summary.id, entry.state, group);
    if (keys.length === 0) continue;
    const index = monthIndex(months, entry.start, entry.end);
    if (index === -1) {
      broader += keys.length;
      continue;
    }
    const month = months[index]!;
    for (const key of keys) {
      month.counts[key] = (month.counts[key] ?? 0) + 1;
      month.total++;
      totals.set(key, (totals.get(key) ?? 0) + 1);
    }
  }
  const keys = [...totals]
    .map(([key, total]) => ({ key, total }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  return { group, from, to, reference, keys, months, broader };
}

/** Whether a month label is the reference state's own. */
function referenceLabel(state: string, reference: string): boolean {
  return state === reference;
}

/**
 * The entries behind one bar of the event chart: those dated within the month containing `jdn`
 * that have an event of `key` (any event when `key` is null), in text order.
 *
 * @returns null when no month of the calendar contains the day
 */
export function eventBar(
  model: ReadModel,
  group: EventGroup,
  jdn: number,
  key: string | null,
): EventBar | null {
  const around = monthAround(jdn);
  if (!around) return null;
  const { month } = around;
  const results: EntrySummary[] = [];
  let events = 0;
  for (const entry of model.entries) {
    if (entry.start === null || entry.end === null) continue;
    if (entry.start < month.start || entry.end > month.end) continue;
    const keys = eventKeys(model, entry.summary.id, entry.state, group).filter(
      (k) => key === null || k === key,
    );
    if (keys.length === 0) continue;
    events += keys.length;
    results.push(entry.summary);
  }
  return { group, key, month, events, results };
}

/** The entry's year and date as written. */
function writtenDate(summary: EntrySummary): string {
  return [summary.year.label, summary.date.text].filter(Boolean).join(" ");
}

/**
 * The ledger: every amount of one commodity the annotator read (`絹十萬匹`, `茶三萬斤`, `銀二萬兩`),
 * grouped by commodity and unit, in date order; an entry that writes the same amount of the same
 * goods twice (headline and detail) gives one point. Amounts of several goods together
 * (`銀、綺、絹、茶二十五萬五千`) belong to no one commodity and are left out.
 *
 * @example
 * ledger(model).series.find((s) => s.name === "絹")?.points.map((p) => p.amount) //=> [100000, 20000]
 */
export function ledger(model: ReadModel, from?: number, to?: number): Ledger {
  return memo(model, `ledger ${from ?? ""} ${to ?? ""}`, () => computeLedger(model, from, to));
}

function computeLedger(model: ReadModel, from?: number, to?: number): Ledger {
  const days = from !== undefined || to !== undefined ? yearDays(from ?? -9999, to ?? 9999) : null;
  const entities = loadEntities();
  const series = new Map<string, LedgerSeries>();
  const seen = new Set<string>();
  let undated = 0;
  for (const entry of model.entries) {
    const mentions = model.mentions.get(entry.summary.id);
    if (!mentions) continue;
    for (const m of mentions) {
      if (m.kind !== "quantity" || m.commodity === null) continue;
      if (entry.start === null || entry.end === null) {
        undated++;
        continue;
      }
      if (days && (entry.end < days.start || entry.start > days.end)) continue;
      const key = `${m.commodity} ${m.unit ?? ""}`;
      const point = `${entry.summary.id} ${key} ${m.amount}`;
      if (seen.has(point)) continue;
      seen.add(point);
      let s = series.get(key);
      if (!s) {
        const commodity = entities.get(m.commodity);
        const unit = m.unit === null ? undefined : entities.get(m.unit);
        s = {
          commodity: m.commodity,
          name: commodity?.name ?? m.noun ?? m.commodity,
          gloss: commodity?.gloss ?? null,
          unit: m.unit,
          unitName: unit?.name ?? null,
          unitGloss: unit?.gloss ?? null,
          points: [],
        };
        series.set(key, s);
      }
      s.points.push({
        entry: entry.summary.id,
        start: entry.start,
        end: entry.end,
        date: writtenDate(entry.summary),
        amount: m.amount,
        approximate: m.approximate,
        text: m.text,
      });
    }
  }
  const out = [...series.values()];
  for (const s of out) s.points.sort((a, b) => a.start - b.start || (a.entry < b.entry ? -1 : 1));
  out.sort((a, b) => b.points.length - a.points.length || (a.commodity < b.commodity ? -1 : 1));
  return { from: from ?? null, to: to ?? null, series: out, undated };
}
