/**
 * The SQLite schema this code writes and the migrations that bring an older database to it, step
 * by step (`migrate.ts` runs them, in one transaction).
 */
import type Database from "better-sqlite3";
import { FOLD_VERSION } from "../../search/fold.ts";
import { DOCUMENT_INFO_COLUMNS, documentInfoRow, infoOfStoredText } from "../document-info.ts";
import { kindOfRef } from "../rows.ts";
import * as schema from "../schema.ts";
import { moveAnnotations, storedYearState } from "../upgrade.ts";
import { CHARS_DDL, CharPostings } from "./chars.ts";
import { columnSql, insertSql, quoteId, tableDdl } from "./ddl.ts";
import { FTS_DDL } from "./fts.ts";
import type { Migration, MigrationPlan } from "./migrate.ts";
import { PAIRS_DDL, PairIndex } from "./pairs.ts";
import { FILTER_INDEX_DDL } from "./search-filter.ts";

/** The columns of a declared table that `db` lacks, added at its end. */
function addMissingColumns(db: Database.Database, table: schema.AnyTable, columns: readonly string[]): void {
  const present = new Set(
    (db.prepare(`PRAGMA table_info(${quoteId(table.name)})`).all() as { name: string }[]).map((c) => c.name),
  );
  for (const column of columns) {
    if (present.has(column)) continue;
    db.exec(`ALTER TABLE ${quoteId(table.name)} ADD COLUMN ${columnSql(column, table.columns[column]!)}`);
  }
}

/**
 * Version 1 → 2: what each document is (work, juan, section… and title), read again from each
 * stored text by the parser, as the ingest now stores it.
 */
export const DOCUMENT_INFO_MIGRATION: Migration = {
  version: 2,
  description: "documents know their work, juan, section and title",
  up(db) {
    const columns = Object.values(DOCUMENT_INFO_COLUMNS);
    addMissingColumns(db, schema.documents, columns);
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

/**
 * Version 2 → 3: annotations in their tables. The `entities`, `mentions` and `events` tables
 * that version 2 declared but never filled are made again with their new columns, beside
 * `event_roles`; every entry's mentions and events move out of its `extra` JSON into them; each
 * year gets its reckoning state from its entries' stored dates. Documents stored before keep no
 * document-wide annotation (`documents.annotation` stays null).
 */
export const ANNOTATIONS_MIGRATION: Migration = {
  version: 3,
  description: "annotations in their tables: entities, mentions, events and roles; years know their state",
  up(db) {
    for (const name of ["event_roles", "mentions", "events", "entities"])
      db.exec(`DROP TABLE IF EXISTS ${quoteId(name)}`);
    for (const table of [schema.entities, schema.mentions, schema.events, schema.eventRoles])
      for (const statement of tableDdl(table)) db.exec(statement);
    addMissingColumns(db, schema.documents, ["annotation"]);
    addMissingColumns(db, schema.years, ["reckoning_state"]);
    db.exec(`CREATE INDEX IF NOT EXISTS "years_reckoning_state" ON "years" ("reckoning_state")`);

    const entityIds = new Map<string, number>();
    const addEntity = db.prepare("INSERT INTO entities (ref, kind, name) VALUES (?, ?, ?)");
    const entity = (ref: string | null, name: string): number | null => {
      if (ref === null) return null;
      let id = entityIds.get(ref);
      if (id === undefined) {
        id = Number(addEntity.run(ref, kindOfRef(ref), name).lastInsertRowid);
        entityIds.set(ref, id);
      }
      return id;
    };
    const insert = (table: schema.AnyTable) => {
      const columns = Object.keys(table.columns).filter((c) => c !== "id");
      const statement = db.prepare(insertSql(table.name, columns));
      return (row: Record<string, unknown>) =>
        Number(statement.run(columns.map((c) => row[c])).lastInsertRowid);
    };
    const addMention = insert(schema.mentions);
    const addEvent = insert(schema.events);
    const addRole = insert(schema.eventRoles);
    const setExtra = db.prepare("UPDATE entries SET extra = ? WHERE id = ?");
    const rows = db
      .prepare("SELECT id, extra FROM entries WHERE extra IS NOT NULL ORDER BY document_id, ord")
      .all() as { id: number; extra: string }[];
    for (const row of rows) {
      const moved = moveAnnotations(row.extra);
      for (const { ref, ...m } of moved.mentions)
        addMention({ ...m, entry_id: row.id, entity_id: entity(ref, m.text) });
      for (const { event, roles } of moved.events) {
        const eventId = addEvent({ ...event, entry_id: row.id });
        for (const { ref, ...r } of roles)
          addRole({ ...r, event_id: eventId, entity_id: entity(ref, r.text) });
      }
      if (moved.extra !== row.extra) setExtra.run(moved.extra, row.id);
    }

    const setState = db.prepare("UPDATE years SET reckoning_state = ? WHERE id = ?");
    const datesOf = db.prepare("SELECT date FROM entries WHERE year_id = ? ORDER BY ord").pluck();
    const years = db.prepare("SELECT id, state, era FROM years").all() as {
      id: number;
      state: string | null;
      era: string | null;
    }[];
    for (const year of years) {
      const dates = year.state === null && year.era !== null ? (datesOf.all(year.id) as string[]) : [];
      setState.run(storedYearState(year, dates), year.id);
    }
  },
};

/**
 * Version 3 → 4: the days each year heading covers. Documents stored before have none (the
 * column stays NULL), and are dated again from their text where they are needed.
 */
export const HEADING_DATES_MIGRATION: Migration = {
  version: 4,
  description: "years keep the days their heading covers",
  up(db) {
    addMissingColumns(db, schema.years, ["date"]);
  },
};

/** Version 4 → 5: the readers' corrections of the annotations (`../corrections.ts`). */
export const CORRECTIONS_MIGRATION: Migration = {
  version: 5,
  description: "the readers' corrections of the annotations",
  up(db) {
    // A database made by an older version's tests may hold the table already.
    for (const statement of tableDdl(schema.corrections))
      db.exec(statement.replace(/^CREATE (TABLE|INDEX) /, "CREATE $1 IF NOT EXISTS "));
  },
};

/**
 * Version 5 → 6: per-character postings of the search index for one-character searches
 * (`chars.ts`), filled from the stored texts.
 */
export const CHAR_POSTINGS_MIGRATION: Migration = {
  version: 6,
  description: "per-character postings for one-character searches",
  up(db) {
    for (const statement of CHARS_DDL) db.exec(statement);
    new CharPostings(db).fill();
  },
};

/**
 * Version 6 → 7: the index of character pairs for searches of two characters or more
 * (`pairs.ts`), with every stored entry pending (indexed later, while the server is idle), and
 * the narrow index of the entries that filtered searches join through (`search-filter.ts`).
 */
export const PAIRS_MIGRATION: Migration = {
  version: 7,
  description: "an index of character pairs for searches of two characters or more",
  up(db) {
    for (const statement of [...PAIRS_DDL, ...FILTER_INDEX_DDL]) db.exec(statement);
    new PairIndex(db, new CharPostings(db)).resetAll();
  },
};

/** The current schema and how to upgrade to it. */
export const SQLITE_PLAN: MigrationPlan = {
  version: schema.SCHEMA_VERSION,
  create(db) {
    for (const table of schema.tables) for (const statement of tableDdl(table)) db.exec(statement);
    for (const statement of [...FTS_DDL, ...CHARS_DDL, ...PAIRS_DDL, ...FILTER_INDEX_DDL]) db.exec(statement);
    db.prepare("INSERT INTO meta (key, value) VALUES ('fold_version', ?)").run(String(FOLD_VERSION));
    new CharPostings(db).recordList();
  },
  migrations: [
    DOCUMENT_INFO_MIGRATION,
    ANNOTATIONS_MIGRATION,
    HEADING_DATES_MIGRATION,
    CORRECTIONS_MIGRATION,
    CHAR_POSTINGS_MIGRATION,
    PAIRS_MIGRATION,
  ],
};
