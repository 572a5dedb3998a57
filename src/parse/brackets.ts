import { BRACKET_PAIRS, CLOSERS, NOTE_OPENERS } from "./characters.ts";

/** Every bracket character, to jump from one to the next (the regular-expression engine scans fastest). */
const BRACKET = new RegExp(
  `[${[...BRACKET_PAIRS]
    .flat()
    .join("")
    .replace(/[()[\]]/g, (c) => `\\${c}`)}]`,
  "g",
);

/** A top-level parenthesis of a line: `open` is the offset of `（`, `close` the offset after `）`. */
export interface Group {
  open: number;
  close: number;
  /** False when the line ended before the parenthesis was closed. */
  closed: boolean;
}

/** A bracket problem: the offset of the character and what is wrong with it. */
export interface BracketProblem {
  offset: number;
  reason: string;
  ruleId: "unclosed-bracket" | "unopened-bracket" | "mismatched-bracket";
}

/**
 * Scans `text[start, end)` — one line — for its top-level note parentheses (`（…）`, `(…)`,
 * `〔…〕`, `【…】`) and checks that every bracket is balanced. Runs in linear time: each bracket
 * is pushed and popped once, and a per-kind count answers "is there an opener to match?".
 *
 * A closer that matches an opener further down the stack closes the brackets above it (they are
 * reported as unclosed); a closer with no opener at all is reported and ignored. Parentheses
 * still open at the end of the line close there.
 */
export function scanLine(
  text: string,
  start: number,
  end: number,
): { groups: Group[]; problems: BracketProblem[] } {
  const groups: Group[] = [];
  const problems: BracketProblem[] = [];
  const stack: { char: string; offset: number }[] = [];
  const open = new Map<string, number>();
  // Search the line alone: a search of the whole text would run past the line's end.
  const line = text.slice(start, end);
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(line); m !== null; m = BRACKET.exec(line)) {
    const i = start + m.index;
    const c = m[0];
    if (BRACKET_PAIRS.has(c)) {
      stack.push({ char: c, offset: i });
      open.set(c, (open.get(c) ?? 0) + 1);
      continue;
    }
    const opener = CLOSERS.get(c);
    if (opener === undefined) continue;
    if ((open.get(opener) ?? 0) === 0) {
      problems.push({ offset: i, reason: `"${c}" closes nothing`, ruleId: "unopened-bracket" });
      continue;
    }
    // Pop to the matching opener; anything above it was left open.
    for (;;) {
      const top = stack.pop()!;
      open.set(top.char, open.get(top.char)! - 1);
      if (top.char === opener) {
        if (stack.length === 0 && NOTE_OPENERS.has(top.char))
          groups.push({ open: top.offset, close: i + 1, closed: true });
        break;
      }
      problems.push({
        offset: top.offset,
        reason: `"${top.char}" is closed by "${c}" at column offset ${i - start + 1} instead of "${BRACKET_PAIRS.get(top.char)}"`,
        ruleId: "mismatched-bracket",
      });
    }
  }
  for (const item of stack) {
    problems.push({
      offset: item.offset,
      reason: `"${item.char}" is never closed on its line`,
      ruleId: "unclosed-bracket",
    });
  }
  const bottom = stack[0];
  if (bottom && NOTE_OPENERS.has(bottom.char))
    groups.push({ open: bottom.offset, close: end, closed: false });
  return { groups, problems };
}
