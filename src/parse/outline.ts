/**
 * Forms of plain chronicles beyond the sample's (headline, details, closing citation):
 *
 * - a year heading that shares its line with the first entry, and headings that give the years of
 *   several states (`景祐二年契丹重熙四年。春正月，元昊改元廣運。`, `庆历三年、夏天授礼法延祚六年秋七月，…`);
 * - the 綱目 form without citations (西夏書事): every headline line is an entry, dated or not;
 *   the longer paragraphs under it are its details; `按` and `附` paragraphs are notes.
 */
import { loadCalendar } from "../calendar/index.ts";
import { findStates } from "../calendar/states.ts";
import { fold } from "../search/fold.ts";
import { parseChineseNumber } from "../text/numerals.ts";
import { readDateOpening } from "./date.ts";
import { eraLexicon } from "./eras.ts";
import type { HeadingParts } from "./heading.ts";

/** A year heading read at the start of a line, and where the rest of the line begins. */
export interface HeadingPrefix {
  parts: HeadingParts;
  /** The heading as written, every state's year included. */
  label: string;
  /** Offset (in the line) after the heading and the punctuation that closes it. */
  end: number;
}

const YEAR_NUMBER = /^(元|[〇一二三四五六七八九十廿卅百]{1,4})年/u;
const JOINERS = "、，,；; \u3000";
const CLOSERS = "。．.，,、：:；; \u3000";

let foldedStates: Set<string> | null = null;

/** Whether a name is a state's, in traditional or simplified characters (遼, 辽, 契丹, 夏). */
function isState(name: string): boolean {
  if (findStates(name).length > 0) return true;
  foldedStates ??= new Set(
    loadCalendar().states.flatMap((s) => s.names.flatMap((n) => [fold(n), fold(Array.from(n).at(-1)!)])),
  );
  return foldedStates.has(fold(name));
}

/** Reads `[STATE[稱]]ERA N年` at `i`: the state, era and number, and the length. */
function readOneYear(
  line: string,
  i: number,
): { state: string | null; era: string; number: number; length: number } | null {
  const isEra = eraLexicon();
  for (let stateLength = 0; stateLength <= 3; stateLength++) {
    let k = i + stateLength;
    const state = stateLength > 0 ? line.slice(i, k) : null;
    if (state !== null && !isState(state)) continue;
    if (state !== null && (line[k] === "稱" || line[k] === "称")) k++;
    for (let eraLength = 2; eraLength <= 6; eraLength++) {
      const era = line.slice(k, k + eraLength);
      const year = YEAR_NUMBER.exec(line.slice(k + eraLength, k + eraLength + 6));
      if (!year || isEra(era).length === 0) continue;
      const number = parseChineseNumber(year[1]!);
      if (number === null || number === 0) continue;
      return { state, era, number, length: k + eraLength + year[0].length - i };
    }
  }
  return null;
}

/** Reads `N年` at the start of a line: a year that carries on the era in force. */
function readBareYear(line: string): { state: null; era: null; number: number; length: number } | null {
  const year = YEAR_NUMBER.exec(line.slice(0, 6));
  if (!year) return null;
  const number = parseChineseNumber(year[1]!);
  if (number === null || number === 0) return null;
  return { state: null, era: null, number, length: year[0].length };
}

/**
 * Reads a year heading at the start of a line that goes on with an entry: one or more states'
 * years written with known eras, joined by `、` or nothing, closed by punctuation or followed
 * straight by a date. The first year is the heading's; the others are the same year in other
 * states' reckoning. Returns null when the line does not open so, or holds nothing after it.
 *
 * @example
 * readHeadingPrefix("景祐二年契丹重熙四年。春正月，元昊改元廣運。")
 * //=> { parts: { state: null, era: "景祐", number: 2, … }, label: "景祐二年契丹重熙四年", end: 11 }
 */
export function readHeadingPrefix(line: string): HeadingPrefix | null {
  const first = readOneYear(line, 0) ?? readBareYear(line);
  if (!first) return null;
  let end = first.length;
  for (;;) {
    let k = end;
    while (k < line.length && JOINERS.includes(line[k]!)) k++;
    const next = readOneYear(line, k);
    if (!next || next.state === null) break;
    end = k + next.length;
  }
  const label = line.slice(0, end);
  const rest = line.slice(end);
  // What follows is a date, or the heading is closed by punctuation before the entry.
  if (!readDateOpening(rest) && !CLOSERS.includes(rest[0] ?? "")) return null;
  let k = end;
  while (k < line.length && CLOSERS.includes(line[k]!)) k++;
  if (k >= line.length) return null;
  // A year without its era (`二年春正月丁未，…` in an annal) opens straight into its date.
  if (first.era === null && !readDateOpening(rest)) return null;
  return {
    parts: { state: first.state, era: first.era, number: first.number, ganzhi: null, ce: null },
    label,
    end: k,
  };
}

/** The opening of a note paragraph in the 綱目 form: `按`, `附`, `謹按`, with a colon or not. */
const NOTE_OPENING = /^(?:謹按|按|案|附)[：:，,]?/u;

/** The kind of note a paragraph opens, or null: `按` an editor's note, `附` a supplement. */
export function noteKind(paragraph: string): "editorial" | "supplement" | null {
  const m = NOTE_OPENING.exec(paragraph);
  if (!m) return null;
  return m[0].startsWith("附") ? "supplement" : "editorial";
}

/** A headline of the 綱目 form states one event: one or two sentences, and short. */
const MAX_HEADLINE = 60;
/** …in at most this many clauses: a narrative paragraph runs on through many commas. */
const MAX_HEADLINE_CLAUSES = 3;

/**
 * Whether a paragraph of the 綱目 form without citations is a headline: it opens with a date, or
 * it is short and states one event in at most two sentences. Longer paragraphs are details.
 *
 * @example
 * isHeadline("元昊改元廣運。") //=> true
 * isHeadline("初，元昊既立，……" /* a long paragraph *\/) //=> false
 */
export function isHeadline(paragraph: string): boolean {
  if (readDateOpening(paragraph) || readHeadingPrefix(paragraph.slice(0, MAX_PREFIX))) return true;
  if (paragraph.length > MAX_HEADLINE) return false;
  let sentences = 0;
  let clauses = 0;
  for (const c of paragraph) {
    if (c === "。" || c === "！" || c === "？") sentences++;
    else if (c === "，" || c === "；" || c === "," || c === ";") clauses++;
  }
  if (clauses > MAX_HEADLINE_CLAUSES) return false;
  return sentences <= 1 || (sentences === 2 && paragraph.length <= MAX_HEADLINE / 2);
}

/** Where an entry of a headline paragraph begins, and the year heading that opens it, if any. */
export interface HeadlineStart {
  at: number;
  heading: HeadingPrefix | null;
}

/**
 * Where the entries of one headline line begin: at its start, and after each sentence that is
 * followed by a date (`使臣张延寿还。三月，以兵掠秦州。` holds two entries) or by a year (an annal's
 * `…。二年春正月丁未，…`), with the year heading that opens each.
 */
export function headlineStarts(paragraph: string): HeadlineStart[] {
  const at = (k: number): HeadlineStart => {
    const heading = readHeadingPrefix(paragraph.slice(k, k + MAX_PREFIX + 40));
    return { at: k, heading: heading && heading.end < paragraph.length - k ? heading : null };
  };
  const starts = [at(0)];
  for (let i = 0; i < paragraph.length - 1; i++) {
    if (paragraph[i] !== "。") continue;
    let k = i + 1;
    while (k < paragraph.length && (paragraph[k] === " " || paragraph[k] === "\u3000")) k++;
    if (k >= paragraph.length) continue;
    const start = at(k);
    if (start.heading || readDateOpening(paragraph.slice(k, k + 16))) starts.push(start);
  }
  return starts;
}

/** How far a year heading that shares its line with an entry can reach (`庆历三年、夏天授礼法延祚六年`). */
export const MAX_PREFIX = 60;
