/**
 * What the web app's views need over the whole corpus — every entry with its date range and
 * state, and the annotations (mentions and events) of every entry — read once from the store
 * and read again when the stored documents change. Everything comes through the `Store`
 * contract, the same on every backend; the annotations are the annotator's own objects.
 */
import type { ChronicleEvent, Mention } from "../../annotate/types.ts";
import type { DocumentSummary, IndexedEntry, Store } from "../../store/types.ts";
import type { AnnotationSource } from "./types.ts";

/**
 * An entry of the snapshot: its summary (whose date leaves out the concurrent reign dates and
 * warnings), date range and the state its year is reckoned in.
 */
export type SnapshotEntry = IndexedEntry;

/** The corpus as the web views read it. */
export interface ReadModel {
  documents: DocumentSummary[];
  /** Every entry in text order (document, then position). */
  entries: SnapshotEntry[];
  byId: Map<string, SnapshotEntry>;
  /** `tables` when the store holds any annotation, else `none`. */
  annotations: AnnotationSource;
  /** The mentions of every entry that has any, in text order. */
  mentions: Map<string, Mention[]>;
  /** The events of every entry that has any, in text order. */
  events: Map<string, ChronicleEvent[]>;
}

async function buildReadModel(store: Store, documents: DocumentSummary[]): Promise<ReadModel> {
  const [entries, annotations] = await Promise.all([store.listEntryIndex(), store.listAnnotations()]);
  const mentions = new Map<string, Mention[]>();
  const events = new Map<string, ChronicleEvent[]>();
  for (const [id, found] of annotations) {
    if (found.mentions.length) mentions.set(id, found.mentions);
    if (found.events.length) events.set(id, found.events);
  }
  return {
    documents,
    entries,
    byId: new Map(entries.map((e) => [e.summary.id, e])),
    annotations: mentions.size || events.size ? "tables" : "none",
    mentions,
    events,
  };
}

const models = new WeakMap<Store, { key: string; model: Promise<ReadModel> }>();
/**
 * What the read model and every answer computed from the store depend on: the store's data
 * version, which every write — a document added, replaced or deleted, a correction made or
 * undone, by this process or another — moves on. One small query.
 *
 * @example
 * await dataKey(store) //=> "530"
 */
export function dataKey(store: Store): Promise<string> {
  return store.dataVersion();
}

/**
 * The read model of a store, built on first use and again whenever the store's data version
 * changes (another process may ingest while the server runs; a correction changes it too).
 *
 * @example
 * (await readModel(store)).entries.length //=> 103
 */
export async function readModel(store: Store): Promise<ReadModel> {
  const key = await dataKey(store);
  const cached = models.get(store);
  if (cached && cached.key === key) return cached.model;
  const model = store.listDocuments().then((documents) => buildReadModel(store, documents));
  models.set(store, { key, model });
  model.catch(() => models.delete(store));
  return model;
}

const memos = new WeakMap<ReadModel, Map<string, unknown>>();

/**
 * A value computed once per read model (the timeline's arrays, the network…): recomputed only
 * when the model is rebuilt.
 *
 * @example
 * memo(model, "timeline", () => timelineData(model)) //=> the same object on every call
 */
export function memo<T>(model: ReadModel, key: string, compute: () => T): T {
  let values = memos.get(model);
  if (!values) {
    values = new Map();
    memos.set(model, values);
  }
  if (!values.has(key)) values.set(key, compute());
  return values.get(key) as T;
}
