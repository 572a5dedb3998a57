import type { Point, Position } from "./types.ts";

/**
 * Maps offsets of a text to line/column points. Built once per text in linear time; each lookup
 * is a binary search over line starts.
 */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
    }
  }

  /** The 1-based line and column of `offset` (0-based, UTF-16 code units). */
  point(offset: number): Point {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
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
