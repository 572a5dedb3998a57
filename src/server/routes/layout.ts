/**
 * How the printed edition lays a document's text out, as the reader needs it: which characters
 * of the file are the edition's markup rather than text (Kanripo page markers `<pb:…>`, line
 * marks `¶` and line ends, the column break `/` and the joins of a small note continued on the
 * next line), where each printed page begins, and where the small double-column notes (夾注)
 * stand. Every range is in offsets of the stored file text, so positions stay exact: the reader
 * leaves the markup out of what it shows, and the offsets still point into the file.
 *
 * The parser is the authority: the layout is read from the tree `parse` gives for the stored
 * text (its page breaks, its small glosses, and each item's reading text, which is the file
 * without the markup), built once per document and checksum.
 */
import { parse } from "../../parse/index.ts";
import { isKanripo } from "../../parse/kanripo.ts";
import type { ChronicleTree, Entry, PageBreak } from "../../parse/types.ts";
import type { Store } from "../../store/types.ts";
import type { PageMark, TextLayout, TextRange } from "./types.ts";

export type { PageMark, TextLayout, TextRange };

/** A layout with nothing in it: a plain chronicle's. */
export const EMPTY_LAYOUT: TextLayout = { hidden: [], pages: [], smallNotes: [] };

const LINE_MARK = "¶";

/** Adds `[start, end)` to sorted, non-overlapping ranges, merging where they touch. */
function addRange(ranges: TextRange[], start: number, end: number): void {
  if (end <= start) return;
  const last = ranges[ranges.length - 1];
  if (last && start <= last.end) last.end = Math.max(last.end, end);
  else ranges.push({ start, end });
}

/** Sorts and merges ranges. */
function normalize(ranges: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start || a.end - b.end))
    addRange(out, r.start, r.end);
  return out;
}

/** The span of a page marker `<pb:…>` in the file, or null when it is not where the tree says. */
function markerSpan(text: string, page: PageBreak): TextRange | null {
  const written = `<pb:${page.id}>`;
  return text.startsWith(written, page.offset)
    ? { start: page.offset, end: page.offset + written.length }
    : null;
}

/**
 * The file offsets in `[from, to)` that are not part of `reading`, the parser's reading text of
 * that stretch (the file without markers, line marks and column breaks): each character of the
 * file is matched in order against the reading, and what does not match is markup. Known marker
 * spans are skipped whole. Null when the reading is not found in order (the stretch is then
 * shown as it is written).
 */
function markupIn(
  text: string,
  from: number,
  to: number,
  reading: string,
  markers: readonly TextRange[],
): TextRange[] | null {
  const out: TextRange[] = [];
  let j = 0;
  let m = 0;
  for (let i = from; i < to; i++) {
    while (m < markers.length && markers[m]!.end <= i) m++;
    const marker = markers[m];
    if (marker && marker.start <= i) {
      addRange(out, i, Math.min(marker.end, to));
      i = Math.min(marker.end, to) - 1;
      continue;
    }
    if (j < reading.length && text.charCodeAt(i) === reading.charCodeAt(j)) j++;
    else addRange(out, i, i + 1);
  }
  return j === reading.length ? out : null;
}

/** Line marks and line ends in `[from, to)`: what is markup in any Kanripo text. */
function lineMarksIn(text: string, from: number, to: number, markers: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  let m = 0;
  for (let i = from; i < to; i++) {
    while (m < markers.length && markers[m]!.end <= i) m++;
    const marker = markers[m] && markers[m]!.start <= i ? markers[m] : undefined;
    if (marker) {
      addRange(out, i, Math.min(marker.end, to));
      i = Math.min(marker.end, to) - 1;
    } else if (text[i] === LINE_MARK || text[i] === "\n" || text[i] === "\r") addRange(out, i, i + 1);
  }
  return out;
}

function entriesOf(tree: ChronicleTree): Entry[] {
  return tree.children.flatMap((y) => y.children);
}

/**
 * The layout of a whole document, read from its parse tree. A plain chronicle has none: its text
 * is shown as written.
 *
 * @param text the stored text of the document
 * @param tree `parse(text)`
 * @example
 * documentLayout(text, parse(text)).pages[0] //=> { at: 301, id: "KR2b0019_WYG_143-1a", offset: 176, juan: 139, page: 1, side: "a" }
 */
export function documentLayout(text: string, tree: ChronicleTree): TextLayout {
  if (tree.meta.format !== "kanripo") return EMPTY_LAYOUT;
  const markers = tree.meta.pages.map((p) => markerSpan(text, p)).filter((r): r is TextRange => r !== null);
  const entries = entriesOf(tree).sort((a, b) => a.position.start.offset - b.position.start.offset);
  const hidden: TextRange[] = [];
  const smallNotes: TextRange[] = [];
  for (const entry of entries) {
    const start = entry.position.start.offset;
    const headStart = entry.headline.position.start.offset;
    const headEnd = entry.headline.position.end.offset;
    const segments: [number, number, string][] = [];
    if (headStart > start) segments.push([start, headStart, entry.dateNode?.text ?? ""]);
    segments.push([headStart, headEnd, entry.headline.value]);
    for (const detail of entry.details)
      segments.push([detail.position.start.offset, detail.position.end.offset, detail.value]);
    for (const [from, to, reading] of segments) {
      hidden.push(...(markupIn(text, from, to, reading, markers) ?? lineMarksIn(text, from, to, markers)));
    }
    // The entry's end may run over markup after its last character (`¶`, a page marker).
    const last = segments.reduce((max, [, to]) => Math.max(max, to), start);
    if (entry.position.end.offset > last)
      hidden.push(...lineMarksIn(text, last, entry.position.end.offset, markers));
    for (const paragraph of [entry.headline, ...entry.details]) {
      for (const child of paragraph.children) {
        if (child.type !== "gloss" || !child.small) continue;
        const s = child.position.start.offset;
        const e = child.position.end.offset;
        smallNotes.push({ start: s, end: e });
        // The parentheses only say that the note is small: it is shown small instead.
        if (text[s] === "(") hidden.push({ start: s, end: s + 1 });
        if (text[e - 1] === ")") hidden.push({ start: e - 1, end: e });
      }
    }
  }
  const merged = normalize(hidden);
  const pages: PageMark[] = [];
  for (const page of tree.meta.pages) {
    const at = pageStart(page, entries, merged);
    if (at === null) continue;
    pages.push({
      at,
      id: page.id,
      offset: page.offset,
      juan: tree.meta.document?.juan ?? tree.meta.juan,
      page: page.page,
      side: page.side,
    });
  }
  return { hidden: merged, pages, smallNotes: normalize(smallNotes) };
}

/**
 * Where a page's text begins: the first character of an entry at or after its marker that is not
 * markup; null when no entry follows it (a page of title lines only, or the last page's end).
 */
function pageStart(page: PageBreak, entries: readonly Entry[], hidden: readonly TextRange[]): number | null {
  for (const entry of entries) {
    const end = entry.position.end.offset;
    if (end <= page.offset) continue;
    let at = Math.max(page.offset, entry.position.start.offset);
    for (const r of hidden) {
      if (r.end <= at) continue;
      if (r.start > at) break;
      at = r.end;
    }
    if (at < end) return at;
  }
  return null;
}

/**
 * The part of a layout inside `[start, end)`.
 *
 * @example
 * layoutWithin(layout, 301, 420).pages.map((p) => `${p.page}${p.side}`) //=> ["1a"]
 */
export function layoutWithin(layout: TextLayout, start: number, end: number): TextLayout {
  if (layout === EMPTY_LAYOUT) return { hidden: [], pages: [], smallNotes: [] };
  const clip = (r: TextRange): TextRange | null =>
    r.end > start && r.start < end ? { start: Math.max(r.start, start), end: Math.min(r.end, end) } : null;
  return {
    hidden: layout.hidden.map(clip).filter((r): r is TextRange => r !== null),
    pages: layout.pages.filter((p) => p.at >= start && p.at < end),
    smallNotes: layout.smallNotes.map(clip).filter((r): r is TextRange => r !== null),
  };
}

/**
 * `[start, end)` of `text` without the hidden stretches: the characters a reader sees.
 *
 * @example
 * visibleText("ab¶\ncd", [{ start: 2, end: 4 }], 0, 6) //=> "abcd"
 */
export function visibleText(text: string, hidden: readonly TextRange[], start: number, end: number): string {
  let out = "";
  let at = start;
  for (const r of hidden) {
    if (r.end <= at) continue;
    if (r.start >= end) break;
    if (r.start > at) out += text.slice(at, r.start);
    at = Math.max(at, r.end);
  }
  if (at < end) out += text.slice(at, end);
  return out;
}

/** Layouts kept per store, by document id and checksum; the oldest is dropped past the limit. */
export const LAYOUT_CACHE_LIMIT = 1024;
const layouts = new WeakMap<Store, Map<string, Promise<TextLayout>>>();
/** The documents (id and checksum) that have no layout: texts other than Kanripo files. */
const plainTexts = new WeakMap<Store, Set<string>>();
const NO_LAYOUT = Promise.resolve(EMPTY_LAYOUT);

/**
 * The layout of a stored document (parsed again from its stored text, once per checksum), or
 * an empty one when the document is gone.
 *
 * @param store the store holding it
 * @param document its id and checksum
 */
export function storedLayout(store: Store, document: { id: number; sha256: string }): Promise<TextLayout> {
  let cache = layouts.get(store);
  if (!cache) {
    cache = new Map();
    layouts.set(store, cache);
  }
  let plain = plainTexts.get(store);
  if (!plain) {
    plain = new Set();
    plainTexts.set(store, plain);
  }
  const key = `${document.id}/${document.sha256}`;
  if (plain.has(key)) return NO_LAYOUT;
  let layout = cache.get(key);
  if (!layout) {
    const known = plain;
    layout = store.getDocumentText(document.id).then((text) => {
      if (text === null) return EMPTY_LAYOUT;
      // Only a Kanripo file has markup to lay out: another text is neither parsed nor kept.
      if (!isKanripo(text)) {
        known.add(key);
        cache.delete(key);
        return EMPTY_LAYOUT;
      }
      return documentLayout(text, parse(text));
    });
    layout.catch(() => cache.delete(key));
    // An older version of the document is not read again; past the limit, the oldest goes.
    for (const old of [...cache.keys()]) if (old.startsWith(`${document.id}/`)) cache.delete(old);
    while (cache.size >= LAYOUT_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, layout);
  }
  return layout;
}
