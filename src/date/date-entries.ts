/**
 * The dating stage: every entry of a parsed chronicle gets the range of days its date covers,
 * in Julian Day Numbers and Julian/Gregorian ISO dates, with each concurrent state's reign date.
 * Year headings get their Western year; sexagenary days inside notes (`按《長編》八月壬戌…`)
 * resolve within their month. Results go under `node.data`; failures become messages.
 */
import {
  CalendarError,
  concurrentAt,
  type DateResolution,
  ganzhiIndex,
  jdnToIso,
  jdnToJulian,
  listEras,
  loadCalendar,
  resolveChronicleDate,
  sexagenaryDayIndex,
} from "../calendar/index.ts";
import { readYearHeading } from "../parse/heading.ts";
import type { ChronicleTree, Entry, Message, Note, Position, YearHeading } from "../parse/types.ts";
import { fold } from "../search/fold.ts";
import { formatChineseNumber, parseChineseNumber } from "../text/numerals.ts";
import { eraSpellings } from "../text/variants.ts";
import { eraOfBareYear, expectedYear, type YearContext } from "./era-context.ts";

/** A resolved date as the later stages keep it. */
export interface DatedRange {
  jdn: DateResolution["jdn"];
  julian: DateResolution["julian"];
  gregorian: DateResolution["gregorian"];
  label: string;
  /** Each state's label for the first day of the range. */
  concurrent: DateResolution["concurrent"];
  /** Another source's month starts give another range (e.g. Liao months for Western Xia). */
  alternatives: DateResolution["alternatives"];
  warnings: string[];
  /** The civil year the date falls in: its state, Western year and 干支. */
  civilYear?: DateResolution["civilYear"];
}

/** A date written inside a note or headline, resolved within the entry's year. */
export interface InlineDate extends DatedRange {
  text: string;
  position: Position;
}

declare module "../parse/types.ts" {
  interface NodeData {
    /** The days this node's date covers (entries, year headings). */
    date?: DatedRange;
    /** Why the date could not be resolved. */
    dateError?: { code: string; message: string };
    /** Dates written inside the node's text (notes). */
    dates?: InlineDate[];
    /** The year the reader assigned to a year without a heading (`DateOptions.year`). */
    assumedYear?: AssumedYear;
    /** The year a juan that opens before its first heading continues from the juan before (`DateOptions.carry`). */
    carriedYear?: AssumedYear;
    /** What gave the era of a heading that writes none (`十年`): the year before, or the ruler's eras. */
    eraInferred?: string;
    /** The heading's year is far from where the year before leads (a slip of the text). */
    outOfSequence?: true;
  }
}

/** A year given by the reader for the entries of a file (or its opening) that has no heading. */
export interface AssumedYear {
  /** As the reader wrote it (`慶曆三年`). */
  label: string;
  state: string | null;
  era: string;
  number: number;
  ganzhi: string | null;
  ce: number | null;
}

/** Options of `dateEntries`. */
export interface DateOptions {
  /**
   * The year of the entries that stand before the first year heading (all of them in a file
   * without headings): a file of one year often has none.
   */
  year?: AssumedYear;
  /** The state whose calendar the document dates by (default: the document's own, `tree.meta.document.state`). */
  state?: string;
  /** The last year of the juan before, for a juan that opens with a year without its era (`十年`). */
  carry?: YearContext;
}

type Calendar = ReturnType<typeof loadCalendar>;

function dated(r: DateResolution): DatedRange {
  return {
    jdn: r.jdn,
    julian: r.julian,
    gregorian: r.gregorian,
    label: r.label,
    concurrent: r.concurrent,
    alternatives: r.alternatives,
    warnings: r.warnings,
    ...(r.civilYear ? { civilYear: r.civilYear } : {}),
  };
}

// 八月壬戌, 十一月乙酉, 閏九月丁卯 — a month and a sexagenary day written together.
const MONTH_DAY =
  /(閏|闰)?(正|臘|十[一二]|[一二三四五六七八九十])月([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])/gu;

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

/** `元年`, `五年`. */
function formatYear(n: number): string {
  return n === 1 ? "元年" : `${formatChineseNumber(n)}年`;
}

/** The kind of a slip that was dated to the month as written. */
function slipCode(slip: string): string {
  return slip.endsWith("without 閏") ? "no-such-leap-month" : "ganzhi-not-in-month";
}

/** The date an entry writes: month, leap, day and season. */
interface WhenWritten {
  month: number | null;
  leap: boolean;
  day: number | string | null;
  season: string | null;
}

/** Years a heading may stand from where the year before leads before it is out of sequence. */
const OUT_OF_SEQUENCE = 12;

const WHOLE_YEAR: WhenWritten = { month: null, leap: false, day: null, season: null };

/** The Western year of a dated whole year: the year of its middle day. */
function civilCe(whole: DatedRange): number {
  return jdnToJulian(Math.floor((whole.jdn.start + whole.jdn.end) / 2)).year;
}

/**
 * The day nearest to `month` that has the sexagenary name `day`, labelled in the month's own
 * state: before its first day or after its last (a slip of one month, as 三月乙亥朔 for 二月).
 */
function nearestReading(day: string, month: DatedRange, calendar: Calendar): string | null {
  const index = ganzhiIndex(day);
  if (index === null) return null;
  const mod = (n: number) => ((n % 60) + 60) % 60;
  const before = month.jdn.start - mod(sexagenaryDayIndex(month.jdn.start) - index);
  const after = month.jdn.end + mod(index - sexagenaryDayIndex(month.jdn.end));
  const jdn = month.jdn.start - before <= after - month.jdn.end ? before : after;
  const state = month.civilYear?.state ?? month.concurrent[0]?.state;
  const label = concurrentAt(jdn, calendar).find((c) => c.state === state);
  const iso = jdnToIso(jdn, "julian");
  return label ? `${label.label} (${iso})` : iso;
}

const eraNamesByCalendar = new WeakMap<Calendar, Map<string, string>>();

/** Every era name of the calendar by its folded form, built once per calendar. */
function foldedEraNames(calendar: Calendar): Map<string, string> {
  let names = eraNamesByCalendar.get(calendar);
  if (!names) {
    names = new Map(listEras(calendar).map((e) => [fold(e.name), e.name]));
    eraNamesByCalendar.set(calendar, names);
  }
  return names;
}

/**
 * Reads the year a reader gives for a file without headings (`慶曆三年`, `宋慶曆三年`,
 * `慶曆三年（癸未，1043）`) and checks that the calendar has it.
 *
 * @param text the year as written, like a year heading
 * @param calendar the calendar data
 * @throws Error when the text is no era and year, or the calendar has no such year
 * @example
 * readAssumedYear("慶曆三年") //=> { label: "慶曆三年", state: null, era: "慶曆", number: 3, ganzhi: null, ce: null }
 */
export function readAssumedYear(text: string, calendar: Calendar = loadCalendar()): AssumedYear {
  const label = text.trim();
  const parts = readYearHeading(label);
  if (!parts || parts.era === null || parts.number === null)
    throw new Error(`Cannot read the year "${text}": write an era and a year, as a heading does (慶曆三年)`);
  const year: AssumedYear = { label, ...parts, era: parts.era, number: parts.number };
  const check = (era: string) =>
    resolveChronicleDate({ ...year, era }, { month: null, leap: false, day: null, season: null }, calendar);
  try {
    check(year.era);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    const canonical =
      error.code === "unknown-era" ? canonicalEra(year.era, foldedEraNames(calendar), calendar) : null;
    try {
      if (canonical === null) throw error;
      check(canonical);
      return { ...year, era: canonical };
    } catch (again) {
      if (!(again instanceof CalendarError)) throw again;
      throw new Error(`Cannot date the year "${text}": ${error.message}`);
    }
  }
  return year;
}

/**
 * The era name a variant or simplified spelling stands for: the longest ending of `written`
 * that the variant table reads as an era (`宋仁宗慶歴` → `宋仁宗慶曆`, `熈寧` → `熙寧`, `庆历` →
 * `慶曆`), and failing that, whose search folding is an era's.
 */
function canonicalEra(written: string, names: Map<string, string>, calendar: Calendar): string | null {
  const chars = Array.from(written);
  for (let k = chars.length; k >= 1; k--) {
    const tail = chars.slice(chars.length - k).join("");
    const head = chars.slice(0, chars.length - k).join("");
    const read = eraSpellings(tail, (n) => calendar.erasByName.has(n)).filter((n) => n !== tail);
    if (read.length > 0) return head + read[0]!;
    // 厯 (a form of 曆 in the 四庫 texts) is not in the search folding, which keeps it apart from 歷.
    const name = names.get(fold(tail.replaceAll("厯", "曆")));
    if (name !== undefined && name !== tail) return head + name;
  }
  return null;
}

function dateNote(
  note: Note,
  heading: YearHeading,
  resolve: (
    h: YearHeading,
    m: number | null,
    l: boolean,
    d: number | string | null,
    s: string | null,
  ) => DatedRange | CalendarError,
): void {
  const dates: InlineDate[] = [];
  const base = note.position.start;
  for (const m of note.value.matchAll(MONTH_DAY)) {
    const month = m[2] === "臘" ? 12 : parseChineseNumber(m[2]!);
    if (month === null) continue;
    const result = resolve(heading, month, Boolean(m[1]), m[3]!, null);
    if (result instanceof CalendarError) continue;
    const start = base.offset + m.index;
    const end = start + m[0].length;
    // Notes never span lines, so columns follow from the note's own start.
    const position: Position = {
      start: { line: base.line, column: base.column + m.index, offset: start },
      end: { line: base.line, column: base.column + m.index + m[0].length, offset: end },
    };
    dates.push({ ...result, text: m[0], position });
  }
  if (dates.length > 0) note.data = { ...note.data, dates };
}

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
