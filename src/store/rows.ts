import type { EntryRecord } from "../parse/index.ts";
import { entryVariants } from "../parse/records.ts";
import type { Entry, Position } from "../parse/types.ts";
import { fold } from "../search/fold.ts";
import { documentInfoRow } from "./document-info.ts";
import type {
  CitationRow,
  DetailRow,
  DocumentRow,
  EntryRow,
  NoteRow,
  VariantRow,
  YearRow,
} from "./schema.ts";
import type { DocumentInput } from "./types.ts";

type Own<R, Keys extends keyof R> = Omit<R, "id" | Keys>;

/** The rows of one entry, without the ids the database assigns. */
export interface EntryRows {
  entry: Own<EntryRow, "document_id" | "year_id">;
  details: Own<DetailRow, "entry_id">[];
  citations: Own<CitationRow, "entry_id">[];
  notes: Own<NoteRow, "entry_id">[];
  variants: Own<VariantRow, "entry_id">[];
}

/** The rows of one year and its entries. */
export interface YearRows {
  year: Own<YearRow, "document_id">;
  entries: EntryRows[];
}

/** Every row a document turns into. */
export interface DocumentRows {
  document: Own<DocumentRow, "corpus_id">;
  years: YearRows[];
  entryCount: number;
}

type PositionColumns<P extends string> = `${P}${"start" | "end"}_${"offset" | "line" | "column"}`;

const positionKeys = new Map<string, readonly string[]>();

function keysOf(prefix: string): readonly string[] {
  let keys = positionKeys.get(prefix);
  if (!keys) {
    keys = ["start_offset", "end_offset", "start_line", "start_column", "end_line", "end_column"].map(
      (k) => `${prefix}${k}`,
    );
    positionKeys.set(prefix, keys);
  }
  return keys;
}

/** The six position columns of a node, with an optional prefix (`headline_`). */
function positionRow<P extends string>(position: Position, prefix: P): Record<PositionColumns<P>, number> {
  const [startOffset, endOffset, startLine, startColumn, endLine, endColumn] = keysOf(prefix) as string[];
  const row: Record<string, number> = {};
  row[startOffset!] = position.start.offset;
  row[endOffset!] = position.end.offset;
  row[startLine!] = position.start.line;
  row[startColumn!] = position.start.column;
  row[endLine!] = position.end.line;
  row[endColumn!] = position.end.column;
  return row as Record<PositionColumns<P>, number>;
}

function nullPositionRow<P extends string>(prefix: P): Record<PositionColumns<P>, null> {
  const row: Record<string, null> = {};
  for (const key of keysOf(prefix)) row[key] = null;
  return row as Record<PositionColumns<P>, null>;
}

const RECORD_KEYS = new Set([
  "id",
  "year",
  "date",
  "headline",
  "details",
  "citations",
  "notes",
  "variants",
  "span",
  "line",
]);

/** The Julian Day Numbers a dating stage put on a record's date, if any. */
function recordJdn(record: EntryRecord): { start: number; end: number } | null {
  const jdn = (record.date as { jdn?: { start?: unknown; end?: unknown } | null }).jdn;
  if (!jdn || typeof jdn.start !== "number" || typeof jdn.end !== "number") return null;
  if (!Number.isSafeInteger(jdn.start) || !Number.isSafeInteger(jdn.end)) return null;
  return { start: jdn.start, end: jdn.end };
}

function entryRows(entry: Entry, record: EntryRecord, ord: number): EntryRows {
  const extraKeys = Object.keys(record).filter((k) => !RECORD_KEYS.has(k));
  const extra = extraKeys.length
    ? JSON.stringify(
        Object.fromEntries(extraKeys.map((k) => [k, (record as unknown as Record<string, unknown>)[k]])),
      )
    : null;
  const jdn = recordJdn(record);
  return {
    entry: {
      ord,
      local_id: entry.id,
      date: JSON.stringify(record.date),
      date_text: record.date.text,
      season: record.date.season,
      month: record.date.month,
      leap: record.date.leap ? 1 : 0,
      date_own: record.date.own ? 1 : 0,
      jdn_start: jdn?.start ?? null,
      jdn_end: jdn?.end ?? null,
      headline: entry.headline.value,
      ...positionRow(entry.headline.position, "headline_"),
      ...positionRow(entry.position, ""),
      extra,
    },
    details: entry.details.map((d, i) => ({ ord: i, text: d.value, ...positionRow(d.position, "") })),
    citations: (entry.sources?.citations ?? []).map((c, i) => ({
      ord: i,
      work: c.work,
      work_key: fold(c.work),
      section: c.section,
      juan: c.juan,
      author: c.author,
      raw: c.raw,
      ...positionRow(c.position, ""),
    })),
    notes: (entry.sources?.notes ?? []).map((n, i) => ({
      ord: i,
      kind: n.kind,
      text: n.value,
      ...positionRow(n.position, ""),
    })),
    variants: entryVariants(entry).map((v, i) => ({
      ord: i,
      name: v.name,
      variant: v.variant,
      source: v.source,
      subject: v.subject,
      ...positionRow(v.position, ""),
      ...(v.namePosition ? positionRow(v.namePosition, "name_") : nullPositionRow("name_")),
    })),
  };
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * Turns a parsed document into the rows the store writes: the document, its years, and for
 * each entry its details, citations, notes and variants, every node with its position. Pure:
 * the same input gives the same rows.
 *
 * @param input the document, its tree and its records (one per entry, in order)
 * @param now the ingest time written on the document
 * @throws Error when the records do not match the tree's entries one for one
 * @example
 * documentToRows(input).years[0].entries[0].entry.local_id //=> "e1"
 */
export function documentToRows(input: DocumentInput, now: Date = new Date()): DocumentRows {
  let index = 0;
  const years: YearRows[] = input.tree.children.map((year, ord) => {
    const heading = year.heading;
    // A year the text writes no heading for but the reader gave (`--year`): stored with its era
    // and number, so that filters find it and the document reads back the same, but no label.
    const named = heading ?? year.data?.assumedYear ?? null;
    return {
      year: {
        ord,
        label: heading?.label ?? null,
        state: named?.state ?? null,
        era: named?.era ?? null,
        number: named?.number ?? null,
        ganzhi: named?.ganzhi ?? null,
        ce: named?.ce ?? null,
        state_key: named?.state ? fold(named.state) : null,
        era_key: named?.era ? fold(named.era) : null,
        ...positionRow(year.position, ""),
        ...(heading ? positionRow(heading.position, "heading_") : nullPositionRow("heading_")),
      },
      entries: year.children.map((entry) => {
        const record = input.records[index];
        if (!record || record.id !== entry.id) {
          throw new Error(
            `Cannot store ${input.path}: record ${index + 1} is ${record ? `"${record.id}"` : "missing"} but the tree's entry is "${entry.id}"`,
          );
        }
        return entryRows(entry, record, index++);
      }),
    };
  });
  if (index !== input.records.length) {
    throw new Error(
      `Cannot store ${input.path}: ${input.records.length} records for ${index} entries in the tree`,
    );
  }
  let charCount = 0;
  for (const _ of input.text) charCount++;
  return {
    document: {
      path: input.path,
      name: baseName(input.path),
      sha256: input.sha256,
      encoding: input.encoding,
      char_count: charCount,
      length: input.text.length,
      year_count: years.length,
      entry_count: index,
      text: input.text,
      messages: JSON.stringify(input.tree.messages),
      ingested_at: now.toISOString(),
      ...documentInfoRow(input.tree.meta.document),
    },
    years,
    entryCount: index,
  };
}
