/** The SQL store's reads of entries: pages of summaries, years, the index, details and records. */
import type { DatedRange } from "../../date/date-entries.ts";
import { correctDate } from "../corrections.ts";
import { formatEntryId, parseEntryId } from "../ids.ts";
import type * as schema from "../schema.ts";
import {
  type PositionRow,
  pageOf,
  positionOf,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryOf,
  yearOf,
} from "../summaries.ts";
import type {
  EntryDetail,
  EntryFilter,
  EntryPageRequest,
  EntrySummary,
  IndexedEntry,
  Page,
  StoredRecord,
  StoredYear,
} from "../types.ts";
import { SqlAnnotationReads } from "./annotation-reads.ts";
import { byEntry, chunks } from "./base.ts";
import { filterSql, joinsFor } from "./filter.ts";

/** The date of an index row: without its concurrent reign dates and warnings. */
function leanDate(json: string, stripped: boolean): EntrySummary["date"] {
  const date = JSON.parse(json) as EntrySummary["date"];
  if (!stripped) {
    delete date.concurrent;
    delete date.warnings;
  }
  return date;
}

/** The order by date, before the document order: undated entries last. */
export const DATE_ORDER = "CASE WHEN e.jdn_start IS NULL THEN 1 ELSE 0 END, e.jdn_start, ";

/** Reads of entries, over `SqlAnnotationReads`. */
export class SqlEntryReads extends SqlAnnotationReads {
  async listEntries(filter: EntryFilter = {}, page: EntryPageRequest = {}): Promise<Page<EntrySummary>> {
    const { limit, offset } = pageOf(page);
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(filter, p, await this.correctionScopeOf(filter));
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const from = `FROM entries e ${joinsFor(needsCorpus)} ${where}`;
    const total = (await this.one<{ n: number }>(`SELECT count(*) AS n ${from}`, p.values))!.n;
    const limitRef = p.add(limit, "bigint");
    const offsetRef = p.add(offset, "bigint");
    const rows = await this.sql.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY ${page.order === "date" ? DATE_ORDER : ""}e.document_id, e.ord LIMIT ${limitRef} OFFSET ${offsetRef}`,
      p.values,
    );
    return { total, limit, offset, results: rows.map(summaryOf) };
  }

  async listYears(documentId: number): Promise<StoredYear[] | null> {
    if (!Number.isSafeInteger(documentId)) return null;
    const rows = await this.sql.all<
      schema.YearRow & { has_heading: number | boolean; has_date: number | boolean }
    >(
      `SELECT label, state, era, number, ganzhi, ce, date,
         heading_start_offset IS NOT NULL AS has_heading, date IS NOT NULL AS has_date
       FROM years WHERE document_id = $1 ORDER BY ord`,
      [documentId],
    );
    // A heading without its days (SQL NULL, not JSON null) was stored before the store kept them.
    if (rows.length === 0 || rows.some((r) => r.has_heading && !r.has_date)) {
      const known = await this.one<{ id: number }>("SELECT id FROM documents WHERE id = $1", [documentId]);
      return known && rows.length === 0 ? [] : null;
    }
    return rows.map((r) => ({
      label: r.label,
      state: r.state,
      era: r.era,
      number: r.number,
      ganzhi: r.ganzhi,
      ce: r.ce,
      heading: Boolean(r.has_heading),
      // The JSON the store wrote from the heading's `data.date`.
      date: r.date === null ? null : (JSON.parse(r.date) as DatedRange | null),
    }));
  }

  async listEntryIndex(filter: EntryFilter = {}): Promise<IndexedEntry[]> {
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(filter, p, await this.correctionScopeOf(filter));
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const date = this.sql.leanDate ?? "e.date";
    const rows = await this.sql.all<
      SummaryRow & { jdn_start: number | null; jdn_end: number | null; reckoning_state: string | null }
    >(
      `SELECT e.id, e.document_id, e.local_id, ${date} AS date, e.headline, e.start_offset, e.end_offset,
         e.start_line, e.start_column, e.end_line, e.end_column,
         y.label, y.state, y.era, y.number, y.ganzhi, y.ce, e.jdn_start, e.jdn_end, y.reckoning_state
       FROM entries e ${joinsFor(needsCorpus)} ${where} ORDER BY e.document_id, e.ord`,
      p.values,
    );
    const stripped = this.sql.leanDate !== null;
    return rows.map((row) => ({
      summary: {
        id: formatEntryId(row.document_id, row.local_id),
        documentId: row.document_id,
        localId: row.local_id,
        year: yearOf(row),
        date: leanDate(row.date, stripped),
        headline: row.headline,
        position: positionOf(row as unknown as PositionRow),
      },
      start: row.jdn_start,
      end: row.jdn_end,
      state: row.reckoning_state,
    }));
  }

  async getEntry(id: string): Promise<EntryDetail | null> {
    return (await this.getEntries([id]))[0] ?? null;
  }

  async getEntries(ids: readonly string[]): Promise<EntryDetail[]> {
    const keys = ids.map(parseEntryId).filter((k) => k !== null);
    if (keys.length === 0) return [];
    type Row = SummaryRow & PositionRow;
    const rows: Row[] = [];
    for (const chunk of chunks(keys)) {
      const p = this.params();
      const wanted = chunk.map(
        (k) => `(e.document_id = ${p.add(k.documentId, "bigint")} AND e.local_id = ${p.add(k.localId)})`,
      );
      rows.push(
        ...(await this.sql.all<Row>(
          `SELECT ${SUMMARY_COLUMNS}, e.headline_start_offset, e.headline_end_offset, e.headline_start_line,
             e.headline_start_column, e.headline_end_line, e.headline_end_column
           FROM entries e JOIN years y ON y.id = e.year_id WHERE ${wanted.join(" OR ")}`,
          p.values,
        )),
      );
    }
    const rowIds = rows.map((r) => r.id);
    const children = async <T extends { entry_id: number }>(table: string): Promise<Map<number, T[]>> => {
      const found: T[] = [];
      for (const chunk of chunks(rowIds)) {
        const p = this.params();
        found.push(
          ...(await this.sql.all<T>(
            `SELECT * FROM ${table} WHERE entry_id IN (${chunk.map((id) => p.add(id, "bigint")).join(", ")})
             ORDER BY entry_id, ord`,
            p.values,
          )),
        );
      }
      return byEntry(found);
    };
    const [details, citations, notes, variants] = await Promise.all([
      children<schema.DetailRow>("details"),
      children<schema.CitationRow>("citations"),
      children<schema.NoteRow>("notes"),
      children<schema.VariantRow>("variants"),
    ]);
    const byKey = new Map(rows.map((r) => [formatEntryId(r.document_id, r.local_id), r]));
    const documents = new Set(keys.map((k) => k.documentId));
    const corrections = await this.appliedCorrections(documents.size === 1 ? keys[0]!.documentId : undefined);
    const out: EntryDetail[] = [];
    for (const key of keys) {
      const row = byKey.get(formatEntryId(key.documentId, key.localId));
      if (!row) continue;
      const text = (await this.getDocumentText(row.document_id, row.start_offset, row.end_offset)) ?? "";
      const summary = summaryOf(row);
      out.push({
        ...summary,
        date: correctDate(summary.date, corrections.get(summary.id)),
        text,
        headlinePosition: positionOf(row, "headline_"),
        details: (details.get(row.id) ?? []).map((d) => ({
          text: d.text,
          position: positionOf(d as unknown as PositionRow),
        })),
        citations: (citations.get(row.id) ?? []).map((c) => ({
          work: c.work,
          section: c.section,
          juan: c.juan,
          author: c.author,
          raw: c.raw,
          position: positionOf(c as unknown as PositionRow),
        })),
        notes: (notes.get(row.id) ?? []).map((n) => ({
          kind: n.kind as "editorial" | "supplement",
          text: n.text,
          position: positionOf(n as unknown as PositionRow),
        })),
        variants: (variants.get(row.id) ?? []).map((v) => ({
          name: v.name,
          variant: v.variant,
          source: v.source,
          subject: v.subject,
          position: positionOf(v as unknown as PositionRow),
          namePosition:
            v.name_start_offset === null ? null : positionOf(v as unknown as PositionRow, "name_"),
        })),
      });
    }
    return out;
  }

  async getEntryRecords(documentId: number): Promise<StoredRecord[]> {
    if (!Number.isSafeInteger(documentId)) return [];
    const entries = await this.sql.all<schema.EntryRow & schema.YearRow & { entry_id: number }>(
      `SELECT e.*, e.id AS entry_id, y.label, y.era, y.number, y.state FROM entries e JOIN years y ON y.id = e.year_id
       WHERE e.document_id = $1 ORDER BY e.ord`,
      [documentId],
    );
    const childRows = async <T extends { entry_id: number }>(table: string) =>
      byEntry(
        await this.sql.all<T>(
          `SELECT t.* FROM ${table} t JOIN entries e ON e.id = t.entry_id WHERE e.document_id = $1 ORDER BY t.entry_id, t.ord`,
          [documentId],
        ),
      );
    const [details, citations, notes, variants, annotations, corrections] = await Promise.all([
      childRows<schema.DetailRow>("details"),
      childRows<schema.CitationRow>("citations"),
      childRows<schema.NoteRow>("notes"),
      childRows<schema.VariantRow>("variants"),
      this.listAnnotations({ documentId }),
      this.appliedCorrections(documentId),
    ]);
    return entries.map((e) => {
      const stored = annotations.get(formatEntryId(documentId, e.local_id));
      return {
        id: e.local_id,
        year: { label: e.label, era: e.era, number: e.number, state: e.state },
        date: correctDate(
          JSON.parse(e.date) as StoredRecord["date"],
          corrections.get(formatEntryId(documentId, e.local_id)),
        ),
        headline: e.headline,
        details: (details.get(e.entry_id) ?? []).map((d) => d.text),
        citations: (citations.get(e.entry_id) ?? []).map((c) => ({
          work: c.work,
          section: c.section,
          juan: c.juan,
          author: c.author,
          raw: c.raw,
        })),
        notes: (notes.get(e.entry_id) ?? []).map((n) => n.text),
        variants: (variants.get(e.entry_id) ?? []).map((v) => ({
          name: v.name,
          variant: v.variant,
          source: v.source,
        })),
        span: { start: e.start_offset, end: e.end_offset },
        line: e.start_line,
        locus: null,
        // Fields without a column of their own (the locus of a Kanripo item, later stages' fields).
        ...(e.extra ? (JSON.parse(e.extra) as object) : {}),
        mentions: stored?.mentions ?? [],
        events: stored?.events ?? [],
      };
    });
  }
}
