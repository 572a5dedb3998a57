/**
 * Annotations read back from their tables: each mention, event and role as the annotator made
 * it (`Mention`, `ChronicleEvent` of `src/annotate/types.ts`), its fields in the annotator's
 * order, so that a stored record is the record that was stored.
 */
import type { ChronicleEvent, EventRole, Mention } from "../../annotate/types.ts";
import { formatEntryId } from "../ids.ts";
import type { EntryAnnotations } from "../types.ts";

/** The columns of a mention row with its entity, as `MENTION_COLUMNS` selects them. */
export interface MentionRow {
  entry_id: number;
  kind: string;
  start_offset: number;
  end_offset: number;
  text: string;
  field: string;
  rule: string;
  ref: string | null;
  data: string | null;
}

/** Select list for `mentions m LEFT JOIN entities en ON en.id = m.entity_id`. */
export const MENTION_COLUMNS = `m.entry_id, m.kind, m.start_offset, m.end_offset, m.text, m.field, m.rule, en.ref,
  m.data`;

/** The columns of an event row, as `EVENT_COLUMNS` selects them. */
export interface EventRow {
  id: number;
  entry_id: number;
  type: ChronicleEvent["type"];
  field: string;
  rule: string;
  start_offset: number;
  end_offset: number;
  text: string;
}

/** Select list for `events ev`. */
export const EVENT_COLUMNS =
  "ev.id, ev.entry_id, ev.type, ev.field, ev.rule, ev.start_offset, ev.end_offset, ev.text";

/** The columns of a role row with its entity, as `ROLE_COLUMNS` selects them. */
export interface RoleRow {
  event_id: number;
  role: string;
  ref: string | null;
  text: string;
  start_offset: number | null;
  end_offset: number | null;
}

/** Select list for `event_roles r … LEFT JOIN entities en ON en.id = r.entity_id`. */
export const ROLE_COLUMNS = "r.event_id, r.role, en.ref, r.text, r.start_offset, r.end_offset";

/**
 * A mention as the annotator made it: the columns every mention has, then the fields of its
 * kind, which the row keeps as the JSON the store wrote (an entity's `form`, a quantity's
 * `amount`…).
 */
export function mentionOf(row: MentionRow): Mention {
  const base = {
    kind: row.kind,
    start: row.start_offset,
    end: row.end_offset,
    text: row.text,
    field: row.field,
    rule: row.rule,
    ref: row.ref,
  };
  // The rest is what `mentionRows` wrote from a Mention of this kind.
  return (row.data === null ? base : { ...base, ...JSON.parse(row.data) }) as Mention;
}

/** Events with their roles, each role list in the order the annotator gave it. */
export function eventsOf(events: readonly EventRow[], roles: readonly RoleRow[]): ChronicleEvent[] {
  const byEvent = new Map<number, Record<string, EventRole[]>>();
  for (const e of events) byEvent.set(e.id, {});
  for (const r of roles) {
    const event = byEvent.get(r.event_id);
    if (!event) continue;
    const role = { ref: r.ref, text: r.text, start: r.start_offset, end: r.end_offset };
    const list = event[r.role];
    if (list) list.push(role);
    else event[r.role] = [role];
  }
  return events.map((e) => ({
    type: e.type,
    field: e.field,
    rule: e.rule,
    start: e.start_offset,
    end: e.end_offset,
    text: e.text,
    roles: byEvent.get(e.id) ?? {},
  }));
}

/** An entry as annotations are grouped by: its row id, its document and its place there. */
export interface EntryKey {
  id: number;
  document_id: number;
  local_id: string;
  ord: number;
}

/**
 * Groups mentions and events by entry, in text order (document, then the entry's place), each
 * entry's in the annotator's order.
 *
 * @param entries the entries the rows may belong to
 * @param mentions rows by entry, each entry's in the annotator's order
 * @param events rows by entry, each entry's in the annotator's order
 * @param roles rows by event, each event's in the annotator's order
 */
export function annotationsByEntry(
  entries: readonly EntryKey[],
  mentions: readonly MentionRow[],
  events: readonly EventRow[],
  roles: readonly RoleRow[],
): Map<string, EntryAnnotations> {
  const found = new Map<number, EntryAnnotations>();
  const slot = (entryId: number) => {
    let annotations = found.get(entryId);
    if (!annotations) {
      annotations = { mentions: [], events: [] };
      found.set(entryId, annotations);
    }
    return annotations;
  };
  for (const row of mentions) slot(row.entry_id).mentions.push(mentionOf(row));
  const built = eventsOf(events, roles);
  events.forEach((row, i) => {
    slot(row.entry_id).events.push(built[i]!);
  });
  const ordered = entries
    .filter((e) => found.has(e.id))
    .sort((a, b) => a.document_id - b.document_id || a.ord - b.ord);
  return new Map(ordered.map((e) => [formatEntryId(e.document_id, e.local_id), found.get(e.id)!]));
}
