/**
 * Names listed one after another for the person rules (`person-rules.ts`): whether a name cut from
 * a list may stand as a name, where a list of places rather than persons ends, and which listed
 * names the dictionary knows.
 */
import { foldedSet } from "./internal/folded-set.ts";
import type { ListedName } from "./name-lists.ts";
import { GROWN_PREFIX } from "./person-ids.ts";
import {
  accept,
  type FoundName,
  firstAtOrAfter,
  NOT_NAMES,
  readingCharAt,
  type SegmentFacts,
} from "./person-rule-facts.ts";
import { PLACE_OR_OFFICE_ENDS } from "./person-rule-words.ts";
import type { Candidate } from "./short-forms.ts";

/** 等, after names listed together. */
export const DENG = "等".charCodeAt(0);

/** After 等, the units of a list of places (`齊淄等州`, `江淮等路`): the list holds no persons. */
const PLACE_UNITS = foldedSet("州路軍縣府寨堡城處郡");

/** Numbers between 等 and the unit of a list of places (`鄧均等五州`). */
const COUNTS = foldedSet("一二三四五六七八九十");

/** True when the 等 at `at` closes a list of places (`齊淄等州`, `鄧均等五州軍`). */
export function placesListed(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== DENG) return false;
  let i = readingCharAt(text, at + 1);
  while (COUNTS[text.charCodeAt(i)] === 1) i = readingCharAt(text, i + 1);
  return PLACE_UNITS[text.charCodeAt(i)] === 1;
}

/**
 * Besides those of places, offices and buildings (`PLACE_OR_OFFICE_ENDS`), the last characters of
 * offices, goods and people the dictionary may not hold (`左僕射`, `左補闕`, `孔目官`, `錢斛`,
 * `謝罪人`): no name of a list ends so.
 */
const NOT_LIST_ENDS = foldedSet("射闕官使郎丞卿尉令守帥斛人");

/** True when a name cut from a list may stand as a name: else the run is no list. */
export function listable(facts: SegmentFacts, start: number, end: number): boolean {
  const { text } = facts.segment;
  const last = text.charCodeAt(end - 1);
  if (PLACE_OR_OFFICE_ENDS[last] === 1 || NOT_LIST_ENDS[last] === 1) return false;
  if (NOT_NAMES.has(text.slice(start, end))) return false;
  if (facts.isExcluded(start, end)) return false;
  return !facts.overlapsCandidate(start, end) || onlyGrownPrefixes(facts, start, end);
}

/**
 * True when every candidate inside a listed name is a person grown from 長編 whose name the listed
 * one continues (`張文` of `張文顯`): the cut of the list holds the longer name, the shorter is
 * another man.
 */
function onlyGrownPrefixes(facts: SegmentFacts, start: number, end: number): boolean {
  const { candidates } = facts;
  let some = false;
  // Candidates that start before the name may reach into it: at most a few characters before.
  for (let k = firstAtOrAfter(candidates, start - 8); k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c.start >= end) break;
    if (c.end <= start) continue;
    if (c.start !== start || c.end >= end) return false;
    if (!c.senses.every((s) => s.kind === "person" && s.id.startsWith(GROWN_PREFIX))) return false;
    some = true;
  }
  return some;
}

/** Adds the names of a list when every one of them may stand as a name (one word that cannot makes the run no list). */
export function acceptList(facts: SegmentFacts, names: readonly ListedName[], out: FoundName[]): void {
  if (names.every((n) => listable(facts, n.start, n.end)))
    for (const name of names) accept(facts, name.start, name.end, "listed", out);
}

/** True when a known person's full name stands exactly at a listed name. */
export function knownAt(candidates: readonly Candidate[], name: ListedName): boolean {
  for (let k = firstAtOrAfter(candidates, name.start); k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c.start !== name.start) return false;
    if (c.end === name.end && isFullPerson(c)) return true;
  }
  return false;
}

/** True when a candidate is a known person's full name (no short form, no ambiguous alias). */
export function isFullPerson(c: Candidate): boolean {
  return c.senses.some((s) => s.kind === "person" && s.form === "name" && !s.ambiguous);
}
