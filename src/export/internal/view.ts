/**
 * The view every exporter starts from: each document with a unique id, each entry with its
 * record, resolved date, mentions and events, and the entities they point at.
 */
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import type { DatedRange } from "../../date/index.ts";
import { type EntryRecord, toEntryRecord } from "../../parse/records.ts";
import type { ChronicleTree, Entry, Year } from "../../parse/types.ts";
import type {
  EntityIndex,
  EntityRecord,
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
  date: DatedRange | null;
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

const asText = (value: unknown): string | null => {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && value !== null) {
    const v = value as Record<string, unknown>;
    for (const key of ["ref", "id", "value", "text", "name"]) if (typeof v[key] === "string") return v[key];
  }
  return null;
};

/**
 * Reads a mention as the annotation stage attaches it, or `null` when it lacks offsets.
 *
 * @example
 * normalizeMention({ kind: "place", start: 3, end: 5, text: "延州", ref: "place:yanzhou" })?.ref
 * //=> "place:yanzhou"
 */
export function normalizeMention(value: unknown, text?: string): ExportMention | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as Record<string, unknown>;
  const { start, end } = m;
  if (typeof start !== "number" || typeof end !== "number" || !(start <= end)) return null;
  const ref = asText(m.ref ?? m.entity ?? null);
  return {
    kind: typeof m.kind === "string" ? m.kind : "name",
    start,
    end,
    text: typeof m.text === "string" ? m.text : (text?.slice(start, end) ?? ""),
    ref,
  };
}

/**
 * Reads an event as the annotation stage attaches it: roles as an object (`{sender: id}`) or as
 * a list of `{role, ref | value}`; `null` when it has no type.
 *
 * @example
 * normalizeEvent({ type: "embassy", roles: [{ role: "envoy", ref: "person:a" }] })?.roles
 * //=> { envoy: "person:a" }
 */
export function normalizeEvent(value: unknown): ExportEvent | null {
  if (typeof value !== "object" || value === null) return null;
  const e = value as Record<string, unknown>;
  if (typeof e.type !== "string") return null;
  const roles: Record<string, RoleValue> = {};
  if (Array.isArray(e.roles)) {
    for (const item of e.roles) {
      if (typeof item !== "object" || item === null) continue;
      const role = (item as Record<string, unknown>).role;
      const v = asText(item);
      if (typeof role !== "string" || v === null) continue;
      const had = roles[role];
      roles[role] = had === undefined ? v : [...roleValues(had), v];
    }
  } else if (typeof e.roles === "object" && e.roles !== null) {
    for (const [role, raw] of Object.entries(e.roles)) {
      if (Array.isArray(raw)) roles[role] = raw.map(asText).filter((v): v is string => v !== null);
      else {
        const v = asText(raw);
        if (v !== null) roles[role] = v;
      }
    }
  }
  return { type: e.type, rule: typeof e.rule === "string" ? e.rule : null, roles };
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** An entry's mentions or events: the record's when it has them, else the tree's. */
function annotations(entry: Entry, key: "mentions" | "events", record: unknown): readonly unknown[] {
  const fromRecord = (record as Record<string, unknown> | undefined)?.[key];
  if (Array.isArray(fromRecord)) return fromRecord;
  const fromTree = (entry.data as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(fromTree) ? fromTree : [];
}

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
    for (const year of doc.tree.children) {
      for (const entry of year.children) {
        const record = records.get(entry.id);
        view.entries.push({
          document: view,
          key: `${id}/${entry.id}`,
          entry,
          year,
          record: toEntryRecord(entry, year),
          date: entry.data?.date ?? null,
          mentions: annotations(entry, "mentions", record)
            .map((m) => normalizeMention(m, doc.text))
            .filter((m): m is ExportMention => m !== null)
            .sort((a, b) => a.start - b.start || b.end - a.end),
          events: annotations(entry, "events", record)
            .map(normalizeEvent)
            .filter((e): e is ExportEvent => e !== null),
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
