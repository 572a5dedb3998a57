/**
 * Names listed one after another with nothing between them, as an unpunctuated chronicle lists the
 * members of an embassy (`宋遣梁適張從一富弼趙日定來賀`, 遼史 卷十九) or those appointed together
 * (`以蕭寧耶律坦崔禹稱馬世良耶律仁先劉六符充賀宋生辰使副`). The run is cut into names, each a
 * surname and one or two characters (a name the dictionary knows is taken whole); of several cuts,
 * the one of the most common surnames is kept, and none when two are as good.
 */

import { surnameLengthAt, surnameRankAt } from "./internal/surnames.ts";
import { firstAtOrAfter, isNameChar, readingCharAt } from "./person-rule-facts.ts";
import type { Candidate } from "./short-forms.ts";

/** A name of the list: offsets into the text, `end` exclusive. */
export interface ListedName {
  start: number;
  end: number;
}

/** The fewest and most characters of a run read as a list: two names, and eight. */
const MIN_RUN = 4;
const MAX_RUN = 32;

/** The characters of the reading text from `start` that may stand in names: their offsets, and the offset after them. */
export function nameRun(text: string, start: number): { offsets: number[]; end: number } {
  const offsets: number[] = [];
  let i = readingCharAt(text, start);
  // 言 ends a name (施昌言) as often as it is a verb: inside a run, before the characters of a name,
  // it is read as part of it.
  while (
    offsets.length <= MAX_RUN &&
    (isNameChar(text, i) || (text[i] === "言" && isNameChar(text, i + 1)))
  ) {
    const code = text.charCodeAt(i);
    // A character outside the BMP: the run stops before it (its length would not count right).
    if (code >= 0xd800 && code <= 0xdbff) break;
    offsets.push(i);
    // A two-character surname may end in a stop word (`侍其濬`).
    if (surnameLengthAt(text, i) === 2) offsets.push(++i);
    i = readingCharAt(text, i + 1);
  }
  return { offsets, end: i };
}

/**
 * Cuts a run of characters into names: each a known surname with one or two characters after it,
 * or a name the dictionary knows (`known`: for each position of the run, the lengths of known full
 * names starting there). Of several cuts, the one whose surnames are the most common (the sum of
 * their places in the list of surnames; a known name counts 0): `張沔侯宗亮` is 張沔 and 侯宗亮,
 * not 張沔侯 and 宗亮.
 *
 * @param run the characters of the run, without layout
 * @returns the length of each name, in order, or `null` unless one cut, better than any other,
 *   covers the whole run with two names or more
 * @example
 * cutNames("張從一富弼趙日定", new Map()) //=> [3, 2, 3]
 */
export function cutNames(run: string, known: ReadonlyMap<number, readonly number[]>): number[] | null {
  const n = run.length;
  if (n < MIN_RUN || n > MAX_RUN) return null;
  // cost[k]: the least cost of a cut of run[k..] (Infinity: none); tied[k]: two cuts have it;
  // next[k]: the length of the name at k in the best cut.
  const cost = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const tied = new Uint8Array(n + 1);
  const next = new Uint8Array(n + 1);
  cost[n] = 0;
  for (let k = n - 1; k >= 0; k--) {
    const options = new Map<number, number>();
    for (const length of known.get(k) ?? []) options.set(length, 0);
    const rank = surnameRankAt(run, k);
    if (rank >= 0) {
      const surname = surnameLengthAt(run, k);
      for (const length of [surname + 1, surname + 2]) if (!options.has(length)) options.set(length, rank);
    }
    for (const [length, own] of options) {
      if (k + length > n || cost[k + length] === Number.POSITIVE_INFINITY) continue;
      const total = own + cost[k + length]!;
      if (total < cost[k]!) {
        cost[k] = total;
        next[k] = length;
        tied[k] = tied[k + length]!;
      } else if (total === cost[k]!) tied[k] = 1;
    }
  }
  if (cost[0] === Number.POSITIVE_INFINITY || tied[0] === 1) return null;
  const cut: number[] = [];
  for (let k = 0; k < n; k += next[k]!) cut.push(next[k]!);
  return cut.length >= 2 ? cut : null;
}

/**
 * The names of a list that starts at `start` and ends where `ends` says (at a character of its
 * own, as 來 or 充, found by the caller in the run).
 *
 * @param candidates the dictionary's candidates of the segment, ordered by start
 * @param isFullPerson which of them are known persons' full names
 * @param endsAt the offset in the run at which the list must end (the index of 來, 充 …), given
 *   the run's offsets and the offset after it; -1 when the list does not end as it should
 */
export function listedNames(
  text: string,
  start: number,
  candidates: readonly Candidate[],
  isFullPerson: (c: Candidate) => boolean,
  endsAt: (offsets: readonly number[], after: number) => number,
): ListedName[] {
  const { offsets, end } = nameRun(text, start);
  const length = endsAt(offsets, end);
  if (length < MIN_RUN) return [];
  const run = offsets
    .slice(0, length)
    .map((o) => text[o])
    .join("");
  const index = new Map(offsets.slice(0, length).map((o, k) => [o, k]));
  const known = new Map<number, number[]>();
  for (let j = firstAtOrAfter(candidates, offsets[0]!); j < candidates.length; j++) {
    const c = candidates[j]!;
    if (c.start > offsets[length - 1]!) break;
    const k = index.get(c.start);
    if (k === undefined || !isFullPerson(c)) continue;
    // The candidate's length in characters of the run: where its end falls.
    const last = index.get(c.end - 1);
    if (last === undefined) continue;
    known.set(k, [...(known.get(k) ?? []), last - k + 1]);
  }
  const cut = cutNames(run, known);
  if (cut === null) return [];
  const names: ListedName[] = [];
  let k = 0;
  for (const size of cut) {
    names.push({ start: offsets[k]!, end: offsets[k + size - 1]! + 1 });
    k += size;
  }
  return names;
}
