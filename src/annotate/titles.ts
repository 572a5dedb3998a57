/** A title that is both an office and a person's alias: read as the office before a name or as a word. */
import { LEFT_WHITE_CORNER, RIGHT_WHITE_CORNER } from "./internal/chars.ts";
import { matchesAt } from "./senses.ts";
import type { Candidate } from "./short-forms.ts";

/** Before a title used as a word (`其稱兀卒`, `譯言即吾祖也`). */
const TITLE_WORD_BEFORE = new Set(["稱", "號", "曰", "即", "名"]);
/** After a title used as a word (`兀卒之號`, `兀卒，譯言…`); sticky, tested where the title ends. */
const TITLE_WORD_AFTER = /(?:之號|之稱|之類|，譯|譯|也)/y;

/** The candidates (ordered by start) that start at `offset`, in their order: found by a binary search. */
function startingAt(candidates: readonly Candidate[], offset: number): readonly Candidate[] {
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < candidates.length && candidates[to]!.start === offset) to++;
  return candidates.slice(lo, to);
}

/** True when a title stands before a name (`天齊王重元`, `皇太弟、天齊王重元`) or is named as a word. */
export function titleAsOffice(c: Candidate, candidates: readonly Candidate[], text: string): boolean {
  if (TITLE_WORD_BEFORE.has(text[c.start - 1] ?? "") || matchesAt(TITLE_WORD_AFTER, text, c.end)) return true;
  if (text[c.start - 1] === LEFT_WHITE_CORNER && text[c.end] === RIGHT_WHITE_CORNER) return true;
  let end = c.end;
  for (let guard = 0; guard < 8; guard++) {
    let at = startingAt(candidates, end).filter((x) => x !== c);
    if (at.length === 0 && text[end] === "、")
      at = startingAt(candidates, end + 1).filter((x) => x.decision?.sense.kind === "office");
    if (
      at.some(
        (x) =>
          x.decision?.sense.kind === "person" || x.senses.some((s) => s.kind === "person" && !s.ambiguous),
      )
    )
      return true;
    const office = at.filter((x) => x.decision?.sense.kind === "office").sort((a, b) => b.end - a.end)[0];
    if (office === undefined) return false;
    end = office.end;
  }
  return false;
}
