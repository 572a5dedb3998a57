/**
 * Era dates to days: 慶曆三年八月壬戌 → JDN, with every state's concurrent label. Months, years and
 * seasons give ranges. Retroactive labels (寶元元年正月 for 景祐五年正月) are accepted with a warning.
 */
import { eraLabelName, formatDay, formatEraYear, segmentsAt } from "./concurrent.ts";
import { standardMonthName } from "./data-format.ts";
import { eraCeRange, findEras, formatCandidates, summarizeEra } from "./eras.ts";
import { CalendarError } from "./errors.ts";
import { jdnToIso } from "./jdn.ts";
import {
  type Calendar,
  type CivilYear,
  type Era,
  loadCalendar,
  type Month,
  monthAt,
  segmentYear,
} from "./model.ts";
import { alternativeReading, makeResolution } from "./range.ts";
import { ganzhiIndex, sexagenaryDay, sexagenaryDayIndex } from "./sexagenary.ts";
import type { AlternativeReading, DateResolution, JdnRange, Season } from "./types.ts";

/** An era date: era name and year, optionally month, day and state. */
export interface EraDateQuery {
  /** The era name, optionally with a state or ruler before it (`宋仁宗慶曆`). */
  era: string;
  /** The era year (1 for 元年). */
  year: number;
  /** 1–12, or `null`/absent for the whole year or season. */
  month?: number | null | undefined;
  /** A leap month (閏). */
  leap?: boolean | undefined;
  /** The month's name when it is not a plain number (臘, 子 …); matched before `month`. */
  monthName?: string | null | undefined;
  /** Day of the month (1–30), a 干支 day, 朔 (first day) or 晦 (last day). */
  day?: number | string | null | undefined;
  /** The 干支 the month's first day must have (`壬戌朔`). */
  firstDayGanzhi?: string | null | undefined;
  /** A season (春夏秋冬) when no month is given. */
  season?: string | null | undefined;
  /** A state name as chronicles write it (宋, 遼, 夏 …). */
  state?: string | null | undefined;
}

/** Context that chooses between eras of the same name. */
export interface ResolveOptions {
  /** A state name; a query's own `state` takes precedence. */
  state?: string | undefined;
  /** A Western year the date is expected near. */
  near?: number | undefined;
}

const SEASONS: Readonly<Record<Season, readonly number[]>> = {
  春: [1, 2, 3],
  夏: [4, 5, 6],
  秋: [7, 8, 9],
  冬: [10, 11, 12],
};

/**
 * The months of a season: 春 = 1–3, 夏 = 4–6, 秋 = 7–9, 冬 = 10–12; `null` for anything else.
 *
 * @example
 * seasonMonths("秋") //=> [7, 8, 9]
 */
export function seasonMonths(season: string): readonly number[] | null {
  return SEASONS[season.replace(/^是/, "") as Season] ?? null;
}

interface Resolved {
  era: Era;
  year: CivilYear;
  range: JdnRange;
  label: string;
  alternatives: AlternativeReading[];
  warnings: string[];
}

const mod60 = (n: number): number => ((n % 60) + 60) % 60;

/** The state's own label for a day, written out (慶曆元年十一月十九日), or its Western date. */
function stateLabelAt(era: Era, jdn: number): string {
  const month = monthAt(era.state, jdn);
  const iso = jdnToIso(jdn, jdn >= 2299161 ? "gregorian" : "julian");
  if (!month) return iso;
  const segment = segmentsAt(era.state.segments, jdn)[0] ?? segmentsAt(era.state.parallelSegments, jdn)[0];
  const day = formatDay(jdn - month.start + 1);
  if (!segment) return `${month.name}月${day} (${iso})`;
  const year = formatEraYear(eraLabelName(segment.era), segmentYear(segment, month.year.index));
  return `${year}${month.name}月${day} (${iso})`;
}

function findMonth(era: Era, civil: CivilYear, q: EraDateQuery, yearLabel: string): Month {
  const leap = q.leap === true;
  const named = q.monthName ? civil.months.filter((m) => m.name === `${leap ? "閏" : ""}${q.monthName}`) : [];
  const candidates =
    named.length > 0 ? named : civil.months.filter((m) => m.month === q.month && m.leap > 0 === leap);
  // A civil year can hold a month number twice (a calendar reform: 元封七年十月 and 太初元年十月
  // in 104 BCE); the era's own month is the one it names. With one candidate, a month before
  // the era began is still taken: chronicles name a whole year by an era proclaimed in it.
  const within = (m: Month, official: boolean) =>
    era.segments.some((g) => (!official || !g.parallel) && m.start >= g.first && m.start <= g.last);
  const found =
    candidates.length > 1
      ? (candidates.find((m) => within(m, true)) ?? candidates.find((m) => within(m, false)) ?? candidates[0])
      : candidates[0];
  if (found) return found;
  const name = q.monthName ?? (q.month != null ? standardMonthName(q.month, 0) : "?");
  const where = `${era.state.id} ${yearLabel} (${civil.ce})`;
  if (leap) {
    const leaps = civil.months.filter((m) => m.leap > 0).map((m) => `${m.name}月`);
    const has = leaps.length > 0 ? `its leap month is ${leaps.join("、")}` : "that year had no leap month";
    throw new CalendarError("no-such-leap-month", `${where} has no 閏${name}月: ${has}`);
  }
  throw new CalendarError(
    "no-such-month",
    `${where} has no ${name}月 (its months: ${civil.months.map((m) => m.name).join(" ")})`,
  );
}

/** Finds the day of a numbered, 干支, 朔 or 晦 day in a month. */
function findDay(month: Month, q: EraDateQuery, monthLabel: string, warnings: string[]): number {
  const day = q.day;
  if (typeof day === "number") {
    if (!Number.isInteger(day) || day < 1 || day > month.length) {
      const known = month.partial ? ` (only the first ${month.length} days are in the data)` : "";
      throw new CalendarError(
        "day-out-of-range",
        `${monthLabel} has ${month.length} days; there is no day ${day}${known}`,
      );
    }
    return month.start + day - 1;
  }
  if (day === "朔") return month.start;
  if (day === "晦") {
    if (month.partial) warnings.push(`only the first ${month.length} days of ${monthLabel} are in the data`);
    return month.end;
  }
  const index = ganzhiIndex(String(day));
  if (index === null) throw new CalendarError("bad-ganzhi", `"${day}" is not a 干支 day`);
  const offset = mod60(index - sexagenaryDayIndex(month.start));
  if (offset < month.length) return month.start + offset;
  const alt = month.state.alternatives.get(month.start);
  if (alt) {
    const altDay = alt.start + mod60(index - sexagenaryDayIndex(alt.start));
    if (altDay <= alt.end) {
      warnings.push(`${day} is in ${monthLabel} only by the month starts of ${alt.source}`);
      return altDay;
    }
  }
  const first = sexagenaryDay(month.start);
  const last = sexagenaryDay(month.end);
  throw new CalendarError(
    "ganzhi-not-in-month",
    `${day} is not a day of ${monthLabel}: its days run from ${first} (1) to ${last} (${month.length}); ` +
      `${day} would be day ${offset + 1}`,
  );
}

/** Resolves a query in one era; throws when the date does not exist there. */
function resolveInEra(era: Era, q: EraDateQuery, calendar: Calendar): Resolved {
  const state = era.state;
  const yearIndex = era.years.get(q.year);
  const yearLabel = formatEraYear(eraLabelName(era), q.year);
  if (yearIndex === undefined) {
    const [start, end] = eraCeRange(era);
    throw new CalendarError(
      "year-out-of-range",
      `${state.id} ${era.name} has years ${era.firstYear}–${era.lastYear} (${start}–${end}); there is no ${yearLabel}`,
    );
  }
  const civil = state.years[yearIndex]!;
  const warnings: string[] = [];
  const alternatives: AlternativeReading[] = [];
  const altOf = (m: Month) => state.alternatives.get(m.start);
  let months: Month[];
  let range: JdnRange | undefined;
  let altRange: JdnRange | null = null;
  let label = yearLabel;
  if (q.month != null || q.monthName) {
    const month = findMonth(era, civil, q, yearLabel);
    months = [month];
    label += `${month.name}月`;
    if (q.day != null) {
      const jdn = findDay(month, q, `${state.id} ${label}`, warnings);
      label += typeof q.day === "number" ? formatDay(q.day) : String(q.day);
      range = { start: jdn, end: jdn };
      const alt = altOf(month);
      if (alt && typeof q.day === "number") {
        const altDay = alt.start + q.day - 1;
        if (altDay <= alt.end) altRange = { start: altDay, end: altDay };
        else warnings.push(`${alt.source} gives ${label} only ${alt.end - alt.start + 1} days`);
      } else if (alt && (jdn < alt.start || jdn > alt.end)) {
        warnings.push(`by the month starts of ${alt.source}, ${q.day} is not in ${label}`);
      }
    } else {
      range = { start: month.start, end: month.end };
    }
    if (q.firstDayGanzhi) {
      const actual = sexagenaryDay(month.start);
      const alt = altOf(month);
      if (actual !== q.firstDayGanzhi) {
        if (alt && sexagenaryDay(alt.start) === q.firstDayGanzhi) {
          warnings.push(`${label}朔 is ${q.firstDayGanzhi} only by the month starts of ${alt.source}`);
        } else {
          throw new CalendarError(
            "ganzhi-not-in-month",
            `${state.id} ${label} begins on a ${actual} day, not ${q.firstDayGanzhi}`,
          );
        }
      }
    }
  } else if (q.day != null) {
    throw new CalendarError("day-without-month", `a day (${q.day}) needs a month: ${yearLabel}?月${q.day}`);
  } else if (q.season) {
    const numbers = seasonMonths(q.season);
    if (!numbers) throw new CalendarError("bad-expression", `"${q.season}" is not a season (春夏秋冬)`);
    months = civil.months.filter((m) => numbers.includes(m.month));
    if (months.length === 0) {
      throw new CalendarError(
        "no-such-month",
        `${state.id} ${yearLabel} has no months of ${q.season} in the data`,
      );
    }
    label += q.season.replace(/^是/, "");
  } else {
    months = civil.months;
  }
  const firstMonth = months[0]!;
  const lastMonth = months[months.length - 1]!;
  range ??= { start: firstMonth.start, end: lastMonth.end };
  if (!altRange && range.start === firstMonth.start && range.end === lastMonth.end) {
    const a = altOf(firstMonth);
    const b = altOf(lastMonth);
    if (a || b) altRange = { start: a?.start ?? firstMonth.start, end: b?.end ?? lastMonth.end };
  }
  if (altRange && (altRange.start !== range.start || altRange.end !== range.end)) {
    const source = (altOf(firstMonth) ?? altOf(lastMonth))?.source ?? "";
    const reading = alternativeReading(source, calendar.sources.get(source) ?? source, altRange);
    alternatives.push(reading);
    warnings.push(
      `sources differ: by ${source} ${state.id} ${label} is ${reading.julian.start}` +
        (reading.julian.end === reading.julian.start ? "" : ` – ${reading.julian.end}`) +
        " (Julian)",
    );
  }
  checkLabel(era, range, label, warnings);
  for (const d of state.disputes.get(civil.ce) ?? []) {
    if (d.month === null || months.some((m) => m.month === d.month)) {
      warnings.push(`disputed: ${d.note} (${calendar.sources.get(d.source) ?? d.source})`);
    }
  }
  if (yearIndex === era.years.get(era.firstYear)) warnings.push(...era.notes.map((n) => `${era.name}: ${n}`));
  if (era.parallelOnly) warnings.push(`${era.name} is an unofficial (parallel) label in ${state.id}`);
  return { era, year: civil, range, label: `${state.id} ${label}`, alternatives, warnings };
}

/** Warns when the era does not label (all of) the range in the table. */
function checkLabel(era: Era, range: JdnRange, label: string, warnings: string[]): void {
  const covered = era.segments.some((s) => s.first <= range.end && s.last >= range.start);
  if (!covered) {
    if (range.end < era.first) {
      warnings.push(
        `${label} is a retroactive label: ${era.name} began on ${stateLabelAt(era, era.first)}; ` +
          `the day is ${stateLabelAt(era, range.start)}`,
      );
    } else if (range.start > era.last) {
      warnings.push(
        `${label} continues ${era.name} after it ended on ${stateLabelAt(era, era.last)}; ` +
          `the day is ${stateLabelAt(era, range.start)}`,
      );
    } else {
      warnings.push(`the table does not label ${stateLabelAt(era, range.start)} with ${era.name}`);
    }
    return;
  }
  const official = era.segments.some((s) => !s.parallel && s.first <= range.end && s.last >= range.start);
  if (!official && !era.parallelOnly)
    warnings.push(`${label} is an unofficial (parallel) label in ${era.state.id}`);
  if (range.start < era.first)
    warnings.push(`${era.name} begins within ${label}: ${stateLabelAt(era, era.first)}`);
  if (range.end > era.last) warnings.push(`${era.name} ends within ${label}: ${stateLabelAt(era, era.last)}`);
}

/**
 * Converts an era date to days. A month alone gives the month, a year alone its civil (lunar)
 * year, a season its three months. Names several states used are resolved by `state` and
 * `near`; when candidates remain that give different days, a `CalendarError` with code
 * `ambiguous-era` lists them. Impossible dates (year past the era, missing leap month, day past
 * the month, 干支 outside the month) throw `CalendarError`.
 *
 * @example
 * resolveEraDate({ era: "慶曆", year: 3, month: 4, day: 9 }).julian //=> { start: "1043-05-20", end: "1043-05-20" }
 * resolveEraDate({ era: "慶曆", year: 2, month: 9, leap: true }).jdn //=> { start: 2101938, end: 2101967 }
 */
export function resolveEraDate(
  query: EraDateQuery,
  options: ResolveOptions = {},
  calendar: Calendar = loadCalendar(),
): DateResolution {
  const eras = findEras(query.era, { state: query.state ?? options.state, near: options.near }, calendar);
  const results: Resolved[] = [];
  let firstError: unknown = null;
  for (const era of eras) {
    try {
      results.push(resolveInEra(era, query, calendar));
    } catch (error) {
      if (!(error instanceof CalendarError)) throw error;
      firstError ??= error;
    }
  }
  if (results.length === 0) throw firstError;
  let chosen = results;
  if (options.near !== undefined && chosen.length > 1) {
    const near = options.near;
    const distance = (r: Resolved): number => Math.abs(r.year.ce - near);
    const best = Math.min(...chosen.map(distance));
    chosen = chosen.filter((r) => distance(r) === best);
  }
  const first = chosen[0]!;
  if (
    chosen.length > 1 &&
    chosen.every((r) => r.range.start === first.range.start && r.range.end === first.range.end)
  ) {
    // The same days in several states (吳越 dated by 北宋's 建隆 and 乾德): the label is the longest-
    // lived state's, whose era it was; the others are named as the same days.
    chosen = [...chosen].sort((a, b) => b.era.state.years.length - a.era.state.years.length);
  }
  const [best, ...rest] = chosen as [Resolved, ...Resolved[]];
  if (rest.some((r) => r.range.start !== best.range.start || r.range.end !== best.range.end)) {
    const list = chosen.map((r) => summarizeEra(r.era));
    throw new CalendarError(
      "ambiguous-era",
      `"${query.era}" is ambiguous: ${formatCandidates(list)}; ` +
        (list.every((c) => c.state === list[0]!.state)
          ? `give a year (e.g. --near ${list[0]!.years[0]})`
          : `give a state (${[...new Set(list.map((c) => c.state))].join(", ")}) or a year`),
      list,
    );
  }
  const warnings = [...best.warnings];
  const others = eras.filter((e) => e !== best.era && !rest.some((r) => r.era === e));
  if (others.length > 0 && !query.state && !options.state && options.near === undefined) {
    warnings.push(
      `${query.era} is also an era of ${formatCandidates(others.map(summarizeEra))}; ` +
        `only ${best.era.state.id} ${best.era.name} has this date`,
    );
  }
  if (rest.length > 0) {
    warnings.push(`also ${rest.map((r) => r.label).join(", ")} (same days)`);
  }
  return makeResolution(calendar, best.label, best.range, {
    alternatives: best.alternatives,
    candidates: eras.filter((e) => e !== best.era).map(summarizeEra),
    warnings,
    civilYear: { state: best.era.state.id, ce: best.year.ce, ganzhi: best.year.ganzhi },
  });
}
