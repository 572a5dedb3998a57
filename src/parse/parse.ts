import { type Group, Marks, scanLine } from "./brackets.ts";
import { FULLWIDTH_COMMA, HALFWIDTH_PUNCTUATION, SENTENCE_END } from "./characters.ts";
import { looksLikeCitation, readCitationGroup, readCitationList } from "./citations.ts";
import { readDateOpening } from "./date.ts";
import { UNKNOWN_DOCUMENT } from "./document-info.ts";
import { readYearHeading } from "./heading.ts";
import { isKanripo, parseKanripo } from "./kanripo.ts";
import { LineIndex } from "./position.ts";
import { firstTopLevel, trimRange } from "./scan.ts";
import type {
  ChronicleTree,
  DateNode,
  EffectiveDate,
  Entry,
  Inline,
  Message,
  Paragraph,
  Year,
  YearHeading,
} from "./types.ts";
import { findVariants } from "./variants.ts";

/** More messages than this are summarised, so that a huge broken file cannot exhaust memory. */
const MAX_MESSAGES = 10_000;
/** The longest line that can be a year heading (see `readYearHeading`). */
const MAX_HEADING = 40;
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

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const r = trimRange(text, lineStart, lineEnd);
    if (r.end > r.start) {
      const lineText = r.end - r.start <= MAX_HEADING ? text.slice(r.start, r.end) : "";
      const heading = lineText === "" ? null : readYearHeading(lineText);
      if (heading) {
        finishEntry();
        const node: YearHeading = {
          type: "yearHeading",
          label: lineText,
          ...heading,
          position: lines.position(r.start, r.end),
        };
        year = { type: "year", heading: node, children: [], position: node.position };
        years.push(year);
        lastDate = null;
      } else {
        const range = marks.take(r.start, r.end);
        checkHalfWidth(text, marks, range, lines, report);
        for (const p of splitParagraphs(text, r.start, r.end, marks, range, lines, report)) {
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
    meta: { format: "plain", properties: {}, juan: null, pages: [], document: UNKNOWN_DOCUMENT },
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
    const closing =
      looksLikeCitation(text, inner.start, inner.end) &&
      (afterSentence ||
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
