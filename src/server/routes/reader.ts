/** The reader's pages and the by-date concordance: entries in full, with their annotations. */
import { reckoningState } from "../../store/reckoning.ts";
import type { EntryDetail, EntrySummary, Store } from "../../store/types.ts";
import { monthAround } from "./calendar-months.ts";
import { EMPTY_LAYOUT, layoutWithin, storedLayout } from "./layout.ts";
import type { ReadModel } from "./read-model.ts";
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
  return (await readerEntries(store, model, [id]))[0] ?? null;
}

/** Entries with their mentions and events, in the order asked (unknown ids left out). */
async function readerEntries(store: Store, model: ReadModel, ids: readonly string[]): Promise<ReaderEntry[]> {
  const results: ReaderEntry[] = [];
  for (const detail of await store.getEntries(ids)) results.push(await withAnnotations(store, model, detail));
  return results;
}

/** An entry with its state, mentions, events and layout. */
async function withAnnotations(store: Store, model: ReadModel, detail: EntryDetail): Promise<ReaderEntry> {
  const id = detail.id;
  return {
    ...detail,
    state: reckoningState(detail.year, detail.date.concurrent ?? undefined),
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
  const results = await readerEntries(
    store,
    model,
    list.results.map((summary) => summary.id),
  );
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
  const full = await readerEntries(
    store,
    model,
    within.slice(0, MAX_WITHIN).map((entry) => entry.summary.id),
  );
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
