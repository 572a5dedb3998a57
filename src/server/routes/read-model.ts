/**
 * What the web app's views need over the whole corpus — every entry with its date range and
 * state, and the annotations (mentions and events) of every entry — built once from the store and
 * rebuilt when the stored documents change.
 *
 * Annotations are read from the store's `entities`/`mentions`/`events` tables when they hold
 * rows, else from the `mentions` and `events` fields of the stored entry records, else there are
 * none (`source: "none"`), and the views say so.
 */
import { fold } from "../../search/fold.ts";
import { formatEntryId } from "../../store/ids.ts";
import type { DocumentSummary, EntrySummary, Store } from "../../store/types.ts";
import type { AnnotationSource, WebEvent, WebEventRole, WebMention } from "./types.ts";

/**
 * An entry of the snapshot: its summary (from SQLite without the date's concurrent reign dates and
 * warnings), date range and state.
 */
export interface SnapshotEntry {
  summary: EntrySummary;
  /** First and last day (JDN) the entry's date can mean, or null when unresolved. */
  start: number | null;
  end: number | null;
  state: string | null;
}

/** The corpus as the web views read it. */
export interface ReadModel {
  documents: DocumentSummary[];
  /** Every entry in text order (document, then position). */
  entries: SnapshotEntry[];
  byId: Map<string, SnapshotEntry>;
  annotations: AnnotationSource;
  mentions: Map<string, WebMention[]>;
  events: Map<string, WebEvent[]>;
}

/** The part of a better-sqlite3 database the read model uses. */
interface SqlDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

function databaseOf(store: Store): SqlDatabase | null {
  const db = (store as { db?: unknown }).db;
  return db !== null && typeof db === "object" && typeof (db as SqlDatabase).prepare === "function"
    ? (db as SqlDatabase)
    : null;
}

function jdnRange(date: Record<string, unknown>): { start: number | null; end: number | null } {
  const jdn = date.jdn as { start?: unknown; end?: unknown } | null | undefined;
  if (jdn && typeof jdn.start === "number" && typeof jdn.end === "number")
    return { start: jdn.start, end: jdn.end };
  return { start: null, end: null };
}

/** An era name folded for comparison (厯, the 四庫 texts' form of 曆, is not in the search folding). */
function eraKey(era: string): string {
  return fold(era.replaceAll("厯", "曆"));
}

/**
 * The state whose reckoning an entry's year uses: the heading's, else the state whose concurrent
 * date carries the heading's era (compared folded: 慶歷 and 慶厯 are 慶曆; the heading may add a
 * ruler before the era).
 *
 * @example
 * entryState({ year: { state: null, era: "慶歷", … }, date: { concurrent: [{ state: "北宋", era: "慶曆", … }] } })
 * //=> "北宋"
 */
export function entryState(summary: Pick<EntrySummary, "year" | "date">): string | null {
  if (summary.year.state) return summary.year.state;
  const concurrent = summary.date.concurrent;
  if (summary.year.era && Array.isArray(concurrent)) {
    const era = eraKey(summary.year.era);
    for (const c of concurrent as { state?: unknown; era?: unknown }[]) {
      if (typeof c.era === "string" && era.endsWith(eraKey(c.era)) && typeof c.state === "string")
        return c.state;
    }
  }
  return null;
}

function parseJson(text: unknown): Record<string, unknown> | null {
  if (typeof text !== "string") return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The authority id an `entities` row stands for: its data's `ref` or `id`, else a name that is an id. */
function entityRef(name: unknown, data: Record<string, unknown> | null): string | null {
  for (const key of ["ref", "id", "authority"]) {
    const value = data?.[key];
    if (typeof value === "string" && value.includes(":")) return value;
  }
  return typeof name === "string" && /^[a-z]+:\S+$/.test(name) ? name : null;
}

function roleOf(value: unknown): WebEventRole | null {
  if (value === null || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  return {
    ref: typeof v.ref === "string" ? v.ref : null,
    text: typeof v.text === "string" ? v.text : "",
    start: typeof v.start === "number" ? v.start : null,
    end: typeof v.end === "number" ? v.end : null,
  };
}

/** An event from whatever shape the annotation stage stored (type and roles are what counts). */
export function eventOf(type: unknown, data: Record<string, unknown> | null): WebEvent | null {
  const t = typeof type === "string" ? type : data?.type;
  if (typeof t !== "string") return null;
  const roles: Record<string, WebEventRole[]> = {};
  const raw = data?.roles;
  if (raw !== null && typeof raw === "object") {
    for (const [name, list] of Object.entries(raw as Record<string, unknown>)) {
      const items = (Array.isArray(list) ? list : [list]).map(roleOf).filter((r) => r !== null);
      if (items.length) roles[name] = items;
    }
  }
  return {
    type: t,
    text: typeof data?.text === "string" ? data.text : "",
    start: typeof data?.start === "number" ? data.start : null,
    end: typeof data?.end === "number" ? data.end : null,
    roles,
  };
}

/** A mention from the annotation stage's record shape, or null when it is not one. */
export function mentionOf(value: unknown): WebMention | null {
  if (value === null || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.start !== "number" || typeof v.end !== "number" || typeof v.kind !== "string") return null;
  return {
    kind: v.kind,
    start: v.start,
    end: v.end,
    text: typeof v.text === "string" ? v.text : "",
    ref: typeof v.ref === "string" ? v.ref : null,
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function annotationsFromTables(db: SqlDatabase): Pick<ReadModel, "mentions" | "events"> | null {
  const mentions = new Map<string, WebMention[]>();
  const events = new Map<string, WebEvent[]>();
  const mentionRows = db
    .prepare(
      `SELECT e.document_id, e.local_id, m.kind, m.start_offset, m.end_offset, m.text, en.name, en.data
       FROM mentions m JOIN entries e ON e.id = m.entry_id LEFT JOIN entities en ON en.id = m.entity_id
       ORDER BY e.document_id, e.ord, m.start_offset, m.end_offset DESC`,
    )
    .all() as Record<string, unknown>[];
  for (const row of mentionRows) {
    push(mentions, `${row.document_id}:${row.local_id}`, {
      kind: String(row.kind),
      start: Number(row.start_offset),
      end: Number(row.end_offset),
      text: String(row.text),
      ref: entityRef(row.name, parseJson(row.data)),
    });
  }
  const eventRows = db
    .prepare(
      `SELECT e.document_id, e.local_id, ev.type, ev.data FROM events ev JOIN entries e ON e.id = ev.entry_id
       ORDER BY e.document_id, e.ord, ev.id`,
    )
    .all() as Record<string, unknown>[];
  for (const row of eventRows) {
    const event = eventOf(row.type, parseJson(row.data));
    if (event) push(events, `${row.document_id}:${row.local_id}`, event);
  }
  return mentions.size || events.size ? { mentions, events } : null;
}

/** The records' `mentions` and `events`, read straight from the `extra` column. */
function annotationsFromExtra(db: SqlDatabase): Pick<ReadModel, "mentions" | "events"> | null {
  const mentions = new Map<string, WebMention[]>();
  const events = new Map<string, WebEvent[]>();
  const rows = db
    .prepare(
      "SELECT document_id, local_id, extra FROM entries WHERE extra IS NOT NULL ORDER BY document_id, ord",
    )
    .all() as { document_id: number; local_id: string; extra: string }[];
  for (const row of rows) {
    const extra = parseJson(row.extra);
    collect(`${row.document_id}:${row.local_id}`, extra ?? {}, mentions, events);
  }
  return mentions.size || events.size ? { mentions, events } : null;
}

/** Adds the mentions and events of one record (or its extra fields) to the maps. */
function collect(
  id: string,
  record: Record<string, unknown>,
  mentions: Map<string, WebMention[]>,
  events: Map<string, WebEvent[]>,
): void {
  if (Array.isArray(record.mentions)) {
    for (const m of record.mentions) {
      const mention = mentionOf(m);
      if (mention) push(mentions, id, mention);
    }
  }
  if (Array.isArray(record.events)) {
    for (const e of record.events) {
      const event = eventOf(undefined, e as Record<string, unknown>);
      if (event) push(events, id, event);
    }
  }
}

async function annotationsFromRecords(
  store: Store,
  documents: readonly DocumentSummary[],
): Promise<Pick<ReadModel, "mentions" | "events"> | null> {
  const mentions = new Map<string, WebMention[]>();
  const events = new Map<string, WebEvent[]>();
  for (const document of documents) {
    for (const record of await store.getEntryRecords(document.id)) {
      collect(`${document.id}:${record.id}`, record as unknown as Record<string, unknown>, mentions, events);
    }
  }
  return mentions.size || events.size ? { mentions, events } : null;
}

/**
 * Every entry from SQLite in one query, with the date's bulky parts (concurrent reign dates,
 * warnings) left out of the summary: the state they give is worked out once per year heading.
 */
function entriesFromSql(db: SqlDatabase): SnapshotEntry[] {
  const rows = db
    .prepare(
      `SELECT e.document_id, e.local_id, e.jdn_start, e.jdn_end, e.headline, e.year_id,
              json_remove(e.date, '$.concurrent', '$.warnings') AS date,
              e.start_offset, e.end_offset, e.start_line, e.start_column, e.end_line, e.end_column,
              y.label, y.state, y.era, y.number, y.ganzhi, y.ce
       FROM entries e JOIN years y ON y.id = e.year_id ORDER BY e.document_id, e.ord`,
    )
    .all() as Record<string, unknown>[];
  const concurrentOf = db.prepare(
    `SELECT json_extract(date, '$.concurrent') AS concurrent FROM entries
     WHERE year_id = ? AND json_extract(date, '$.concurrent') IS NOT NULL LIMIT 1`,
  );
  const states = new Map<number, string | null>();
  return rows.map((row): SnapshotEntry => {
    const year = {
      label: row.label as string | null,
      state: row.state as string | null,
      era: row.era as string | null,
      number: row.number as number | null,
      ganzhi: row.ganzhi as string | null,
      ce: row.ce as number | null,
    };
    const date = JSON.parse(row.date as string) as EntrySummary["date"];
    let state = year.state;
    if (state === null && year.era !== null) {
      const yearId = row.year_id as number;
      if (!states.has(yearId)) {
        const found = concurrentOf.all(yearId)[0] as { concurrent: string } | undefined;
        const concurrent = found ? (JSON.parse(found.concurrent) as unknown) : null;
        states.set(yearId, entryState({ year, date: { ...date, concurrent } }));
      }
      state = states.get(yearId) ?? null;
    }
    const point = (prefix: string) => ({
      line: row[`${prefix}_line`] as number,
      column: row[`${prefix}_column`] as number,
      offset: row[`${prefix}_offset`] as number,
    });
    return {
      summary: {
        id: formatEntryId(row.document_id as number, row.local_id as string),
        documentId: row.document_id as number,
        localId: row.local_id as string,
        year,
        date,
        headline: row.headline as string,
        position: { start: point("start"), end: point("end") },
      },
      start: (row.jdn_start as number | null) ?? null,
      end: (row.jdn_end as number | null) ?? null,
      state,
    };
  });
}

async function buildReadModel(store: Store, documents: DocumentSummary[]): Promise<ReadModel> {
  const db = databaseOf(store);
  const entries = db
    ? entriesFromSql(db)
    : (await store.listEntries({}, { limit: Number.MAX_SAFE_INTEGER, offset: 0 })).results.map(
        (summary): SnapshotEntry => ({ summary, ...jdnRange(summary.date), state: entryState(summary) }),
      );
  let annotations: AnnotationSource = "none";
  let found = db ? annotationsFromTables(db) : null;
  if (found) annotations = "tables";
  else {
    found = db ? annotationsFromExtra(db) : await annotationsFromRecords(store, documents);
    if (found) annotations = "records";
  }
  return {
    documents,
    entries,
    byId: new Map(entries.map((e) => [e.summary.id, e])),
    annotations,
    mentions: found?.mentions ?? new Map(),
    events: found?.events ?? new Map(),
  };
}

const models = new WeakMap<Store, { key: string; model: Promise<ReadModel> }>();

/**
 * The read model of a store, built on first use and again whenever the stored documents change
 * (another process may ingest while the server runs).
 *
 * @example
 * (await readModel(store)).entries.length //=> 103
 */
export async function readModel(store: Store): Promise<ReadModel> {
  const documents = await store.listDocuments();
  const key = documents.map((d) => `${d.id}/${d.sha256}/${d.ingestedAt}`).join(" ");
  const cached = models.get(store);
  if (cached && cached.key === key) return cached.model;
  const model = buildReadModel(store, documents);
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
