/**
 * The corrections layer: a reader's changes to the annotations (a mention, an event, one of an
 * event's roles, the reading of a date), kept apart from what the annotation stage stored and laid
 * over it whenever annotations are read. Each correction is anchored by the document's identity
 * (corpus and path), the exact character span it concerns and the text that span covered, so that
 * it outlives a new ingest of the document; where the text there changed it is reported as
 * orphaned and not applied.
 */
import {
  type ChronicleEvent,
  type EntityMention,
  EVENT_TYPES,
  type EventType,
  type Mention,
} from "../annotate/types.ts";
import type { EntryAnnotations } from "./types.ts";

/** What a correction changes. */
export const CORRECTION_TARGETS = ["mention", "event", "role", "date"] as const;
export type CorrectionTarget = (typeof CORRECTION_TARGETS)[number];

/** How: a new annotation, one taken away, or one read otherwise. */
export const CORRECTION_ACTIONS = ["add", "remove", "change"] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];

/** The kinds of entity a mention correction may name. */
export const CORRECTABLE_KINDS = ["person", "place", "polity", "office"] as const;
export type CorrectableKind = (typeof CORRECTABLE_KINDS)[number];

/** What a correction says, by target (`data` of the stored row). */
export interface CorrectionData {
  /** The field the span stands in (`headline`, `detail1`, `note1`…), as the store found it. */
  field?: string;
  /** mention: the kind and authority id it names (add, change). */
  kind?: CorrectableKind;
  ref?: string;
  /** event: its type (add, change; remove: the type removed). role: the event's type. */
  type?: EventType;
  /** role: the event the role belongs to, by the clause it was read from. */
  event?: { start: number; end: number };
  /** role: the role's name (`envoy`, `place`…). */
  role?: string;
  /** date: the date as the reader reads it (`慶曆三年八月壬戌`), and what it covers. */
  reading?: string;
  jdn?: { start: number; end: number };
  julian?: { start: string; end: string };
  gregorian?: { start: string; end: string };
}

/** A correction as it is asked for. */
export interface CorrectionInput {
  /** The stored document it concerns. */
  documentId: number;
  target: CorrectionTarget;
  action: CorrectionAction;
  /** The span it concerns: UTF-16 offsets into the document's text, `end` exclusive. */
  start: number;
  end: number;
  data: CorrectionData;
  /** Who makes it. */
  author: string;
  /** Why (may be empty). */
  reason: string;
}

/** Whether a correction holds: laid over the annotations, its text changed (orphaned), or undone. */
export type CorrectionStatus = "applied" | "orphaned" | "undone";

/** A stored correction. */
export interface Correction {
  id: number;
  corpus: string;
  path: string;
  /** The document stored with that corpus and path now, or null when there is none. */
  documentId: number | null;
  /** The entry whose span holds the correction's (`3:e12`), or null. */
  entryId: string | null;
  target: CorrectionTarget;
  action: CorrectionAction;
  start: number;
  end: number;
  /** The characters the span covered when the correction was made. */
  text: string;
  data: CorrectionData;
  author: string;
  reason: string;
  /** ISO 8601. */
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
  status: CorrectionStatus;
}

/** Who changed an annotation, as a corrected mention or event carries it. */
export interface CorrectionStamp {
  id: number;
  author: string;
  createdAt: string;
  reason: string;
}

/** A mention a correction added or read otherwise. */
export type CorrectedMention = EntityMention & { correction: CorrectionStamp };

/** Which corrections to read. */
export interface CorrectionFilter {
  /** Those of the document stored with this id now. */
  documentId?: number;
  /** Those whose span lies in this entry (`3:e12`). */
  entryId?: string;
  /** Undone ones too (default: only those that hold or are orphaned). */
  includeUndone?: boolean;
}

/** Options of `addCorrection`. */
export interface AddCorrectionOptions {
  /**
   * Whether an authority id the stored annotations never name is known all the same (to the
   * authority the server reads); without it, only ids the store holds are accepted.
   */
  knownEntity?: (ref: string) => boolean;
}

/** A correction that the store refuses: the request is wrong, nothing was written. */
export class CorrectionError extends Error {
  override name = "CorrectionError";
}

const stamp = (c: Correction): CorrectionStamp => ({
  id: c.id,
  author: c.author,
  createdAt: c.createdAt,
  reason: c.reason,
});

/** The field (`headline`, `detail1`…) a stretch stands in, from the annotator's own mentions, else `headline`. */
function fieldAt(
  annotations: EntryAnnotations,
  start: number,
  fields?: readonly FieldSpan[],
  given?: string,
): string {
  if (given) return given;
  const span = fields?.find((f) => f.start <= start && start < f.end);
  if (span) return span.field;
  return annotations.mentions.find((m) => m.start <= start && start < m.end)?.field ?? "headline";
}

/** Where a field of an entry stands. */
export interface FieldSpan {
  field: string;
  start: number;
  end: number;
}

const sameSpan = (a: { start: number | null; end: number | null }, c: { start: number; end: number }) =>
  a.start === c.start && a.end === c.end;

/**
 * An entry's annotations with its corrections laid over them, in the order they were made.
 * Mentions stay in text order; events in the annotator's order, added ones after.
 *
 * @param corrections the entry's applied corrections, oldest first
 * @param fields where the entry's headline, details and notes stand (to name an added mention's field)
 */
export function applyCorrections(
  annotations: EntryAnnotations,
  corrections: readonly Correction[],
  fields?: readonly FieldSpan[],
): EntryAnnotations {
  let mentions: Mention[] = [...annotations.mentions];
  let events: ChronicleEvent[] = annotations.events.map((e) => ({ ...e, roles: { ...e.roles } }));
  for (const c of corrections) {
    if (c.status !== "applied") continue;
    if (c.target === "mention") {
      const field =
        mentions.find((m) => sameSpan(m, c))?.field ?? fieldAt(annotations, c.start, fields, c.data.field);
      mentions = mentions.filter((m) => !(sameSpan(m, c) && m.kind !== "quantity"));
      if (c.action !== "remove" && c.data.kind && c.data.ref) {
        const added: CorrectedMention = {
          kind: c.data.kind,
          start: c.start,
          end: c.end,
          text: c.text,
          field,
          rule: "correction",
          ref: c.data.ref,
          form: "name",
          correction: stamp(c),
        };
        mentions.push(added);
      }
    } else if (c.target === "event") {
      const index =
        c.action === "add"
          ? -1
          : events.findIndex((e) => sameSpan(e, c) && (c.action === "change" || e.type === c.data.type));
      const before = index >= 0 ? events[index] : undefined;
      if (index >= 0) events = events.filter((_, i) => i !== index);
      if (c.action === "add" || (c.action === "change" && before)) {
        if (!c.data.type) continue;
        const event: ChronicleEvent & { correction: CorrectionStamp } = {
          type: c.data.type,
          field: before?.field ?? fieldAt(annotations, c.start, fields, c.data.field),
          rule: "correction",
          start: c.start,
          end: c.end,
          text: c.text,
          roles: before?.roles ?? {},
          correction: stamp(c),
        };
        if (index >= 0 && c.action === "change") events.splice(index, 0, event);
        else events.push(event);
      }
    } else if (c.target === "role" && c.data.event && c.data.role) {
      const anchor = c.data.event;
      const event = events.find((e) => e.start === anchor.start && e.end === anchor.end);
      if (!event) continue;
      const kept = (event.roles[c.data.role] ?? []).filter((r) => !sameSpan(r, c));
      if (c.action !== "remove")
        kept.push({ ref: c.data.ref ?? null, text: c.text, start: c.start, end: c.end });
      event.roles = { ...event.roles, [c.data.role]: kept };
      if (kept.length === 0) delete event.roles[c.data.role];
    }
  }
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  return { mentions, events };
}

/**
 * Whether a correction is well-formed for its target and action: the message of the first thing
 * wrong, or null.
 */
export function correctionProblem(input: Pick<CorrectionInput, "target" | "action" | "data">): string | null {
  const { target, action, data } = input;
  if (!CORRECTION_TARGETS.includes(target))
    return `Unknown correction target "${target}"; one of ${CORRECTION_TARGETS.join(", ")}`;
  if (!CORRECTION_ACTIONS.includes(action))
    return `Unknown correction action "${action}"; one of ${CORRECTION_ACTIONS.join(", ")}`;
  if (target === "mention" && action !== "remove") {
    if (!data.kind || !CORRECTABLE_KINDS.includes(data.kind))
      return `A mention names a kind of entity: one of ${CORRECTABLE_KINDS.join(", ")}`;
    if (!data.ref) return "A mention names an entity: give its authority id (ref)";
    if (!data.ref.startsWith(`${data.kind}:`))
      return `The entity ${data.ref} is not of the kind ${data.kind}`;
  }
  if (target === "event" && !data.type) return "An event correction gives the event's type";
  if (
    (target === "event" || target === "role") &&
    data.type !== undefined &&
    !EVENT_TYPES.includes(data.type)
  )
    return `Unknown event type "${data.type}"; one of ${EVENT_TYPES.join(", ")}`;
  if (target === "role") {
    if (!data.event || !data.role) return "A role correction names its event (by its span) and the role";
    if (action === "change") return "A role is added or removed, not changed";
  }
  if (target === "date") {
    if (action !== "change") return "A date is read otherwise (change), not added or removed";
    if (!data.reading) return "A date correction gives the reading of the date";
  }
  return null;
}

/**
 * An entry's date with the last date correction that holds laid over it: the days the reader's
 * reading covers, and the correction itself (`correction`: who, when, why, the reading), the
 * date as written kept.
 */
export function correctDate<D extends object>(date: D, corrections: readonly Correction[] | undefined): D {
  const last = corrections?.filter((c) => c.target === "date" && c.status === "applied").at(-1);
  if (!last?.data.jdn) return date;
  return {
    ...date,
    jdn: last.data.jdn,
    julian: last.data.julian,
    gregorian: last.data.gregorian,
    correction: { ...stamp(last), reading: last.data.reading },
  };
}
