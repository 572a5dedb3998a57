/**
 * An entry's rows in SQLite's three search tables — `entry_fts` (`fts.ts`), `entry_pairs`
 * (`pairs.ts`) and `entry_chars` (`chars.ts`) — made when the entry is written and added together
 * at the end of the transaction, or of a group of writes, in rowid order: FTS5 writes its pending
 * rows out as a new segment at every savepoint and whenever a rowid is lower than the one before,
 * so rows added as each write goes would make a segment of every write in each table (the store
 * step of the bundled corpus spent a third of its time writing the pair index's segments).
 */
import type Database from "better-sqlite3";
import type { IndexText } from "../sql/dialect.ts";
import { type CharPostings, type CharRow, charRow } from "./chars.ts";
import { foldedIndexColumns, foldTexts } from "./fts.ts";
import { pairColumns } from "./pairs.ts";

/** The three columns of a row of `entry_fts` or `entry_pairs`. */
interface Columns {
  headline: string;
  details: string;
  notes: string;
}

/** An entry's rows of the search tables, not yet added. */
export interface IndexRows {
  id: number;
  fts: Columns;
  pairs: Columns;
  chars: CharRow;
}

/** The search tables' rows of an entry, from its texts. */
export function indexRowsOf(row: IndexText): IndexRows {
  const folded = foldTexts(row);
  return {
    id: row.id,
    fts: foldedIndexColumns(folded),
    pairs: pairColumns(folded),
    chars: charRow(row.id, folded),
  };
}

/** Adds entries' rows to the search tables of one database, with its statements prepared once. */
export class IndexWriter {
  private statements: { fts: Database.Statement; pairs: Database.Statement } | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly chars: CharPostings,
  ) {}

  /** Adds the rows (inside the caller's transaction), each table's in rowid order. */
  add(rows: readonly IndexRows[]): void {
    if (rows.length === 0) return;
    this.statements ??= {
      fts: this.db.prepare("INSERT INTO entry_fts (rowid, headline, details, notes) VALUES (?, ?, ?, ?)"),
      pairs: this.db.prepare("INSERT INTO entry_pairs (rowid, headline, details, notes) VALUES (?, ?, ?, ?)"),
    };
    const { fts, pairs } = this.statements;
    const sorted = [...rows].sort((x, y) => x.id - y.id);
    for (const r of sorted) fts.run(r.id, r.fts.headline, r.fts.details, r.fts.notes);
    for (const r of sorted) pairs.run(r.id, r.pairs.headline, r.pairs.details, r.pairs.notes);
    this.chars.add(sorted.map((r) => r.chars));
  }
}
