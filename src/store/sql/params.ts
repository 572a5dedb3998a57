/**
 * Positional parameters (`$1`, `$2`…) collected while an SQL statement is built. Both backends
 * read `$n`: PostgreSQL as positional parameters, SQLite as named ones (`{1: …, 2: …}`). Casts
 * (`$1::bigint`) are written only for PostgreSQL, whose planner needs the types of some values;
 * SQLite has no cast syntax and needs none.
 */
export class SqlParams {
  readonly values: unknown[];

  /**
   * @param casts whether to write casts (PostgreSQL) or not (SQLite)
   * @param values the values bound so far (see `copy`)
   */
  constructor(
    readonly casts: boolean,
    values: readonly unknown[] = [],
  ) {
    this.values = [...values];
  }

  /**
   * Binds a value and returns its placeholder, with a cast when given and the dialect has them.
   *
   * @example
   * const p = new SqlParams(true)
   * p.add("元昊") //=> "$1"
   * p.add([1, 2], "int[]") //=> "$2::int[]"
   * new SqlParams(false).add(1, "bigint") //=> "$1"
   */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast && this.casts ? `::${cast}` : ""}`;
  }

  /** The same values, to go on binding others for a second statement with the same conditions. */
  copy(): SqlParams {
    return new SqlParams(this.casts, this.values);
  }
}
