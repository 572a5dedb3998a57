/**
 * Rows written to PostgreSQL by the store and by its migrations: a declared table's rows in one
 * statement (one array parameter per column), and new ids from a table's sequence.
 */
import pg from "pg";
import { StoreError } from "../errors.ts";
import type * as schema from "../schema.ts";
import { arrayType, quoteId, unnestInsertSql } from "./ddl.ts";

/** Columns of a declared table in order, with or without its `id`, with their array types. */
function columnsOf(table: schema.AnyTable, withId: boolean): [string, string][] {
  return Object.entries(table.columns)
    .filter(([name]) => name !== "id" || withId)
    .map(([name, column]) => [name, arrayType(column)]);
}

/** Inserts rows of a declared table (every column, `id` included), one array parameter per column. */
export async function insertRows(
  client: pg.PoolClient,
  table: schema.AnyTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(table, true);
  const values = columns.map(([name]) =>
    rows.map((row) => {
      const value = row[name];
      if (value === undefined) throw new Error(`Expected a value for ${table.name}.${name}`);
      return value;
    }),
  );
  const sql = unnestInsertSql(table.name, columns);
  try {
    await client.query(sql, values);
  } catch (error) {
    if (error instanceof pg.DatabaseError) throw new StoreError(error.message, sql, values, { cause: error });
    throw error;
  }
}

/** `count` new ids of a table, in increasing order. */
export async function allocateIds(client: pg.PoolClient, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await client.query<{ id: number }>(
    "SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2)",
    [quoteId(table), count],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
