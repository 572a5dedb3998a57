import { BRACKET_KIND, BRACKET_PAIRS, HALFWIDTH_PUNCTUATION, NOTE_OPENERS, OPENER } from "./characters.ts";

/** Each opener's index (1-based) among the bracket kinds, by code unit; its closer's the same. */
const KIND_OF = new Uint8Array(0x10000);
/** The opener of each kind, by index. */
const OPENER_OF: string[] = [""];
for (const [open, close] of BRACKET_PAIRS) {
  OPENER_OF.push(open);
  KIND_OF[open.charCodeAt(0)] = OPENER_OF.length - 1;
  KIND_OF[close.charCodeAt(0)] = OPENER_OF.length - 1;
}

/** Every bracket and half-width punctuation character, by code unit. */
const IS_MARK = new Uint8Array(0x10000);
for (const c of [...[...BRACKET_PAIRS].flat(), ...HALFWIDTH_PUNCTUATION]) IS_MARK[c.charCodeAt(0)] = 1;

/**
 * The offsets of every bracket and half-width punctuation mark of a text, found in one pass;
 * the per-line scans walk this list instead of the characters.
 */
export class Marks {
  readonly offsets: number[] = [];
  /** The index of the first mark not yet passed by `take`. */
  #next = 0;

  constructor(text: string) {
    const offsets = this.offsets;
    const marks = IS_MARK;
    for (let i = 0; i < text.length; i++) if (marks[text.charCodeAt(i)] === 1) offsets.push(i);
  }

  /** The marks in `[start, end)`, as a range of indices into `offsets`; ranges must be asked in order. */
  take(start: number, end: number): { from: number; to: number } {
    let i = this.#next;
    while (i < this.offsets.length && this.offsets[i]! < start) i++;
    let j = i;
    while (j < this.offsets.length && this.offsets[j]! < end) j++;
    this.#next = j;
    return { from: i, to: j };
  }
}

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
  marks: Marks = new Marks(text.slice(0, end)),
  range: { from: number; to: number } = marks.take(start, end),
): { groups: Group[]; problems: BracketProblem[] } {
  const groups: Group[] = [];
  const problems: BracketProblem[] = [];
  const stack: { char: string; offset: number }[] = [];
  // How many brackets of each kind are open on the stack, by kind index.
  const open = new Int32Array(OPENER_OF.length);
  for (let k = range.from; k < range.to; k++) {
    const i = marks.offsets[k]!;
    const code = text.charCodeAt(i);
    const kind = KIND_OF[code]!;
    if (kind === 0) continue;
    if (BRACKET_KIND[code] === OPENER) {
      stack.push({ char: text[i]!, offset: i });
      open[kind]!++;
      continue;
    }
    const c = text[i]!;
    const opener = OPENER_OF[kind]!;
    if (open[kind] === 0) {
      problems.push({ offset: i, reason: `"${c}" closes nothing`, ruleId: "unopened-bracket" });
      continue;
    }
    // Pop to the matching opener; anything above it was left open.
    for (;;) {
      const top = stack.pop()!;
      open[KIND_OF[top.char.charCodeAt(0)]!]!--;
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
