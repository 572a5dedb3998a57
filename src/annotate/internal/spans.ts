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

/** The spans sorted by start, and the greatest end among the first `i + 1` of them: see `overlapsAny`. */
interface SpanIndex {
  starts: Float64Array;
  reach: Float64Array;
}

const SPAN_INDEXES = new WeakMap<readonly Span[], SpanIndex>();
/** Below this many spans a loop over them is as quick as the index. */
const FEW_SPANS = 8;

/**
 * True when one of `spans` shares an offset with `start`…`end`. A long list (the inline notes and
 * titles of a long paragraph) is indexed once, when first asked about: a binary search then, so
 * that asking once for each name of a paragraph stays linear. The list must not change after.
 *
 * @example
 * overlapsAny([{ start: 2, end: 5 }], 4, 6) //=> true
 */
export function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  if (spans.length <= FEW_SPANS) {
    for (let k = 0; k < spans.length; k++) if (spans[k]!.start < end && start < spans[k]!.end) return true;
    return false;
  }
  let index = SPAN_INDEXES.get(spans);
  if (index === undefined) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    const starts = new Float64Array(sorted.length);
    const reach = new Float64Array(sorted.length);
    let most = Number.NEGATIVE_INFINITY;
    sorted.forEach((s, k) => {
      starts[k] = s.start;
      most = Math.max(most, s.end);
      reach[k] = most;
    });
    index = { starts, reach };
    SPAN_INDEXES.set(spans, index);
  }
  // The spans that start before `end` are the first `lo`; one of them reaches past `start` when the
  // greatest of their ends does.
  const { starts, reach } = index;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && reach[lo - 1]! > start;
}
