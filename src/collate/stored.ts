/**
 * Collation over the store: an entry's accounts in other chronicles, the parallels between
 * documents, and an entry's citations resolved to the passages of the stored juan. Candidates
 * are read by date (the years around the entry), never the whole store.
 */

import { jdnToJulian } from "../calendar/jdn.ts";
import type {
  DocumentSummary,
  EntryAnnotations,
  EntryDetail,
  IndexedEntry,
  Store,
  StoredRecord,
} from "../store/types.ts";
import {
  type CitableDocument,
  type CollatedEntry,
  DEFAULT_WINDOW_DAYS,
  entryOut,
  findParallels,
  groupOut,
  type ParallelGroupOut,
  resolveCitations,
} from "./index.ts";

type Jdn = { start: number; end: number } | null;

const jdnOf = (date: { jdn?: unknown }): Jdn => {
  const jdn = date.jdn as { start?: unknown; end?: unknown } | null | undefined;
  return jdn && typeof jdn.start === "number" && typeof jdn.end === "number"
    ? { start: jdn.start, end: jdn.end }
    : null;
};

function info(doc: DocumentSummary | undefined): CollatedEntry["info"] {
  return { work: doc?.work ?? null, short: doc?.short ?? null, juan: doc?.juan ?? null };
}

/** An entry of the store, as collation reads it. */
function fromDetail(
  detail: EntryDetail,
  annotations: EntryAnnotations | undefined,
  doc: DocumentSummary | undefined,
): CollatedEntry {
  return {
    id: detail.id,
    document: String(detail.documentId),
    documentTitle: doc?.title ?? doc?.name ?? String(detail.documentId),
    info: info(doc),
    record: {
      headline: detail.headline,
      details: detail.details.map((d) => d.text),
      notes: detail.notes.map((n) => n.text),
      citations: detail.citations.map(({ work, section, juan, author, raw }) => ({
        work,
        section,
        juan,
        author,
        raw,
      })),
      year: {
        label: detail.year.label,
        era: detail.year.era,
        number: detail.year.number,
        state: detail.year.state,
      },
      variants: detail.variants.map(({ name, variant, source }) => ({ name, variant, source })),
      date: { ...detail.date, jdn: jdnOf(detail.date) } as CollatedEntry["record"]["date"],
    },
    mentions: annotations?.mentions ?? [],
    events: annotations?.events ?? [],
  };
}

/** A stored document's records, as collation reads them. */
function fromRecords(records: readonly StoredRecord[], doc: DocumentSummary): CollatedEntry[] {
  return records.map((r) => ({
    id: `${doc.id}:${r.id}`,
    document: String(doc.id),
    documentTitle: doc.title ?? doc.name,
    info: info(doc),
    record: { ...r, date: { ...r.date, jdn: jdnOf(r.date) } as CollatedEntry["record"]["date"] },
    mentions: r.mentions,
    events: r.events,
  }));
}

/** The Western years a range of days touches, widened by the collation window. */
function yearsAround(ranges: readonly Jdn[]): { from: number; to: number } | null {
  const dated = ranges.filter((r): r is NonNullable<Jdn> => r !== null);
  if (dated.length === 0) return null;
  const start = Math.min(...dated.map((r) => r.start)) - DEFAULT_WINDOW_DAYS;
  const end = Math.max(...dated.map((r) => r.end)) + DEFAULT_WINDOW_DAYS;
  return { from: jdnToJulian(start).year, to: jdnToJulian(end).year };
}

/** The stored entries dated within the collation window of `ranges`, outside the documents `skip`. */
/**
 * What a server already holds of the whole store (its read model): every entry with its date
 * range, the annotations by entry, the documents. With it, collation reads from memory what it
 * would otherwise read from the store; only the candidates' texts are read.
 */
export interface CollationContext {
  index: readonly IndexedEntry[];
  annotations: (id: string) => EntryAnnotations | undefined;
  documents: readonly DocumentSummary[];
}

/** The candidates read so far, by the context they were read with. */
const collated = new WeakMap<readonly IndexedEntry[], Map<string, CollatedEntry>>();

async function candidatesAround(
  store: Store,
  ranges: readonly Jdn[],
  documents: Map<number, DocumentSummary>,
  keep: (documentId: number) => boolean,
  context?: CollationContext,
): Promise<CollatedEntry[]> {
  const years = yearsAround(ranges);
  if (!years) return [];
  const index = context?.index ?? (await store.listEntryIndex(years));
  const dated = ranges.filter((r): r is NonNullable<Jdn> => r !== null);
  const near = index.filter(
    (e) =>
      keep(e.summary.documentId) &&
      e.start !== null &&
      e.end !== null &&
      dated.some((r) => e.start! <= r.end + DEFAULT_WINDOW_DAYS && e.end! >= r.start - DEFAULT_WINDOW_DAYS),
  );
  if (near.length === 0) return [];
  const ids = near.map((e) => e.summary.id);
  if (context) {
    // The candidates read before are kept with the context (it lasts as long as the stored
    // documents do), so that the months around one entry are read once, not at every call.
    let cache = collated.get(context.index);
    if (!cache) {
      cache = new Map();
      collated.set(context.index, cache);
    }
    const missing = ids.filter((id) => !cache!.has(id));
    for (const d of missing.length > 0 ? await store.getEntries(missing) : [])
      cache.set(d.id, fromDetail(d, context.annotations(d.id), documents.get(d.documentId)));
    return ids.flatMap((id) => cache!.get(id) ?? []);
  }
  const [details, annotations] = await Promise.all([store.getEntries(ids), store.listAnnotations(years)]);
  return details.map((d) => fromDetail(d, annotations.get(d.id), documents.get(d.documentId)));
}

async function documentsById(store: Store): Promise<Map<number, DocumentSummary>> {
  return new Map((await store.listDocuments()).map((d) => [d.id, d]));
}

/**
 * The accounts of an entry's event in other chronicles: one group with the entry and the best
 * account of each other chronicle, or none.
 */
export async function entryParallels(
  store: Store,
  id: string,
  minScore?: number,
  context?: CollationContext,
): Promise<{ entry: string; groups: ParallelGroupOut[] } | null> {
  const [detail] = await store.getEntries([id]);
  if (!detail) return null;
  const documents = context ? new Map(context.documents.map((d) => [d.id, d])) : await documentsById(store);
  const doc = documents.get(detail.documentId);
  const annotations = context ? context.annotations(id) : ((await store.getAnnotations(id)) ?? undefined);
  const anchor = fromDetail(detail, annotations, doc);
  const work = doc?.work ?? null;
  const others = await candidatesAround(
    store,
    [anchor.record.date.jdn],
    documents,
    (d) => {
      const other = documents.get(d);
      return d !== detail.documentId && (work === null || other?.work !== work);
    },
    context,
  );
  const groups = findParallels([anchor, ...others], {
    documents: [anchor.document],
    ...(minScore === undefined ? {} : { minScore }),
  });
  return { entry: id, groups: groups.map(groupOut) };
}

/**
 * The parallels among documents: between the documents given, or, for one document, between it
 * and every other chronicle stored.
 */
export async function documentParallels(
  store: Store,
  ids: readonly number[],
  minScore?: number,
): Promise<{ documents: number[]; groups: ParallelGroupOut[] } | null> {
  const documents = await documentsById(store);
  const chosen = ids.map((id) => documents.get(id));
  if (chosen.some((d) => d === undefined)) return null;
  const entries: CollatedEntry[] = [];
  for (const doc of chosen as DocumentSummary[])
    entries.push(...fromRecords(await store.getEntryRecords(doc.id), doc));
  const wanted = new Set(ids);
  if (ids.length === 1) {
    const work = chosen[0]!.work;
    entries.push(
      ...(await candidatesAround(
        store,
        entries.map((e) => e.record.date.jdn),
        documents,
        (d) => !wanted.has(d) && (work === null || documents.get(d)?.work !== work),
      )),
    );
  }
  const groups = findParallels(entries, {
    ...(ids.length === 1 ? { documents: [String(ids[0])] } : {}),
    ...(minScore === undefined ? {} : { minScore }),
  });
  return { documents: [...ids], groups: groups.map(groupOut) };
}

/** An entry's citations, each with the stored documents of its work and juan and the passages in them. */
export async function entryCitations(store: Store, id: string) {
  const [detail] = await store.getEntries([id]);
  if (!detail) return null;
  const documents = await documentsById(store);
  const anchor = fromDetail(
    detail,
    (await store.getAnnotations(id)) ?? undefined,
    documents.get(detail.documentId),
  );
  // Only the documents of a cited work are read: by its name, short name or aliases.
  const cited = new Set(anchor.record.citations.map((c) => c.work));
  const candidates: CitableDocument[] = [];
  for (const doc of documents.values()) {
    if (doc.id === detail.documentId) continue;
    const names = [doc.work, doc.short].filter((n): n is string => n !== null);
    if (!names.some((n) => cited.has(n)) && !anchor.record.citations.some((c) => doc.work?.includes(c.work)))
      continue;
    const juanCited = anchor.record.citations.some(
      (c) =>
        (c.juan === null || c.juan === doc.juan) && (names.includes(c.work) || doc.work?.includes(c.work)),
    );
    if (!juanCited) continue;
    candidates.push({
      document: String(doc.id),
      documentTitle: doc.title ?? doc.name,
      info: info(doc),
      section: doc.section,
      entries: fromRecords(await store.getEntryRecords(doc.id), doc),
    });
  }
  const resolved = resolveCitations(anchor, candidates);
  return {
    entry: id,
    citations: resolved.map((r) => ({
      citation: r.citation,
      stored: r.documents.length > 0,
      documents: r.documents.map((d) => ({ id: Number(d.document), title: d.documentTitle })),
      passages: r.passages.map((p) => ({ ...entryOut(p.entry), score: p.score, excerpt: p.excerpt })),
    })),
  };
}
