/**
 * The dating stage: every entry of a parsed chronicle gets the range of days its date covers,
 * in Julian Day Numbers and Julian/Gregorian ISO dates, with each concurrent state's reign date.
 * Year headings get their Western year; sexagenary days inside notes (`按《長編》八月壬戌…`)
 * resolve within their month. Results go under `node.data`; failures become messages.
 */
import { CalendarError, loadCalendar, resolveChronicleDate } from "../calendar/index.ts";
import type { ChronicleTree, Message, Position, YearHeading } from "../parse/types.ts";
import { formatChineseNumber } from "../text/numerals.ts";
import {
  type Calendar,
  type DatedRange,
  type DateOptions,
  WHOLE_YEAR,
  type WhenWritten,
} from "./date-types.ts";
import { civilCe, dated, formatYear, nearestReading, OUT_OF_SEQUENCE, slipCode } from "./dated-range.ts";
import { eraOfBareYear, expectedYear, type YearContext } from "./era-context.ts";
import { canonicalEra, foldedEraNames } from "./era-spelling.ts";
import { dateNote } from "./inline-dates.ts";

export { entryDateFields, lastYearOf } from "./date-fields.ts";
export type { AssumedYear, DatedRange, DateOptions, InlineDate } from "./date-types.ts";
export { readAssumedYear } from "./era-spelling.ts";

/**
 * Dates every entry and year heading of `tree` in place, and returns the tree.
 *
 * @param tree a tree from `parse`
 * @param calendar the calendar data (loaded once and shared)
 * @param options `year`: the year of entries before the first heading (default: none, and
 *   they stay undated)
 * @example
 * const tree = dateEntries(parse(text));
 * tree.children[0].children[0].data.date.julian //=> { start: "1043-02-12", end: "1043-03-13" }
 */
export function dateEntries(
  tree: ChronicleTree,
  calendar: Calendar = loadCalendar(),
  options: DateOptions = {},
): ChronicleTree {
  const cache = new Map<string, DatedRange | CalendarError>();
  // Spellings found to be no era, with the error and the era they stand for (or null).
  const misspelt = new Map<string, { error: CalendarError; canonical: string | null }>();
  const document = tree.meta.document;
  let previous: YearContext | null = options.carry ?? null;
  const narrative = document?.section != null && /傳|外紀|志/u.test(document.section);
  const documentState = options.state ?? document?.state ?? null;
  const attemptIn = (
    heading: YearHeading,
    era: string,
    state: string | null,
    near: number | undefined,
    when: WhenWritten,
  ): DatedRange =>
    dated(
      resolveChronicleDate(
        { era, number: heading.number!, state, ce: heading.ce, ganzhi: heading.ganzhi, near: near ?? null },
        when,
        calendar,
      ),
    );
  /**
   * An era the heading's own state does not settle is read in the document's state, then as the
   * year before continues; only what none of them decides stays ambiguous.
   */
  const attempt = (
    heading: YearHeading,
    era: string,
    near: number | undefined,
    when: WhenWritten,
  ): DatedRange => {
    // Without a state of its own, the heading is read in the document's state, else in the state
    // of the year before (建隆 → 乾德: 北宋's, though 吳越 used 乾德 too).
    const state = documentState ?? previous?.state ?? null;
    if (heading.state !== null || state === null) return attemptIn(heading, era, heading.state, near, when);
    try {
      return attemptIn(heading, era, state, near, when);
    } catch (error) {
      if (!(error instanceof CalendarError) || error.code !== "era-not-in-state") throw error;
      return attemptIn(heading, era, null, near, when);
    }
  };
  const resolve = (heading: YearHeading, near: number | undefined, when: WhenWritten) => {
    const key = `${previous?.state}|${heading.state}|${heading.era}|${heading.number}|${heading.ce}|${heading.ganzhi}|${near}|${when.month}|${when.leap}|${when.day}|${when.season}`;
    let result = cache.get(key);
    if (result === undefined) {
      const spelling = `${heading.state}|${heading.era}`;
      const known = misspelt.get(spelling);
      try {
        if (known) throw known.error;
        result = attempt(heading, heading.era!, near, when);
      } catch (error) {
        if (!(error instanceof CalendarError)) throw error;
        result = error;
        // 慶歴, 慶厯 (variant forms) and 庆历 (simplified) are 慶曆: found once per spelling.
        let canonical = known?.canonical ?? null;
        if (!known && error.code === "unknown-era") {
          canonical = canonicalEra(heading.era!, foldedEraNames(calendar), calendar);
          misspelt.set(spelling, { error, canonical });
        }
        if (canonical) {
          try {
            const retried = attempt(heading, canonical, near, when);
            retried.warnings.push(`era "${heading.era}" read as "${canonical}"`);
            result = retried;
          } catch (again) {
            if (!(again instanceof CalendarError)) throw again;
            result = again;
          }
        }
      }
      cache.set(key, result);
    }
    return result;
  };
  /** A day that is not in its month: the entry keeps the month, and the warning names the nearest reading. */
  const resolveDay = (
    heading: YearHeading,
    near: number | undefined,
    when: WhenWritten,
  ): { result: DatedRange | CalendarError; slip: string | null } => {
    const result = resolve(heading, near, when);
    if (result instanceof CalendarError && result.code === "no-such-leap-month" && when.leap) {
      // 閏N月 in a year whose leap month is another (or none): the month as written, flagged.
      const plain = resolveDay(heading, near, { ...when, leap: false });
      if (plain.result instanceof CalendarError) return { result, slip: null };
      const slip = `${result.message}; dated to the month without 閏`;
      const warnings = [...plain.result.warnings, slip];
      return { result: { ...plain.result, warnings }, slip: plain.slip ? `${plain.slip}; ${slip}` : slip };
    }
    if (!(result instanceof CalendarError) || result.code !== "ganzhi-not-in-month")
      return { result, slip: null };
    const month = resolve(heading, near, { ...when, day: null });
    if (month instanceof CalendarError) return { result, slip: null };
    const nearest = nearestReading(String(when.day), month, calendar);
    const slip = `${result.message}; dated to the month as written${nearest ? `; the nearest ${when.day} is ${nearest}` : ""}`;
    return { result: { ...month, warnings: [...month.warnings, slip] }, slip };
  };
  const report = (reason: string, place: Position, ruleId: string) => {
    const message: Message = { reason, ruleId, severity: "warning", place };
    tree.messages.push(message);
  };

  for (const [index, year] of tree.children.entries()) {
    let heading = year.heading;
    if (heading === null && index === 0 && options.year !== undefined) {
      // A year the text does not write: dated as the reader says, and marked as assumed.
      year.data = { ...year.data, assumedYear: options.year };
      heading = { type: "yearHeading", position: year.position, ...options.year };
    } else if (heading === null && index === 0 && options.carry) {
      // A juan that opens before its first year heading continues the year the juan before ends with.
      const carried = options.carry;
      const label = `${carried.era}${carried.number === 1 ? "元" : formatChineseNumber(carried.number)}年`;
      heading = {
        type: "yearHeading",
        position: year.position,
        label,
        state: carried.state,
        era: carried.era,
        number: carried.number,
        ganzhi: null,
        ce: null,
      };
      year.data = {
        ...year.data,
        carriedYear: {
          label,
          state: carried.state,
          era: carried.era,
          number: carried.number,
          ganzhi: null,
          ce: carried.ce,
        },
      };
      tree.messages.push({
        reason: `the text opens before its first year: dated in ${label}, the year the juan before ends with`,
        ruleId: "date-year-carried",
        severity: "info",
        place: year.position,
      });
    }
    if (heading && heading.era === null && heading.number !== null) {
      // `十年春正月` in a 本紀: the era in force, or the ruler's one era with such a year.
      const found = eraOfBareYear(heading.number, previous, document?.ruler ?? null, documentState, calendar);
      if (found) {
        heading.era = found.era;
        if (heading.state === null && found.state !== null && documentState === null)
          heading.state = found.state;
        heading.data = { ...heading.data, eraInferred: found.by };
      } else {
        report(
          `cannot date the year heading: "${heading.label}" names no era, and neither the year before nor the document's ruler decides it`,
          heading.position,
          "date-year-without-era",
        );
        continue;
      }
    }
    if (!heading || heading.era === null || heading.number === null) continue;
    const near = expectedYear(previous, heading.era, heading.number);
    const whole = resolve(heading, near, WHOLE_YEAR);
    if (whole instanceof CalendarError) {
      heading.data = { ...heading.data, dateError: { code: whole.code, message: whole.message } };
      report(`cannot date the year heading: ${whole.message}`, heading.position, `date-${whole.code}`);
      continue;
    }
    const inferred = heading.data?.eraInferred;
    const readingNotes: string[] = [];
    if (inferred)
      whole.warnings.push(`"${heading.label}" names no era: read as ${heading.era}, by ${inferred}`);
    readingNotes.push(...whole.warnings.filter((w) => w.startsWith('era "') || w.includes("names no era")));
    for (const note of readingNotes) {
      // How the heading's era was read, said once for the year, where the heading stands.
      const ruleId = note.startsWith('era "') ? "date-era-spelling" : "date-era-inferred";
      tree.messages.push({ reason: note, ruleId, severity: "info", place: heading.position });
    }
    const ce = whole.civilYear?.ce ?? civilCe(whole);
    // A biography or account (傳, 外紀) moves across reigns; only an annal keeps its sequence.
    const outOfSequence = !narrative && near !== undefined && Math.abs(ce - near) > OUT_OF_SEQUENCE;
    if (outOfSequence) {
      // 長編 卷三十六 writes 淳熈五年 (南宋, 1178) where 淳化五年 (994) follows the juan before.
      const before = previous ? `${previous.era}${formatYear(previous.number)} (${previous.ce})` : `${near}`;
      const sequence = `${heading.label} is ${whole.label} (${ce}), far from the year before, ${before}: out of sequence`;
      whole.warnings.push(sequence);
      report(sequence, heading.position, "date-out-of-sequence");
    }
    heading.data = {
      ...heading.data,
      date: whole,
      ...(outOfSequence ? { outOfSequence: true as const } : {}),
    };
    const own = whole.civilYear?.state;
    const label = whole.concurrent.find((c) => c.state === own);
    // A year out of sequence (a slip of the text) does not lead the years after it astray.
    if (!outOfSequence)
      previous = { era: label?.era ?? heading.era, number: heading.number, ce, state: own ?? heading.state };
    // The month a day falls in when the text moves on without writing it (see below).
    let moved: { month: number; leap: boolean } | null = null;
    for (const entry of year.children) {
      const d = entry.date;
      if (entry.dateNode?.month != null || entry.dateNode?.relative) moved = null;
      let { result, slip } = resolveDay(heading, near, {
        month: moved?.month ?? d.month,
        leap: moved ? moved.leap : d.leap,
        day: d.day,
        season: d.season,
      });
      // A day whose month is carried from an item before, not written, that is no day of that
      // month but of the next: the chronicle has moved on to the next month without saying so
      // (or says it inside a sentence: 「…至三月庚戌朔始詔…」). The day is dated there, with a
      // note, and the items after it follow — until a month is written again.
      if (
        slip !== null &&
        slipCode(slip) === "ganzhi-not-in-month" &&
        typeof d.day === "string" &&
        d.month !== null &&
        entry.dateNode !== null &&
        entry.dateNode.month === null
      ) {
        const from: { month: number; leap: boolean } = moved ?? { month: d.month, leap: d.leap };
        const candidates: { month: number; leap: boolean }[] = [
          { month: from.month, leap: true },
          { month: from.month + 1, leap: false },
        ];
        for (const next of candidates) {
          if (from.leap && next.leap) continue;
          if (next.month > 12) break;
          const tried = resolve(heading, near, {
            month: next.month,
            leap: next.leap,
            day: d.day,
            season: null,
          });
          if (tried instanceof CalendarError) continue;
          const label = `${next.leap ? "閏" : ""}${formatChineseNumber(next.month).replace(/^一$/u, "正")}月`;
          const note = `${d.day} is no day of the month carried from the items before, but of the next, ${label}: the text moves on without writing the month; dated there`;
          result = { ...tried, warnings: [...tried.warnings, note] };
          slip = null;
          moved = next;
          tree.messages.push({
            reason: note,
            ruleId: "date-month-moved-on",
            severity: "info",
            place: entry.dateNode.position,
          });
          break;
        }
      }
      if (result instanceof CalendarError) {
        entry.data = { ...entry.data, dateError: { code: result.code, message: result.message } };
        report(
          `cannot date the entry: ${result.message}`,
          entry.dateNode?.position ?? entry.headline.position,
          `date-${result.code}`,
        );
      } else {
        entry.data = {
          ...entry.data,
          // What the heading says of its year (an era read from a variant spelling, an era
          // inferred) is said once, on the heading, not again on each entry.
          date: { ...result, warnings: result.warnings.filter((w) => !readingNotes.includes(w)) },
        };
        // Said once, where the date is written; the entries that carry it keep the warning.
        if (slip && entry.date.own)
          report(slip, entry.dateNode?.position ?? entry.headline.position, `date-${slipCode(slip)}`);
      }
      for (const note of entry.sources?.notes ?? [])
        dateNote(note, heading, (h, m, l, dd, ss) =>
          resolve(h, near, { month: m, leap: l, day: dd, season: ss }),
        );
    }
  }
  return tree;
}
