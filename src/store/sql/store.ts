/**
 * The store, written once: every read and write of the `Store` contract as SQL that SQLite and
 * PostgreSQL both run, over a `Dialect` that runs it (`../sqlite/store.ts`,
 * `../postgres/store.ts`). The dialects add only what differs: connections and transactions,
 * schema creation and migrations, and the search index.
 */
import type { DocumentAnnotation } from "../../annotate/types.ts";
import type { DatedRange } from "../../date/date-entries.ts";
import type { Message } from "../../parse/types.ts";
import { fold } from "../../search/fold.ts";
import { findMatches } from "../../search/highlight.ts";
import { parseQuery, type QueryTerm } from "../../search/query.ts";
import { documentOrder } from "../document-info.ts";
import { formatEntryId, parseEntryId } from "../ids.ts";
import { type DocumentRows, documentToRows } from "../rows.ts";
import * as schema from "../schema.ts";
import {
  DOCUMENT_COLUMNS,
  type DocumentSummaryRow,
  documentOf,
  type PositionRow,
  pageOf,
  positionOf,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryOf,
  yearOf,
} from "../summaries.ts";
import type {
  DocumentDetail,
  DocumentInput,
  DocumentSummary,
  EntityCount,
  EntryAnnotations,
  EntryDetail,
  EntryFilter,
  EntrySummary,
  EventFilter,
  EventHit,
  FieldMatch,
  IndexedEntry,
  Page,
  PageRequest,
  ProgressCallback,
  PutResult,
  SearchHit,
  SearchPage,
  SearchRequest,
  SourceDetail,
  SourceSummary,
  Store,
  StoredRecord,
  StoredYear,
} from "../types.ts";
import {
  annotationsByEntry,
  type EntryKey,
  EVENT_COLUMNS,
  type EventRow,
  eventsOf,
  MENTION_COLUMNS,
  type MentionRow,
  ROLE_COLUMNS,
  type RoleRow,
} from "./annotations.ts";
import type { Dialect, SqlWriter } from "./dialect.ts";
import { filterSql, joinsFor } from "./filter.ts";
import { SqlParams } from "./params.ts";

/** Entries are written in batches this large, with a progress report after each. */
const BATCH = 256;
/** Most values one statement binds when it lists ids or keys (far below both backends' limits). */
const CHUNK = 500;
/** Document texts kept in memory for slicing, in UTF-16 code units. */
const TEXT_CACHE_LIMIT = 64 * 1024 * 1024;

/** Splits a list into chunks of at most `size`. */
function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Groups rows by their `entry_id`, keeping their order. */
function byEntry<T extends { entry_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.entry_id);
    if (list) list.push(row);
    else map.set(row.entry_id, [row]);
  }
  return map;
}

/** The date of an index row: without its concurrent reign dates and warnings. */
function leanDate(json: string, stripped: boolean): EntrySummary["date"] {
  const date = JSON.parse(json) as EntrySummary["date"];
  if (!stripped) {
    delete date.concurrent;
    delete date.warnings;
  }
  return date;
}

/**
 * The `Store` contract over a `Dialect`: the same statements, in the same order, on SQLite and
 * PostgreSQL. Open it through `openSqliteStore` or `openPostgresStore`.
 */
export class SqlStore implements Store {
  private readonly texts = new Map<number, { sha256: string; text: string }>();

  constructor(protected readonly sql: Dialect) {}

  /** A parameter list for one statement of this dialect. */
  private params(): SqlParams {
    return new SqlParams(this.sql.casts);
  }

  private async one<R>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return (await this.sql.all<R>(sql, params))[0];
  }

  /** The joins and condition of an entry filter over `entries e` (nothing when it keeps every entry). */
  private scope(filter: EntryFilter, params: SqlParams): { joins: string; condition: string } {
    const { conditions, needsCorpus } = filterSql(filter, params);
    if (conditions.length === 0) return { joins: "", condition: "" };
    return { joins: joinsFor(needsCorpus), condition: conditions.join(" AND ") };
  }

  // Writing

  async putDocument(input: DocumentInput, onProgress?: ProgressCallback): Promise<PutResult> {
    const before = await this.findDocument(input.corpus, input.path);
    if (before && before.sha256 === input.sha256 && !input.replace)
      return { status: "unchanged", document: before };
    const rows = documentToRows(input);
    const outcome = await this.sql.write(
      async (writer): Promise<{ status: PutResult["status"]; id: number }> => {
        const current = (
          await writer.all<{ id: number; sha256: string }>(
            `SELECT d.id, d.sha256 FROM documents d JOIN corpora c ON c.id = d.corpus_id
             WHERE c.name = $1 AND d.path = $2`,
            [input.corpus, input.path],
          )
        )[0];
        if (current && current.sha256 === input.sha256 && !input.replace)
          return { status: "unchanged", id: current.id };
        const id = await this.writeRows(writer, input.corpus, rows, current?.id ?? null, onProgress);
        return { status: current ? "replaced" : "added", id };
      },
      { corpus: input.corpus, path: input.path },
    );
    this.texts.delete(outcome.id);
    const document = await this.getDocument(outcome.id);
    if (!document) throw new Error(`Expected document ${outcome.id} to be stored`);
    const { messages: _messages, ...summary } = document;
    return { status: outcome.status, document: summary };
  }

  private async writeRows(
    writer: SqlWriter,
    corpus: string,
    rows: DocumentRows,
    replacing: number | null,
    onProgress?: ProgressCallback,
  ): Promise<number> {
    await writer.run("INSERT INTO corpora (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [
      corpus,
      rows.document.ingested_at,
    ]);
    const corpusId = (
      await writer.all<{ id: number }>("SELECT id FROM corpora WHERE name = $1", [corpus])
    )[0]!.id;
    if (replacing !== null) await writer.run("DELETE FROM documents WHERE id = $1", [replacing]);
    const documentId = replacing ?? (await writer.nextIds("documents", 1))[0]!;
    await writer.insert(schema.documents, [{ id: documentId, corpus_id: corpusId, ...rows.document }]);
    const yearIds = await writer.nextIds("years", rows.years.length);
    await writer.insert(
      schema.years,
      rows.years.map((y, i) => ({ id: yearIds[i], document_id: documentId, ...y.year })),
    );
    // In code point order, so that writers of different documents never wait for each other in a circle.
    const entities = await writer.entities(
      [...rows.entities].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)),
    );
    const entityOf = (ref: string | null) => (ref === null ? null : (entities.get(ref) ?? null));
    const entries = rows.years.flatMap((y, i) => y.entries.map((entry) => ({ yearId: yearIds[i]!, entry })));
    onProgress?.(0, rows.entryCount);
    for (let start = 0; start < entries.length; start += BATCH) {
      const batch = entries.slice(start, start + BATCH);
      const ids = await writer.nextIds("entries", batch.length);
      const child = <R extends object>(pick: (e: (typeof batch)[number]["entry"]) => readonly R[]) =>
        batch.flatMap(({ entry }, i) => pick(entry).map((row) => ({ id: 0, entry_id: ids[i]!, ...row })));
      /** Inserts rows of a table (made here, each with an `id` to fill), with new ids; resolves to the ids. */
      const insert = async (table: schema.AnyTable, list: { id: number }[]): Promise<number[]> => {
        const allocated = await writer.nextIds(table.name, list.length);
        list.forEach((row, k) => {
          row.id = allocated[k]!;
        });
        await writer.insert(table, list);
        return allocated;
      };
      await writer.insert(
        schema.entries,
        batch.map(({ yearId, entry }, i) => ({
          id: ids[i],
          document_id: documentId,
          year_id: yearId,
          ...entry.entry,
        })),
      );
      await insert(
        schema.details,
        child((e) => e.details),
      );
      await insert(
        schema.citations,
        child((e) => e.citations),
      );
      await insert(
        schema.notes,
        child((e) => e.notes),
      );
      await insert(
        schema.variants,
        child((e) => e.variants),
      );
      await insert(
        schema.mentions,
        child((e) => e.mentions.map(({ ref, ...m }) => ({ ...m, entity_id: entityOf(ref) }))),
      );
      const events = child((e) => e.events);
      const eventIds = await insert(
        schema.events,
        events.map(({ entry_id, event }) => ({ id: 0, entry_id, ...event })),
      );
      await insert(
        schema.eventRoles,
        events.flatMap(({ roles }, k) =>
          roles.map(({ ref, ...r }) => ({ id: 0, event_id: eventIds[k], ...r, entity_id: entityOf(ref) })),
        ),
      );
      await writer.index(
        batch.map(({ entry }, i) => ({
          id: ids[i]!,
          headline: entry.entry.headline,
          details: entry.details.map((d) => d.text),
          notes: entry.notes.map((n) => n.text),
        })),
      );
      onProgress?.(start + batch.length, rows.entryCount);
    }
    return documentId;
  }

  async deleteDocument(id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    const changed = await this.sql.write((writer) => writer.run("DELETE FROM documents WHERE id = $1", [id]));
    this.texts.delete(id);
    return changed > 0;
  }

  // Documents

  async findDocument(corpus: string, path: string): Promise<DocumentSummary | null> {
    const row = await this.one<DocumentSummaryRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE c.name = $1 AND d.path = $2`,
      [corpus, path],
    );
    return row ? documentOf(row) : null;
  }

  async documentChecksum(corpus: string, path: string): Promise<string | null> {
    const row = await this.one<{ sha256: string }>(
      `SELECT d.sha256 FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE c.name = $1 AND d.path = $2`,
      [corpus, path],
    );
    return row?.sha256 ?? null;
  }

  async listDocuments(filter: { corpus?: string } = {}): Promise<DocumentSummary[]> {
    const p = this.params();
    const corpus = p.add(filter.corpus ?? null, "text");
    const rows = await this.sql.all<DocumentSummaryRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE ${corpus} IS NULL OR c.name = ${corpus} ORDER BY ${documentOrder(this.sql.collate)}`,
      p.values,
    );
    return rows.map(documentOf);
  }

  async getDocument(id: number): Promise<DocumentDetail | null> {
    if (!Number.isSafeInteger(id)) return null;
    const row = await this.one<DocumentSummaryRow & { messages: string }>(
      `SELECT ${DOCUMENT_COLUMNS}, d.messages FROM documents d JOIN corpora c ON c.id = d.corpus_id WHERE d.id = $1`,
      [id],
    );
    if (!row) return null;
    return { ...documentOf(row), messages: JSON.parse(row.messages) as Message[] };
  }

  async getDocumentAnnotation(documentId: number): Promise<DocumentAnnotation | null> {
    if (!Number.isSafeInteger(documentId)) return null;
    const row = await this.one<{ annotation: string | null }>(
      "SELECT annotation FROM documents WHERE id = $1",
      [documentId],
    );
    // The JSON the store wrote from the tree's `data.annotation`.
    return row?.annotation ? (JSON.parse(row.annotation) as DocumentAnnotation) : null;
  }

  /** The whole text of a document, from a small cache checked against the checksum. */
  private async documentText(id: number): Promise<string | null> {
    if (!Number.isSafeInteger(id)) return null;
    const current = await this.one<{ sha256: string }>("SELECT sha256 FROM documents WHERE id = $1", [id]);
    if (!current) {
      this.texts.delete(id);
      return null;
    }
    const cached = this.texts.get(id);
    if (cached && cached.sha256 === current.sha256) {
      this.texts.delete(id);
      this.texts.set(id, cached);
      return cached.text;
    }
    const row = await this.one<{ sha256: string; text: string }>(
      "SELECT sha256, text FROM documents WHERE id = $1",
      [id],
    );
    if (!row) return null;
    this.texts.set(id, row);
    let total = 0;
    for (const [key, value] of [...this.texts].reverse()) {
      total += value.text.length;
      if (total > TEXT_CACHE_LIMIT && key !== id) this.texts.delete(key);
    }
    return row.text;
  }

  async getDocumentText(id: number, start?: number, end?: number): Promise<string | null> {
    const text = await this.documentText(id);
    if (text === null) return null;
    const from = Math.min(Math.max(0, start ?? 0), text.length);
    const to = Math.min(Math.max(from, end ?? text.length), text.length);
    return text.slice(from, to);
  }

  // Entries

  async listEntries(filter: EntryFilter = {}, page: PageRequest = {}): Promise<Page<EntrySummary>> {
    const { limit, offset } = pageOf(page);
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(filter, p);
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const from = `FROM entries e ${joinsFor(needsCorpus)} ${where}`;
    const total = (await this.one<{ n: number }>(`SELECT count(*) AS n ${from}`, p.values))!.n;
    const limitRef = p.add(limit, "bigint");
    const offsetRef = p.add(offset, "bigint");
    const rows = await this.sql.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY e.document_id, e.ord LIMIT ${limitRef} OFFSET ${offsetRef}`,
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
    const { conditions, needsCorpus } = filterSql(filter, p);
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
    const out: EntryDetail[] = [];
    for (const key of keys) {
      const row = byKey.get(formatEntryId(key.documentId, key.localId));
      if (!row) continue;
      const text = (await this.getDocumentText(row.document_id, row.start_offset, row.end_offset)) ?? "";
      out.push({
        ...summaryOf(row),
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
    const [details, citations, notes, variants, annotations] = await Promise.all([
      childRows<schema.DetailRow>("details"),
      childRows<schema.CitationRow>("citations"),
      childRows<schema.NoteRow>("notes"),
      childRows<schema.VariantRow>("variants"),
      this.listAnnotations({ documentId }),
    ]);
    return entries.map((e) => {
      const stored = annotations.get(formatEntryId(documentId, e.local_id));
      return {
        id: e.local_id,
        year: { label: e.label, era: e.era, number: e.number, state: e.state },
        date: JSON.parse(e.date),
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

  // Annotations

  async getAnnotations(id: string): Promise<EntryAnnotations | null> {
    const key = parseEntryId(id);
    if (!key) return null;
    const row = await this.one<{ id: number }>(
      "SELECT id FROM entries WHERE document_id = $1 AND local_id = $2",
      [key.documentId, key.localId],
    );
    if (!row) return null;
    const found = await this.annotationsWhere("e.id = $1", [row.id]);
    return found.get(id) ?? { mentions: [], events: [] };
  }

  async listAnnotations(filter: EntryFilter = {}): Promise<Map<string, EntryAnnotations>> {
    const p = this.params();
    const { joins, condition } = this.scope(filter, p);
    return this.annotationsWhere(condition, p.values, joins);
  }

  /**
   * The annotations of the entries `e` that a condition keeps (`""`: every entry). Each table is
   * read in the order of its index by entry (or event), and the entries put in text order here.
   */
  private async annotationsWhere(
    condition: string,
    values: readonly unknown[],
    joins = "",
  ): Promise<Map<string, EntryAnnotations>> {
    const kept = condition ? `SELECT e.id FROM entries e ${joins} WHERE ${condition}` : "";
    const [entries, mentions, events, roles] = await Promise.all([
      this.sql.all<EntryKey>(
        `SELECT e.id, e.document_id, e.local_id, e.ord FROM entries e ${joins} ${condition ? `WHERE ${condition}` : ""}`,
        values,
      ),
      this.sql.all<MentionRow>(
        `SELECT ${MENTION_COLUMNS} FROM mentions m LEFT JOIN entities en ON en.id = m.entity_id
         ${kept ? `WHERE m.entry_id IN (${kept})` : ""} ORDER BY m.entry_id, m.ord`,
        values,
      ),
      this.sql.all<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events ev ${kept ? `WHERE ev.entry_id IN (${kept})` : ""}
         ORDER BY ev.entry_id, ev.ord`,
        values,
      ),
      this.sql.all<RoleRow>(
        `SELECT ${ROLE_COLUMNS} FROM event_roles r LEFT JOIN entities en ON en.id = r.entity_id
         ${kept ? `WHERE r.event_id IN (SELECT ev.id FROM events ev WHERE ev.entry_id IN (${kept}))` : ""}
         ORDER BY r.event_id, r.ord`,
        values,
      ),
    ]);
    return annotationsByEntry(entries, mentions, events, roles);
  }

  async listEntities(filter: EntryFilter & { kind?: string } = {}): Promise<EntityCount[]> {
    const { kind, ...entryFilter } = filter;
    const p = this.params();
    const { joins, condition } = this.scope(entryFilter, p);
    const conditions = [condition, kind === undefined ? "" : `en.kind = ${p.add(kind)}`]
      .filter(Boolean)
      .join(" AND ");
    const rows = await this.sql.all<{
      ref: string;
      kind: string;
      name: string;
      mention_count: number;
      entry_count: number;
    }>(
      `WITH named AS (
         SELECT m.entity_id, m.entry_id, 1 AS mention FROM mentions m WHERE m.entity_id IS NOT NULL
         UNION ALL
         SELECT r.entity_id, ev.entry_id, 0 FROM event_roles r JOIN events ev ON ev.id = r.event_id
         WHERE r.entity_id IS NOT NULL
       )
       SELECT en.ref, en.kind, en.name, sum(n.mention) AS mention_count, count(DISTINCT n.entry_id) AS entry_count
       FROM named n JOIN entities en ON en.id = n.entity_id JOIN entries e ON e.id = n.entry_id ${joins}
       ${conditions ? `WHERE ${conditions}` : ""}
       GROUP BY en.id, en.ref, en.kind, en.name ORDER BY mention_count DESC, en.ref${this.sql.collate}`,
      p.values,
    );
    return rows.map((r) => ({
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      mentionCount: Number(r.mention_count),
      entryCount: r.entry_count,
    }));
  }

  async listEvents(filter: EventFilter = {}, page: PageRequest = {}): Promise<Page<EventHit>> {
    const { limit, offset } = pageOf(page);
    const { type, participant, ...entryFilter } = filter;
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(entryFilter, p);
    if (type !== undefined) conditions.push(`ev.type = ${p.add(type)}`);
    if (participant !== undefined)
      conditions.push(
        `ev.id IN (SELECT r.event_id FROM event_roles r
          WHERE r.entity_id = (SELECT en.id FROM entities en WHERE en.ref = ${p.add(participant)}))`,
      );
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const from = `FROM events ev JOIN entries e ON e.id = ev.entry_id ${joinsFor(needsCorpus)} ${where}`;
    const total = (await this.one<{ n: number }>(`SELECT count(*) AS n ${from}`, p.values))!.n;
    const limitRef = p.add(limit, "bigint");
    const offsetRef = p.add(offset, "bigint");
    const rows = await this.sql.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} ${from} ORDER BY e.document_id, e.ord, ev.ord
       LIMIT ${limitRef} OFFSET ${offsetRef}`,
      p.values,
    );
    const summaries = new Map<number, EntrySummary>();
    const roles: RoleRow[] = [];
    for (const chunk of chunks(rows)) {
      const q = this.params();
      const entries = [...new Set(chunk.map((r) => r.entry_id))].map((id) => q.add(id, "bigint"));
      for (const row of await this.sql.all<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM entries e JOIN years y ON y.id = e.year_id WHERE e.id IN (${entries.join(", ")})`,
        q.values,
      ))
        summaries.set(row.id, summaryOf(row));
      const rp = this.params();
      roles.push(
        ...(await this.sql.all<RoleRow>(
          `SELECT ${ROLE_COLUMNS} FROM event_roles r LEFT JOIN entities en ON en.id = r.entity_id
           WHERE r.event_id IN (${chunk.map((e) => rp.add(e.id, "bigint")).join(", ")}) ORDER BY r.event_id, r.ord`,
          rp.values,
        )),
      );
    }
    const events = eventsOf(rows, roles);
    return {
      total,
      limit,
      offset,
      results: rows.map((row, i) => ({ entry: summaries.get(row.entry_id)!, event: events[i]! })),
    };
  }

  // Sources

  async listSources(filter: { corpus?: string } = {}): Promise<SourceSummary[]> {
    const p = this.params();
    const corpus = p.add(filter.corpus ?? null, "text");
    // Texts compare by code point, on both backends.
    const rows = await this.sql.all<{ work: string; citation_count: number; entry_count: number }>(
      `SELECT min(ci.work${this.sql.collate}) AS work, count(*) AS citation_count, count(DISTINCT ci.entry_id) AS entry_count
       FROM citations ci JOIN entries e ON e.id = ci.entry_id
       JOIN documents d ON d.id = e.document_id JOIN corpora c ON c.id = d.corpus_id
       WHERE ${corpus} IS NULL OR c.name = ${corpus}
       GROUP BY ci.work_key ORDER BY citation_count DESC, work`,
      p.values,
    );
    return rows.map((r) => ({ work: r.work, citationCount: r.citation_count, entryCount: r.entry_count }));
  }

  async getSource(work: string): Promise<SourceDetail | null> {
    const rows = await this.sql.all<{
      work: string;
      section: string | null;
      juan: number | null;
      document_id: number;
      local_id: string;
      headline: string;
      label: string | null;
    }>(
      `SELECT ci.work, ci.section, ci.juan, e.document_id, e.local_id, e.headline, y.label
       FROM citations ci JOIN entries e ON e.id = ci.entry_id JOIN years y ON y.id = e.year_id
       WHERE ci.work_key = $1
       ORDER BY ci.section IS NOT NULL, ci.section${this.sql.collate}, ci.juan IS NOT NULL, ci.juan, e.document_id, e.ord`,
      [fold(work)],
    );
    if (rows.length === 0) return null;
    const parts: SourceDetail["parts"] = [];
    const entryIds = new Set<string>();
    let part: SourceDetail["parts"][number] | undefined;
    let seen = new Set<string>();
    for (const row of rows) {
      if (!part || part.section !== row.section || part.juan !== row.juan) {
        part = { section: row.section, juan: row.juan, entries: [] };
        parts.push(part);
        seen = new Set();
      }
      const id = formatEntryId(row.document_id, row.local_id);
      entryIds.add(id);
      if (seen.has(id)) continue;
      seen.add(id);
      part.entries.push({ id, headline: row.headline, year: row.label });
    }
    const names = rows.map((r) => r.work).sort();
    return { work: names[0]!, citationCount: rows.length, entryCount: entryIds.size, parts };
  }

  // Search

  async search(request: SearchRequest): Promise<SearchPage> {
    const terms = parseQuery(request.query);
    const { limit, offset } = pageOf(request);
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(request, p);
    const { total, ranked } = await this.sql.rank(
      terms,
      { joins: conditions.length ? joinsFor(needsCorpus) : "", conditions },
      { limit, offset },
      p,
    );
    const results = await this.hits(ranked, terms);
    return { total, limit, offset, terms: terms.map(({ text, folded }) => ({ text, folded })), results };
  }

  /** The ranked entries with their summaries and every match of the terms in their fields. */
  private async hits(ranked: readonly { id: number; score: number }[], terms: readonly QueryTerm[]) {
    if (ranked.length === 0) return [];
    const p = this.params();
    const list = ranked.map((r) => p.add(r.id, "bigint")).join(", ");
    const [summaries, paragraphs] = await Promise.all([
      this.sql.all<SummaryRow & { headline_start_offset: number }>(
        `SELECT ${SUMMARY_COLUMNS}, e.headline_start_offset FROM entries e JOIN years y ON y.id = e.year_id
         WHERE e.id IN (${list})`,
        p.values,
      ),
      this.sql.all<{
        entry_id: number;
        kind: "detail" | "note";
        ord: number;
        text: string;
        start_offset: number;
      }>(
        `SELECT entry_id, 'detail' AS kind, ord, text, start_offset FROM details WHERE entry_id IN (${list})
         UNION ALL SELECT entry_id, 'note', ord, text, start_offset FROM notes WHERE entry_id IN (${list})`,
        p.values,
      ),
    ]);
    const byId = new Map(summaries.map((s) => [s.id, s]));
    const own = byEntry(paragraphs);
    return ranked.map(({ id, score }): SearchHit => {
      const row = byId.get(id);
      if (!row) throw new Error(`Expected entry ${id} to be stored`);
      const matches: FieldMatch[] = [];
      const add = (field: FieldMatch["field"], index: number, text: string, start: number) => {
        for (const m of findMatches(text, terms)) {
          matches.push({
            field,
            index,
            term: m.term,
            start: m.start,
            end: m.end,
            documentStart: start + m.start,
            documentEnd: start + m.end,
          });
        }
      };
      add("headline", 0, row.headline, row.headline_start_offset);
      const fields = [...(own.get(id) ?? [])].sort((a, b) =>
        a.kind === b.kind ? a.ord - b.ord : a.kind === "detail" ? -1 : 1,
      );
      for (const f of fields) add(f.kind, f.ord, f.text, f.start_offset);
      return { ...summaryOf(row), score, matches };
    });
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}
