/**
 * Parallels: groups of entries from different chronicles that tell the same event. Candidate
 * pairs come from a date index (accounts within `windowDays` of each other), never from all
 * pairs; each pair is scored on its dates, names, event types and wording, and pairs that are
 * each other's best match (or score high) are joined into groups.
 */
import { differences } from "./differences.ts";
import { type PairScore, type Profile, profile, scorePair, weightsOf } from "./signals.ts";
import type { CollatedEntry, ParallelGroup } from "./types.ts";

/** Options of `findParallels`. */
export interface ParallelOptions {
  /** The least score of a pair (default 0.4). */
  minScore?: number;
  /** How far apart two accounts' dates may be, in days (default 240: a report reaches the court months after the event). */
  windowDays?: number;
  /** Keep only the groups holding an entry of one of these documents. */
  documents?: readonly string[];
}

export const DEFAULT_MIN_SCORE = 0.4;
export const DEFAULT_WINDOW_DAYS = 240;
/** Accounts of one event share some wording, whatever else they share. */
const MIN_TEXT = 0.2;
/** A pair this strong joins a group even when it is not each entry's best match. */
const STRONG = 0.7;

/** Which chronicle an entry belongs to: its work (the juan of 長編 are one chronicle), else its document. */
const chronicleOf = (e: CollatedEntry) => e.info.work ?? e.document;

interface Pair {
  a: number;
  b: number;
  score: PairScore;
}

/**
 * Finds the parallel accounts among `entries`.
 *
 * @param entries every entry to collate, of two or more chronicles
 * @example
 * findParallels([...xixiaJi, ...changbian139])[0] //=> { score: 0.81, entries: [西夏紀 e2, 長編 e13], differences: [...] }
 */
export function findParallels(
  entries: readonly CollatedEntry[],
  options: ParallelOptions = {},
): ParallelGroup[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const window = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const jdn = (i: number) => entries[i]!.record.date.jdn;
  const chronicles = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const key = chronicleOf(e);
    const list = chronicles.get(key);
    if (list) list.push(i);
    else chronicles.set(key, [i]);
  });
  // Each chronicle's dated entries by their first day: the date index.
  const index = new Map<string, { starts: number[]; ids: number[]; longest: number }>();
  for (const [key, ids] of chronicles) {
    const dated = ids.filter((i) => jdn(i)).sort((x, y) => jdn(x)!.start - jdn(y)!.start);
    let longest = 0;
    for (const i of dated) longest = Math.max(longest, jdn(i)!.end - jdn(i)!.start);
    index.set(key, { starts: dated.map((i) => jdn(i)!.start), ids: dated, longest });
  }
  // The pairs to score: from each anchor (the entries of the documents asked for, or of the smaller
  // chronicle of each pair, so that each pair is scored once) to the entries of other chronicles
  // dated within the window.
  const wanted = options.documents ? new Set(options.documents) : null;
  const order = [...chronicles.keys()].sort((x, y) => chronicles.get(x)!.length - chronicles.get(y)!.length);
  const candidates: [number, number][] = [];
  for (let c = 0; c < order.length; c++) {
    for (const a of chronicles.get(order[c]!)!) {
      const range = jdn(a);
      if (!range) continue;
      if (wanted && !wanted.has(entries[a]!.document)) continue;
      for (let d = wanted ? 0 : c + 1; d < order.length; d++) {
        if (d === c) continue;
        const other = index.get(order[d]!)!;
        const from = lowerBound(other.starts, range.start - window - other.longest);
        for (let k = from; k < other.ids.length && other.starts[k]! <= range.end + window; k++) {
          const b = other.ids[k]!;
          // Between two documents asked for, the pair is taken once, from the first.
          const bothWanted = wanted?.has(entries[b]!.document) === true;
          if (!bothWanted || a < b) candidates.push([a, b]);
        }
      }
    }
  }
  // Only the entries that take part are read closely; names and pairs of characters are weighed
  // by how rare they are among them.
  const profiles = new Map<number, Profile>();
  for (const [a, b] of candidates)
    for (const i of [a, b]) if (!profiles.has(i)) profiles.set(i, profile(entries[i]!));
  const weights = weightsOf([...profiles.values()]);
  const pairs: Pair[] = [];
  for (const [a, b] of candidates) {
    const score = scorePair(profiles.get(a)!, profiles.get(b)!, weights);
    if (score.score >= minScore && score.signals.text >= MIN_TEXT) pairs.push({ a, b, score });
  }
  return groupPairs(entries, profiles, pairs, options.documents);
}

/** The first index of `sorted` whose value is at least `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Joins each entry's best match in each other chronicle (and strong pairs) into groups. */
function groupPairs(
  entries: readonly CollatedEntry[],
  profiles: ReadonlyMap<number, Profile>,
  pairs: readonly Pair[],
  documents: readonly string[] | undefined,
): ParallelGroup[] {
  const best = new Map<string, number>();
  const key = (i: number, chronicle: string) => `${i}\u0000${chronicle}`;
  for (const p of pairs) {
    for (const [x, y] of [
      [p.a, p.b],
      [p.b, p.a],
    ] as const) {
      const k = key(x, chronicleOf(entries[y]!));
      best.set(k, Math.max(best.get(k) ?? 0, p.score.score));
    }
  }
  const kept = pairs.filter(
    (p) =>
      p.score.score >= STRONG ||
      (best.get(key(p.a, chronicleOf(entries[p.b]!))) === p.score.score &&
        best.get(key(p.b, chronicleOf(entries[p.a]!))) === p.score.score),
  );
  // Groups joined pair by pair, strongest first, never holding two entries of one chronicle.
  const groupOf = new Map<number, { ids: Set<number>; chronicles: Set<string>; pairs: Pair[] }>();
  for (const p of [...kept].sort((x, y) => y.score.score - x.score.score)) {
    const ga = groupOf.get(p.a);
    const gb = groupOf.get(p.b);
    if (ga && ga === gb) {
      ga.pairs.push(p);
      continue;
    }
    const a = ga ?? { ids: new Set([p.a]), chronicles: new Set([chronicleOf(entries[p.a]!)]), pairs: [] };
    const b = gb ?? { ids: new Set([p.b]), chronicles: new Set([chronicleOf(entries[p.b]!)]), pairs: [] };
    if ([...b.chronicles].some((c) => a.chronicles.has(c))) continue;
    for (const id of b.ids) a.ids.add(id);
    for (const c of b.chronicles) a.chronicles.add(c);
    a.pairs.push(...b.pairs, p);
    for (const id of a.ids) groupOf.set(id, a);
  }
  const members = new Set(groupOf.values());
  const wanted = documents ? new Set(documents) : null;
  const groups: { first: number; group: ParallelGroup }[] = [];
  for (const { ids, pairs: groupPairs } of members) {
    const order = [...ids].sort((x, y) => x - y);
    const members = order.map((i) => entries[i]!);
    if (wanted && !members.some((e) => wanted.has(e.document))) continue;
    const mean = (f: (s: PairScore) => number) =>
      Math.round((groupPairs.reduce((sum, p) => sum + f(p.score), 0) / groupPairs.length) * 1000) / 1000;
    groups.push({
      first: order[0]!,
      group: {
        score: mean((s) => s.score),
        entries: members,
        differences: differences(
          members,
          order.map((i) => profiles.get(i)!),
        ),
        signals: {
          date: mean((s) => s.signals.date),
          names: mean((s) => s.signals.names),
          events: mean((s) => s.signals.events),
          text: mean((s) => s.signals.text),
        },
      },
    });
  }
  return groups.sort((x, y) => x.first - y.first).map((g) => g.group);
}
