/**
 * Finding one's way in many juan: the stored works with their juan and the years each covers,
 * a table of contents by year and month (of a work or of one document), and "go to 慶曆四年五月":
 * an era date read with the calendar and the first entry on or after it. All from the read model.
 */

import { formatEraYear } from "../../calendar/concurrent.ts";
import { standardMonthName } from "../../calendar/data-format.ts";
import { resolveEraDate } from "../../calendar/era-date.ts";
import { CalendarError } from "../../calendar/errors.ts";
import { parseEraDate } from "../../calendar/expression.ts";
import { loadCalendar, monthAt } from "../../calendar/model.ts";
import { erasNamed } from "../../store/reigns.ts";
import type { DocumentSummary } from "../../store/types.ts";
import { eraSpellings } from "../../text/variants.ts";
import { ApiError } from "../problem.ts";
import { memo, type ReadModel, type SnapshotEntry } from "./read-model.ts";

/** A year as a table of contents names it: the era in its standard spelling, and its number. */
export interface TocYear {
  /** `慶曆四年`; the heading as written when its era is not a known one; null before any heading. */
  label: string | null;
  /** The Western year of the civil year its first dated entry falls in. */
  ce: number | null;
  entryCount: number;
  /** The first entry of the year. */
  first: string;
  months: TocMonth[];
}

/** A month of a year in a table of contents. */
export interface TocMonth {
  /** `五月`, `閏五月`; `是歲` for entries of the whole year or a season, null when undated. */
  label: string | null;
  month: number | null;
  leap: boolean;
  entryCount: number;
  /** The first entry of the month, and the document it stands in. */
  first: string;
  documentId: number;
  /** The documents (juan) its entries stand in, in order. */
  documents: number[];
}

/** A stored work with its juan, or a document that names no work. */
export interface WorkContents {
  /** The work's short name (`長編`), else its full title; null for the documents that name none. */
  work: string | null;
  title: string | null;
  entryCount: number;
  documents: {
    id: number;
    title: string;
    juan: number | null;
    entryCount: number;
    /** The first and the last year heading the document's entries stand under, and their Western years. */
    years: { first: string | null; last: string | null; ce: { first: number | null; last: number | null } };
  }[];
}

/** The name a document goes by. */
function titleOf(d: DocumentSummary): string {
  return d.title ?? d.name;
}

/** The work a document belongs to, as the contents group them. */
function workOf(d: DocumentSummary): string | null {
  return d.short ?? d.work ?? null;
}

const standardEras = new Map<string, string>();

/** An era as the calendar spells it (`慶厯` → 慶曆), or as written when it is not a known era. */
function standardEra(era: string): string {
  let name = standardEras.get(era);
  if (name === undefined) {
    name = erasNamed(era)[0]?.name ?? era;
    standardEras.set(era, name);
  }
  return name;
}

function yearLabel(entry: SnapshotEntry): string | null {
  const { era, number, label } = entry.summary.year;
  if (era && number !== null) return formatEraYear(standardEra(era), number);
  return label;
}

/**
 * The Western year of the civil (lunar) year an entry's first day falls in, in the calendar of the
 * state its year is reckoned in (北宋 where it names none): 建隆元年十二月 is 960, though its days
 * fall in January 961.
 */
function ceOf(entry: SnapshotEntry): number | null {
  if (entry.start === null) return entry.summary.year.ce ?? null;
  const calendar = loadCalendar();
  const state = calendar.stateById.get(entry.state ?? "北宋") ?? calendar.stateById.get("北宋");
  const month = state ? monthAt(state, entry.start) : null;
  if (month) return month.year.ce;
  const julian = entry.summary.date.julian as { start?: string } | undefined;
  const year = julian?.start ? Number.parseInt(julian.start, 10) : Number.NaN;
  return Number.isFinite(year) ? year : (entry.summary.year.ce ?? null);
}

function monthOf(entry: SnapshotEntry): { label: string | null; month: number | null; leap: boolean } {
  const { month, leap } = entry.summary.date;
  const leapMonth = leap === true;
  if (typeof month === "number") {
    return { label: `${standardMonthName(month, leapMonth ? 1 : 0)}月`, month, leap: leapMonth };
  }
  return { label: entry.start === null ? null : "是歲", month: null, leap: false };
}

/**
 * The documents a request names: one document, the documents of a work (by its short name or
 * title, folded), or every document.
 */
export function documentsFor(
  model: ReadModel,
  request: { document?: number | undefined; work?: string | undefined },
): DocumentSummary[] {
  if (request.document !== undefined) {
    const found = model.documents.find((d) => d.id === request.document);
    if (!found) throw new ApiError(404, `There is no document ${request.document}`);
    return [found];
  }
  if (request.work !== undefined) {
    const work = request.work.trim();
    const found = model.documents.filter((d) => d.short === work || d.work === work || d.title === work);
    if (!found.length) throw new ApiError(404, `There is no stored work ${work}`);
    return found;
  }
  return model.documents;
}

/**
 * The table of contents of some documents: their entries by year and month, in text order (the
 * juan of a work one after another), each year and month with its first entry.
 *
 * @example
 * tableOfContents(model, [changbian149])[0] //=> { label: "慶曆四年", months: [{ label: "五月", first: "3:e1", … }, …] }
 */
export function tableOfContents(model: ReadModel, documents: readonly DocumentSummary[]): TocYear[] {
  const wanted = new Set(documents.map((d) => d.id));
  const years: TocYear[] = [];
  // The years by label (a year without one is never met again), each with its months by label
  // and the documents of each month: a look-up each, not a search through what came before.
  const yearsByLabel = new Map<string, TocYear>();
  const monthsOf = new Map<TocYear, Map<string | null, TocMonth>>();
  const documentsOf = new Map<TocMonth, Set<number>>();
  let year: TocYear | undefined;
  for (const entry of model.entries) {
    if (!wanted.has(entry.summary.documentId)) continue;
    const label = yearLabel(entry);
    // A juan that opens without a heading goes on with the year of the juan before it.
    const continues = label === null && year !== undefined && entry.start !== null;
    if (!year || (!continues && year.label !== label)) {
      const found = label === null ? undefined : yearsByLabel.get(label);
      year = found ?? { label, ce: null, entryCount: 0, first: entry.summary.id, months: [] };
      if (!found) {
        years.push(year);
        if (label !== null) yearsByLabel.set(label, year);
      }
    }
    year.entryCount++;
    year.ce ??= entry.start === null ? null : ceOf(entry);
    const m = monthOf(entry);
    let month = year.months[year.months.length - 1];
    if (!month || month.label !== m.label) {
      let months = monthsOf.get(year);
      if (!months) {
        months = new Map(year.months.map((x) => [x.label, x]));
        monthsOf.set(year, months);
      }
      month = months.get(m.label);
      if (!month) {
        month = {
          ...m,
          entryCount: 0,
          first: entry.summary.id,
          documentId: entry.summary.documentId,
          documents: [],
        };
        year.months.push(month);
        months.set(m.label, month);
      }
    }
    month.entryCount++;
    let inMonth = documentsOf.get(month);
    if (!inMonth) {
      inMonth = new Set(month.documents);
      documentsOf.set(month, inMonth);
    }
    if (!inMonth.has(entry.summary.documentId)) {
      inMonth.add(entry.summary.documentId);
      month.documents.push(entry.summary.documentId);
    }
  }
  return years;
}

/**
 * The table of contents of some documents, made once per read model (`warmUp` makes the whole
 * corpus's before the server listens).
 */
export function storedToc(model: ReadModel, documents: readonly DocumentSummary[]): TocYear[] {
  const key = `toc:${documents.map((d) => d.id).join(",")}`;
  return memo(model, key, () => tableOfContents(model, documents));
}

/** The stored works and their juan, made once per read model. */
export function storedContents(model: ReadModel): WorkContents[] {
  return memo(model, "contents", () => contents(model));
}

/**
 * The stored works, each with its juan in order and the years each covers; documents that name no
 * work come last, together.
 */
export function contents(model: ReadModel): WorkContents[] {
  /** Per document: the first and last year labels its entries stand under, and its first and last dated entries. */
  const spans = new Map<
    number,
    { first?: string; last?: string; firstDated?: SnapshotEntry; lastDated?: SnapshotEntry }
  >();
  for (const entry of model.entries) {
    const id = entry.summary.documentId;
    let span = spans.get(id);
    if (!span) {
      span = {};
      spans.set(id, span);
    }
    const label = yearLabel(entry);
    if (label !== null) {
      span.first ??= label;
      span.last = label;
    }
    if (entry.start !== null) {
      span.firstDated ??= entry;
      span.lastDated = entry;
    }
  }
  const works: WorkContents[] = [];
  const byWork = new Map<string, WorkContents>();
  for (const d of model.documents) {
    const name = workOf(d);
    const key = name ?? "";
    let work = byWork.get(key);
    if (!work) {
      work = { work: name, title: name === null ? null : (d.work ?? null), entryCount: 0, documents: [] };
      works.push(work);
      byWork.set(key, work);
    }
    const span = spans.get(d.id);
    work.entryCount += d.entryCount;
    work.documents.push({
      id: d.id,
      title: titleOf(d),
      juan: d.juan ?? null,
      entryCount: d.entryCount,
      years: {
        first: span?.first ?? null,
        last: span?.last ?? null,
        ce: {
          first: span?.firstDated ? ceOf(span.firstDated) : null,
          last: span?.lastDated ? ceOf(span.lastDated) : null,
        },
      },
    });
  }
  for (const w of works)
    w.documents.sort((a, b) => (a.juan ?? Infinity) - (b.juan ?? Infinity) || a.id - b.id);
  return [...works.filter((w) => w.work !== null), ...works.filter((w) => w.work === null)];
}

/** Reads an era date, trying the calendar's spelling of a variant era (`慶厯四年五月` → 慶曆). */
function readEraDate(text: string) {
  const calendar = loadCalendar();
  try {
    return parseEraDate(text, calendar);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    const chars = Array.from(text.replace(/[\s,，、。]/g, ""));
    const yearAt = chars.findIndex((c, i) => c === "年" && i > 0);
    for (let end = yearAt - 1; end > 0; end--) {
      for (let start = 0; start < end; start++) {
        const spellings = eraSpellings(chars.slice(start, end).join(""), (n) => calendar.erasByName.has(n));
        for (const name of spellings) {
          const rewritten = [...chars.slice(0, start), name, ...chars.slice(end)].join("");
          try {
            return parseEraDate(rewritten, calendar);
          } catch {
            // Another reading may fit.
          }
        }
      }
    }
    throw error;
  }
}

/** Where "go to" lands: the date read, and the first entry on or after its first day. */
export interface GotoResult {
  query: string;
  date: { label: string; jdn: { start: number; end: number }; julian: { start: string; end: string } };
  entry: { id: string; documentId: number; documentTitle: string; headline: string; dateText: string | null };
  /** Whether the entry falls within the date asked (else it is the next one after it). */
  within: boolean;
}

/**
 * The first entry on or after an era date (`慶曆四年五月`, `慶厯四年五月壬戌`, `遼重熙十三年`) among
 * some documents. A date that cannot be read, an unknown era, an impossible date (a day the month
 * lacks, a leap month the year lacks) are 400s that say so; no entry on or after it, a 404.
 *
 * @example
 * goTo(model, model.documents, "慶曆四年五月").entry.headline //=> "樞宻副使韓𤦺参知政事…"
 */
export function goTo(model: ReadModel, documents: readonly DocumentSummary[], text: string): GotoResult {
  let resolved: ReturnType<typeof resolveEraDate>;
  try {
    resolved = resolveEraDate(readEraDate(text));
  } catch (error) {
    if (error instanceof CalendarError) {
      throw new ApiError(400, `Cannot go to "${text}": ${error.message}`, [
        { in: "query", name: "date", message: error.message },
      ]);
    }
    throw error;
  }
  const wanted = new Set(documents.map((d) => d.id));
  let best: SnapshotEntry | undefined;
  for (const entry of model.entries) {
    if (entry.start === null || entry.start < resolved.jdn.start || !wanted.has(entry.summary.documentId))
      continue;
    if (!best || entry.start < best.start!) best = entry;
  }
  if (!best)
    throw new ApiError(404, `There is no entry on or after ${resolved.label} in the chronicles asked`);
  const document = model.documents.find((d) => d.id === best.summary.documentId)!;
  return {
    query: text,
    date: { label: resolved.label, jdn: resolved.jdn, julian: resolved.julian },
    entry: {
      id: best.summary.id,
      documentId: document.id,
      documentTitle: titleOf(document),
      headline: best.summary.headline,
      dateText: best.summary.date.text ?? null,
    },
    within: best.start! <= resolved.jdn.end,
  };
}
