/**
 * The pair index of SQLite's search: a second FTS5 table, `entry_pairs`, over the same entries as
 * `entry_fts`, whose tokens are the pairs of neighbouring code points of the folded text (`契丹`)
 * instead of the code points themselves. A term of two characters or more is a phrase of its pairs
 * (`契丹主` is `"契丹 丹主"`), which matches exactly where the term stands in the text, and its
 * hits in each column are the term's hits; but FTS5 reads the position lists of pairs, which are
 * short, instead of those of single characters, which for 之, 以 or 不 run through most entries.
 * See `src/search/README.md` (“Pairs on SQLite”).
 *
 * Each field ends with a token no query can produce (`zy`), and fields of one column are
 * separated as in `entry_fts` (`zz`): a field of n code points has n − 1 pairs and its end, so
 * every column of every row has as many tokens as in `entry_fts`. FTS5's totals (rows, tokens per
 * column) and each row's size are then those of `entry_fts`, and so is `bm25(entry_pairs, 4, 1, 1)`
 * of a query made of pairs: the same scores, to the bit, from FTS5's own code.
 */
import type Database from "better-sqlite3";
import type { QueryTerm } from "../../search/query.ts";
import { type EntryTexts, foldTexts } from "./fts.ts";

/**
 * The pair index: one row per entry (rowid = `entries.id`), three columns, as `entry_fts`. FTS5
 * merges 16 segments of a level at a time instead of 4: its many terms make each merge costly
 * (the store step of the bundled corpus 13% quicker), at the price of more segments to look a
 * term up in (three- and four-character searches about 1 ms slower on the benchmark's corpus).
 */
export const PAIRS_DDL = [
  `CREATE VIRTUAL TABLE "entry_pairs" USING fts5(headline, details, notes, tokenize = 'ascii', content = '', contentless_delete = 1)`,
  `INSERT INTO "entry_pairs" ("entry_pairs", rank) VALUES ('automerge', 16)`,
  `CREATE TRIGGER "entries_delete_pairs" AFTER DELETE ON "entries" BEGIN DELETE FROM "entry_pairs" WHERE rowid = old.id; END`,
];

/** The token that ends a field: one per field, standing for its last code point. */
const FIELD_END = "zy";
/** Between two details (or notes) of one entry, as in `entry_fts`. */
const FIELD_SEPARATOR = "zz";

/** `q` and two hex digits for each ASCII code point (which the `ascii` tokenizer would split or fold). */
const ASCII = Array.from({ length: 0x80 }, (_, code) => `q${code.toString(16).padStart(2, "0")}`);

/** A code point as it stands in a pair: itself, or `q` and two hex digits when ASCII. */
const part = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x80 ? ASCII[code]! : char;
};

/**
 * Adds the tokens of one folded field to `out`: each pair of neighbouring code points, then the
 * field's end (nothing for an empty field).
 */
function addFieldTokens(folded: string, out: string[]): void {
  let previous: string | null = null;
  for (const char of folded) {
    const token = part(char);
    if (previous !== null) out.push(previous + token);
    previous = token;
  }
  if (previous !== null) out.push(FIELD_END);
}

/** The tokens of one column: its fields' tokens, separated. */
function columnTokens(fields: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out.push(FIELD_SEPARATOR);
    addFieldTokens(fields[i]!, out);
  }
  return out.join(" ");
}

/**
 * The three columns of an entry's row of `entry_pairs`, from its folded texts.
 *
 * @example
 * pairColumns({ headline: "契丹主", details: ["a,", "之"], notes: [] })
 * //=> { headline: "契丹 丹主 zy", details: "q61q2c zy zz zy", notes: "" }
 */
export function pairColumns(folded: EntryTexts): { headline: string; details: string; notes: string } {
  return {
    headline: columnTokens([folded.headline]),
    details: columnTokens(folded.details),
    notes: columnTokens(folded.notes),
  };
}

/** Whether the pair index can answer the terms: every one has two code points or more. */
export function pairTerms(terms: readonly QueryTerm[]): boolean {
  return terms.every((t) => {
    let n = 0;
    for (const _ of t.folded) if (++n >= 2) return true;
    return false;
  });
}

/** A term as a phrase of its pairs. */
function phrase(term: QueryTerm): string {
  const out: string[] = [];
  addFieldTokens(term.folded, out);
  out.pop();
  return `"${out.join(" ")}"`;
}

/**
 * The FTS5 queries of `entry_pairs` for terms of two code points or more: every term somewhere in
 * the entry, and any of them in the headline (as `fts.ts` makes them for `entry_fts`). Bound as
 * parameters, never spliced into SQL; they hold no double quotes of their own.
 *
 * @example
 * pairExpressions(parseQuery("韓琦 青鹽"))
 * //=> { match: '"韩琦" AND "青盐"', headline: 'headline : ("韩琦" OR "青盐")' }
 */
export function pairExpressions(terms: readonly QueryTerm[]): { match: string; headline: string } {
  const phrases = terms.map(phrase);
  return { match: phrases.join(" AND "), headline: `headline : (${phrases.join(" OR ")})` };
}

/** Adds entries' rows to `entry_pairs` (inside the caller's transaction). */
export function addPairRows(db: Database.Database, rows: Iterable<{ id: number; folded: EntryTexts }>): void {
  const insert = db.prepare(
    'INSERT INTO "entry_pairs" (rowid, "headline", "details", "notes") VALUES (?, ?, ?, ?)',
  );
  for (const { id, folded } of rows) {
    const columns = pairColumns(folded);
    insert.run(id, columns.headline, columns.details, columns.notes);
  }
}

/** Fills `entry_pairs` from every stored entry's texts (the migration that adds it). */
export function fillPairs(db: Database.Database): void {
  const texts = (table: string) => {
    const byEntry = new Map<number, string[]>();
    const rows = db
      .prepare(`SELECT entry_id, text FROM ${table} ORDER BY entry_id, ord`)
      .iterate() as Iterable<{ entry_id: number; text: string }>;
    for (const r of rows) {
      const list = byEntry.get(r.entry_id);
      if (list) list.push(r.text);
      else byEntry.set(r.entry_id, [r.text]);
    }
    return byEntry;
  };
  const details = texts("details");
  const notes = texts("notes");
  // Read whole: the connection runs no other statement while one is iterated.
  const entries = db.prepare("SELECT id, headline FROM entries ORDER BY id").all() as {
    id: number;
    headline: string;
  }[];
  function* rows() {
    for (const { id, headline } of entries)
      yield {
        id,
        folded: foldTexts({ headline, details: details.get(id) ?? [], notes: notes.get(id) ?? [] }),
      };
  }
  addPairRows(db, rows());
}
