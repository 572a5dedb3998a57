/**
 * Nesting overlapping marks over a text (mentions, search matches, variant readings, notes) into
 * a tree of non-crossing ranges, so that each can become one element: a mark that crosses the end
 * of an enclosing one is split in two.
 */

/** A range to mark, in offsets of the text being rendered. */
export interface Mark<T> {
  start: number;
  end: number;
  /** Lower ranks enclose higher ones when two marks cover the same characters. */
  rank: number;
  value: T;
}

/** A node of the nested tree: text, or a mark with children. */
export type MarkNode<T> =
  | { type: "text"; start: number; end: number }
  | { type: "mark"; mark: Mark<T>; start: number; end: number; children: MarkNode<T>[] };

/**
 * Nests marks over `[0, length)`: each mark becomes one node, split where it would cross an
 * enclosing node's end; empty and out-of-range marks are dropped.
 *
 * @example
 * nestMarks(6, [{ start: 0, end: 4, rank: 0, value: "a" }, { start: 2, end: 6, rank: 1, value: "b" }])
 * //=> a[0–2 text, b[2–4]], b[4–6]
 */
export function nestMarks<T>(length: number, marks: readonly Mark<T>[]): MarkNode<T>[] {
  const sorted = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(length, m.end) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  return build(0, length, sorted);
}

function build<T>(from: number, to: number, marks: Mark<T>[]): MarkNode<T>[] {
  const out: MarkNode<T>[] = [];
  let at = from;
  let i = 0;
  while (i < marks.length) {
    const mark = marks[i]!;
    i++;
    const start = Math.max(mark.start, at);
    if (start >= mark.end || start >= to) continue;
    const end = Math.min(mark.end, to);
    if (start > at) out.push({ type: "text", start: at, end: start });
    // marks that start inside this one go inside it, clipped; their remainders come back after it
    const inner: Mark<T>[] = [];
    const rest: Mark<T>[] = [];
    while (i < marks.length && marks[i]!.start < end) {
      const m = marks[i]!;
      inner.push(m);
      if (m.end > end) rest.push({ ...m, start: end });
      i++;
    }
    if (mark.end > end) rest.push({ ...mark, start: end });
    out.push({ type: "mark", mark, start, end, children: build(start, end, inner) });
    at = end;
    if (rest.length) {
      marks = [...rest, ...marks.slice(i)].sort(
        (a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank,
      );
      i = 0;
    }
  }
  if (at < to) out.push({ type: "text", start: at, end: to });
  return out;
}
