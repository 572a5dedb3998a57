/**
 * Row shapes and row-to-object readers shared by the store backends: the same SELECT columns
 * come back the same way from SQLite and PostgreSQL.
 */
import type { Position } from "../parse/index.ts";
import { DOCUMENT_INFO_SELECT, type DocumentInfoRow, documentInfoOf } from "./document-info.ts";
import { formatEntryId } from "./ids.ts";
import type { DocumentSummary, EntrySummary, PageRequest, YearInfo } from "./types.ts";

/** The page size when a request gives none. */
export const DEFAULT_LIMIT = 20;

export interface SummaryRow {
  id: number;
  document_id: number;
  local_id: string;
  date: string;
  headline: string;
  start_offset: number;
  end_offset: number;
  start_line: number;
  start_column: number;
  end_line: number;
  end_column: number;
  label: string | null;
  state: string | null;
  era: string | null;
  number: number | null;
  ganzhi: string | null;
  ce: number | null;
}

export const SUMMARY_COLUMNS = `e.id, e.document_id, e.local_id, e.date, e.headline, e.start_offset, e.end_offset,
  e.start_line, e.start_column, e.end_line, e.end_column,
  y.label, y.state, y.era, y.number, y.ganzhi, y.ce`;

export interface DocumentSummaryRow extends DocumentInfoRow {
  id: number;
  corpus: string;
  path: string;
  name: string;
  sha256: string;
  encoding: string;
  char_count: number;
  length: number;
  year_count: number;
  entry_count: number;
  ingested_at: string;
}

export const DOCUMENT_COLUMNS = `d.id, c.name AS corpus, d.path, d.name, d.sha256, d.encoding, d.char_count, d.length,
  d.year_count, d.entry_count, d.ingested_at, ${DOCUMENT_INFO_SELECT}`;

export type PositionRow = Record<string, unknown>;

/** Reads the six position columns with `prefix` as a Position (null when they are null). */
export function positionOf(row: PositionRow, prefix = ""): Position {
  return {
    start: {
      line: row[`${prefix}start_line`] as number,
      column: row[`${prefix}start_column`] as number,
      offset: row[`${prefix}start_offset`] as number,
    },
    end: {
      line: row[`${prefix}end_line`] as number,
      column: row[`${prefix}end_column`] as number,
      offset: row[`${prefix}end_offset`] as number,
    },
  };
}

export function yearOf(row: SummaryRow): YearInfo {
  return {
    label: row.label,
    state: row.state,
    era: row.era,
    number: row.number,
    ganzhi: row.ganzhi,
    ce: row.ce,
  };
}

export function summaryOf(row: SummaryRow): EntrySummary {
  return {
    id: formatEntryId(row.document_id, row.local_id),
    documentId: row.document_id,
    localId: row.local_id,
    year: yearOf(row),
    date: JSON.parse(row.date),
    headline: row.headline,
    position: positionOf(row as unknown as PositionRow),
  };
}

export function documentOf(row: DocumentSummaryRow): DocumentSummary {
  return {
    id: row.id,
    corpus: row.corpus,
    path: row.path,
    name: row.name,
    sha256: row.sha256,
    encoding: row.encoding,
    charCount: row.char_count,
    length: row.length,
    yearCount: row.year_count,
    entryCount: row.entry_count,
    ingestedAt: row.ingested_at,
    ...documentInfoOf(row),
  };
}

export function pageOf(page: PageRequest): { limit: number; offset: number } {
  const limit = page.limit ?? DEFAULT_LIMIT;
  const offset = page.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`Expected a limit ≥ 0, got ${limit}`);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new RangeError(`Expected an offset ≥ 0, got ${offset}`);
  return { limit, offset };
}
