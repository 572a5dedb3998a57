import { BRACKET_KIND, CLOSER, LEFT_TITLE, OPENER, RIGHT_TITLE } from "./characters.ts";

const LEFT_TITLE_CODE = LEFT_TITLE.charCodeAt(0);
const RIGHT_TITLE_CODE = RIGHT_TITLE.charCodeAt(0);

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
  const kinds = BRACKET_KIND;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const kind = kinds[text.charCodeAt(i)]!;
    if (kind === OPENER) {
      if (depth === 0 && visit(i, text[i]!)) return;
      depth++;
      continue;
    }
    if (kind === CLOSER) {
      if (depth > 0) depth--;
      continue;
    }
    if (depth === 0 && visit(i, text[i]!)) return;
  }
}

/** The `[start, end)` ranges of the top-level titles `《…》` in `text[start, end)`. */
export function topLevelTitles(text: string, start: number, end: number): { start: number; end: number }[] {
  const titles: { start: number; end: number }[] = [];
  const kinds = BRACKET_KIND;
  let depth = 0;
  let open = -1;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const kind = kinds[code]!;
    if (kind === OPENER) {
      if (depth === 0 && code === LEFT_TITLE_CODE) open = i;
      depth++;
    } else if (kind === CLOSER && depth > 0) {
      depth--;
      if (depth === 0 && code === RIGHT_TITLE_CODE && open >= 0) {
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
  const kinds = BRACKET_KIND;
  const a = chars.charCodeAt(0);
  const b = chars.length > 1 ? chars.charCodeAt(1) : a;
  const more = chars.length > 2;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (depth === 0 && (code === a || code === b || (more && chars.includes(text[i]!)))) return i;
    const kind = kinds[code]!;
    if (kind === OPENER) depth++;
    else if (depth > 0 && kind === CLOSER) depth--;
  }
  return -1;
}

/**
 * True when `char` (one UTF-16 code unit) occurs in `text[start, end)`. Unlike `indexOf`, never
 * looks past `end`, so a scan per note stays linear in the note.
 *
 * @example
 * occursIn("按長編", 0, 1, "按") //=> true
 */
export function occursIn(text: string, start: number, end: number, char: string): boolean {
  const code = char.charCodeAt(0);
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}
