/**
 * Whether a decoded text holds a chronicle at all: what the command line and the import refuse
 * before the parser, which reads any text into a tree.
 */
import { looksLikeCitation } from "./citations.ts";

const OPENING_PARENS = new Set(["（", "("]);
const CLOSING_PARENS = new Set(["）", ")"]);
/** What may follow a cited title outside parentheses: its juan (`《長編》卷一百三十九及一百四十九`). */
const JUAN = /[卷第〇零一二三四五六七八九十百千兩0-9０-９及與与又、，,]/u;
const SPACE_OR_PUNCTUATION = /[\s\p{P}\p{S}]/u;

/** Where the parenthesis opened at `start` closes (either width), or -1 when it never does. */
function closingParen(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (OPENING_PARENS.has(text[i]!)) depth++;
    else if (CLOSING_PARENS.has(text[i]!) && --depth === 0) return i;
  }
  return -1;
}

/**
 * True when the text holds citations and nothing else: parentheses that cite works (as the
 * parser reads a closing citation, `（《遼史·興宗本紀》）`) and titles with their juan
 * (`《長編》一百三十九`), between spaces and punctuation. It stops at the first character
 * of anything else, which for a chronicle is its first.
 */
function onlyCitations(text: string): boolean {
  let cited = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (OPENING_PARENS.has(c)) {
      const end = closingParen(text, i);
      if (end === -1 || !looksLikeCitation(text, i + 1, end)) return false;
      cited = true;
      i = end + 1;
    } else if (c === "《") {
      const end = text.indexOf("》", i);
      if (end === -1) return false;
      cited = true;
      i = end + 1;
      while (i < text.length && JUAN.test(text[i]!)) i++;
    } else if (SPACE_OR_PUNCTUATION.test(c)) {
      i++;
    } else {
      return false;
    }
  }
  return cited;
}

/**
 * Why a decoded file holds no chronicle to read, or null when it may hold one: it is empty,
 * or holds only whitespace, or only citations (which would otherwise be read as an entry
 * whose headline is a citation). The parser reads any text into a tree; this is what the
 * commands refuse before it.
 *
 * @example
 * noChronicle("") //=> "the file is empty"
 * noChronicle(" \n\u3000\n") //=> "the file holds only whitespace"
 * noChronicle("（《遼史·興宗本紀》）\n") //=> "the file holds only citations"
 * noChronicle("春正月，契丹遣使來。") //=> null
 */
export function noChronicle(text: string): string | null {
  if (text.length === 0) return "the file is empty";
  if (/^\s*$/u.test(text)) return "the file holds only whitespace";
  if (onlyCitations(text)) return "the file holds only citations";
  return null;
}
