/**
 * The timeline's data, indexed for drawing: entries sorted by their first day, a visibility mask
 * that the legend's filters set, and aggregation into bins (how many visible entries of each
 * category start in each bin) or lanes (one bar per entry when few are in view). No DOM here, so
 * the benchmark and the tests run it in Node.
 */
import type { TimelineData } from "../../../src/server/routes/types.ts";

/** Keys of the sort: first day × this + index (days up to 2^31 and 2^21 entries stay exact). */
const INDEX_SPAN = 2 ** 21;

/** What the colours stand for. */
export type ColorBy = "state" | "event" | "document";

/** An entry placed in a lane for drawing. */
export interface LaneItem {
  index: number;
  lane: number;
}

/** The timeline's entries, sorted by first day, with the filters applied. */
export class TimelineIndex {
  readonly count: number;
  /** Entry indices (into the API's arrays) sorted by first day. */
  readonly order: Uint32Array;
  /** First and last day of each entry, in sorted order. */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly first: number;
  readonly last: number;
  /** The longest span of an entry, in days. */
  readonly maxSpan: number;
  /** 1 where the entry (in sorted order) passes the filters. */
  readonly visible: Uint8Array;
  visibleCount: number;
  private readonly categories: Record<ColorBy, Int32Array>;

  constructor(readonly data: TimelineData) {
    const n = data.count;
    if (n > INDEX_SPAN) throw new RangeError(`Expected at most ${INDEX_SPAN} timeline entries, got ${n}`);
    this.count = n;
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => data.start[a]! - data.start[b]! || a - b,
    );
    this.order = Uint32Array.from(order);
    this.starts = Float64Array.from(order, (i) => data.start[i]!);
    this.ends = Float64Array.from(order, (i) => data.end[i]!);
    this.first = n ? this.starts[0]! : 0;
    this.last = n ? Math.max(...chunkedMax(this.ends)) : 0;
    let span = 0;
    for (let k = 0; k < n; k++) span = Math.max(span, this.ends[k]! - this.starts[k]!);
    this.maxSpan = span;
    this.categories = {
      state: Int32Array.from(order, (i) => data.state[i]!),
      event: Int32Array.from(order, (i) => data.event[i]!),
      document: Int32Array.from(order, (i) => data.document[i]!),
    };
    this.visible = new Uint8Array(n).fill(1);
    this.visibleCount = n;
  }

  /** The labels of the categories of a colouring (the last one, `-1`, is "none"). */
  labels(by: ColorBy): string[] {
    if (by === "state") return this.data.states;
    if (by === "event") return this.data.eventTypes;
    return this.data.documents.map((d) => d.title ?? d.name);
  }

  /** The category of the entry at sorted position `k` (-1 for none). */
  category(by: ColorBy, k: number): number {
    return this.categories[by][k]!;
  }

  /**
   * Shows only the entries whose category (under each colouring) is not hidden.
   *
   * @param hidden for each colouring, the categories to hide (-1 hides entries without one)
   * @returns how many entries stay visible
   */
  filter(hidden: Partial<Record<ColorBy, ReadonlySet<number>>>): number {
    const tests = (Object.entries(hidden) as [ColorBy, ReadonlySet<number>][]).filter(
      ([, set]) => set.size > 0,
    );
    let count = 0;
    for (let k = 0; k < this.count; k++) {
      let show = 1;
      for (const [by, set] of tests) {
        if (set.has(this.categories[by][k]!)) {
          show = 0;
          break;
        }
      }
      this.visible[k] = show;
      count += show;
    }
    this.visibleCount = count;
    return count;
  }

  /** The sorted position of the first entry starting on or after `day`. */
  lowerBound(day: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Counts the visible entries starting in each of `bins` equal bins over `[from, to)`, by
   * category: the result holds `bins × (categories + 1)` counts, the last column for "none".
   */
  bin(
    from: number,
    to: number,
    bins: number,
    by: ColorBy,
  ): { counts: Uint32Array; columns: number; max: number } {
    const columns = this.labels(by).length + 1;
    const counts = new Uint32Array(bins * columns);
    const scale = bins / (to - from);
    const cats = this.categories[by];
    let max = 0;
    const totals = new Uint32Array(bins);
    for (let k = this.lowerBound(from); k < this.count; k++) {
      const s = this.starts[k]!;
      if (s >= to) break;
      if (!this.visible[k]) continue;
      const b = Math.floor((s - from) * scale);
      const c = cats[k]!;
      counts[b * columns + (c < 0 ? columns - 1 : c)]!++;
      const t = ++totals[b]!;
      if (t > max) max = t;
    }
    return { counts, columns, max };
  }

  /**
   * The visible entries overlapping `[from, to)`, each in the first lane free at its start (lanes
   * are filled left to right; `gap` days keep bars apart). Stops at `limit` entries: then there
   * are too many to draw one by one, and the caller draws bins.
   */
  lanes(from: number, to: number, gap: number, limit: number): LaneItem[] | null {
    const items: LaneItem[] = [];
    const laneEnds: number[] = [];
    // entries that started before `from` may still overlap it: the longest span bounds how far back
    const start = this.lowerBound(from - this.maxSpan - 1);
    for (let k = start; k < this.count; k++) {
      const s = this.starts[k]!;
      if (s >= to) break;
      if (!this.visible[k] || this.ends[k]! + 1 <= from) continue;
      let lane = laneEnds.findIndex((end) => end + gap <= s);
      if (lane === -1) {
        lane = laneEnds.length;
        laneEnds.push(0);
      }
      laneEnds[lane] = this.ends[k]! + 1;
      items.push({ index: k, lane });
      if (items.length > limit) return null;
    }
    return items;
  }

  /** The API id of the entry at sorted position `k`. */
  id(k: number): string {
    return this.data.ids[this.order[k]!]!;
  }
}

function chunkedMax(values: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 10_000) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = i; j < Math.min(values.length, i + 10_000); j++) if (values[j]! > max) max = values[j]!;
    out.push(max);
  }
  return out.length ? out : [0];
}

/**
 * Synthetic timeline data for benchmarks and tests: `count` entries over `years` years from 1000,
 * month-long and single-day dates, three states, a few event types, two documents.
 *
 * @example
 * syntheticTimeline(50_000).count //=> 50000
 */
export function syntheticTimeline(count: number, years = 200, seed = 1): TimelineData {
  let x = seed;
  const random = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const first = 2086302; // 1000-01-01 (Julian)
  const data: TimelineData = {
    count,
    states: ["北宋", "遼", "西夏"],
    documents: [
      { id: 1, name: "synthetic-a.txt", title: null },
      { id: 2, name: "synthetic-b.txt", title: null },
    ],
    eventTypes: ["embassy", "raid", "tribute", "treaty"],
    ids: [],
    start: [],
    end: [],
    state: [],
    document: [],
    event: [],
    undated: 0,
    annotations: "records",
  };
  for (let i = 0; i < count; i++) {
    const start = first + Math.floor(random() * years * 365.25);
    const month = random() < 0.6;
    data.ids.push(`${(i % 2) + 1}:e${i + 1}`);
    data.start.push(start);
    data.end.push(month ? start + 29 : start);
    data.state.push(Math.floor(random() * 3));
    data.document.push(i % 2);
    data.event.push(random() < 0.5 ? Math.floor(random() * 4) : -1);
  }
  return data;
}
