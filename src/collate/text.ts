/**
 * Comparing the wording of two accounts: the Chinese characters of each, folded (simplified,
 * traditional and variant forms alike: 劉嶽 and 劉岳, 龎籍 and 龐籍), as sets of neighbouring pairs.
 */
import { fold } from "../search/fold.ts";

/** The characters of a text that carry its wording: Han characters, folded, notes in parentheses left out. */
export function wording(text: string): string {
  let out = "";
  let depth = 0;
  for (const ch of fold(text)) {
    if (ch === "(" || ch === "（") depth++;
    else if ((ch === ")" || ch === "）") && depth > 0) depth--;
    else if (depth === 0 && /\p{Script=Han}/u.test(ch)) out += ch;
  }
  return out;
}

/** The pairs of neighbouring characters of a wording, as numbers. */
export function bigrams(chars: string): Set<number> {
  const out = new Set<number>();
  const points = Array.from(chars, (c) => c.codePointAt(0)!);
  for (let i = 0; i + 1 < points.length; i++) out.add(points[i]! * 0x110000 + points[i + 1]!);
  return out;
}

/**
 * How much of `a` stands in `b`: the share of `a`'s pairs that `b` has (0 when `a` has none),
 * each pair counted by its weight (all alike by default).
 *
 * @example
 * containment(bigrams("建渭州籠竿城"), bigrams("建渭州籠竿城為徳順軍")) //=> 1
 */
export function containment(
  a: ReadonlySet<number>,
  b: ReadonlySet<number>,
  weight: (pair: number) => number = () => 1,
): number {
  let all = 0;
  let shared = 0;
  for (const x of a) {
    const w = weight(x);
    all += w;
    if (b.has(x)) shared += w;
  }
  return all === 0 ? 0 : shared / all;
}

/** The Dice coefficient of two sets of pairs: 1 for the same wording, 0 for nothing shared. */
export function dice(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * The stretch of a long text that best matches a short one: windows of about three times the
 * short text's length, stepped by half a window, scored by how much of the short text each holds.
 *
 * @returns offsets into `long` (code units) and the share of `short`'s pairs found there
 */
export function bestWindow(short: string, long: string): { start: number; end: number; score: number } {
  const want = bigrams(wording(short));
  const size = Math.max(60, Math.min(long.length, wording(short).length * 3));
  if (long.length <= size)
    return { start: 0, end: long.length, score: containment(want, bigrams(wording(long))) };
  let best = { start: 0, end: size, score: -1 };
  const step = Math.max(20, Math.floor(size / 2));
  for (let start = 0; start < long.length; start += step) {
    const end = Math.min(long.length, start + size);
    const score = containment(want, bigrams(wording(long.slice(start, end))));
    if (score > best.score) best = { start, end, score };
    if (end === long.length) break;
  }
  return best;
}
