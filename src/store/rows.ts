import type { ChronicleEvent, Mention } from "../annotate/types.ts";
import { entryVariants } from "../parse/records.ts";
import type { Entry, Position, Year } from "../parse/types.ts";
import { fold } from "../search/fold.ts";
import { documentInfoRow } from "./document-info.ts";
import { reckoningState } from "./reckoning.ts";
import type {
  CitationRow,
  DetailRow,
  DocumentRow,
  EntryRow,
  EventRoleRow,
  EventRow,
  MentionRow,
  NoteRow,
  VariantRow,
  YearRow,
} from "./schema.ts";
import type { DocumentInput, InputRecord } from "./types.ts";

type Own<R, Keys extends keyof R> = Omit<R, "id" | Keys>;

/** A mention's row, naming its entity by its authority id (the store looks its row up). */
export type MentionRows = Own<MentionRow, "entry_id" | "entity_id"> & { ref: string | null };

/** An event's row and the rows of its roles, each naming its entity by its authority id. */
export interface EventRows {
  event: Own<EventRow, "entry_id">;
  roles: (Own<EventRoleRow, "event_id" | "entity_id"> & { ref: string | null })[];
}

/** The rows of one entry, without the ids the database assigns. */
export interface EntryRows {
  entry: Own<EntryRow, "document_id" | "year_id">;
  details: Own<DetailRow, "entry_id">[];
  citations: Own<CitationRow, "entry_id">[];
  notes: Own<NoteRow, "entry_id">[];
  variants: Own<VariantRow, "entry_id">[];
  mentions: MentionRows[];
  events: EventRows[];
}

/** The rows of one year and its entries. */
export interface YearRows {
  year: Own<YearRow, "document_id">;
  entries: EntryRows[];
  /** These entries continue the year of the rows before (a long year in pieces): its row is not written again. */
  continues?: true;
}

/** An entity a document's annotations name: its authority id, kind and the text first naming it. */
export interface EntityName {
  ref: string;
  kind: string;
  name: string;
}

/** Every row a document turns into. */
export interface DocumentRows {
  document: Own<DocumentRow, "corpus_id">;
  years: YearRows[];
  /**
   * The years after `years`, in parts, when a large document is handed over as it is turned
   * into rows (so that its rows are never all in memory at once); read once, in order.
   */
  moreYears?: AsyncIterable<YearRows[]>;
  entryCount: number;
  /** The entities its mentions and events name, each once, in the order they are first named. */
  entities: EntityName[];
  /**
   * The document's text as UTF-8, when it comes that way from the thread that read it (a
   * string of millions of characters copied between threads, and again into the database's
   * encoding, would weigh three times its bytes): `document.text` is then empty, and the store
   * writes these bytes as the text. It reads them after `moreYears`: a document that comes in
   * parts has them once its last part is read.
   */
  textBytes?: Uint8Array;
}

type PositionColumns<P extends string> = `${P}${"start" | "end"}_${"offset" | "line" | "column"}`;

const positionKeys = new Map<string, readonly string[]>();

function keysOf(prefix: string): readonly string[] {
  let keys = positionKeys.get(prefix);
  if (!keys) {
    keys = ["start_offset", "end_offset", "start_line", "start_column", "end_line", "end_column"].map(
      (k) => `${prefix}${k}`,
    );
    positionKeys.set(prefix, keys);
  }
  return keys;
}

/** The six position columns of a node, with an optional prefix (`headline_`). */
function positionRow<P extends string>(position: Position, prefix: P): Record<PositionColumns<P>, number> {
  const [startOffset, endOffset, startLine, startColumn, endLine, endColumn] = keysOf(prefix) as string[];
  const row: Record<string, number> = {};
  row[startOffset!] = position.start.offset;
  row[endOffset!] = position.end.offset;
  row[startLine!] = position.start.line;
  row[startColumn!] = position.start.column;
  row[endLine!] = position.end.line;
  row[endColumn!] = position.end.column;
  return row as Record<PositionColumns<P>, number>;
}

function nullPositionRow<P extends string>(prefix: P): Record<PositionColumns<P>, null> {
  const row: Record<string, null> = {};
  for (const key of keysOf(prefix)) row[key] = null;
  return row as Record<PositionColumns<P>, null>;
}

/** The fields of a record with columns (or tables) of their own; the others go to `extra`. */
const RECORD_KEYS = new Set([
  "id",
  "year",
  "date",
  "headline",
  "details",
  "citations",
  "notes",
  "variants",
  "span",
  "line",
  "mentions",
  "events",
]);

/** The Julian Day Numbers a dating stage put on a record's date, if any. */
function recordJdn(record: InputRecord): { start: number; end: number } | null {
  const jdn = record.date.jdn;
  if (!jdn || !Number.isSafeInteger(jdn.start) || !Number.isSafeInteger(jdn.end)) return null;
  return { start: jdn.start, end: jdn.end };
}

/**
 * The fields of a record that have no column of their own (the locus of a Kanripo item, a later
 * stage's fields), as JSON, or null when there are none.
 */
function extraOf(record: InputRecord): string | null {
  const extra = Object.entries(record).filter(([key]) => !RECORD_KEYS.has(key));
  return extra.length ? JSON.stringify(Object.fromEntries(extra)) : null;
}

/**
 * A mention's row: the fields every mention has as columns, the others as JSON.
 *
 * @example
 * mentionRows({ kind: "place", start: 3, end: 5, text: "延州", field: "headline", rule: "name", ref: "place:yanzhou", form: "name" }, 0).data
 * //=> '{"form":"name"}'
 */
export function mentionRows(mention: Mention, ord: number): MentionRows {
  const { kind, start, end, text, field, rule, ref, ...rest } = mention;
  return {
    ord,
    kind,
    start_offset: start,
    end_offset: end,
    text,
    field,
    rule,
    ref,
    data: Object.keys(rest).length ? JSON.stringify(rest) : null,
  };
}

/** An event's row and its roles' rows, role by role in the event's order. */
export function eventRows(event: ChronicleEvent, ord: number): EventRows {
  const roles: EventRows["roles"] = [];
  for (const [role, list] of Object.entries(event.roles))
    for (const value of list)
      roles.push({
        ord: roles.length,
        role,
        ref: value.ref,
        text: value.text,
        start_offset: value.start,
        end_offset: value.end,
      });
  return {
    event: {
      ord,
      type: event.type,
      field: event.field,
      rule: event.rule,
      start_offset: event.start,
      end_offset: event.end,
      text: event.text,
    },
    roles,
  };
}

/**
 * The kind of an authority id: the part before its colon.
 *
 * @example
 * kindOfRef("person:provisional:趙普") //=> "person"
 */
export function kindOfRef(ref: string): string {
  const colon = ref.indexOf(":");
  return colon === -1 ? ref : ref.slice(0, colon);
}

/** What an entry names: its mentions and its events (a record, or the data an entry carries). */
export interface EntryNames {
  mentions?: readonly Mention[];
  events?: readonly ChronicleEvent[];
}

/**
 * The entities a document's entries name, each once, in the order they are first named: by a
 * mention (with its text as the name) or by a role of an event (roles in the order of their rows).
 */
export function entityNamesOf(entries: Iterable<EntryNames | undefined>): EntityName[] {
  const found = new Map<string, EntityName>();
  const add = (ref: string | null, name: string) => {
    if (ref === null || found.has(ref)) return;
    found.set(ref, { ref, kind: kindOfRef(ref), name });
  };
  for (const entry of entries) {
    if (!entry) continue;
    for (const m of entry.mentions ?? []) add(m.ref, m.text);
    for (const e of entry.events ?? [])
      for (const list of Object.values(e.roles)) for (const r of list) add(r.ref, r.text);
  }
  return [...found.values()];
}

function entryRows(entry: Entry, record: InputRecord, ord: number): EntryRows {
  const extra = extraOf(record);
  const jdn = recordJdn(record);
  return {
    entry: {
      ord,
      local_id: entry.id,
      date: JSON.stringify(record.date),
      date_text: record.date.text,
      season: record.date.season,
      month: record.date.month,
      leap: record.date.leap ? 1 : 0,
      date_own: record.date.own ? 1 : 0,
      jdn_start: jdn?.start ?? null,
      jdn_end: jdn?.end ?? null,
      headline: entry.headline.value,
      ...positionRow(entry.headline.position, "headline_"),
      ...positionRow(entry.position, ""),
      extra,
    },
    details: entry.details.map((d, i) => ({ ord: i, text: d.value, ...positionRow(d.position, "") })),
    citations: (entry.sources?.citations ?? []).map((c, i) => ({
      ord: i,
      work: c.work,
      work_key: fold(c.work),
      section: c.section,
      juan: c.juan,
      author: c.author,
      raw: c.raw,
      ...positionRow(c.position, ""),
    })),
    notes: (entry.sources?.notes ?? []).map((n, i) => ({
      ord: i,
      kind: n.kind,
      text: n.value,
      ...positionRow(n.position, ""),
    })),
    variants: entryVariants(entry).map((v, i) => ({
      ord: i,
      name: v.name,
      variant: v.variant,
      source: v.source,
      subject: v.subject,
      ...positionRow(v.position, ""),
      ...(v.namePosition ? positionRow(v.namePosition, "name_") : nullPositionRow("name_")),
    })),
    mentions: (record.mentions ?? []).map(mentionRows),
    events: (record.events ?? []).map(eventRows),
  };
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * The rows of a document's years with their entries, year by year, from its tree and the record
 * of each entry (given the entry, its year and its index in the document). A year of more than
 * `maxEntries` entries comes in pieces: the first with the year's row, the others marked
 * `continues` (their entries belong to the year before).
 */
export function* yearRowsOf(
  input: Pick<DocumentInput, "tree">,
  recordOf: (entry: Entry, year: Year, index: number) => InputRecord,
  maxEntries = Number.POSITIVE_INFINITY,
): Generator<YearRows> {
  let index = 0;
  const years = input.tree.children;
  for (let ord = 0; ord < years.length; ord++) {
    const year = years[ord]!;
    const entries = year.children;
    const heading = year.heading;
    // A year the text writes no heading for but the reader gave (`--year`): stored with its era
    // and number, so that filters find it and the document reads back the same, but no label.
    const named = heading ?? year.data?.assumedYear ?? null;
    // The year's state: its heading's, else the one whose calendar has its era, as the concurrent
    // reign dates of its first dated entry give them.
    let concurrent: InputRecord["date"]["concurrent"];
    for (let k = 0; k < entries.length && concurrent == null; k++)
      concurrent = recordOf(entries[k]!, year, index + k).date.concurrent;
    const state = reckoningState(
      { state: named?.state ?? null, era: named?.era ?? null },
      concurrent ?? undefined,
    );
    const row: YearRows["year"] = {
      ord,
      label: heading?.label ?? null,
      state: named?.state ?? null,
      era: named?.era ?? null,
      number: named?.number ?? null,
      ganzhi: named?.ganzhi ?? null,
      ce: named?.ce ?? null,
      state_key: named?.state ? fold(named.state) : null,
      era_key: named?.era ? fold(named.era) : null,
      ...positionRow(year.position, ""),
      ...(heading ? positionRow(heading.position, "heading_") : nullPositionRow("heading_")),
      reckoning_state: state,
      date: heading ? JSON.stringify(heading.data?.date ?? null) : null,
    };
    const count = entries.length;
    for (let from = 0; from < count || from === 0; from += maxEntries) {
      const to = Math.min(count, from + maxEntries);
      const piece: EntryRows[] = [];
      for (let k = from; k < to; k++)
        piece.push(entryRows(entries[k]!, recordOf(entries[k]!, year, index + k), index + k));
      yield from === 0 ? { year: row, entries: piece } : { year: row, entries: piece, continues: true };
    }
    index += count;
  }
}

/**
 * The document's own row, the entities its entries name and their number: all the store needs
 * before the rows of its years (`yearRowsOf`).
 */
export function documentHeadRows(
  input: Omit<DocumentInput, "records">,
  names: Iterable<EntryNames | undefined>,
  now: Date = new Date(),
): Omit<DocumentRows, "years"> {
  let charCount = 0;
  for (const _ of input.text) charCount++;
  let entryCount = 0;
  for (const year of input.tree.children) entryCount += year.children.length;
  return {
    document: {
      path: input.path,
      name: baseName(input.path),
      sha256: input.sha256,
      encoding: input.encoding,
      char_count: charCount,
      length: input.text.length,
      year_count: input.tree.children.length,
      entry_count: entryCount,
      text: input.text,
      messages: JSON.stringify(input.tree.messages),
      ingested_at: now.toISOString(),
      ...documentInfoRow(input.tree.meta.document),
      annotation: input.tree.data?.annotation ? JSON.stringify(input.tree.data.annotation) : null,
    },
    entryCount,
    entities: entityNamesOf(names),
  };
}

/**
 * Turns a parsed document into the rows the store writes: the document, its years, and for
 * each entry its details, citations, notes and variants, every node with its position, and its
 * mentions and events with their roles. Pure:
 * the same input gives the same rows.
 *
 * @param input the document, its tree and its records (one per entry, in order)
 * @param now the ingest time written on the document
 * @throws Error when the records do not match the tree's entries one for one
 * @example
 * documentToRows(input).years[0].entries[0].entry.local_id //=> "e1"
 */
export function documentToRows(input: DocumentInput, now: Date = new Date()): DocumentRows {
  const head = documentHeadRows(input, input.records, now);
  if (head.entryCount !== input.records.length) {
    throw new Error(
      `Cannot store ${input.path}: ${input.records.length} records for ${head.entryCount} entries in the tree`,
    );
  }
  const recordOf = (entry: Entry, _year: Year, index: number) => {
    const record = input.records[index];
    if (!record || record.id !== entry.id) {
      throw new Error(
        `Cannot store ${input.path}: record ${index + 1} is ${record ? `"${record.id}"` : "missing"} but the tree's entry is "${entry.id}"`,
      );
    }
    return record;
  };
  return { ...head, years: [...yearRowsOf(input, recordOf)] };
}
