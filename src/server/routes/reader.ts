/** The reader's pages and the by-date concordance: entries in full, with their annotations. */
import type { EntrySummary, Store } from "../../store/types.ts";
import { monthAround } from "./calendar-months.ts";
import { EMPTY_LAYOUT, layoutWithin, storedLayout } from "./layout.ts";
import { entryState, type ReadModel } from "./read-model.ts";
import type { Concordance, ReaderEntry, ReaderPage, TextLayout } from "./types.ts";

/**
 * The layout of the stretch of a document an entry covers (empty when the document is not in
 * the read model).
 */
export async function entryLayout(
  store: Store,
  model: ReadModel,
  entry: { documentId: number; position: { start: { offset: number }; end: { offset: number } } },
): Promise<TextLayout> {
  const document = model.documents.find((d) => d.id === entry.documentId);
  if (!document) return { ...EMPTY_LAYOUT };
  return layoutWithin(
    await storedLayout(store, document),
    entry.position.start.offset,
    entry.position.end.offset,
  );
}

/**
 * One entry with its mentions and events, or null when there is none with this id.
 *
 * @example
 * (await readerEntry(store, model, "1:e13"))?.headline //=> "再遣楊守素如宋，乞稱臣，市青鹽，納鹽易茶及增歲幣。"
 */
export async function readerEntry(store: Store, model: ReadModel, id: string): Promise<ReaderEntry | null> {
  const detail = await store.getEntry(id);
  if (!detail) return null;
  return {
    ...detail,
    state: entryState(detail),
    mentions: model.mentions.get(id) ?? [],
    events: model.events.get(id) ?? [],
    layout: await entryLayout(store, model, detail),
  };
}

/**
 * A page of a document's entries in full, in text order.
 *
 * @example
 * (await readerPage(store, model, 1, { offset: 0, limit: 2 })).results.map((e) => e.id) //=> ["1:e1", "1:e2"]
 */
export async function readerPage(
  store: Store,
  model: ReadModel,
  documentId: number,
  page: { offset: number; limit: number },
): Promise<ReaderPage> {
  const list = await store.listEntries({ documentId }, page);
  const results: ReaderEntry[] = [];
  for (const summary of list.results) {
    const entry = await readerEntry(store, model, summary.id);
    if (entry) results.push(entry);
  }
  return {
    documentId,
    total: list.total,
    limit: list.limit,
    offset: list.offset,
    annotations: model.annotations,
    results,
  };
}

/** The most entries a concordance gives in full, and in summary. */
const MAX_WITHIN = 60;
const MAX_BROADER = 200;

function compareSummaries(a: { start: number | null; summary: EntrySummary }, b: typeof a): number {
  return (a.start ?? 0) - (b.start ?? 0) || a.summary.documentId - b.summary.documentId;
}

/**
 * The entries of every chronicle dated within the lunar month that contains `jdn`: those within
 * the month in full, ordered by day, and those whose date is broader (a season, a year) but
 * overlaps the month.
 *
 * @example
 * (await concordance(store, model, 2102233))?.month.labels[1].label //=> "慶曆三年七月"
 */
export async function concordance(store: Store, model: ReadModel, jdn: number): Promise<Concordance | null> {
  const around = monthAround(jdn);
  if (!around) return null;
  const { start, end } = around.month;
  const within = [];
  const broader = [];
  for (const entry of model.entries) {
    if (entry.start === null || entry.end === null || entry.end < start || entry.start > end) continue;
    if (entry.start >= start && entry.end <= end) within.push(entry);
    else broader.push(entry);
  }
  within.sort(compareSummaries);
  broader.sort(compareSummaries);
  const full: ReaderEntry[] = [];
  for (const entry of within.slice(0, MAX_WITHIN)) {
    const detail = await readerEntry(store, model, entry.summary.id);
    if (detail) full.push(detail);
  }
  const documents = new Set([...within, ...broader].map((e) => e.summary.documentId));
  return {
    ...around,
    within: full,
    withinCount: within.length,
    broader: broader.slice(0, MAX_BROADER).map((e) => e.summary),
    broaderCount: broader.length,
    documents: model.documents
      .filter((d) => documents.has(d.id))
      .map((d) => ({ id: d.id, name: d.name, title: d.title })),
  };
}
