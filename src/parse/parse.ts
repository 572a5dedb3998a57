import { type Group, Marks, scanLine } from "./brackets.ts";
import { FULLWIDTH_COMMA, HALFWIDTH_PUNCTUATION, SENTENCE_END } from "./characters.ts";
import { looksLikeCitation, readCitationGroup, readCitationList } from "./citations.ts";
import { readDateOpening } from "./date.ts";
import { readDocumentInfo, titleBlockLength, UNKNOWN_DOCUMENT } from "./document-info.ts";
import { type HeadingParts, readYearHeading } from "./heading.ts";
import { isKanripo, parseKanripo } from "./kanripo.ts";
import { headlineStarts, isHeadline, MAX_PREFIX, noteKind, readHeadingPrefix } from "./outline.ts";
import { LineIndex } from "./position.ts";
import { firstTopLevel, trimRange } from "./scan.ts";
import type {
  ChronicleTree,
  DateNode,
  EffectiveDate,
  Entry,
  Inline,
  Message,
  Note,
  Paragraph,
  Year,
  YearHeading,
} from "./types.ts";
import { findVariants } from "./variants.ts";

/** More messages than this are summarised, so that a huge broken file cannot exhaust memory. */
const MAX_MESSAGES = 10_000;
/** The longest line that can be a year heading (see `readYearHeading`). */
const MAX_HEADING = 40;
/** How far into a plain chronicle its title block may reach. */
const TITLE_REACH = 400;
/** How many lines a parenthesis left open may run on to. */
const MAX_OPEN_LINES = 6;
/** How far into a paragraph a date can reach (`冬十二月乙酉朔，` is 8 characters). */
const MAX_DATE = 16;

/** A stretch of one line that forms a headline or a detail paragraph. */
interface RawParagraph {
  start: number;
  /** Where the paragraph's own text ends: before the closing citation, if any. */
  textEnd: number;
  end: number;
  closing: Group | null;
  inline: Group[];
}

interface EntryDraft {
  start: number;
  end: number;
  date: EffectiveDate;
  dateNode: DateNode | null;
  headline: Paragraph;
  details: Paragraph[];
  sources: Entry["sources"];
}

/**
 * Parses a chronicle's text into a positioned tree of years and entries. Kanseki Repository
 * files (Org header, page markers) are recognised and read by `parseKanripo`.
 *
 * Never throws on any input: problems in the text are reported in `tree.messages` with their
 * place, and the parser goes on. Runs in time linear in the length of the text.
 *
 * @param text the decoded text of one chronicle (see `decodeChronicle` for bytes)
 * @example
 * const tree = parse("西夏稱天授禮法延祚六年\n三月，獻俘契丹。（《西夏書事》）\n");
 * tree.children[0].heading.era //=> "天授禮法延祚"
 * tree.children[0].children[0].headline.value //=> "獻俘契丹。"
 */
export function parse(text: string): ChronicleTree {
  if (isKanripo(text)) return parseKanripo(text);
  const lines = new LineIndex(text);
  const marks = new Marks(text);
  const messages: Message[] = [];
  const report = (message: Message) => {
    if (messages.length < MAX_MESSAGES) messages.push(message);
    else if (messages.length === MAX_MESSAGES) {
      messages.push({
        ...message,
        reason: "too many problems; the rest are not listed",
        ruleId: "too-many-messages",
      });
    }
  };
  const years: Year[] = [];
  let year: Year | null = null;
  let lastDate: EffectiveDate | null = null;
  let draft: EntryDraft | null = null;
  let entryCount = 0;

  const ensureYear = (start: number): Year => {
    if (year) return year;
    year = { type: "year", heading: null, children: [], position: lines.position(start, start) };
    years.push(year);
    return year;
  };

  const finishEntry = () => {
    if (!draft) return;
    const y = ensureYear(draft.start);
    entryCount++;
    const entry: Entry = {
      type: "entry",
      id: `e${entryCount}`,
      date: draft.date,
      dateNode: draft.dateNode,
      headline: draft.headline,
      details: draft.details,
      sources: draft.sources,
      locus: null,
      position: lines.position(draft.start, draft.end),
    };
    if (!entry.sources) {
      report({
        reason: "entry has no closing source citation",
        ruleId: "entry-without-citation",
        severity: "info",
        place: entry.headline.position,
      });
    }
    y.children.push(entry);
    y.position = { start: y.position.start, end: entry.position.end };
    draft = null;
  };

  const makeParagraph = (type: Paragraph["type"], p: RawParagraph, from: number): Paragraph => {
    const r = trimRange(text, from, p.textEnd);
    const children: Inline[] = [];
    for (const g of p.inline) {
      if (g.open < r.start || g.open >= r.end) continue;
      const inner = { start: g.open + 1, end: g.closed ? g.close - 1 : g.close };
      const value = text.slice(inner.start, inner.end);
      const variants = findVariants(text, inner.start, inner.end, { start: r.start, end: g.open }, lines);
      const position = lines.position(g.open, g.close);
      if (variants.length > 0) {
        children.push({ type: "variantNote", value, variants, position });
      } else {
        const found = firstTopLevel(text, inner.start, inner.end, "：:");
        const colon = found === -1 ? inner.end : found;
        const citations = readCitationList(text, inner.start, colon, lines, []);
        children.push({ type: "gloss", value, small: false, citations, position });
      }
    }
    return { type, value: text.slice(r.start, r.end), children, position: lines.position(r.start, r.end) };
  };

  const sourcesOf = (p: RawParagraph): Entry["sources"] => {
    const g = p.closing;
    if (!g) return null;
    const inner = { start: g.open + 1, end: g.closed ? g.close - 1 : g.close };
    const { citations, notes } = readCitationGroup(text, inner.start, inner.end, lines, messages);
    return {
      type: "citationGroup",
      value: text.slice(inner.start, inner.end),
      citations,
      notes,
      position: lines.position(g.open, g.close),
    };
  };

  const startEntry = (p: RawParagraph) => {
    const probe = text.slice(p.start, Math.min(p.textEnd, p.start + MAX_DATE));
    const opening = readDateOpening(probe);
    let dateNode: DateNode | null = null;
    let from = p.start;
    if (opening) {
      const dateEnd = p.start + opening.text.length;
      dateNode = {
        type: "date",
        text: opening.text,
        season: opening.season,
        month: opening.month,
        leap: opening.leap,
        day: opening.day,
        relative: opening.relative,
        position: lines.position(p.start, dateEnd),
      };
      from = p.start + opening.length;
      lastDate = effectiveFrom(dateNode, lastDate);
    }
    const date: EffectiveDate = lastDate
      ? { ...lastDate, own: dateNode !== null }
      : { text: null, season: null, month: null, leap: false, day: null, relative: null, own: false };
    // A headline-only entry whose paragraph holds more than one sentence: the first is the
    // headline, the rest its detail run onto the same line (`…遣使報宋。耶律敵烈等使…`).
    let headlineEnd = p.textEnd;
    if (p.closing) {
      const r = trimRange(text, from, p.textEnd);
      const stop = firstTopLevel(text, r.start, r.end - 1, "。");
      if (stop !== -1 && stop + 1 < r.end - 1) headlineEnd = stop + 1;
    }
    const details: Paragraph[] = [];
    const headline = makeParagraph("headline", { ...p, textEnd: headlineEnd }, from);
    if (headlineEnd < p.textEnd)
      details.push(makeParagraph("detail", { ...p, start: headlineEnd }, headlineEnd));
    draft = {
      start: dateNode ? p.start : headline.position.start.offset,
      end: p.end,
      date,
      dateNode,
      headline,
      details,
      sources: sourcesOf(p),
    };
  };

  const openYear = (label: string, parts: HeadingParts, start: number, end: number) => {
    finishEntry();
    const node: YearHeading = { type: "yearHeading", label, ...parts, position: lines.position(start, end) };
    year = { type: "year", heading: node, children: [], position: node.position };
    years.push(year);
    lastDate = null;
  };

  /** The sample's form: a closing citation ends an entry; a line of citations alone closes the open one. */
  const citedParagraph = (p: RawParagraph) => {
    if (p.closing && p.textEnd <= p.start && draft) {
      const current = draft as EntryDraft;
      current.sources = sourcesOf(p);
      current.end = p.end;
      finishEntry();
      return;
    }
    // A detail paragraph that opens with a date starts a new entry: the one before lacked its citation.
    const probe = text.slice(p.start, Math.min(p.textEnd, p.start + MAX_DATE));
    const open = draft as EntryDraft | null;
    if (open && readDateOpening(probe)) finishEntry();
    const current = draft as EntryDraft | null;
    if (current) {
      current.details.push(makeParagraph("detail", p, p.start));
      current.end = p.end;
      current.sources = sourcesOf(p);
    } else {
      startEntry(p);
    }
    if ((draft as EntryDraft | null)?.sources) finishEntry();
  };

  /** The 綱目 form without citations: headline lines are entries, 按 and 附 paragraphs notes. */
  const outlineParagraph = (p: RawParagraph) => {
    const value = text.slice(p.start, p.textEnd);
    const kind = noteKind(value);
    const current = draft as EntryDraft | null;
    if (kind && current) {
      const r = trimRange(text, p.start, p.end);
      const note: Note = {
        type: "note",
        kind,
        value: text.slice(r.start, r.end),
        variants: findVariants(text, r.start, r.end, null, lines),
        position: lines.position(r.start, r.end),
      };
      current.sources ??= {
        type: "citationGroup",
        value: "",
        citations: [],
        notes: [],
        position: note.position,
      };
      current.sources.notes.push(note);
      current.end = p.end;
      return;
    }
    if (current && !isHeadline(value)) {
      current.details.push(makeParagraph("detail", p, p.start));
      current.end = p.end;
      return;
    }
    const starts = headlineStarts(value);
    for (let k = 0; k < starts.length; k++) {
      finishEntry();
      const { at, heading } = starts[k]!;
      let start = p.start + at;
      if (heading) {
        // A year opens this sentence of an annal: `二年春正月丁未，…`.
        openYear(heading.label, heading.parts, start, start + heading.label.length);
        start += heading.end;
      }
      const textEnd = k + 1 < starts.length ? p.start + starts[k + 1]!.at : p.textEnd;
      const inline = p.inline.filter((g) => g.open >= start && g.open < textEnd);
      startEntry({ start, textEnd, end: k + 1 < starts.length ? textEnd : p.end, closing: null, inline });
    }
  };

  const outline = !hasClosingCitations(text);
  // The title block (`遼史卷十九`, `本紀第十九`, `興宗二`) names the document; it holds no entries.
  const head = text.slice(0, TITLE_REACH).split("\n");
  const titleLines = titleBlockLength(head.slice(0, -1));
  const document = titleLines > 0 ? readDocumentInfo({}, head.slice(0, titleLines)) : UNKNOWN_DOCUMENT;
  let lineStart = head.slice(0, titleLines).reduce((n, line) => n + line.length + 1, 0);
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    // A parenthesis left open runs on to the lines that close it (a web copy's citations).
    lineEnd = closingLineEnd(text, lineStart, lineEnd);
    const r = trimRange(text, lineStart, lineEnd);
    if (r.end > r.start) {
      const lineText = r.end - r.start <= MAX_HEADING ? text.slice(r.start, r.end) : "";
      const heading = lineText === "" ? null : readYearHeading(lineText);
      if (heading) {
        openYear(lineText, heading, r.start, r.end);
      } else {
        let from = r.start;
        const prefix = readHeadingPrefix(text.slice(r.start, Math.min(r.end, r.start + MAX_PREFIX)));
        if (prefix) {
          openYear(prefix.label, prefix.parts, r.start, r.start + prefix.label.length);
          from = r.start + prefix.end;
        }
        const range = marks.take(from, r.end);
        checkHalfWidth(text, marks, range, lines, report);
        for (const p of splitParagraphs(text, from, r.end, marks, range, lines, report)) {
          if (outline) outlineParagraph(p);
          else citedParagraph(p);
        }
      }
    }
    if (lineEnd === text.length) break;
    lineStart = lineEnd + 1;
  }
  finishEntry();
  return {
    type: "root",
    children: years,
    messages,
    meta: { format: "plain", properties: {}, juan: document.juan, pages: [], document },
    position: lines.position(0, text.length),
  };
}

/** The date in force after `node`: a day or 是月 alone keeps the month of the date before. */
function effectiveFrom(node: DateNode, previous: EffectiveDate | null): EffectiveDate {
  const keepsMonth =
    node.month === null &&
    node.season === null &&
    (node.day !== null || node.relative === "是月" || node.relative === "是日");
  if (keepsMonth && previous) {
    return {
      text: node.text,
      season: previous.season,
      month: previous.month,
      leap: previous.leap,
      day: node.day,
      relative: node.relative,
      own: true,
    };
  }
  return {
    text: node.text,
    season: node.season,
    month: node.month,
    leap: node.leap,
    day: node.day,
    relative: node.relative,
    own: true,
  };
}

/**
 * Splits one line into paragraphs: a closing citation parenthesis that follows the end of a
 * sentence ends a paragraph (and an entry), and whatever follows on the line starts the next.
 */
function splitParagraphs(
  text: string,
  start: number,
  end: number,
  marks: Marks,
  range: { from: number; to: number },
  lines: LineIndex,
  report: (m: Message) => void,
): RawParagraph[] {
  const { groups, problems } = scanLine(text, start, end, marks, range);
  for (const p of problems) {
    report({
      reason: p.reason,
      ruleId: p.ruleId,
      severity: "warning",
      place: lines.position(p.offset, p.offset + 1),
    });
  }
  const paragraphs: RawParagraph[] = [];
  let paragraphStart = start;
  let inline: Group[] = [];
  for (const g of groups) {
    const inner = { start: g.open + 1, end: g.closed ? g.close - 1 : g.close };
    let before = g.open - 1;
    while (before >= paragraphStart && /\s|\u3000/u.test(text[before]!)) before--;
    const afterSentence = before >= paragraphStart && SENTENCE_END.has(text[before]!);
    const atLineEnd = trimRange(text, g.close, end).start === end;
    // A parenthesis of sources alone on its line closes the entry of the lines before it.
    const alone = before < paragraphStart && paragraphStart === start && atLineEnd;
    const closing =
      looksLikeCitation(text, inner.start, inner.end) &&
      (afterSentence ||
        alone ||
        (atLineEnd &&
          findVariants(text, inner.start, inner.end, null, lines).length === 0 &&
          before >= paragraphStart));
    if (!closing) {
      inline.push(g);
      continue;
    }
    paragraphs.push({ start: paragraphStart, textEnd: g.open, end: g.close, closing: g, inline });
    inline = [];
    paragraphStart = trimRange(text, g.close, end).start;
  }
  if (paragraphStart < end) {
    paragraphs.push({ start: paragraphStart, textEnd: end, end, closing: null, inline });
  }
  return paragraphs;
}

/** Reports half-width punctuation between CJK characters (`宋(《長編》)`), which should be full-width. */
function checkHalfWidth(
  text: string,
  marks: Marks,
  range: { from: number; to: number },
  lines: LineIndex,
  report: (m: Message) => void,
) {
  for (let k = range.from; k < range.to; k++) {
    const i = marks.offsets[k]!;
    const c = text[i]!;
    if (!HALFWIDTH_PUNCTUATION.has(c)) continue;
    const near = `${text[i - 1] ?? ""}${text[i + 1] ?? ""}`;
    if (/\p{Script=Han}|[《》（）「」]/u.test(near)) {
      report({
        reason: `half-width "${c}" in Chinese text; read as "${c === "," ? FULLWIDTH_COMMA : c}" full-width`,
        ruleId: "half-width-punctuation",
        severity: "info",
        place: lines.position(i, i + 1),
      });
    }
  }
}

/** True when the text closes entries with citations (`…。（《長編》一百三十九）`), as the sample does. */
function hasClosingCitations(text: string): boolean {
  return CLOSING_CITATION.test(text) || CITATION_LINE.test(text);
}

/** A parenthesis that opens with a cited title right after a sentence: `。（《遼史·興宗本紀》）`. */
const CLOSING_CITATION = /[。！？」][ \u3000]*[（(][^（）()\n]{0,12}《/u;
/** A line that is a parenthesis of citations alone (a web copy puts them on lines of their own). */
const CITATION_LINE = /^[ \u3000]*[（(][^（）()\n]{0,12}《[^\n]*[）)][ \u3000]*$/mu;

/**
 * Where a line ends once its open parentheses are closed: the end of the first following line
 * that balances them, within a few lines; the line's own end when none does.
 */
function closingLineEnd(text: string, start: number, end: number): number {
  let depth = 0;
  let scanFrom = start;
  let lineEnd = end;
  for (let n = 0; n <= MAX_OPEN_LINES; n++) {
    for (let i = scanFrom; i < lineEnd; i++) {
      const c = text[i];
      if (c === "（" || c === "(") depth++;
      else if ((c === "）" || c === ")") && depth > 0) depth--;
    }
    if (depth === 0) return lineEnd;
    if (lineEnd >= text.length) return end;
    scanFrom = lineEnd + 1;
    lineEnd = text.indexOf("\n", scanFrom);
    if (lineEnd === -1) lineEnd = text.length;
  }
  return end;
}
