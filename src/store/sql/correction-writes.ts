/**
 * The SQL store's writes of the corrections layer: a correction is checked against the document
 * stored now (its span, the entry holding it, what it removes or changes, the entity it names)
 * and stored in one transaction, or refused with a `CorrectionError` and nothing written; undoing
 * one marks it undone, who and when.
 */
import {
  type AddCorrectionOptions,
  type Correction,
  type CorrectionData,
  CorrectionError,
  type CorrectionInput,
  correctionProblem,
} from "../corrections.ts";
import { formatEntryId } from "../ids.ts";
import * as schema from "../schema.ts";
import type { EntryAnnotations, EntryDetail } from "../types.ts";
import { SqlEntryReads } from "./entries.ts";
import { bumpDataVersion } from "./writes.ts";

/** The field of an entry that holds an offset: `headline`, `detail1`…, `note1`…, or null. */
function fieldOf(entry: EntryDetail, start: number, end: number): string | null {
  const within = (p: { start: { offset: number }; end: { offset: number } }) =>
    p.start.offset <= start && end <= p.end.offset;
  if (within(entry.headlinePosition)) return "headline";
  const detail = entry.details.findIndex((d) => within(d.position));
  if (detail >= 0) return `detail${detail + 1}`;
  const note = entry.notes.findIndex((n) => within(n.position));
  if (note >= 0) return `note${note + 1}`;
  return null;
}

/** Writes of corrections, over `SqlEntryReads`. */
export class SqlCorrectionWrites extends SqlEntryReads {
  async addCorrection(input: CorrectionInput, options: AddCorrectionOptions = {}): Promise<Correction> {
    const problem = correctionProblem(input);
    if (problem) throw new CorrectionError(problem);
    const { documentId, start, end } = input;
    const document = Number.isSafeInteger(documentId) ? await this.getDocument(documentId) : null;
    if (!document) throw new CorrectionError(`No document is stored with id ${documentId}`);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start)
      throw new CorrectionError(`The span ${start}–${end} is not a span: 0 ≤ start < end`);
    if (end > document.length)
      throw new CorrectionError(
        `The span ${start}–${end} runs past the end of document ${documentId} (${document.length} code units)`,
      );
    const text = (await this.getDocumentText(documentId, start, end)) ?? "";
    const local = await this.one<{ local_id: string }>(
      `SELECT local_id FROM entries WHERE document_id = $1 AND start_offset <= $2 AND end_offset >= $3
       ORDER BY ord LIMIT 1`,
      [documentId, start, end],
    );
    if (!local)
      throw new CorrectionError(`The span ${start}–${end} of document ${documentId} lies in no one entry`);
    const entryId = formatEntryId(documentId, local.local_id);
    const entry = await this.getEntry(entryId);
    const current = (await this.getAnnotations(entryId)) ?? { mentions: [], events: [] };
    const data: CorrectionData = { ...input.data };
    const field = entry ? fieldOf(entry, start, end) : null;
    if (field) data.field = field;
    await this.check(input, current, text, options);
    const createdAt = new Date().toISOString();
    const id = await this.sql.write(async (writer) => {
      const [next] = await writer.nextIds("corrections", 1);
      await writer.insert(schema.corrections, [
        {
          id: next,
          corpus: document.corpus,
          path: document.path,
          target: input.target,
          action: input.action,
          start_offset: start,
          end_offset: end,
          text,
          data: JSON.stringify(data),
          author: input.author,
          reason: input.reason,
          created_at: createdAt,
          undone_at: null,
          undone_by: null,
        },
      ]);
      await bumpDataVersion(writer);
      return next!;
    });
    const stored = (await this.listCorrections({ documentId, includeUndone: true })).find((c) => c.id === id);
    if (!stored) throw new Error(`Expected correction ${id} to be stored`);
    return stored;
  }

  /** Whether what a correction removes, changes or names is there. */
  private async check(
    input: CorrectionInput,
    current: EntryAnnotations,
    text: string,
    options: AddCorrectionOptions,
  ): Promise<void> {
    const { target, action, start, end, data } = input;
    const at = `${start}–${end} (「${text}」)`;
    const same = (a: { start: number | null; end: number | null }) => a.start === start && a.end === end;
    if (data.ref !== undefined && (target === "mention" || target === "role") && action !== "remove") {
      const stored = await this.one<{ id: number }>("SELECT id FROM entities WHERE ref = $1", [data.ref]);
      if (!stored && !options.knownEntity?.(data.ref))
        throw new CorrectionError(
          `Unknown entity id "${data.ref}": neither the store nor the authority has it`,
        );
    }
    if (target === "mention") {
      const found = current.mentions.filter((m) => same(m) && m.kind !== "quantity");
      if (action !== "add" && found.length === 0) throw new CorrectionError(`No mention stands at ${at}`);
      if (action === "add" && found.length > 0)
        throw new CorrectionError(`A mention already stands at ${at}; change it instead`);
      if (action === "change" && found.every((m) => m.ref === data.ref))
        throw new CorrectionError(`The mention at ${at} already names ${data.ref}`);
    } else if (target === "event") {
      const found = current.events.filter((e) => same(e) && (action !== "remove" || e.type === data.type));
      if (action !== "add" && found.length === 0)
        throw new CorrectionError(
          `No event${action === "remove" ? ` of type ${data.type}` : ""} stands at ${at}`,
        );
    } else if (target === "role" && data.event) {
      const anchor = data.event;
      const event = current.events.find((e) => e.start === anchor.start && e.end === anchor.end);
      if (!event) throw new CorrectionError(`No event stands at ${anchor.start}–${anchor.end}`);
      if (!(event.start <= start && end <= event.end))
        throw new CorrectionError(`The role's span ${at} lies outside its event's clause`);
      const roles = event.roles[data.role ?? ""] ?? [];
      if (action === "remove" && !roles.some(same))
        throw new CorrectionError(`The event has no role ${data.role} at ${at}`);
    }
  }

  async undoCorrection(id: number, by: string): Promise<Correction | null> {
    if (!Number.isSafeInteger(id)) return null;
    await this.sql.write(async (writer) => {
      const changed = await writer.run(
        "UPDATE corrections SET undone_at = $1, undone_by = $2 WHERE id = $3 AND undone_at IS NULL",
        [new Date().toISOString(), by, id],
      );
      if (changed > 0) await bumpDataVersion(writer);
    });
    return (await this.listCorrections({ includeUndone: true })).find((c) => c.id === id) ?? null;
  }
}
