import type { Point, Position } from "./types.ts";

/**
 * Maps offsets of a text to line/column points. Built once per text in linear time; each lookup
 * is a binary search over line starts.
 */
export class LineIndex {
  readonly #starts: number[] = [0];
  /** The line of the last lookup: positions are mostly asked for in text order. */
  #last = 0;

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.#starts.push(i + 1);
  }

  /** The 1-based line and column of `offset` (0-based, UTF-16 code units). */
  point(offset: number): Point {
    const starts = this.#starts;
    const last = this.#last;
    if (starts[last]! <= offset && (last + 1 >= starts.length || offset < starts[last + 1]!)) {
      return { line: last + 1, column: offset - starts[last]! + 1, offset };
    }
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.#last = lo;
    return { line: lo + 1, column: offset - this.#starts[lo]! + 1, offset };
  }

  /** The position of the range `[start, end)`. */
  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }

  /** The offset where 1-based `line` starts. */
  lineStart(line: number): number {
    return this.#starts[line - 1] ?? 0;
  }
}
