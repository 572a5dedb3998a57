/**
 * What a stored document is — its work, juan, section, ruler, dating state and title, as the
 * parser read them (`DocumentInfo`) — in the columns of `documents`, and the order documents are
 * listed in: by work, then juan, not by file name. Shared by both backends.
 */
import { UNKNOWN_DOCUMENT } from "../parse/document-info.ts";
import { parse } from "../parse/index.ts";
import type { DocumentInfo } from "../parse/types.ts";

/** Each field of `DocumentInfo` and the column of `documents` that holds it. */
export const DOCUMENT_INFO_COLUMNS = {
  work: "work",
  short: "short",
  author: "author",
  juan: "juan",
  juanLabel: "juan_label",
  section: "section",
  ruler: "ruler",
  state: "state",
  textId: "text_id",
  title: "title",
} as const satisfies Record<keyof DocumentInfo, string>;

/** The columns of `documents` that hold a `DocumentInfo`. */
export type DocumentInfoRow = {
  [K in keyof DocumentInfo as (typeof DOCUMENT_INFO_COLUMNS)[K]]: DocumentInfo[K];
};

const FIELDS = Object.keys(DOCUMENT_INFO_COLUMNS) as (keyof DocumentInfo)[];

/**
 * The columns of a document's info; every field null when the tree carries none.
 *
 * @example
 * documentInfoRow({ ...UNKNOWN_DOCUMENT, juan: 139, juanLabel: "卷一百三十九" }).juan_label //=> "卷一百三十九"
 */
export function documentInfoRow(info: DocumentInfo | null | undefined): DocumentInfoRow {
  const from = info ?? UNKNOWN_DOCUMENT;
  const row: Record<string, unknown> = {};
  for (const field of FIELDS) row[DOCUMENT_INFO_COLUMNS[field]] = from[field] ?? null;
  return row as DocumentInfoRow;
}

/** A document's info read back from its columns. */
export function documentInfoOf(row: DocumentInfoRow): DocumentInfo {
  const info: Record<string, unknown> = {};
  for (const field of FIELDS) info[field] = row[DOCUMENT_INFO_COLUMNS[field]] ?? null;
  return info as unknown as DocumentInfo;
}

/** The info columns of `documents d`, for a SELECT list. */
export const DOCUMENT_INFO_SELECT = FIELDS.map((f) => `d.${DOCUMENT_INFO_COLUMNS[f]}`).join(", ");

/**
 * The order documents are listed in: by work (a document of no known work by its title, else its
 * file name), then juan, section and file name. Texts compare by code point on both backends
 * (`collate` is `' COLLATE "C"'` on PostgreSQL, empty on SQLite, whose comparison already is).
 */
export function documentOrder(collate = ""): string {
  return [
    `COALESCE(d.work, d.title, d.name)${collate}`,
    "d.juan IS NULL",
    "d.juan",
    "d.section IS NULL",
    `d.section${collate}`,
    `d.name${collate}`,
    `d.path${collate}`,
    "d.id",
  ].join(", ");
}

/**
 * What a stored text is, read again from the text alone (for databases stored before the
 * columns existed): the same parse the ingest ran.
 *
 * @example
 * infoOfStoredText(readFileSync("corpus/changbian/KR2b0019_143.txt", "utf8")).title //=> "長編 卷一百三十九"
 */
export function infoOfStoredText(text: string): DocumentInfo {
  return parse(text).meta.document ?? UNKNOWN_DOCUMENT;
}
