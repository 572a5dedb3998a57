/** Helpers of the tests of SQLite's per-character postings (`src/store/sqlite/chars.ts`). */
import type Database from "better-sqlite3";

/** Takes the postings out of a database, as a database of schema version 5 or older was. */
export function dropCharPostings(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER "entries_delete_chars";
    DROP TABLE "entry_chars_vocab";
    DROP TABLE "entry_chars";
    DROP TABLE "entry_tokens";
  `);
}
