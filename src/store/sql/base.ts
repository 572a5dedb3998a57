/**
 * The ground of the SQL store (`./store.ts`): the dialect it runs on, its parameter lists, and
 * the small helpers every part of it shares.
 */
import type { EntryFilter } from "../types.ts";
import type { CorrectionScope } from "./corrected.ts";
import type { Dialect } from "./dialect.ts";
import { filterSql, joinsFor } from "./filter.ts";
import { SqlParams } from "./params.ts";

/** Most values one statement binds when it lists ids or keys (far below both backends' limits). */
const CHUNK = 500;

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Groups rows by their `entry_id`, keeping their order. */
export function byEntry<T extends { entry_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.entry_id);
    if (list) list.push(row);
    else map.set(row.entry_id, [row]);
  }
  return map;
}

/** The dialect a SQL store runs on, and the helpers its statements share. */
export class SqlStoreBase {
  constructor(protected readonly sql: Dialect) {}

  /** A parameter list for one statement of this dialect. */
  protected params(): SqlParams {
    return new SqlParams(this.sql.casts);
  }

  protected async one<R>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return (await this.sql.all<R>(sql, params))[0];
  }

  /** The joins and condition of an entry filter over `entries e` (nothing when it keeps every entry). */
  protected scope(
    filter: EntryFilter,
    params: SqlParams,
    corrected?: CorrectionScope,
  ): { joins: string; condition: string } {
    const { conditions, needsCorpus } = filterSql(filter, params, corrected);
    if (conditions.length === 0) return { joins: "", condition: "" };
    return { joins: joinsFor(needsCorpus), condition: conditions.join(" AND ") };
  }
}
