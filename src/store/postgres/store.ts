import { createHash } from "node:crypto";
import pg from "pg";
import type { EntryRecord, Message } from "../../parse/index.ts";
import { FOLD_VERSION, fold } from "../../search/fold.ts";
import { findMatches } from "../../search/highlight.ts";
import { parseQuery } from "../../search/query.ts";
import { DOCUMENT_INFO_COLUMNS, documentInfoRow, documentOrder, infoOfStoredText } from "../document-info.ts";
import { StoreError } from "../errors.ts";
import { formatEntryId, parseEntryId } from "../ids.ts";
import { describeLocation } from "../open.ts";
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
import { arrayType, columnSql, quoteId, tableDdl, unnestInsertSql } from "./ddl.ts";
import { filterSql, joinsFor } from "./filter.ts";
import { EXACT_KEYS_DDL, EXACT_KEYS_MIGRATION } from "./keys.ts";
import {
  MIGRATION_LOCK,
  migratePostgres,
  type PostgresMigration,
  type PostgresMigrationPlan,
} from "./migrate.ts";
import { SqlParams } from "./params.ts";
import { POSTGRES_SCHEMA_VERSION, POSTINGS_DDL, POSTINGS_MIGRATION } from "./postings.ts";
import { SEARCH_DDL, type SearchRow, searchRow, searchSql } from "./search.ts";

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /**
   * The PostgreSQL schema to keep the tables in, created when missing (default: the first schema
   * of the connection's `search_path`, usually `public`).
   */
  schema?: string;
  /** Most connections open at once (default 10). */
  maxConnections?: number;
  /** The schema and its migrations (the current ones by default; tests pass others). */
  plan?: PostgresMigrationPlan;
}

/**
 * Version 3 → 4: what each document is (work, juan, section… and title), read again from each
 * stored text by the parser, as the ingest now stores it.
 */
export const DOCUMENT_INFO_MIGRATION: PostgresMigration = {
  version: 4,
  description: "documents know their work, juan, section and title",
  async up(client) {
    const columns = Object.values(DOCUMENT_INFO_COLUMNS);
    await client.query(
      `ALTER TABLE "documents" ${columns.map((c) => `ADD COLUMN IF NOT EXISTS ${columnSql(c, schema.documents.columns[c])}`).join(", ")}`,
    );
    const ids = await client.query<{ id: number }>('SELECT id FROM "documents" ORDER BY id');
    for (const { id } of ids.rows) {
      const found = await client.query<{ text: string }>('SELECT text FROM "documents" WHERE id = $1', [id]);
      const row = documentInfoRow(infoOfStoredText(found.rows[0]!.text)) as Record<string, unknown>;
      await client.query(
        `UPDATE "documents" SET ${columns.map((c, i) => `${quoteId(c)} = $${i + 2}`).join(", ")} WHERE id = $1`,
        [id, ...columns.map((c) => row[c])],
      );
    }
  },
};

/** The current schema and how to upgrade to it. */
export const POSTGRES_PLAN: PostgresMigrationPlan = {
  version: POSTGRES_SCHEMA_VERSION,
  async create(client) {
    // One round trip: the statements take no parameters.
    const statements = [
      ...schema.tables.flatMap(tableDdl),
      ...SEARCH_DDL,
      ...POSTINGS_DDL,
      ...EXACT_KEYS_DDL,
    ];
    await client.query(statements.join(";\n"));
    await client.query("INSERT INTO meta (key, value) VALUES ('fold_version', $1)", [String(FOLD_VERSION)]);
  },
  migrations: [POSTINGS_MIGRATION, EXACT_KEYS_MIGRATION, DOCUMENT_INFO_MIGRATION],
};

/** Entries are written in batches this large, with a progress report after each. */
const BATCH = 256;
/** Document texts kept in memory for slicing, in UTF-16 code units. */
const TEXT_CACHE_LIMIT = 64 * 1024 * 1024;
/** Default page size. */
/** The advisory lock class of documents (`bian` in ASCII); the second key is a hash of corpus and path. */
const DOCUMENT_LOCK = 0x6269616e;
/** The advisory lock of a search index rebuild. */
const REBUILD_LOCK = [0x6269616e, 2] as const;

const INT8_OID = 20;
/** Schema names the `schema` option accepts (they travel in the connection's startup options). */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** 64-bit integers (ids, counts, every `integer` column) as numbers; refuses what a number cannot hold. */
function parseInt8(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number))
    throw new RangeError(`Expected a safe integer from PostgreSQL, got ${value}`);
  return number;
}

const TYPES = new pg.TypeOverrides();
TYPES.setTypeParser(INT8_OID, parseInt8);

/** A 32-bit key for the advisory lock of one document (corpus and path). */
function documentLockKey(corpus: string, path: string): number {
  return createHash("sha256").update(corpus).update("\0").update(path).digest().readInt32BE(0);
}

type Queryable = pg.Pool | pg.PoolClient;

/** A connection URL without its `options` parameter, and that parameter's value ("" when none). */
function splitOptions(url: string): { connectionString: string; given: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, given: "" };
  }
  const given = parsed.searchParams.get("options") ?? "";
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), given };
}

/** Columns of a declared table in order, with or without its `id`. */
function columnsOf(table: schema.AnyTable, withId: boolean): [string, string][] {
  return Object.entries(table.columns)
    .filter(([name]) => name !== "id" || withId)
    .map(([name, column]) => [name, arrayType(column)]);
}

/**
 * The PostgreSQL backend of the store (node-postgres): a pool of connections, one transaction
 * per stored document, the search index of `search.ts`. Open it with `openPostgresStore`.
 */
export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  /** The database, for messages: its URL without the password (and the schema, if one was given). */
  readonly label: string;
  private readonly texts = new Map<number, { sha256: string; text: string }>();
  private closed = false;

  private constructor(pool: pg.Pool, label: string) {
    this.pool = pool;
    this.label = label;
  }

  /** Connects, checks the database and brings its schema up to date; see `openPostgresStore`. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const label = `${describeLocation(url)}${options.schema !== undefined ? ` (schema ${options.schema})` : ""}`;
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`Expected a schema name of letters, digits and underscores, got "${options.schema}"`);
    }
    // Settings every connection starts with, before any statement runs: the URL's own `options`,
    // no JIT compilation (the search index's key function is declared costly, which would trigger
    // it for nothing) and the schema. The URL's `options` would replace ours: they are merged.
    const { connectionString, given } = splitOptions(url);
    const settings = [given, "-c jit=off"];
    if (options.schema !== undefined) settings.push(`-c search_path=${quoteId(options.schema)}`);
    const pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      types: TYPES,
      options: settings.filter(Boolean).join(" "),
    });
    // An idle connection that the server closes must not bring the process down.
    pool.on("error", () => {});
    const store = new PostgresStore(pool, label);
    try {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new Error(`Cannot connect to ${label}: ${(error as Error).message}`, { cause: error });
      }
      try {
        await store.prepare(client, options);
      } finally {
        client.release();
      }
      await store.checkFoldVersion();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async prepare(client: pg.PoolClient, options: PostgresStoreOptions): Promise<void> {
    const encoding = await this.query<{ server_encoding: string }>("SHOW server_encoding", [], client);
    if (encoding[0]?.server_encoding !== "UTF8") {
      throw new Error(
        `${this.label} has the encoding ${encoding[0]?.server_encoding}; biannian needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8')`,
      );
    }
    if (options.schema !== undefined) {
      // CREATE SCHEMA IF NOT EXISTS races with itself (a unique violation in pg_namespace) when
      // several stores open a new schema at once: serialise it under the migration lock.
      await this.query("BEGIN", [], client);
      try {
        await this.query("SELECT pg_advisory_xact_lock($1, $2)", [...MIGRATION_LOCK], client);
        await this.query(`CREATE SCHEMA IF NOT EXISTS ${quoteId(options.schema)}`, [], client);
        await this.query("COMMIT", [], client);
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    const current = await this.query<{ name: string | null }>("SELECT current_schema() AS name", [], client);
    if (!current[0]?.name) {
      throw new Error(
        `${this.label} has no schema to keep the tables in (search_path names none that exists); create one or pass a schema`,
      );
    }
    await migratePostgres(client, options.plan ?? POSTGRES_PLAN, this.label);
  }

  /** Runs a statement; database errors come back as StoreError with the statement and parameters. */
  private async query<R extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    on: Queryable = this.pool,
  ): Promise<R[]> {
    try {
      return (await on.query<R>(sql, params as unknown[])).rows;
    } catch (error) {
      if (error instanceof pg.DatabaseError) {
        throw new StoreError(error.message, sql, params, { cause: error });
      }
      throw error;
    }
  }

  private async one<R extends pg.QueryResultRow>(
    sql: string,
    params: readonly unknown[] = [],
    on: Queryable = this.pool,
  ): Promise<R | undefined> {
    return (await this.query<R>(sql, params, on))[0];
  }

  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      try {
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  }

  /** Rebuilds the search index when it was built with another folding version. */
  private async checkFoldVersion(): Promise<void> {
    const row = await this.one<{ value: string }>("SELECT value FROM meta WHERE key = 'fold_version'");
    if (row?.value === String(FOLD_VERSION)) return;
    await this.rebuildIndex();
  }

  /** Re-creates every row of the search index from the stored texts, in one transaction. */
  async rebuildIndex(): Promise<void> {
    await this.transaction(async (client) => {
      await this.query("SELECT pg_advisory_xact_lock($1, $2)", [...REBUILD_LOCK], client);
      // Emptied at once rather than row by row through the triggers; the statistics with them.
      await this.query("TRUNCATE entry_search, entry_chars, entry_char_groups", [], client);
      await this.query('UPDATE search_stats SET "rows" = 0, "tokens" = 0', [], client);
      let last = 0;
      for (;;) {
        const rows = await this.query<{
          id: number;
          headline: string;
          details: string[] | null;
          notes: string[] | null;
        }>(
          `SELECT e.id, e.headline,
             (SELECT array_agg(text ORDER BY ord) FROM details WHERE entry_id = e.id) AS details,
             (SELECT array_agg(text ORDER BY ord) FROM notes WHERE entry_id = e.id) AS notes
           FROM entries e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
          [last, BATCH],
          client,
        );
        if (rows.length === 0) break;
        await this.insertSearchRows(
          client,
          rows.map((r) => ({
            id: r.id,
            row: searchRow(fold(r.headline), (r.details ?? []).map(fold), (r.notes ?? []).map(fold)),
          })),
        );
        last = rows[rows.length - 1]!.id;
      }
      await this.query(
        "INSERT INTO meta (key, value) VALUES ('fold_version', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
        [String(FOLD_VERSION)],
        client,
      );
    });
  }

  private async insertSearchRows(
    client: pg.PoolClient,
    rows: readonly { id: number; row: SearchRow }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.query(
      `INSERT INTO entry_search (entry_id, headline, body, tokens)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.row.headline),
        rows.map((r) => r.row.body),
        rows.map((r) => r.row.tokens),
      ],
      client,
    );
  }

  /** Inserts rows of a declared table, one array parameter per column. */
  private async insertMany(
    client: pg.PoolClient,
    table: schema.AnyTable,
    rows: readonly Record<string, unknown>[],
    withId = false,
  ): Promise<void> {
    if (rows.length === 0) return;
    const columns = columnsOf(table, withId);
    const values = columns.map(([name]) =>
      rows.map((row) => {
        const value = row[name];
        if (value === undefined) throw new Error(`Expected a value for ${table.name}.${name}`);
        return value;
      }),
    );
    await this.query(unnestInsertSql(table.name, columns), values, client);
  }

  /** `count` new ids of a table, in increasing order. */
  private async allocateIds(client: pg.PoolClient, table: string, count: number): Promise<number[]> {
    if (count === 0) return [];
    const rows = await this.query<{ id: number }>(
      "SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2)",
      [quoteId(table), count],
      client,
    );
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  private async writeRows(
    client: pg.PoolClient,
    corpus: string,
    rows: DocumentRows,
    replacing: number | null,
    onProgress?: ProgressCallback,
  ): Promise<number> {
    await this.query(
      "INSERT INTO corpora (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
      [corpus, rows.document.ingested_at],
      client,
    );
    const corpusId = (await this.one<{ id: number }>(
      "SELECT id FROM corpora WHERE name = $1",
      [corpus],
      client,
    ))!.id;
    if (replacing !== null) await this.query("DELETE FROM documents WHERE id = $1", [replacing], client);
    const document: Record<string, unknown> = { corpus_id: corpusId, ...rows.document };
    const columns = Object.keys(schema.documents.columns).filter((c) => c !== "id");
    const names = [...(replacing !== null ? ["id"] : []), ...columns];
    const values = [...(replacing !== null ? [replacing] : []), ...columns.map((c) => document[c])];
    const documentId = (await this.one<{ id: number }>(
      `INSERT INTO documents (${names.map(quoteId).join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING id`,
      values,
      client,
    ))!.id;

    const yearIds = await this.allocateIds(client, "years", rows.years.length);
    await this.insertMany(
      client,
      schema.years,
      rows.years.map((y, i) => ({ id: yearIds[i], document_id: documentId, ...y.year })),
      true,
    );
    const entries = rows.years.flatMap((y, i) => y.entries.map((entry) => ({ yearId: yearIds[i]!, entry })));
    onProgress?.(0, rows.entryCount);
    for (let start = 0; start < entries.length; start += BATCH) {
      const batch = entries.slice(start, start + BATCH);
      const ids = await this.allocateIds(client, "entries", batch.length);
      const child = <R extends object>(pick: (e: (typeof batch)[number]["entry"]) => readonly R[]) =>
        batch.flatMap(({ entry }, i) => pick(entry).map((row) => ({ entry_id: ids[i], ...row })));
      await this.insertMany(
        client,
        schema.entries,
        batch.map(({ yearId, entry }, i) => ({
          id: ids[i],
          document_id: documentId,
          year_id: yearId,
          ...entry.entry,
        })),
        true,
      );
      await this.insertMany(
        client,
        schema.details,
        child((e) => e.details),
      );
      await this.insertMany(
        client,
        schema.citations,
        child((e) => e.citations),
      );
      await this.insertMany(
        client,
        schema.notes,
        child((e) => e.notes),
      );
      await this.insertMany(
        client,
        schema.variants,
        child((e) => e.variants),
      );
      await this.insertSearchRows(
        client,
        batch.map(({ entry }, i) => ({
          id: ids[i]!,
          row: searchRow(
            fold(entry.entry.headline),
            entry.details.map((d) => fold(d.text)),
            entry.notes.map((n) => fold(n.text)),
          ),
        })),
      );
      onProgress?.(start + batch.length, rows.entryCount);
    }
    if (entries.length === 0) onProgress?.(0, rows.entryCount);
    return documentId;
  }

  async putDocument(input: DocumentInput, onProgress?: ProgressCallback): Promise<PutResult> {
    const before = await this.findDocument(input.corpus, input.path);
    if (before && before.sha256 === input.sha256 && !input.replace)
      return { status: "unchanged", document: before };
    const rows = documentToRows(input);
    const outcome = await this.transaction(
      async (client): Promise<{ status: PutResult["status"]; id: number }> => {
        // Two writers of the same document take turns; writers of different documents do not wait.
        await this.query(
          "SELECT pg_advisory_xact_lock($1, $2)",
          [DOCUMENT_LOCK, documentLockKey(input.corpus, input.path)],
          client,
        );
        const current = await this.one<{ id: number; sha256: string }>(
          `SELECT d.id, d.sha256 FROM documents d JOIN corpora c ON c.id = d.corpus_id
         WHERE c.name = $1 AND d.path = $2`,
          [input.corpus, input.path],
          client,
        );
        if (current && current.sha256 === input.sha256 && !input.replace)
          return { status: "unchanged", id: current.id };
        const id = await this.writeRows(client, input.corpus, rows, current?.id ?? null, onProgress);
        return { status: current ? "replaced" : "added", id };
      },
    );
    this.texts.delete(outcome.id);
    const document = await this.getDocument(outcome.id);
    if (!document) throw new Error(`Expected document ${outcome.id} to be stored`);
    const { messages: _messages, ...summary } = document;
    return { status: outcome.status, document: summary };
  }

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
    const rows = await this.query<DocumentSummaryRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE $1::text IS NULL OR c.name = $1 ORDER BY ${documentOrder(' COLLATE "C"')}`,
      [filter.corpus ?? null],
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

  async deleteDocument(id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    const deleted = await this.transaction((client) =>
      this.query("DELETE FROM documents WHERE id = $1 RETURNING id", [id], client),
    );
    this.texts.delete(id);
    return deleted.length > 0;
  }

  async listEntries(filter: EntryFilter = {}, page: PageRequest = {}): Promise<Page<EntrySummary>> {
    const { limit, offset } = pageOf(page);
    const params = new SqlParams();
    const { conditions, needsCorpus } = filterSql(filter, params);
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const from = `FROM entries e ${joinsFor(needsCorpus)} ${where}`;
    const total = (await this.one<{ n: number }>(`SELECT count(*) AS n ${from}`, params.values))!.n;
    const limitRef = params.add(limit, "bigint");
    const offsetRef = params.add(offset, "bigint");
    const rows = await this.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY e.document_id, e.ord LIMIT ${limitRef} OFFSET ${offsetRef}`,
      params.values,
    );
    return { total, limit, offset, results: rows.map(summaryOf) };
  }

  async getEntry(id: string): Promise<EntryDetail | null> {
    const parsed = parseEntryId(id);
    if (!parsed) return null;
    const row = await this.one<SummaryRow & PositionRow>(
      `SELECT ${SUMMARY_COLUMNS}, e.headline_start_offset, e.headline_end_offset, e.headline_start_line,
         e.headline_start_column, e.headline_end_line, e.headline_end_column
       FROM entries e JOIN years y ON y.id = e.year_id
       WHERE e.document_id = $1 AND e.local_id = $2`,
      [parsed.documentId, parsed.localId],
    );
    if (!row) return null;
    const rowId = row.id;
    const [details, citations, notes, variants] = await Promise.all([
      this.query<PositionRow & { text: string }>("SELECT * FROM details WHERE entry_id = $1 ORDER BY ord", [
        rowId,
      ]),
      this.query<schema.CitationRow>("SELECT * FROM citations WHERE entry_id = $1 ORDER BY ord", [rowId]),
      this.query<schema.NoteRow>("SELECT * FROM notes WHERE entry_id = $1 ORDER BY ord", [rowId]),
      this.query<schema.VariantRow>("SELECT * FROM variants WHERE entry_id = $1 ORDER BY ord", [rowId]),
    ]);
    const text = (await this.getDocumentText(row.document_id, row.start_offset, row.end_offset)) ?? "";
    return {
      ...summaryOf(row),
      text,
      headlinePosition: positionOf(row, "headline_"),
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
    if (!Number.isSafeInteger(documentId)) return [];
    const entries = await this.query<schema.EntryRow & schema.YearRow & { entry_id: number }>(
      `SELECT e.*, e.id AS entry_id, y.label, y.era, y.number, y.state FROM entries e JOIN years y ON y.id = e.year_id
       WHERE e.document_id = $1 ORDER BY e.ord`,
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
    const childRows = async <T extends { entry_id: number }>(table: string) =>
      byEntry(
        await this.query<T>(
          `SELECT t.* FROM ${quoteId(table)} t JOIN entries e ON e.id = t.entry_id WHERE e.document_id = $1 ORDER BY t.entry_id, t.ord`,
          [documentId],
        ),
      );
    const [details, citations, notes, variants] = await Promise.all([
      childRows<schema.DetailRow>("details"),
      childRows<schema.CitationRow>("citations"),
      childRows<schema.NoteRow>("notes"),
      childRows<schema.VariantRow>("variants"),
    ]);
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
    // Texts compare by code point ("C"), as SQLite's BINARY collation does.
    const rows = await this.query<{ work: string; citation_count: number; entry_count: number }>(
      `SELECT min(ci.work COLLATE "C") AS work, count(*) AS citation_count, count(DISTINCT ci.entry_id) AS entry_count
       FROM citations ci JOIN entries e ON e.id = ci.entry_id
       JOIN documents d ON d.id = e.document_id JOIN corpora c ON c.id = d.corpus_id
       WHERE $1::text IS NULL OR c.name = $1
       GROUP BY ci.work_key ORDER BY citation_count DESC, work`,
      [filter.corpus ?? null],
    );
    return rows.map((r) => ({ work: r.work, citationCount: r.citation_count, entryCount: r.entry_count }));
  }

  async getSource(work: string): Promise<SourceDetail | null> {
    const rows = await this.query<{
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
       ORDER BY ci.section IS NOT NULL, ci.section COLLATE "C", ci.juan IS NOT NULL, ci.juan, e.document_id, e.ord`,
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

  async search(request: SearchRequest): Promise<SearchPage> {
    const terms = parseQuery(request.query);
    const { limit, offset } = pageOf(request);
    const params = new SqlParams();
    const { conditions, needsCorpus } = filterSql(request, params);
    const sql = searchSql(
      terms,
      { joins: conditions.length ? joinsFor(needsCorpus) : "", conditions },
      { limit, offset },
      params,
    );
    const rows = await this.query<{
      part: number;
      rank: number;
      id: number | null;
      score: number | null;
      total: number | null;
    }>(sql, params.values);
    const total = rows.find((r) => r.part === 0)?.total ?? 0;
    const ranked = rows.filter((r) => r.part === 1).sort((a, b) => a.rank - b.rank);
    const ids = ranked.map((r) => r.id!);
    const [summaries, paragraphs] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            this.query<SummaryRow & { headline_start_offset: number }>(
              `SELECT ${SUMMARY_COLUMNS}, e.headline_start_offset FROM entries e JOIN years y ON y.id = e.year_id
               WHERE e.id = ANY($1::bigint[])`,
              [ids],
            ),
            this.query<{
              entry_id: number;
              kind: "detail" | "note";
              ord: number;
              text: string;
              start_offset: number;
            }>(
              `SELECT entry_id, 'detail' AS kind, ord, text, start_offset FROM details WHERE entry_id = ANY($1::bigint[])
               UNION ALL SELECT entry_id, 'note', ord, text, start_offset FROM notes WHERE entry_id = ANY($1::bigint[])`,
              [ids],
            ),
          ]);
    const byId = new Map(summaries.map((s) => [s.id, s]));
    const results = ranked.map(({ id, score }): SearchHit => {
      const row = byId.get(id!);
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
      const own = paragraphs
        .filter((p) => p.entry_id === id)
        .sort((a, b) => (a.kind === b.kind ? a.ord - b.ord : a.kind === "detail" ? -1 : 1));
      for (const p of own) add(p.kind, p.ord, p.text, p.start_offset);
      return { ...summaryOf(row), score: score!, matches };
    });
    return { total, limit, offset, terms: terms.map(({ text, folded }) => ({ text, folded })), results };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
