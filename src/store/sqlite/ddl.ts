import type { AnyTable, Column } from "../schema.ts";

/** Quotes an SQL identifier. */
export function quoteId(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The definition of one column, as CREATE TABLE and ALTER TABLE … ADD COLUMN write it. */
export function columnSql(name: string, column: Column<unknown>): string {
  const spec = column.spec;
  const parts = [quoteId(name), spec.type.toUpperCase()];
  if (spec.primaryKey) parts.push("PRIMARY KEY");
  else if (!spec.nullable) parts.push("NOT NULL");
  if (spec.unique) parts.push("UNIQUE");
  if (spec.json) parts.push(`CHECK (${quoteId(name)} IS NULL OR json_valid(${quoteId(name)}))`);
  if (spec.references) {
    parts.push(
      `REFERENCES ${quoteId(spec.references.table)}("id") ON DELETE ${spec.references.onDelete.toUpperCase()}`,
    );
  }
  return parts.join(" ");
}

/**
 * The SQLite statements that create a declared table and its indexes (STRICT tables, so values
 * keep the declared types).
 *
 * @example
 * tableDdl(corpora)[0]
 * //=> 'CREATE TABLE "corpora" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL UNIQUE, …) STRICT'
 */
export function tableDdl(table: AnyTable): string[] {
  const lines = Object.entries(table.columns).map(([name, column]) => columnSql(name, column));
  for (const columns of table.unique) lines.push(`UNIQUE (${columns.map(quoteId).join(", ")})`);
  const statements = [`CREATE TABLE ${quoteId(table.name)} (\n  ${lines.join(",\n  ")}\n) STRICT`];
  for (const columns of table.indexes) {
    const name = `${table.name}_${columns.join("_")}`;
    statements.push(
      `CREATE INDEX ${quoteId(name)} ON ${quoteId(table.name)} (${columns.map(quoteId).join(", ")})`,
    );
  }
  return statements;
}

/**
 * An INSERT statement of `rows` rows (one by default), with one positional parameter per column
 * of each, for the given columns.
 *
 * @example
 * insertSql("notes", ["entry_id", "text"]) //=> 'INSERT INTO "notes" ("entry_id", "text") VALUES (?, ?)'
 * insertSql("notes", ["entry_id", "text"], 2) //=> 'INSERT INTO "notes" ("entry_id", "text") VALUES (?, ?), (?, ?)'
 */
export function insertSql(table: string, columns: readonly string[], rows = 1): string {
  if (!(Number.isSafeInteger(rows) && rows >= 1))
    throw new Error(`Expected a number of rows ≥ 1, got ${rows}`);
  const row = `(${columns.map(() => "?").join(", ")})`;
  return `INSERT INTO ${quoteId(table)} (${columns.map(quoteId).join(", ")}) VALUES ${Array(rows).fill(row).join(", ")}`;
}
