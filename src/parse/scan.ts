import { BRACKET_PAIRS, CLOSERS } from "./characters.ts";

/**
 * Calls `visit(index, char)` for each character of `text[start, end)` that stands outside any
 * bracket (《》「」（）…), so that punctuation inside titles, quotations and nested notes is
 * skipped. Stops early when `visit` returns true. Linear in the length of the range.
 */
export function forEachTopLevel(
  text: string,
  start: number,
  end: number,
  visit: (index: number, char: string) => boolean | undefined,
): void {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (BRACKET_PAIRS.has(c)) {
      if (depth === 0 && visit(i, c)) return;
      depth++;
      continue;
    }
    if (CLOSERS.has(c)) {
      if (depth > 0) depth--;
      continue;
    }
    if (depth === 0 && visit(i, c)) return;
  }
}

/** The `[start, end)` ranges of the top-level titles `《…》` in `text[start, end)`. */
export function topLevelTitles(text: string, start: number, end: number): { start: number; end: number }[] {
  const titles: { start: number; end: number }[] = [];
  let depth = 0;
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (BRACKET_PAIRS.has(c)) {
      if (depth === 0 && c === "《") open = i;
      depth++;
    } else if (CLOSERS.has(c) && depth > 0) {
      depth--;
      if (depth === 0 && c === "》" && open >= 0) {
        titles.push({ start: open, end: i + 1 });
        open = -1;
      }
    }
  }
  return titles;
}

/** True for ASCII whitespace, the ideographic space, the BOM and NBSP. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0x3000 || code === 0xfeff || code === 0xa0;
}

/** Trims whitespace (incl. the ideographic space) and any of `extra` from both ends of `text[start, end)`. */
export function trimRange(
  text: string,
  start: number,
  end: number,
  extra = "",
): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && (isSpace(text.charCodeAt(s)) || (extra !== "" && extra.includes(text[s]!)))) s++;
  while (e > s && (isSpace(text.charCodeAt(e - 1)) || (extra !== "" && extra.includes(text[e - 1]!)))) e--;
  return { start: s, end: e };
}

/**
 * The offset of the first `char` in `text[start, end)` that stands outside any bracket, or -1.
 * The same walk as `forEachTopLevel`, without a callback, for the parser's hot paths.
 */
export function firstTopLevel(text: string, start: number, end: number, chars: string): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (depth === 0 && chars.includes(c)) return i;
    if (BRACKET_PAIRS.has(c)) depth++;
    else if (depth > 0 && CLOSERS.has(c)) depth--;
  }
  return -1;
}
