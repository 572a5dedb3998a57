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
import { type CharPostings, type CharRow, charRow } from "./chars.ts";
import { type EntryTexts, foldTexts } from "./fts.ts";

/**
 * The pair index: one row per entry (rowid = `entries.id`), three columns, as `entry_fts`. FTS5
 * merges 16 segments of a level at a time instead of 4: its many terms make each merge costly,
 * at the price of more segments to look a term up in (three- and four-character searches about
 * 1 ms slower on the benchmark's corpus).
 *
 * It is not written when entries are: `pairs_pending` lists the entries it does not hold yet (a
 * trigger adds each new entry), and `PairIndex.step` indexes them later, a slice at a time, while
 * the server is idle. A search uses the pair index only when nothing is pending; until then it
 * ranks in `entry_fts`, with the same results. The per-character postings (`chars.ts`) of new
 * entries are made by the same steps, and used on the same condition.
 */
export const PAIRS_DDL = [
  `CREATE VIRTUAL TABLE "entry_pairs" USING fts5(headline, details, notes, tokenize = 'ascii', content = '', contentless_delete = 1)`,
  `INSERT INTO "entry_pairs" ("entry_pairs", rank) VALUES ('automerge', 16)`,
  `CREATE TABLE "pairs_pending" ("entry_id" INTEGER PRIMARY KEY)`,
  `CREATE TRIGGER "entries_insert_pairs" AFTER INSERT ON "entries" BEGIN INSERT OR IGNORE INTO "pairs_pending" ("entry_id") VALUES (new.id); END`,
  `CREATE TRIGGER "entries_delete_pairs" AFTER DELETE ON "entries" BEGIN DELETE FROM "entry_pairs" WHERE rowid = old.id; DELETE FROM "pairs_pending" WHERE "entry_id" = old.id; END`,
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

/** How many pending entries one slice of `PairIndex.step` indexes at most, by default. */
export const PAIR_SLICE = 256;

/**
 * The pair index of one database: whether it is complete, and its pending entries indexed a
 * slice at a time.
 */
export class PairIndex {
  private readonly statements: {
    pending: Database.Statement;
    next: Database.Statement;
    entries: Database.Statement;
    details: Database.Statement;
    notes: Database.Statement;
    insert: Database.Statement;
    done: Database.Statement;
    posted: Database.Statement;
  };

  constructor(
    private readonly db: Database.Database,
    private readonly chars: CharPostings,
    private readonly sliceEntries = PAIR_SLICE,
  ) {
    const texts = (table: string) =>
      db.prepare(
        `SELECT entry_id AS id, text FROM ${table} WHERE entry_id BETWEEN ? AND ? ORDER BY entry_id, ord`,
      );
    this.statements = {
      pending: db.prepare('SELECT EXISTS (SELECT 1 FROM "pairs_pending") AS n').pluck(),
      next: db.prepare('SELECT "entry_id" FROM "pairs_pending" ORDER BY "entry_id" LIMIT ?').pluck(),
      entries: db.prepare("SELECT id, headline FROM entries WHERE id BETWEEN ? AND ? ORDER BY id"),
      details: texts("details"),
      notes: texts("notes"),
      insert: db.prepare(
        'INSERT INTO "entry_pairs" (rowid, "headline", "details", "notes") VALUES (?, ?, ?, ?)',
      ),
      done: db.prepare('DELETE FROM "pairs_pending" WHERE "entry_id" BETWEEN ? AND ?'),
      posted: db.prepare('SELECT "entry_id" FROM "entry_tokens" WHERE "entry_id" BETWEEN ? AND ?').pluck(),
    };
  }

  /** Whether every stored entry is in the pair index and the postings (a read of one row). */
  complete(): boolean {
    return this.statements.pending.get() === 0;
  }

  /**
   * Indexes pending entries, in slices of up to `sliceEntries` entries, each in its own transaction, for
   * about `budgetMs` milliseconds (at least one slice). Runs only outside a transaction: the
   * caller's writes come first. Returns whether entries are still pending.
   */
  step(budgetMs: number): boolean {
    const until = performance.now() + budgetMs;
    // Nothing pending: a read, no write transaction.
    if (this.complete()) return false;
    do {
      if (this.db.inTransaction) return true;
      const more = this.db.transaction(() => this.slice()).immediate();
      if (!more) return false;
    } while (performance.now() < until);
    return true;
  }

  /**
   * Indexes the next pending entries (in one transaction): their pairs, and their postings where
   * they have none yet (those made when the postings were filled whole, `CharPostings.fill`);
   * returns whether more are pending.
   */
  private slice(): boolean {
    const s = this.statements;
    const ids = s.next.all(this.sliceEntries + 1) as number[];
    if (ids.length === 0) return false;
    const batch = ids.slice(0, this.sliceEntries);
    const first = batch[0]!;
    const last = batch.at(-1)!;
    // Every entry with an id in the range: those pending, and (when ids were reused) none other,
    // since an entry leaves the list only when its row is added.
    const pending = new Set(batch);
    const texts = (statement: Database.Statement) => {
      const byEntry = new Map<number, string[]>();
      for (const r of statement.iterate(first, last) as Iterable<{ id: number; text: string }>) {
        if (!pending.has(r.id)) continue;
        const list = byEntry.get(r.id);
        if (list) list.push(r.text);
        else byEntry.set(r.id, [r.text]);
      }
      return byEntry;
    };
    const details = texts(s.details);
    const notes = texts(s.notes);
    const posted = new Set(s.posted.all(first, last) as number[]);
    const postings: CharRow[] = [];
    for (const { id, headline } of s.entries.all(first, last) as { id: number; headline: string }[]) {
      if (!pending.has(id)) continue;
      const folded = foldTexts({ headline, details: details.get(id) ?? [], notes: notes.get(id) ?? [] });
      const columns = pairColumns(folded);
      s.insert.run(id, columns.headline, columns.details, columns.notes);
      if (!posted.has(id)) postings.push(charRow(id, folded));
    }
    this.chars.add(postings);
    s.done.run(first, last);
    return ids.length > this.sliceEntries;
  }

  /** Empties the index and lists every stored entry as pending (the index made again). */
  resetAll(): void {
    this.db.exec(`INSERT INTO "entry_pairs" ("entry_pairs") VALUES ('delete-all')`);
    this.db.exec('INSERT OR IGNORE INTO "pairs_pending" ("entry_id") SELECT id FROM entries');
  }
}
