/**
 * The reading text of a Kanripo file: its markers, line marks and column slashes removed, a small
 * note continued on the next line joined, with a map from each of its characters back to the
 * file; its header's properties, pages and printed lines; and where its body (and that of every
 * juan joined after it) begins. `kanripo.ts` finds the items in it.
 */

import { parseChineseNumber } from "../text/numerals.ts";
import { readDateAt } from "./kanripo-dates.ts";
import type { PageBreak } from "./types.ts";

const PAGE_MARK = "<pb:";
const LINE_MARK = "¶";
export const NOTE_OPEN = "(";
export const NOTE_CLOSE = ")";
const COLUMN_BREAK = "/";
export const ITEM_SEPARATOR = "\u3000";
const HEADER_MARK = "#";
const PAGE_MARK_CODE = PAGE_MARK.charCodeAt(0);
const LINE_MARK_CODE = LINE_MARK.charCodeAt(0);
const COLUMN_BREAK_CODE = COLUMN_BREAK.charCodeAt(0);
const CARRIAGE_RETURN = 13;
export const NOTE_OPEN_CODE = NOTE_OPEN.charCodeAt(0);
export const NOTE_CLOSE_CODE = NOTE_CLOSE.charCodeAt(0);
export const ITEM_SEPARATOR_CODE = ITEM_SEPARATOR.charCodeAt(0);
/** A printed line at least this long is body text, not a title line. */
const BODY_LINE = 16;

/** True when `text` looks like a Kanripo file: an Org header and page markers. */
export function isKanripo(text: string): boolean {
  const head = text.slice(0, 2000);
  return (head.startsWith("# -*- mode: mandoku") || head.includes("#+TITLE:")) && head.includes(PAGE_MARK);
}

export interface Reading {
  text: string;
  /** The file offset of each code unit of `text`. */
  map: Int32Array;
  /** Which reading offsets are inside a small note. */
  pages: PageBreak[];
  properties: Record<string, string>;
  /** The reading offset at which each printed line starts, with its page and line number. */
  lines: { at: number; page: PageBreak | null; line: number }[];
  /**
   * Where another juan's header stands after the text of one (files joined one after another):
   * the reading offset, and that juan's `JUAN` property.
   */
  breaks: { at: number; juan: string | null }[];
}

function pageOf(id: string, offset: number): PageBreak {
  const m = /-(\d+)([a-z])$/u.exec(id);
  return { id, page: m ? Number(m[1]) : 0, side: m ? m[2]! : "", offset };
}

/** Builds the reading text of a Kanripo file and the map back to the file. */
export function readingOf(file: string): Reading {
  // The reading text is gathered as runs of the file (sliced whole, not a character at a time),
  // with the file offset of each of its code units.
  const out: string[] = [];
  const map = new Int32Array(file.length);
  let length = 0;
  let runStart = -1;
  const flush = (end: number) => {
    if (runStart >= 0 && end > runStart) out.push(file.slice(runStart, end));
    runStart = -1;
  };
  const pages: PageBreak[] = [];
  const properties: Record<string, string> = {};
  const lines: Reading["lines"] = [];
  const breaks: Reading["breaks"] = [];
  let page: PageBreak | null = null;
  let lineOnPage = 0;
  let depth = 0;
  // Where the last note closed, if nothing but markers has come since: a note on the next line continues it.
  let openCloseAt = -1;
  let lineStart = 0;
  while (lineStart <= file.length) {
    let lineEnd = file.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = file.length;
    if (file.startsWith(HEADER_MARK, lineStart)) {
      const line = file.slice(lineStart, lineEnd).trim();
      const prop = /^#\+(?:PROPERTY:\s*(\S+)\s+(.*)|(\w+):\s*(.*))$/u.exec(line);
      // The first value of a property is the file's own: a juan may append another (`卷一百十五考證`).
      if (prop) properties[prop[1] ?? prop[3]!] ??= (prop[2] ?? prop[4] ?? "").trim();
      // A header after text: the files of several juan joined into one.
      if (length > 0) {
        if (breaks.at(-1)?.at !== length) breaks.push({ at: length, juan: null });
        if (prop?.[1] === "JUAN") breaks.at(-1)!.juan = (prop[2] ?? "").trim();
      }
    } else {
      let emitted = false;
      for (let i = lineStart; i < lineEnd; i++) {
        const code = file.charCodeAt(i);
        if (code === PAGE_MARK_CODE && file.startsWith(PAGE_MARK, i)) {
          const close = file.indexOf(">", i);
          if (close !== -1 && close < lineEnd) {
            flush(i);
            page = pageOf(file.slice(i + PAGE_MARK.length, close), i);
            pages.push(page);
            lineOnPage = 0;
            i = close;
            continue;
          }
        }
        if (code === LINE_MARK_CODE || code === CARRIAGE_RETURN) {
          flush(i);
          continue;
        }
        if (code === NOTE_OPEN_CODE && depth === 0 && openCloseAt >= 0 && openCloseAt === length - 1) {
          // `…)¶\n(…`: the note goes on from the line before; drop the `)` and this `(`.
          flush(i);
          const last = out.pop()!;
          if (last.length > 1) out.push(last.slice(0, -1));
          length--;
          depth = 1;
          openCloseAt = -1;
          continue;
        }
        if (depth > 0 && code === COLUMN_BREAK_CODE) {
          flush(i);
          continue;
        }
        if (!emitted) {
          lineOnPage++;
          lines.push({ at: length, page, line: lineOnPage });
          emitted = true;
        }
        if (code === NOTE_OPEN_CODE) depth++;
        if (code === NOTE_CLOSE_CODE && depth > 0) {
          depth--;
          openCloseAt = depth === 0 ? length : -1;
        } else {
          openCloseAt = -1;
        }
        if (runStart < 0) runStart = i;
        map[length++] = i;
      }
      flush(lineEnd);
    }
    if (lineEnd === file.length) break;
    lineStart = lineEnd + 1;
  }
  return { text: out.join(""), map: map.subarray(0, length), pages, properties, lines, breaks };
}

/** The printed lines before the body: the juan's title, author, section and ruler lines. */
export function titleLinesOf(reading: Reading, bodyAt: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < reading.lines.length && reading.lines[k]!.at < bodyAt; k++) {
    const end = Math.min(
      k + 1 < reading.lines.length ? reading.lines[k + 1]!.at : reading.text.length,
      bodyAt,
    );
    const line = reading.text.slice(reading.lines[k]!.at, end).trim();
    if (line.length > 0 && line.length <= 30) out.push(line);
  }
  return out;
}

/** A juan's number from its `JUAN` property (`卷一百十五` → 115), or null. */
export function juanNumber(juanText: string): number | null {
  return parseChineseNumber(juanText.replace(/^[卷巻]/u, ""));
}

/** A juan joined after the first: where its header starts, where its body does, and its number. */
export interface JuanFront {
  at: number;
  body: number;
  juan: number | null;
}

/**
 * Where the body of the file starts — the first printed line that opens with a date, or that is a
 * full printed line of text (the juan's title, author, section and ruler lines before it are
 * short) — and, for juan joined after the first, where each one's header and title lines are
 * and where its body starts: they are left out, and its body opens an item as the first juan's does.
 */
export function juanLayout(reading: Reading): {
  bodyLine: Reading["lines"][number] | undefined;
  fronts: JuanFront[];
} {
  const { lines, text } = reading;
  const isBodyLine = (l: Reading["lines"][number], k: number) => {
    const end = k + 1 < lines.length ? lines[k + 1]!.at : text.length;
    const line = text.slice(l.at, end).replace(/^[\s\u3000]+/u, "");
    if (line.length === 0 || line.startsWith("欽定四庫全書")) return false;
    const opening = readDateAt(line, 0, (y) => (y >= 2 ? y : -1));
    return (opening !== null && opening.year !== null) || line.length >= BODY_LINE;
  };
  const fronts = reading.breaks.map((b) => {
    let k = lines.findIndex((l) => l.at >= b.at);
    while (k !== -1 && k < lines.length && !isBodyLine(lines[k]!, k)) k++;
    const body = k === -1 || k >= lines.length ? text.length : lines[k]!.at;
    return { at: b.at, body, juan: b.juan === null ? null : juanNumber(b.juan) };
  });
  return { bodyLine: lines.find(isBodyLine), fronts };
}
