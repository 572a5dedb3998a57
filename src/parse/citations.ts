import { parseChineseNumber } from "../text/numerals.ts";
import { LIST_SEPARATORS, NOTE_MARK, SECTION_SEPARATORS } from "./characters.ts";
import type { LineIndex } from "./position.ts";
import { forEachTopLevel, occursIn, topLevelTitles, trimRange } from "./scan.ts";
import type { Citation, Message, Note } from "./types.ts";
import { findVariants } from "./variants.ts";

/** Titles ending so are sections of the work named before them in the same list (`《夏國傳》`). */
const SECTION_SUFFIXES = ["傳", "传", "紀", "纪", "志", "表", "世家", "載記", "国语解", "國語解", "外紀"];
const SECTION_EXCEPTIONS = /(?:事|錄|录|議|议|記|记|集|譜|谱|遺|遗|略)$/u;
const CLAUSE_OPENERS = new Set(["。", "，", "；", "：", ",", ";"]);
const MAX_AUTHOR = 6;
const JUAN_LIST =
  /^(?:卷)?([〇一二三四五六七八九十百千0-9]+)(?:卷)?((?:(?:及|、|，|,|與|与|又)(?:卷)?[〇一二三四五六七八九十百千0-9]+(?:卷)?)*)$/u;
const BIOGRAPHIES = /^(.+?)(?:等)?(列傳|傳|传)$/u;

function isSection(title: string): boolean {
  return SECTION_SUFFIXES.some((s) => title.endsWith(s)) && !SECTION_EXCEPTIONS.test(title);
}

function splitTitle(title: string): { work: string; section: string | null } {
  for (let i = 0; i < title.length; i++) {
    if (SECTION_SEPARATORS.includes(title[i]!)) {
      const section = title.slice(i + 1);
      return { work: title.slice(0, i), section: section === "" ? null : section };
    }
  }
  return { work: title, section: null };
}

/** The result of reading the inside of a citation parenthesis. */
export interface CitationParts {
  citations: Citation[];
  notes: Note[];
}

/**
 * Reads the inside of a closing citation parenthesis, `text[start, end)`: the list of cited
 * works, then any editor's note (`按…`) or supplementary quotation (`又《長編》：…`).
 *
 * @example
 * // for "《長編》一百三十九及一百四十九":
 * //=> citations: [{work: "長編", juan: 139, …}, {work: "長編", juan: 149, …}], notes: []
 */
export function readCitationGroup(
  text: string,
  start: number,
  end: number,
  lines: LineIndex,
  messages: Message[],
): CitationParts {
  // Where the notes begin: a top-level 按 or 又《 at the start of a clause.
  let noteStart = end;
  let supplementStart = end;
  let previous = "";
  // Only a 按 or a 又 can open a note: most citation groups have neither, and need no walk.
  if (occursIn(text, start, end, NOTE_MARK) || occursIn(text, start, end, "又"))
    forEachTopLevel(text, start, end, (i, c) => {
      const atClause = i === start || CLAUSE_OPENERS.has(previous);
      previous = c;
      if (!atClause) return false;
      if (c === NOTE_MARK) {
        noteStart = i;
        return true;
      }
      if (c === "又" && text[i + 1] === "《" && supplementStart === end) supplementStart = i;
      return false;
    });
  if (supplementStart > noteStart) supplementStart = end;
  const listEnd = Math.min(noteStart, supplementStart);
  const citations = readCitationList(text, start, listEnd, lines, messages);
  const notes: Note[] = [];
  const pushNote = (kind: Note["kind"], from: number, to: number) => {
    const r = trimRange(text, from, to);
    if (r.end <= r.start) return;
    notes.push({
      type: "note",
      kind,
      value: text.slice(r.start, r.end),
      variants: findVariants(text, r.start, r.end, null, lines),
      position: lines.position(r.start, r.end),
    });
  };
  if (supplementStart < end) pushNote("supplement", supplementStart, noteStart);
  if (noteStart < end) pushNote("editorial", noteStart, end);
  return { citations, notes };
}

/**
 * Reads a list of cited works, `text[start, end)`: items joined by 、 及 ，, each an optional
 * author, a title `《work·section》`, and an optional tail of juan numbers or biographies.
 */
export function readCitationList(
  text: string,
  start: number,
  end: number,
  lines: LineIndex,
  messages: Message[],
): Citation[] {
  const titles = topLevelTitles(text, start, end);
  const citations: Citation[] = [];
  let itemStart = start;
  let previousWork: string | null = null;
  for (let t = 0; t < titles.length; t++) {
    const title = titles[t]!;
    const next = titles[t + 1];
    // The text between this title and the next is "tail、author".
    const gapEnd = next ? next.start : end;
    let tailEnd = gapEnd;
    let nextItemStart = gapEnd;
    if (next) {
      for (let i = gapEnd - 1; i >= title.end; i--) {
        if (LIST_SEPARATORS.has(text[i]!)) {
          tailEnd = i;
          nextItemStart = i + 1;
          break;
        }
      }
      if (gapEnd - nextItemStart > MAX_AUTHOR) nextItemStart = gapEnd;
    }
    const authorRange = trimRange(text, itemStart, title.start, "、及，,並并暨與与和；");
    const authorText = text.slice(authorRange.start, authorRange.end);
    const author = authorText.length > 0 && authorText.length <= MAX_AUTHOR ? authorText : null;
    const { work: rawWork, section: rawSection } = splitTitle(text.slice(title.start + 1, title.end - 1));
    let work = rawWork;
    let section = rawSection;
    if (section === null && author === null && previousWork !== null && isSection(rawWork)) {
      work = previousWork;
      section = rawWork;
    }
    previousWork = work;
    const tailRange = trimRange(text, title.end, tailEnd, "、及，,。");
    const tail = text.slice(tailRange.start, tailRange.end);
    const rawRange = {
      start: author ? authorRange.start : title.start,
      end: tail === "" ? title.end : tailRange.end,
    };
    const raw = text.slice(rawRange.start, rawRange.end);
    const position = lines.position(rawRange.start, rawRange.end);
    const juan = JUAN_LIST.exec(tail);
    const biographies = juan ? null : BIOGRAPHIES.exec(tail);
    if (tail === "") {
      citations.push(citationOf(work, section, null, author, raw, position));
    } else if (juan) {
      for (const numeral of tail.split(/[及、，,與与又]/u)) {
        const n = parseChineseNumber(numeral.replace(/卷/gu, ""));
        if (n !== null) citations.push(citationOf(work, section, n, author, raw, position));
      }
    } else if (biographies && section === null) {
      for (const name of biographies[1]!.split(/[、，,及]/u)) {
        if (name !== "")
          citations.push(citationOf(work, `${name}${biographies[2]}`, null, author, raw, position));
      }
    } else {
      citations.push(citationOf(work, section, null, author, raw, position));
      messages.push({
        reason: `unrecognised text after a cited work: "${tail.slice(0, 40)}"`,
        ruleId: "citation-tail",
        severity: "info",
        place: lines.position(tailRange.start, tailRange.end),
      });
    }
    itemStart = nextItemStart;
  }
  return citations;
}

/** A citation node. */
function citationOf(
  work: string,
  section: string | null,
  juan: number | null,
  author: string | null,
  raw: string,
  position: Citation["position"],
): Citation {
  return { type: "citation", work, section, juan, author, raw, position };
}

/** True when the inside of a parenthesis, `text[start, end)`, opens like a list of sources. */
export function looksLikeCitation(text: string, start: number, end: number): boolean {
  const r = trimRange(text, start, end);
  if (r.start >= r.end) return false;
  const first = text[r.start]!;
  if (first === "《" || first === NOTE_MARK) return true;
  // An author before a title: 胡宿《鄭戩墓誌銘》.
  for (let i = r.start; i < Math.min(r.end, r.start + MAX_AUTHOR + 1); i++) {
    const c = text[i]!;
    if (c === "《") return true;
    if (!/\p{Script=Han}/u.test(c)) return false;
  }
  return false;
}
