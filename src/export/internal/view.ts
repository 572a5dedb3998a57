/**
 * The view every exporter starts from: each document with a unique id, each entry with its
 * record, resolved date, mentions and events, and the entities they point at.
 */
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import type { ChronicleEvent, Mention } from "../../annotate/types.ts";
import { type EntryRecord, toEntryRecord } from "../../parse/records.ts";
import type { ChronicleTree, Entry, Year } from "../../parse/types.ts";
import type {
  AnnotatedRecord,
  CorrectionStamp,
  EntityIndex,
  EntityRecord,
  ExportDate,
  ExportDocument,
  ExportEvent,
  ExportMention,
  RoleValue,
} from "../types.ts";

/** A document ready for export. */
export interface DocumentView {
  /** Unique among the documents of one export: the file name without its extension. */
  id: string;
  name: string;
  text: string;
  sha256: string;
  tree: ChronicleTree;
  /** How the document is named: its title (work and juan, `長編 卷一百三十九`), else the file name. */
  title: string;
  entries: EntryView[];
}

/** An entry ready for export. */
export interface EntryView {
  document: DocumentView;
  /** Unique across documents: `xixia-ji-1043-1044/e1`. */
  key: string;
  entry: Entry;
  year: Year;
  record: EntryRecord;
  /** The days the entry's date covers, when the dating stage resolved it. */
  date: ExportDate | null;
  mentions: ExportMention[];
  events: ExportEvent[];
}

/** True for a string that is an entity id (`person:fan-zhongyan`) rather than text. */
export function isEntityRef(value: string): boolean {
  return /^[a-z][a-z0-9-]*:\S+$/.test(value);
}

/** A role's values as a list. */
export function roleValues(value: RoleValue): readonly string[] {
  return typeof value === "string" ? [value] : value;
}

/**
 * A mention as the exporters read it: where it stands, its text and the entity it names.
 *
 * @example
 * mentionView({ kind: "place", start: 3, end: 5, text: "延州", ref: "place:yanzhou", … }).ref //=> "place:yanzhou"
 */
export function mentionView(mention: Mention): ExportMention {
  const view: ExportMention = {
    kind: mention.kind,
    start: mention.start,
    end: mention.end,
    text: mention.text,
    ref: mention.ref,
  };
  const correction = stampOf(mention);
  if (correction) view.correction = correction;
  return view;
}

/** The correction a stored annotation carries when a reader made it (the store's corrections layer). */
function stampOf(annotation: object): CorrectionStamp | null {
  const stamp = (annotation as { correction?: CorrectionStamp }).correction;
  return stamp && typeof stamp.id === "number" ? stamp : null;
}

/**
 * Where an annotation comes from, for the CSV tables: `annotator`, or the correction that made
 * it (`correction 3 by 司馬光 2026-12-07T03:40:00.000Z`).
 *
 * @example
 * annotationSource({}) //=> "annotator"
 */
export function annotationSource(annotation: { correction?: CorrectionStamp }): string {
  const c = annotation.correction;
  return c ? `correction ${c.id} by ${c.author} ${c.createdAt}` : "annotator";
}

/**
 * An event as the exporters read it: each role's values as entity ids, or text where the role
 * names no entity (a purpose, an outcome).
 *
 * @example
 * eventView({ type: "embassy", rule: "遣使", roles: { envoy: [{ ref: "person:a", text: "甲", … }] }, … }).roles
 * //=> { envoy: ["person:a"] }
 */
export function eventView(event: ChronicleEvent): ExportEvent {
  const roles: Record<string, RoleValue> = {};
  for (const [role, values] of Object.entries(event.roles)) roles[role] = values.map((v) => v.ref ?? v.text);
  const view: ExportEvent = { type: event.type, rule: event.rule, roles };
  const correction = stampOf(event);
  if (correction) view.correction = correction;
  return view;
}

/** The days an entry's date covers: its record's when the record was dated, else the tree's. */
function entryDate(entry: Entry, record: AnnotatedRecord | undefined): ExportDate | null {
  const date = record?.date;
  if (date?.jdn && date.julian && date.gregorian)
    return {
      jdn: date.jdn,
      julian: date.julian,
      gregorian: date.gregorian,
      concurrent: date.concurrent ?? [],
    };
  return entry.data?.date ?? null;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Prepares documents for export: unique ids, entries with records, dates and annotations.
 *
 * @example
 * documentViews([{ name: "corpus/a.txt", text, tree }])[0].entries[0].key //=> "a/e1"
 */
export function documentViews(documents: readonly ExportDocument[]): DocumentView[] {
  const used = new Set<string>();
  return documents.map((doc) => {
    const stem = basename(doc.name, extname(doc.name)).replace(/[\s/#?%]+/g, "_") || "document";
    let id = stem;
    for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
    used.add(id);
    const title = doc.tree.meta.document?.title ?? basename(doc.name);
    const view: DocumentView = {
      id,
      name: doc.name,
      text: doc.text,
      sha256: doc.sha256 ?? sha256(doc.text),
      tree: doc.tree,
      title,
      entries: [],
    };
    const records = new Map((doc.records ?? []).map((r) => [r.id, r]));
    const only = doc.selection ? new Set(doc.selection) : null;
    for (const year of doc.tree.children) {
      for (const entry of year.children) {
        if (only && !only.has(entry.id)) continue;
        const record = records.get(entry.id);
        view.entries.push({
          document: view,
          key: `${id}/${entry.id}`,
          entry,
          year,
          record: toEntryRecord(entry, year),
          date: entryDate(entry, record),
          // The record's annotations when it has them (the store's), else the tree's.
          mentions: (record?.mentions ?? entry.data?.mentions ?? [])
            .map(mentionView)
            .sort((a, b) => a.start - b.start || b.end - a.end),
          events: (record?.events ?? entry.data?.events ?? []).map(eventView),
        });
      }
    }
    return view;
  });
}

/**
 * The entities the documents point at (by mentions and event roles), sorted by id. An id that
 * is not in `entities` gets a provisional record named after its first mention.
 */
export function referencedEntities(views: readonly DocumentView[], entities: EntityIndex): EntityRecord[] {
  const found = new Map<string, EntityRecord>();
  const add = (id: string, kind: string | null, name: string | null) => {
    if (found.has(id)) return;
    const known = entities.get(id);
    if (known) {
      found.set(id, known);
      return;
    }
    const prefix = id.slice(0, id.indexOf(":"));
    found.set(id, {
      id,
      kind: kind ?? prefix,
      name: name ?? id,
      aliases: [],
      state: null,
      type: null,
      lat: null,
      lon: null,
      precision: null,
      modern: null,
      gloss: null,
      note: null,
      known: false,
    });
  };
  for (const doc of views) {
    for (const e of doc.entries) {
      for (const m of e.mentions) if (m.ref !== null) add(m.ref, m.kind, m.text);
    }
  }
  for (const doc of views) {
    for (const e of doc.entries) {
      for (const event of e.events)
        for (const value of Object.values(event.roles))
          for (const v of roleValues(value)) if (isEntityRef(v)) add(v, null, null);
    }
  }
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
