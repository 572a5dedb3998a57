import { foldWithOffsets } from "./fold.ts";
import type { QueryTerm } from "./query.ts";

/** Where a query term occurs in a text: UTF-16 offsets into the original (unfolded) text. */
export interface TextMatch {
  /** Which term of the query matched (index into the terms). */
  term: number;
  start: number;
  /** The first code unit after the match. */
  end: number;
}

/**
 * Finds every occurrence of the terms in `text`, comparing folded forms, and returns them as
 * offsets into the original `text`, ordered by start. Occurrences of one term do not overlap
 * (the search goes on after each match); occurrences of different terms may.
 *
 * @param text the original text of a field (a headline, a detail, a note)
 * @param terms the query terms, as `parseQuery` returns them
 * @example
 * findMatches("韓𤦺、范仲淹", parseQuery("韓琦 範仲淹"))
 * //=> [{ term: 0, start: 0, end: 3 }, { term: 1, start: 4, end: 7 }]
 */
export function findMatches(text: string, terms: readonly QueryTerm[]): TextMatch[] {
  const folded = foldWithOffsets(text);
  const matches: TextMatch[] = [];
  terms.forEach((term, index) => {
    const needle = term.folded;
    if (needle === "") return;
    let from = 0;
    for (;;) {
      const at = folded.text.indexOf(needle, from);
      if (at === -1) break;
      matches.push({ term: index, start: folded.toOriginal(at), end: folded.toOriginal(at + needle.length) });
      from = at + needle.length;
    }
  });
  return matches.sort((a, b) => a.start - b.start || a.term - b.term);
}
