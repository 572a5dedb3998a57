/** A database operation that failed, with the statement and its parameters (long values cut). */
export class StoreError extends Error {
  override name = "StoreError";
  constructor(
    message: string,
    readonly statement: string,
    readonly parameters: unknown,
    options?: { cause?: unknown },
  ) {
    super(
      `${message}\n  in: ${statement.replace(/\s+/g, " ").trim()}\n  with: ${describe(parameters)}`,
      options,
    );
  }
}

function describe(parameters: unknown): string {
  return JSON.stringify(parameters, (_key, value: unknown) =>
    typeof value === "string" && value.length > 80
      ? `${value.slice(0, 80)}… (${value.length} characters)`
      : value,
  );
}

/** A database this code cannot open: newer than the code, or not a biannian database. */
export class SchemaVersionError extends Error {
  override name = "SchemaVersionError";
}

/** Why a database refused a write, or to be opened for one. */
export type WriteFailure = "busy" | "full" | "read-only" | "cannot-open";

/**
 * A write the database refused for a reason outside the program: another process held it for
 * writing past the busy timeout (`busy`), its disk is full (`full`), or it cannot be written
 * (`read-only`), or it cannot even be opened (`cannot-open`: a missing or read-only directory
 * or disk, where SQLite cannot keep the files it needs beside the database). The message names the database and says what to do; `cause` keeps the
 * driver's error (and, for a statement, the `StoreError` with the statement and parameters).
 *
 * @example
 * new DatabaseWriteError("full", "/data/biannian.db", "the database /data/biannian.db is full: …").reason //=> "full"
 */
export class DatabaseWriteError extends Error {
  override name = "DatabaseWriteError";
  constructor(
    readonly reason: WriteFailure,
    /** The database as it may be printed: a file path (or a URL without its password). */
    readonly database: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
