/**
 * Tables of the characters the person rules read by, with each character also as simplified text
 * writes it (`為` and `为`, `來` and `来`, `執` and `执`), so that the rules read simplified text
 * as they read traditional.
 */
import { fold, foldChar } from "../../search/fold.ts";
import { codeUnitSet } from "../../text/code-units.ts";

/** The characters, each with its search folding (`張` → `张`). */
export function withFolded(chars: string): string {
  return chars + [...chars].map(foldChar).join("");
}

/**
 * `codeUnitSet` of the characters and their foldings.
 *
 * @example
 * foldedSet("為")["为".charCodeAt(0)] //=> 1
 */
export function foldedSet(chars: string): Uint8Array {
  return codeUnitSet(withFolded(chars));
}

/** The words, each also with its characters folded (`執政` and `执政`). */
export function foldedWords(words: readonly string[]): Set<string> {
  return new Set(words.flatMap((w) => [w, [...w].map(foldChar).join("")]));
}

/** The characters, each also folded, as a set of strings (`國` and `国`). */
export function foldedChars(chars: string): Set<string> {
  return new Set(withFolded(chars));
}

/**
 * A pattern that reads a text's characters folded: its source folded, to be tested on a text
 * folded by `fold`. The source's syntax is ASCII, which folding leaves as it is.
 *
 * @example
 * foldedPattern(/^諸州/).test(fold("诸州")) //=> true
 */
export function foldedPattern(pattern: RegExp): RegExp {
  return new RegExp(fold(pattern.source), pattern.flags);
}
