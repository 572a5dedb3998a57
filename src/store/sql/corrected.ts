/**
 * The reads that the SQL store answers over the annotation tables (entity counts, events, the
 * entity and event-type filters) made to agree with the corrections layer. The tables keep the
 * annotator's output; the few entries that corrections change are left out of those statements
 * and counted, matched and listed here from their corrected annotations (`applyCorrections` of
 * `../corrections.ts`, the one place corrections are laid over annotations).
 */
import type { ChronicleEvent, EventRole } from "../../annotate/types.ts";
import type { EntryAnnotations, EntryFilter } from "../types.ts";
import type { EntryKey } from "./annotations.ts";

/** An entry whose annotations corrections change: its row and place, its annotations corrected. */
export interface CorrectedEntry extends EntryKey {
  annotations: EntryAnnotations;
}

/**
 * How the entity and event-type filters treat corrected entries: the statement's own test over
 * the tables holds for every other entry; of the corrected ones (`corrected`), those whose
 * corrected annotations pass (`matching`) are kept instead.
 */
export interface CorrectionScope {
  corrected: readonly number[];
  matching: readonly number[];
}

/** The roles of an event, every one of them. */
const rolesOf = (event: ChronicleEvent): EventRole[] => Object.values(event.roles).flat();

/** Whether an event has an entity (an authority id) in one of its roles. */
export const hasParticipant = (event: ChronicleEvent, ref: string): boolean =>
  rolesOf(event).some((r) => r.ref === ref);

/** Whether annotations pass a filter's `entity` and `eventType`, as `filterSql` tests them. */
export function annotationsPass(annotations: EntryAnnotations, filter: EntryFilter): boolean {
  const { entity, eventType } = filter;
  if (eventType !== undefined && !annotations.events.some((e) => e.type === eventType)) return false;
  if (
    entity !== undefined &&
    !annotations.mentions.some((m) => m.ref === entity) &&
    !annotations.events.some((e) => hasParticipant(e, entity))
  )
    return false;
  return true;
}

/** The scope of a filter's entity and event type over the corrected entries, or undefined when none is needed. */
export function correctionScope(
  filter: EntryFilter,
  corrected: readonly CorrectedEntry[],
): CorrectionScope | undefined {
  if ((filter.entity === undefined && filter.eventType === undefined) || corrected.length === 0)
    return undefined;
  return {
    corrected: corrected.map((c) => c.id),
    matching: corrected.filter((c) => annotationsPass(c.annotations, filter)).map((c) => c.id),
  };
}

/** What the corrected entries name: by authority id, mentions, the entries, and a text naming it. */
export interface NamedCount {
  mentions: number;
  entries: Set<number>;
  text: string;
}

/** The entities the corrected entries name in their mentions and events' roles, as `listEntities` counts them. */
export function countNamed(entries: readonly CorrectedEntry[]): Map<string, NamedCount> {
  const counts = new Map<string, NamedCount>();
  const count = (ref: string, entry: number, text: string, mention: number) => {
    const found = counts.get(ref);
    if (found) {
      found.mentions += mention;
      found.entries.add(entry);
    } else counts.set(ref, { mentions: mention, entries: new Set([entry]), text });
  };
  for (const entry of entries) {
    for (const m of entry.annotations.mentions) if (m.ref !== null) count(m.ref, entry.id, m.text, 1);
    for (const e of entry.annotations.events)
      for (const r of rolesOf(e)) if (r.ref !== null) count(r.ref, entry.id, r.text, 0);
  }
  return counts;
}

/** Compares strings by code point, as both backends order texts (`collate`). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Orders entries (and what they hold) as the store lists them: by document, then place in it. */
export const textOrder = (a: EntryKey, b: EntryKey): number => a.document_id - b.document_id || a.ord - b.ord;
