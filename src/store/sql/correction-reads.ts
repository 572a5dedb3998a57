/**
 * The SQL store's reads of the corrections layer (`../corrections.ts`): each stored correction
 * resolved against the documents stored now — the document with its corpus and path, the entry
 * whose span holds it, and whether the text there is still the text it covered.
 */
import type {
  Correction,
  CorrectionAction,
  CorrectionData,
  CorrectionFilter,
  CorrectionTarget,
} from "../corrections.ts";
import { formatEntryId, parseEntryId } from "../ids.ts";
import type * as schema from "../schema.ts";
import { SqlWrites } from "./writes.ts";

/** Reads of corrections, over `SqlWrites`. */
export class SqlCorrectionReads extends SqlWrites {
  async listCorrections(filter: CorrectionFilter = {}): Promise<Correction[]> {
    const p = this.params();
    const conditions: string[] = [];
    if (filter.entryId !== undefined) {
      const key = parseEntryId(filter.entryId);
      if (!key) return [];
      filter = { ...filter, documentId: key.documentId };
    }
    if (filter.documentId !== undefined) {
      if (!Number.isSafeInteger(filter.documentId)) return [];
      conditions.push(`d.id = ${p.add(filter.documentId, "bigint")}`);
    }
    if (!filter.includeUndone) conditions.push("co.undone_at IS NULL");
    const rows = await this.sql.all<schema.CorrectionRow & { document_id: number | null }>(
      `SELECT co.*, d.id AS document_id FROM corrections co
       LEFT JOIN corpora c ON c.name = co.corpus
       LEFT JOIN documents d ON d.corpus_id = c.id AND d.path = co.path
       ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""} ORDER BY co.id`,
      p.values,
    );
    const out: Correction[] = [];
    for (const row of rows) {
      const correction = await this.resolve(row);
      if (filter.entryId !== undefined && correction.entryId !== filter.entryId) continue;
      out.push(correction);
    }
    return out;
  }

  /** A stored correction with its document, entry and status now. */
  private async resolve(row: schema.CorrectionRow & { document_id: number | null }): Promise<Correction> {
    let entryId: string | null = null;
    let holds = false;
    if (row.document_id !== null) {
      const now = await this.getDocumentText(row.document_id, row.start_offset, row.end_offset);
      holds = now === row.text;
      const entry = await this.one<{ local_id: string }>(
        `SELECT local_id FROM entries WHERE document_id = $1 AND start_offset <= $2 AND end_offset >= $3
         ORDER BY ord LIMIT 1`,
        [row.document_id, row.start_offset, row.end_offset],
      );
      if (entry) entryId = formatEntryId(row.document_id, entry.local_id);
    }
    return {
      id: row.id,
      corpus: row.corpus,
      path: row.path,
      documentId: row.document_id,
      entryId,
      target: row.target as CorrectionTarget,
      action: row.action as CorrectionAction,
      start: row.start_offset,
      end: row.end_offset,
      text: row.text,
      // The JSON `addCorrection` wrote from a checked `CorrectionData`.
      data: JSON.parse(row.data) as CorrectionData,
      author: row.author,
      reason: row.reason,
      createdAt: row.created_at,
      undoneAt: row.undone_at,
      undoneBy: row.undone_by,
      status: row.undone_at !== null ? "undone" : holds && entryId !== null ? "applied" : "orphaned",
    };
  }

  /** The corrections that hold now, by entry id, oldest first. */
  protected async appliedCorrections(documentId?: number): Promise<Map<string, Correction[]>> {
    const byEntry = new Map<string, Correction[]>();
    const list = await this.listCorrections(documentId === undefined ? {} : { documentId });
    for (const c of list) {
      if (c.status !== "applied" || c.entryId === null) continue;
      const entry = byEntry.get(c.entryId);
      if (entry) entry.push(c);
      else byEntry.set(c.entryId, [c]);
    }
    return byEntry;
  }
}
