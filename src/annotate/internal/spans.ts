/** A half-open range of offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Chooses non-overlapping spans, leftmost first and, among those starting at the same place,
 * longest first (ties keep the input order). Linear after one sort.
 *
 * @example
 * leftmostLongest([{ start: 0, end: 2 }, { start: 0, end: 3 }, { start: 2, end: 4 }, { start: 3, end: 5 }])
 * //=> [{ start: 0, end: 3 }, { start: 3, end: 5 }]
 */
export function leftmostLongest<S extends Span>(spans: readonly S[]): S[] {
  const sorted = spans
    .map((span, index) => ({ span, index }))
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.index - b.index);
  const out: S[] = [];
  let cursor = Number.NEGATIVE_INFINITY;
  for (const { span } of sorted) {
    if (span.start < cursor) continue;
    out.push(span);
    cursor = span.end;
  }
  return out;
}

/**
 * `leftmostLongest` for spans already ordered by start and, at one start, longest first: one
 * pass, no sorting.
 */
export function leftmostLongestSorted<S extends Span>(spans: readonly S[]): S[] {
  const out: S[] = [];
  let cursor = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    if (span.start < cursor) continue;
    out.push(span);
    cursor = span.end;
  }
  return out;
}

/** True when two spans share at least one offset. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
