/**
 * The SQLite search index: an FTS5 table with one token per character. See
 * `src/search/README.md` for why and for the measurements.
 *
 * Every code point of the folded text becomes one token, separated by spaces, and FTS5's
 * `ascii` tokenizer keeps each as it is (it treats every non-ASCII character as part of a
 * token). A query term becomes a phrase of its characters, so `"青 盐"` matches exactly where
 * 青盐 stands in the folded text — for one character as for ten. ASCII punctuation and spaces,
 * which the tokenizer would drop, are written as `q` and two hex digits, so that phrases never
 * jump over them.
 */
import { fold } from "../../search/fold.ts";
import type { QueryTerm } from "../../search/query.ts";

/** The index: one row per entry (rowid = `entries.id`), three columns searched. */
export const FTS_DDL = [
  `CREATE VIRTUAL TABLE "entry_fts" USING fts5(headline, details, notes, tokenize = 'ascii', content = '', contentless_delete = 1)`,
  // Entries go when their document is replaced or deleted (through ON DELETE CASCADE): so does their index row.
  `CREATE TRIGGER "entries_delete_fts" AFTER DELETE ON "entries" BEGIN DELETE FROM "entry_fts" WHERE rowid = old.id; END`,
];

/** Between two details (or notes) of one entry: a token no query can produce, so no phrase spans it. */
const FIELD_SEPARATOR = " zz ";

const ALNUM = /[0-9a-z]/;

/**
 * The index text of an already folded string: one token per code point.
 *
 * @example
 * indexTokens("青盐,a") //=> "青 盐 q2c a"
 */
export function indexTokens(folded: string): string {
  const tokens: string[] = [];
  for (const char of folded) {
    const code = char.charCodeAt(0);
    if (code < 0x80 && !ALNUM.test(char)) tokens.push(`q${code.toString(16).padStart(2, "0")}`);
    else tokens.push(char);
  }
  return tokens.join(" ");
}

/** An entry's texts: its headline, details and notes. */
export interface EntryTexts {
  headline: string;
  details: readonly string[];
  notes: readonly string[];
}

/** The three index columns of an entry, from its original texts. */
export function indexColumns(
  headline: string,
  details: readonly string[],
  notes: readonly string[],
): { headline: string; details: string; notes: string } {
  return foldedIndexColumns(foldTexts({ headline, details, notes }));
}

/** An entry's texts folded. */
export function foldTexts(texts: EntryTexts): EntryTexts {
  return { headline: fold(texts.headline), details: texts.details.map(fold), notes: texts.notes.map(fold) };
}

/** The three index columns of an entry, from its folded texts. */
export function foldedIndexColumns(folded: EntryTexts): { headline: string; details: string; notes: string } {
  return {
    headline: indexTokens(folded.headline),
    details: folded.details.map(indexTokens).join(FIELD_SEPARATOR),
    notes: folded.notes.map(indexTokens).join(FIELD_SEPARATOR),
  };
}

function phrase(term: QueryTerm): string {
  return `"${indexTokens(term.folded)}"`;
}

/**
 * The FTS5 query for a list of terms: every term, as a phrase, somewhere in the entry. The result
 * is bound as a parameter, never spliced into SQL; it contains no double quotes of its own.
 *
 * @example
 * matchExpression(parseQuery("韓琦 青鹽")) //=> '"韩 琦" AND "青 盐"'
 */
export function matchExpression(terms: readonly QueryTerm[]): string {
  return terms.map(phrase).join(" AND ");
}

/**
 * The FTS5 query for entries whose headline holds any of the terms (to rank them first).
 *
 * @example
 * headlineExpression(parseQuery("韓琦 青鹽")) //=> 'headline : ("韩 琦" OR "青 盐")'
 */
export function headlineExpression(terms: readonly QueryTerm[]): string {
  return `headline : (${terms.map(phrase).join(" OR ")})`;
}
