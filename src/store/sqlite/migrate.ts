import type Database from "better-sqlite3";
import { SchemaVersionError } from "../errors.ts";

/** One upgrade step: from `version - 1` to `version`. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/** How to bring a database to the current schema. */
export interface MigrationPlan {
  /** The schema version the code writes. */
  version: number;
  /** Creates the current schema in an empty database. */
  create(db: Database.Database): void;
  /** Upgrades from older versions, in order. */
  migrations: readonly Migration[];
}

/** The schema version of a database: null when it has no `schema_version` table, 0 when it is empty. */
export function readVersion(db: Database.Database): number | null {
  const table = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!table) return null;
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/**
 * Brings a database to `plan.version`: an empty database gets the current schema, an older one
 * runs each migration it lacks — all in one transaction; a newer one is refused.
 *
 * @param label how to name the database in errors (its path)
 * @returns the version found and the version now
 * @throws SchemaVersionError for a newer schema, or a database with tables but no `schema_version`
 */
export function migrate(
  db: Database.Database,
  plan: MigrationPlan,
  label: string,
): { from: number; to: number } {
  // An up-to-date database needs no write lock: opening it never waits for a running ingest.
  const current = readVersion(db);
  if (current === plan.version) return { from: current, to: current };
  return db
    .transaction(() => {
      const found = readVersion(db);
      if (found === null) {
        const tables = db
          .prepare(
            "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
          .get() as { n: number };
        if (tables.n > 0) {
          throw new SchemaVersionError(
            `${label} is not a biannian database (it has tables but no schema_version); choose another file with --db`,
          );
        }
        plan.create(db);
        db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(plan.version);
        return { from: 0, to: plan.version };
      }
      if (found > plan.version) {
        throw new SchemaVersionError(
          `${label} has schema version ${found}, but this version of biannian reads version ${plan.version} at most; upgrade biannian to open it`,
        );
      }
      for (const migration of plan.migrations) {
        if (migration.version <= found || migration.version > plan.version) continue;
        migration.up(db);
        db.prepare("UPDATE schema_version SET version = ?").run(migration.version);
      }
      const now = readVersion(db) ?? 0;
      if (now !== plan.version) {
        throw new SchemaVersionError(
          `${label} has schema version ${now} and no migration leads to ${plan.version}`,
        );
      }
      return { from: found, to: now };
    })
    .immediate();
}
