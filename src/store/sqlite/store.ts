import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { EntryRecord, Message } from "../../parse/index.ts";
import { FOLD_VERSION, fold } from "../../search/fold.ts";
import { findMatches } from "../../search/highlight.ts";
import { parseQuery } from "../../search/query.ts";
import { DOCUMENT_INFO_COLUMNS, documentInfoRow, documentOrder, infoOfStoredText } from "../document-info.ts";
import { StoreError } from "../errors.ts";
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
} from "../summaries.ts";
import type {
  DocumentDetail,
  DocumentInput,
  DocumentSummary,
  EntryDetail,
  EntryFilter,
  EntrySummary,
  FieldMatch,
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
} from "../types.ts";
import { yearJdnRange } from "../years.ts";
import { columnSql, insertSql, tableDdl } from "./ddl.ts";
import { writeFailure } from "./failures.ts";
import { FTS_DDL, headlineExpression, indexColumns, matchExpression } from "./fts.ts";
import { type Migration, type MigrationPlan, migrate } from "./migrate.ts";

/**
 * Version 1 → 2: what each document is (work, juan, section… and title), read again from each
 * stored text by the parser, as the ingest now stores it.
 */
export const DOCUMENT_INFO_MIGRATION: Migration = {
  version: 2,
  description: "documents know their work, juan, section and title",
  up(db) {
    const present = new Set(
      (db.prepare('PRAGMA table_info("documents")').all() as { name: string }[]).map((c) => c.name),
    );
    for (const column of Object.values(DOCUMENT_INFO_COLUMNS)) {
      if (present.has(column)) continue;
      db.exec(`ALTER TABLE "documents" ADD COLUMN ${columnSql(column, schema.documents.columns[column])}`);
    }
    const columns = Object.values(DOCUMENT_INFO_COLUMNS);
    const update = db.prepare(
      `UPDATE "documents" SET ${columns.map((c) => `"${c}" = @${c}`).join(", ")} WHERE id = @id`,
    );
    const read = db.prepare("SELECT text FROM documents WHERE id = ?").pluck();
    const ids = db.prepare("SELECT id FROM documents ORDER BY id").pluck().all() as number[];
    for (const id of ids) {
      update.run({ id, ...documentInfoRow(infoOfStoredText(read.get(id) as string)) });
    }
  },
};

/** How long a writer waits for another one by default, in milliseconds. */
const DEFAULT_BUSY_TIMEOUT = 5000;

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** How long a writer waits for another one to finish, in milliseconds (default 5000). */
  busyTimeout?: number;
  /** The schema and its migrations (the current ones by default; tests pass others). */
  plan?: MigrationPlan;
}

/** The current schema and how to upgrade to it. */
export const SQLITE_PLAN: MigrationPlan = {
  version: schema.SCHEMA_VERSION,
  create(db) {
    for (const table of schema.tables) for (const statement of tableDdl(table)) db.exec(statement);
    for (const statement of FTS_DDL) db.exec(statement);
    db.prepare("INSERT INTO meta (key, value) VALUES ('fold_version', ?)").run(String(FOLD_VERSION));
  },
  migrations: [DOCUMENT_INFO_MIGRATION],
};

/** Entries are written in batches this large between progress reports. */
const PROGRESS_EVERY = 64;
/** Document texts kept in memory for slicing, in UTF-16 code units. */
const TEXT_CACHE_LIMIT = 64 * 1024 * 1024;
/** Default page size. */
/** Weights of the index columns for bm25: headline, details, notes. */
const BM25_WEIGHTS = "4.0, 1.0, 1.0";

type Params = Record<string, unknown>;

/**
 * The WHERE conditions of an entry filter over `entries e` joined with `years y` (and with
 * `documents d` and `corpora c` when `needsCorpus`). Values are bound parameters only.
 */
function filterSql(filter: EntryFilter): { conditions: string[]; params: Params; needsCorpus: boolean } {
  const conditions: string[] = [];
  const params: Params = {};
  if (filter.corpus !== undefined) {
    conditions.push("c.name = @corpus");
    params.corpus = filter.corpus;
  }
  if (filter.documentId !== undefined) {
    conditions.push("e.document_id = @documentId");
    params.documentId = filter.documentId;
  }
  if (filter.from !== undefined) {
    conditions.push("(CASE WHEN e.jdn_start IS NOT NULL THEN e.jdn_end >= @fromJdn ELSE y.ce >= @from END)");
    params.from = filter.from;
    params.fromJdn = yearJdnRange(filter.from).start;
  }
  if (filter.to !== undefined) {
    conditions.push("(CASE WHEN e.jdn_start IS NOT NULL THEN e.jdn_start <= @toJdn ELSE y.ce <= @to END)");
    params.to = filter.to;
    params.toJdn = yearJdnRange(filter.to).end;
  }
  if (filter.era !== undefined) {
    conditions.push("y.era_key = @era");
    params.era = fold(filter.era);
  }
  if (filter.year !== undefined) {
    conditions.push("y.number = @year");
    params.year = filter.year;
  }
  if (filter.month !== undefined) {
    conditions.push("e.month = @month");
    params.month = filter.month;
  }
  if (filter.leap !== undefined) {
    conditions.push("e.leap = @leap");
    params.leap = filter.leap ? 1 : 0;
  }
  if (filter.state !== undefined) {
    conditions.push("y.state_key = @state");
    params.state = fold(filter.state);
  }
  if (filter.work !== undefined || filter.juan !== undefined) {
    const parts = ["ci.entry_id = e.id"];
    if (filter.work !== undefined) {
      parts.push("ci.work_key = @work");
      params.work = fold(filter.work);
    }
    if (filter.juan !== undefined) {
      parts.push("ci.juan = @juan");
      params.juan = filter.juan;
    }
    conditions.push(`EXISTS (SELECT 1 FROM citations ci WHERE ${parts.join(" AND ")})`);
  }
  return { conditions, params, needsCorpus: filter.corpus !== undefined };
}

function joinsFor(needsCorpus: boolean): string {
  return `JOIN years y ON y.id = e.year_id${
    needsCorpus ? " JOIN documents d ON d.id = e.document_id JOIN corpora c ON c.id = d.corpus_id" : ""
  }`;
}

/**
 * The SQLite backend of the store (better-sqlite3): WAL mode so readers go on while a document
 * is written, foreign keys on, a busy timeout for concurrent writers.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly path: string;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly texts = new Map<number, { sha256: string; text: string }>();
  private readonly inserts = new Map<string, { sql: string; columns: string[] }>();
  /** How long a write waits for another writer, in milliseconds. */
  private readonly busyTimeout: number;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    this.busyTimeout = Math.max(0, Math.trunc(options.busyTimeout ?? DEFAULT_BUSY_TIMEOUT));
    const memory = path === ":memory:" || path === "";
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new Database(path);
    } catch (error) {
      throw writeFailure(error, path, this.busyTimeout) ?? error;
    }
    try {
      this.db.pragma(`busy_timeout = ${this.busyTimeout}`);
      if (!memory) this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("foreign_keys = ON");
      migrate(this.db, options.plan ?? SQLITE_PLAN, path);
      this.checkFoldVersion();
    } catch (error) {
      this.db.close();
      if (error instanceof Error && (error as { code?: string }).code === "SQLITE_NOTADB") {
        throw new Error(`${path} is not a SQLite database; choose another file with --db`);
      }
      throw writeFailure(error, path, this.busyTimeout) ?? error;
    }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      try {
        statement = this.db.prepare(sql);
      } catch (error) {
        throw new StoreError(`Cannot prepare a statement: ${(error as Error).message}`, sql, null, {
          cause: error,
        });
      }
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private wrap<T>(sql: string, params: unknown, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof Database.SqliteError) {
        const failure = new StoreError(error.message, sql, params, { cause: error });
        throw writeFailure(error, this.path, this.busyTimeout, failure) ?? failure;
      }
      throw error;
    }
  }

  /**
   * Runs `work` in one transaction that takes the write lock first (waiting up to the busy
   * timeout for another writer); a refused write becomes a `DatabaseWriteError`.
   */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      throw writeFailure(error, this.path, this.busyTimeout) ?? error;
    }
  }

  private all<T>(sql: string, params: Params | unknown[] = {}): T[] {
    const statement = this.statement(sql);
    return this.wrap(sql, params, () => statement.all(params) as T[]);
  }

  private get<T>(sql: string, params: Params | unknown[] = {}): T | undefined {
    const statement = this.statement(sql);
    return this.wrap(sql, params, () => statement.get(params) as T | undefined);
  }

  private run(sql: string, params: Params | unknown[] = {}): Database.RunResult {
    const statement = this.statement(sql);
    return this.wrap(sql, params, () => statement.run(params));
  }

  /** Inserts a row (every column but `id`, which is set only when the row has one); returns its id. */
  private insert(table: schema.AnyTable, row: Params): number {
    const withId = row.id !== undefined;
    const key = `${table.name}${withId ? "+id" : ""}`;
    let plan = this.inserts.get(key);
    if (!plan) {
      const columns = Object.keys(table.columns).filter((c) => c !== "id" || withId);
      plan = { sql: insertSql(table.name, columns), columns };
      this.inserts.set(key, plan);
    }
    const values = plan.columns.map((column) => {
      const value = row[column];
      if (value === undefined) throw new Error(`Expected a value for ${table.name}.${column}`);
      return value;
    });
    return Number(this.run(plan.sql, values).lastInsertRowid);
  }

  /** Rebuilds the search index when it was built with another folding version. */
  private checkFoldVersion(): void {
    const row = this.get<{ value: string }>("SELECT value FROM meta WHERE key = 'fold_version'");
    if (row?.value === String(FOLD_VERSION)) return;
    this.write(() => this.rebuildIndex());
  }

  /** Re-creates every row of the search index from the stored texts. */
  rebuildIndex(): void {
    this.run("INSERT INTO entry_fts (entry_fts) VALUES ('delete-all')");
    const ids = this.all<{ id: number }>("SELECT id FROM entries ORDER BY id").map((r) => r.id);
    for (const id of ids) {
      const headline = this.get<{ headline: string }>("SELECT headline FROM entries WHERE id = ?", [
        id,
      ])!.headline;
      const details = this.all<{ text: string }>("SELECT text FROM details WHERE entry_id = ? ORDER BY ord", [
        id,
      ]);
      const notes = this.all<{ text: string }>("SELECT text FROM notes WHERE entry_id = ? ORDER BY ord", [
        id,
      ]);
      this.insertIndexRow(
        id,
        headline,
        details.map((d) => d.text),
        notes.map((n) => n.text),
      );
    }
    this.run(
      "INSERT INTO meta (key, value) VALUES ('fold_version', @value) ON CONFLICT (key) DO UPDATE SET value = @value",
      {
        value: String(FOLD_VERSION),
      },
    );
  }

  private insertIndexRow(
    id: number,
    headline: string,
    details: readonly string[],
    notes: readonly string[],
  ): void {
    const columns = indexColumns(headline, details, notes);
    this.run(
      "INSERT INTO entry_fts (rowid, headline, details, notes) VALUES (@id, @headline, @details, @notes)",
      {
        id,
        ...columns,
      },
    );
  }

  private writeRows(
    corpus: string,
    rows: DocumentRows,
    replacing: number | null,
    onProgress?: ProgressCallback,
  ): number {
    this.run("INSERT INTO corpora (name, created_at) VALUES (@name, @now) ON CONFLICT (name) DO NOTHING", {
      name: corpus,
      now: rows.document.ingested_at,
    });
    const corpusId = this.get<{ id: number }>("SELECT id FROM corpora WHERE name = ?", [corpus])!.id;
    if (replacing !== null) this.run("DELETE FROM documents WHERE id = ?", [replacing]);
    const documentId = this.insert(schema.documents, {
      ...(replacing !== null ? { id: replacing } : {}),
      corpus_id: corpusId,
      ...rows.document,
    });
    let done = 0;
    onProgress?.(0, rows.entryCount);
    for (const year of rows.years) {
      const yearId = this.insert(schema.years, { document_id: documentId, ...year.year });
      for (const entry of year.entries) {
        const entryId = this.insert(schema.entries, {
          document_id: documentId,
          year_id: yearId,
          ...entry.entry,
        });
        for (const row of entry.details) this.insert(schema.details, { entry_id: entryId, ...row });
        for (const row of entry.citations) this.insert(schema.citations, { entry_id: entryId, ...row });
        for (const row of entry.notes) this.insert(schema.notes, { entry_id: entryId, ...row });
        for (const row of entry.variants) this.insert(schema.variants, { entry_id: entryId, ...row });
        this.insertIndexRow(
          entryId,
          entry.entry.headline,
          entry.details.map((d) => d.text),
          entry.notes.map((n) => n.text),
        );
        done++;
        if (done % PROGRESS_EVERY === 0) onProgress?.(done, rows.entryCount);
      }
    }
    onProgress?.(done, rows.entryCount);
    return documentId;
  }

  async putDocument(input: DocumentInput, onProgress?: ProgressCallback): Promise<PutResult> {
    const before = await this.findDocument(input.corpus, input.path);
    if (before && before.sha256 === input.sha256 && !input.replace)
      return { status: "unchanged", document: before };
    const rows = documentToRows(input);
    const outcome = this.write((): { status: PutResult["status"]; id: number } => {
      const current = this.get<{ id: number; sha256: string }>(
        `SELECT d.id, d.sha256 FROM documents d JOIN corpora c ON c.id = d.corpus_id
           WHERE c.name = @corpus AND d.path = @path`,
        { corpus: input.corpus, path: input.path },
      );
      if (current && current.sha256 === input.sha256 && !input.replace)
        return { status: "unchanged", id: current.id };
      const id = this.writeRows(input.corpus, rows, current?.id ?? null, onProgress);
      return { status: current ? "replaced" : "added", id };
    });
    this.texts.delete(outcome.id);
    const document = await this.getDocument(outcome.id);
    if (!document) throw new Error(`Expected document ${outcome.id} to be stored`);
    const { messages: _messages, ...summary } = document;
    return { status: outcome.status, document: summary };
  }

  async findDocument(corpus: string, path: string): Promise<DocumentSummary | null> {
    const row = this.get<DocumentSummaryRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE c.name = @corpus AND d.path = @path`,
      { corpus, path },
    );
    return row ? documentOf(row) : null;
  }

  async documentChecksum(corpus: string, path: string): Promise<string | null> {
    const row = this.get<{ sha256: string }>(
      `SELECT d.sha256 FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE c.name = @corpus AND d.path = @path`,
      { corpus, path },
    );
    return row?.sha256 ?? null;
  }

  async listDocuments(filter: { corpus?: string } = {}): Promise<DocumentSummary[]> {
    const rows = this.all<DocumentSummaryRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE @corpus IS NULL OR c.name = @corpus ORDER BY ${documentOrder()}`,
      { corpus: filter.corpus ?? null },
    );
    return rows.map(documentOf);
  }

  async getDocument(id: number): Promise<DocumentDetail | null> {
    const row = this.get<DocumentSummaryRow & { messages: string }>(
      `SELECT ${DOCUMENT_COLUMNS}, d.messages FROM documents d JOIN corpora c ON c.id = d.corpus_id WHERE d.id = ?`,
      [id],
    );
    if (!row) return null;
    return { ...documentOf(row), messages: JSON.parse(row.messages) as Message[] };
  }

  /** The whole text of a document, from a small cache checked against the checksum. */
  private documentText(id: number): string | null {
    const current = this.get<{ sha256: string }>("SELECT sha256 FROM documents WHERE id = ?", [id]);
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
    const row = this.get<{ sha256: string; text: string }>(
      "SELECT sha256, text FROM documents WHERE id = ?",
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
    const text = this.documentText(id);
    if (text === null) return null;
    const from = Math.min(Math.max(0, start ?? 0), text.length);
    const to = Math.min(Math.max(from, end ?? text.length), text.length);
    return text.slice(from, to);
  }

  async deleteDocument(id: number): Promise<boolean> {
    const result = this.write(() => this.run("DELETE FROM documents WHERE id = ?", [id]));
    this.texts.delete(id);
    return result.changes > 0;
  }

  async listEntries(filter: EntryFilter = {}, page: PageRequest = {}): Promise<Page<EntrySummary>> {
    const { limit, offset } = pageOf(page);
    const { conditions, params, needsCorpus } = filterSql(filter);
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const from = `FROM entries e ${joinsFor(needsCorpus)} ${where}`;
    const total = this.get<{ n: number }>(`SELECT count(*) AS n ${from}`, params)!.n;
    const rows = this.all<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY e.document_id, e.ord LIMIT @limit OFFSET @offset`,
      { ...params, limit, offset },
    );
    return { total, limit, offset, results: rows.map(summaryOf) };
  }

  private entryRowId(id: string): { rowId: number; row: SummaryRow } | null {
    const parsed = parseEntryId(id);
    if (!parsed) return null;
    const row = this.get<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM entries e JOIN years y ON y.id = e.year_id
       WHERE e.document_id = @documentId AND e.local_id = @localId`,
      parsed,
    );
    return row ? { rowId: row.id, row } : null;
  }

  async getEntry(id: string): Promise<EntryDetail | null> {
    const found = this.entryRowId(id);
    if (!found) return null;
    const { rowId, row } = found;
    const headline = this.get<PositionRow>(
      `SELECT headline_start_offset, headline_end_offset, headline_start_line, headline_start_column,
              headline_end_line, headline_end_column FROM entries WHERE id = ?`,
      [rowId],
    )!;
    const details = this.all<PositionRow & { text: string }>(
      "SELECT * FROM details WHERE entry_id = ? ORDER BY ord",
      [rowId],
    );
    const citations = this.all<schema.CitationRow>(
      "SELECT * FROM citations WHERE entry_id = ? ORDER BY ord",
      [rowId],
    );
    const notes = this.all<schema.NoteRow>("SELECT * FROM notes WHERE entry_id = ? ORDER BY ord", [rowId]);
    const variants = this.all<schema.VariantRow>("SELECT * FROM variants WHERE entry_id = ? ORDER BY ord", [
      rowId,
    ]);
    const text = (await this.getDocumentText(row.document_id, row.start_offset, row.end_offset)) ?? "";
    return {
      ...summaryOf(row),
      text,
      headlinePosition: positionOf(headline, "headline_"),
      details: details.map((d) => ({ text: d.text, position: positionOf(d) })),
      citations: citations.map((c) => ({
        work: c.work,
        section: c.section,
        juan: c.juan,
        author: c.author,
        raw: c.raw,
        position: positionOf(c as unknown as PositionRow),
      })),
      notes: notes.map((n) => ({
        kind: n.kind as "editorial" | "supplement",
        text: n.text,
        position: positionOf(n as unknown as PositionRow),
      })),
      variants: variants.map((v) => ({
        name: v.name,
        variant: v.variant,
        source: v.source,
        subject: v.subject,
        position: positionOf(v as unknown as PositionRow),
        namePosition: v.name_start_offset === null ? null : positionOf(v as unknown as PositionRow, "name_"),
      })),
    };
  }

  async getEntryRecords(documentId: number): Promise<EntryRecord[]> {
    const entries = this.all<schema.EntryRow & schema.YearRow & { entry_id: number }>(
      `SELECT e.*, e.id AS entry_id, y.label, y.era, y.number, y.state FROM entries e JOIN years y ON y.id = e.year_id
       WHERE e.document_id = ? ORDER BY e.ord`,
      [documentId],
    );
    const byEntry = <T extends { entry_id: number }>(rows: T[]): Map<number, T[]> => {
      const map = new Map<number, T[]>();
      for (const row of rows) {
        const list = map.get(row.entry_id);
        if (list) list.push(row);
        else map.set(row.entry_id, [row]);
      }
      return map;
    };
    const childRows = <T extends { entry_id: number }>(table: string) =>
      byEntry(
        this.all<T>(
          `SELECT t.* FROM ${table} t JOIN entries e ON e.id = t.entry_id WHERE e.document_id = ? ORDER BY t.entry_id, t.ord`,
          [documentId],
        ),
      );
    const details = childRows<schema.DetailRow>("details");
    const citations = childRows<schema.CitationRow>("citations");
    const notes = childRows<schema.NoteRow>("notes");
    const variants = childRows<schema.VariantRow>("variants");
    return entries.map((e) => ({
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
    }));
  }

  async listSources(filter: { corpus?: string } = {}): Promise<SourceSummary[]> {
    return this.all<{ work: string; citation_count: number; entry_count: number }>(
      `SELECT min(ci.work) AS work, count(*) AS citation_count, count(DISTINCT ci.entry_id) AS entry_count
       FROM citations ci JOIN entries e ON e.id = ci.entry_id
       JOIN documents d ON d.id = e.document_id JOIN corpora c ON c.id = d.corpus_id
       WHERE @corpus IS NULL OR c.name = @corpus
       GROUP BY ci.work_key ORDER BY citation_count DESC, work`,
      { corpus: filter.corpus ?? null },
    ).map((r) => ({ work: r.work, citationCount: r.citation_count, entryCount: r.entry_count }));
  }

  async getSource(work: string): Promise<SourceDetail | null> {
    const rows = this.all<{
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
       WHERE ci.work_key = @work
       ORDER BY ci.section IS NOT NULL, ci.section, ci.juan IS NOT NULL, ci.juan, e.document_id, e.ord`,
      { work: fold(work) },
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

  async search(request: SearchRequest): Promise<SearchPage> {
    const terms = parseQuery(request.query);
    const { limit, offset } = pageOf(request);
    const { conditions, params, needsCorpus } = filterSql(request);
    const match = matchExpression(terms);
    // Rank in the index alone, joining the entry tables only when a filter needs them. Entries
    // with a match in the headline form the first tier, the others the second; each tier is
    // ordered by bm25, so a page that the first tier fills never ranks the second.
    const joins = conditions.length
      ? `JOIN entries e ON e.id = entry_fts.rowid ${joinsFor(needsCorpus)}`
      : "";
    const from = `FROM entry_fts ${joins} WHERE entry_fts MATCH @match${conditions.map((c) => ` AND ${c}`).join("")}`;
    const count = (expression: string) =>
      this.get<{ n: number }>(`SELECT count(*) AS n ${from}`, { ...params, match: expression })!.n;
    const rank = (expression: string, take: number, skip: number) =>
      take <= 0
        ? []
        : this.all<{ id: number; bm25: number }>(
            `SELECT entry_fts.rowid AS id, bm25(entry_fts, ${BM25_WEIGHTS}) AS bm25 ${from}
             ORDER BY bm25, id LIMIT @take OFFSET @skip`,
            { ...params, match: expression, take, skip },
          );
    const total = count(match);
    let ranked: { id: number; bm25: number }[] = [];
    if (total > offset && limit > 0) {
      const first = `(${match}) AND ${headlineExpression(terms)}`;
      const second = `(${match}) NOT ${headlineExpression(terms)}`;
      const inFirst = count(first);
      ranked = rank(first, Math.min(limit, inFirst - offset), offset);
      ranked.push(...rank(second, limit - ranked.length, Math.max(0, offset - inFirst)));
    }
    const results = ranked.map(({ id, bm25 }): SearchHit => {
      const row = this.get<SummaryRow & { headline_start_offset: number }>(
        `SELECT ${SUMMARY_COLUMNS}, e.headline_start_offset FROM entries e JOIN years y ON y.id = e.year_id WHERE e.id = ?`,
        [id],
      )!;
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
      const paragraphs = this.all<{
        kind: "detail" | "note";
        ord: number;
        text: string;
        start_offset: number;
      }>(
        `SELECT 'detail' AS kind, ord, text, start_offset FROM details WHERE entry_id = @id
         UNION ALL SELECT 'note', ord, text, start_offset FROM notes WHERE entry_id = @id
         ORDER BY 1, 2`,
        { id },
      );
      for (const p of paragraphs) add(p.kind, p.ord, p.text, p.start_offset);
      return { ...summaryOf(row), score: -bm25, matches };
    });
    return { total, limit, offset, terms: terms.map(({ text, folded }) => ({ text, folded })), results };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens (creating or upgrading as needed) a SQLite store. `":memory:"` gives a private database
 * that lives as long as the store.
 *
 * @param path the database file; its directory is created when missing
 * @throws SchemaVersionError when the file holds a newer schema or is not a biannian database
 * @example
 * const store = openSqliteStore(":memory:")
 * (await store.listDocuments()).length //=> 0
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, options);
}
