/**
 * The parts of an entry that are annotated, each with its absolute offset, the ranges inside it
 * that are left alone (titles of works, inline notes) and its quotations.
 */
import type { Entry, Paragraph } from "../../parse/types.ts";
import {
  LEFT_CORNER,
  LEFT_TITLE,
  LEFT_WHITE_CORNER,
  RIGHT_CORNER,
  RIGHT_TITLE,
  RIGHT_WHITE_CORNER,
} from "./chars.ts";
import type { Span } from "./spans.ts";

/** One annotated part of an entry. */
export interface Segment {
  /** `headline`, `detail1`…, `note1`…. */
  field: string;
  /** The absolute offset of `text[0]` in the document. */
  start: number;
  text: string;
  /** Ranges (relative to `text`) not to annotate: titles of works and, by default, inline notes. */
  excluded: readonly Span[];
  /** Quotations `「…」` (relative, the marks included), outermost only. */
  quotes: readonly Span[];
}

/** What to annotate besides headlines and details. */
export interface SegmentOptions {
  /** Editor's notes and supplementary quotations of the closing citation (default `true`). */
  notes?: boolean;
  /** Inline parentheses inside headlines and details: variant notes and glosses (default `false`). */
  inlineNotes?: boolean;
}

const TITLE = new RegExp(`${LEFT_TITLE}[^${LEFT_TITLE}${RIGHT_TITLE}]*${RIGHT_TITLE}`, "g");

const OPEN_QUOTE = LEFT_CORNER.charCodeAt(0);
const OPEN_INNER = LEFT_WHITE_CORNER.charCodeAt(0);
const CLOSE_QUOTE = RIGHT_CORNER.charCodeAt(0);
const CLOSE_INNER = RIGHT_WHITE_CORNER.charCodeAt(0);

/** The ranges of a segment without titles, notes or quotations (shared: never added to). */
const NO_SPANS: readonly Span[] = [];

function quotesOf(text: string): readonly Span[] {
  let i = text.indexOf(LEFT_CORNER);
  const inner = text.indexOf(LEFT_WHITE_CORNER);
  if (i === -1 || (inner !== -1 && inner < i)) i = inner;
  if (i === -1) return NO_SPANS;
  const quotes: Span[] = [];
  let depth = 0;
  let open = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_QUOTE || (c === OPEN_INNER && depth === 0)) {
      if (depth === 0) open = i;
      depth++;
    } else if ((c === CLOSE_QUOTE || c === CLOSE_INNER) && depth > 0) {
      depth--;
      if (depth === 0) quotes.push({ start: open, end: i + 1 });
    }
  }
  if (depth > 0) quotes.push({ start: open, end: text.length });
  return quotes;
}

/** Field names by number (`detail1`, `note2`…), made once: every mention of a field shares its string. */
const FIELD_NAMES = { detail: [] as string[], note: [] as string[] };

function fieldName(kind: keyof typeof FIELD_NAMES, number: number): string {
  const names = FIELD_NAMES[kind];
  while (names.length <= number) names.push(`${kind}${names.length}`);
  return names[number]!;
}

function segment(field: string, start: number, text: string, inline: readonly Span[]): Segment {
  let excluded = inline;
  if (text.includes(LEFT_TITLE)) {
    const all = inline.slice();
    TITLE.lastIndex = 0;
    for (let m = TITLE.exec(text); m !== null; m = TITLE.exec(text))
      all.push({ start: m.index, end: m.index + m[0].length });
    all.sort((a, b) => a.start - b.start);
    excluded = all;
  }
  return { field, start, text, excluded, quotes: quotesOf(text) };
}

/**
 * The text of a part of an entry: read from the document by its range, else its value when that
 * equals the range (as in plain-text chronicles), else `null`.
 */
function partText(
  node: { position: Paragraph["position"]; value: string },
  source: string | undefined,
): string | null {
  const { start, end } = node.position;
  if (source !== undefined) return source.slice(start.offset, end.offset);
  return node.value.length === end.offset - start.offset ? node.value : null;
}

/** The ranges of a paragraph's inline notes, relative to the paragraph. */
function inlineNotes(paragraph: Paragraph, base: number): readonly Span[] {
  const { children } = paragraph;
  if (children.length === 0) return NO_SPANS;
  const out: Span[] = new Array(children.length);
  for (let k = 0; k < children.length; k++) {
    const { position } = children[k]!;
    out[k] = { start: position.start.offset - base, end: position.end.offset - base };
  }
  return out;
}

/**
 * The segments of an entry in text order: headline, details, then notes.
 *
 * @param entry the entry
 * @param source the document text, to read each part from its position (default: the parts' values,
 *   which equal the text of their ranges in plain-text chronicles)
 * @param options what to include
 */
export function entrySegments(
  entry: Entry,
  source: string | undefined,
  options: SegmentOptions = {},
): Segment[] {
  const out: Segment[] = [];
  for (let index = 0; index <= entry.details.length; index++) {
    const paragraph = index === 0 ? entry.headline : entry.details[index - 1]!;
    const text = partText(paragraph, source);
    if (text === null) continue;
    const base = paragraph.position.start.offset;
    const inline = options.inlineNotes ? NO_SPANS : inlineNotes(paragraph, base);
    out.push(segment(index === 0 ? "headline" : fieldName("detail", index), base, text, inline));
  }
  const notes = (options.notes ?? true) ? entry.sources?.notes : undefined;
  if (notes !== undefined)
    for (let index = 0; index < notes.length; index++) {
      const note = notes[index]!;
      const text = partText(note, source);
      if (text !== null)
        out.push(segment(fieldName("note", index + 1), note.position.start.offset, text, NO_SPANS));
    }
  return out;
}
