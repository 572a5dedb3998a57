/**
 * Opening a SQLite database: for writing (WAL, foreign keys, a busy timeout, the schema created or
 * upgraded), or, when the file cannot be written, for reading only.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { DatabaseWriteError, SchemaVersionError } from "../errors.ts";
import { writeFailure } from "./failures.ts";
import { type MigrationPlan, migrate, readVersion } from "./migrate.ts";

/** SQLite codes of a database that cannot be opened for writing (but may be read). */
const UNWRITABLE = /^SQLITE_(READONLY|CANTOPEN|PERM)/;

/** A database opened, and whether it can only be read. */
export interface Opened {
  db: Database.Database;
  readOnly: boolean;
}

/**
 * Opens a database for writing: WAL mode so readers go on while a document is written, foreign
 * keys on, a busy timeout for concurrent writers; creates or upgrades its schema.
 */
function openWritable(path: string, busyTimeout: number, plan: MigrationPlan): Database.Database {
  const memory = path === ":memory:" || path === "";
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw writeFailure(error, path, busyTimeout) ?? error;
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeout}`);
    if (!memory) db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrate(db, plan, path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && (error as { code?: string }).code === "SQLITE_NOTADB") {
      throw new Error(`${path} is not a SQLite database; choose another file with --db`);
    }
    throw writeFailure(error, path, busyTimeout) ?? error;
  }
}

/** Refuses a database read-only when its schema is not this code's (it cannot be upgraded). */
function checkReadOnlySchema(db: Database.Database, path: string, plan: MigrationPlan): void {
  const version = readVersion(db);
  if (version === plan.version) return;
  if (version === null)
    throw new SchemaVersionError(
      `${path} is not a biannian database (it has no schema_version); choose another file with --db`,
    );
  throw new SchemaVersionError(
    version > plan.version
      ? `${path} has schema version ${version}, but this version of biannian reads version ${plan.version} at most; upgrade biannian to open it`
      : `${path} has schema version ${version} and can only be read, so it cannot be upgraded to version ${plan.version}; open it once where it can be written (biannian ingest) to upgrade it`,
  );
}

/**
 * Opens a database that cannot be written (read-only media, a file or directory that is not the
 * user's) for reading: read-only, or — when SQLite cannot keep the files a WAL database needs
 * beside it, since its directory cannot be written — as a copy in memory, read-only too.
 */
function openReadOnly(path: string, busyTimeout: number, plan: MigrationPlan): Database.Database {
  let db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${busyTimeout}`);
    checkReadOnlySchema(db, path, plan);
    return db;
  } catch (error) {
    db.close();
    const code = error instanceof Database.SqliteError ? error.code : "";
    if (!UNWRITABLE.test(code)) throw error;
  }
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new DatabaseWriteError(
      "cannot-open",
      path,
      `the database ${path} cannot be read: its -wal file holds changes that are not yet in the database, and its directory cannot be written; open it once where it can be written`,
    );
  const bytes = readFileSync(path);
  // A WAL database (file format 2) is read as a rollback-journal one (1): the copy has no WAL.
  if (bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  db = new Database(bytes, { readonly: true });
  try {
    checkReadOnlySchema(db, path, plan);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Opens a database for writing, or, when it exists but cannot be written, for reading. */
export function openDatabase(path: string, busyTimeout: number, plan: MigrationPlan): Opened {
  try {
    return { db: openWritable(path, busyTimeout, plan), readOnly: false };
  } catch (error) {
    const memory = path === ":memory:" || path === "";
    const unwritable =
      error instanceof DatabaseWriteError && (error.reason === "read-only" || error.reason === "cannot-open");
    if (memory || !unwritable || !existsSync(path)) throw error;
    try {
      return { db: openReadOnly(path, busyTimeout, plan), readOnly: true };
    } catch (readError) {
      if (readError instanceof SchemaVersionError || readError instanceof DatabaseWriteError) throw readError;
      throw error;
    }
  }
}
