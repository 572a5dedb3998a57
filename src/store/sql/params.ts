/** Positional parameters (`$1`, `$2`…) collected while an SQL statement is built. */
export class SqlParams {
  readonly values: unknown[] = [];

  /**
   * Binds a value and returns its placeholder, with a cast when given.
   *
   * @example
   * const p = new SqlParams()
   * p.add("元昊") //=> "$1"
   * p.add([1, 2], "int[]") //=> "$2::int[]"
   */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ""}`;
  }
}
