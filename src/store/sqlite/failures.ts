/**
 * SQLite's refusals to write, told in words that name the database: another writer holding it
 * past the busy timeout, a full disk (or the database's size limit), a file that cannot be
 * written or opened. Other errors are left as they are.
 */
import Database from "better-sqlite3";
import { DatabaseWriteError } from "../errors.ts";

/** How a database is named in messages. */
function named(path: string): string {
  return path === ":memory:" || path === "" ? "the in-memory database" : `the database ${path}`;
}

/**
 * The clear error for a SQLite error that says the database could not be written, or null
 * for any other error.
 *
 * @param error what the driver threw
 * @param path the database file
 * @param busyTimeout how long the store waited for another writer, in milliseconds
 * @param cause what to keep as the cause (default `error`), e.g. a `StoreError` naming the statement
 * @example
 * writeFailure(sqliteFullError, "/data/biannian.db", 5000)?.message
 * //=> "the database /data/biannian.db is full: there is no room left on its disk …"
 */
export function writeFailure(
  error: unknown,
  path: string,
  busyTimeout: number,
  cause: unknown = error,
): DatabaseWriteError | null {
  if (!(error instanceof Database.SqliteError)) return null;
  const database = named(path);
  if (error.code.startsWith("SQLITE_BUSY")) {
    return new DatabaseWriteError(
      "busy",
      path,
      `${database} is busy: another process has been writing to it for more than ${busyTimeout} ms; try again when it has finished`,
      { cause },
    );
  }
  if (error.code === "SQLITE_FULL") {
    return new DatabaseWriteError(
      "full",
      path,
      `${database} is full: there is no room left on its disk (or it reached its size limit); nothing of the failed write was kept`,
      { cause },
    );
  }
  if (error.code.startsWith("SQLITE_READONLY")) {
    return new DatabaseWriteError(
      "read-only",
      path,
      `${database} cannot be written: the file, its directory or its disk is read-only; make it writable or choose another file with --db`,
      { cause },
    );
  }
  if (error.code.startsWith("SQLITE_CANTOPEN")) {
    return new DatabaseWriteError(
      "cannot-open",
      path,
      `${database} cannot be opened: its file, or the -wal and -shm files kept beside it, cannot be read or created; check that its directory exists and that its disk is not read-only`,
      { cause },
    );
  }
  return null;
}
