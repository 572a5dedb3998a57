/**
 * Kanseki Repository (Kanripo) files: an Org-mode header (`#+TITLE`, `#+PROPERTY: JUAN …`),
 * page markers `<pb:KR2b0019_WYG_143-1a>`, `¶` at the end of every printed line, unpunctuated
 * text whose items open with a sexagenary day (`慶歴三年春正月庚午朔…`, `辛未…`), a full-width
 * space between some items, and small double-column notes `(right column/left column)` that may
 * run over several printed lines.
 *
 * The parser first builds the reading text — markers, line marks and column slashes removed,
 * a note continued on the next line joined — with a map from each of its characters back to
 * the file, then finds the items in it. Every node's position points into the file itself.
 */

import { codeUnitSet } from "../text/code-units.ts";
import { BRANCHES, ganzhiIndex, isGanzhi, STEMS } from "../text/ganzhi.ts";
import { parseChineseNumber } from "../text/numerals.ts";
import { readDocumentInfo } from "./document-info.ts";
import { LineIndex } from "./position.ts";
import type {
  ChronicleTree,
  DateNode,
  EffectiveDate,
  Entry,
  Gloss,
  Locus,
  Message,
  PageBreak,
  Season,
  Year,
} from "./types.ts";

const PAGE_MARK = "<pb:";
const LINE_MARK = "¶";
const NOTE_OPEN = "(";
const NOTE_CLOSE = ")";
const COLUMN_BREAK = "/";
const ITEM_SEPARATOR = "\u3000";
const HEADER_MARK = "#";
const MONTH = "月";
const PAGE_MARK_CODE = PAGE_MARK.charCodeAt(0);
const LINE_MARK_CODE = LINE_MARK.charCodeAt(0);
const COLUMN_BREAK_CODE = COLUMN_BREAK.charCodeAt(0);
const CARRIAGE_RETURN = 13;
const NOTE_OPEN_CODE = NOTE_OPEN.charCodeAt(0);
const NOTE_CLOSE_CODE = NOTE_CLOSE.charCodeAt(0);
const ITEM_SEPARATOR_CODE = ITEM_SEPARATOR.charCodeAt(0);
/** How far a date reaches from its first character: `慶歴三年春閏十二月庚午朔` and then some. */
const DATE_WINDOW = 16;

const IS_STEM = codeUnitSet(STEMS);
const IS_BRANCH = codeUnitSet(BRANCHES);
/** The characters a date can open with: a stem (辛未), a numeral or 正 (三月), 閏, a season. */
const OPENS_DATE = codeUnitSet(`${STEMS}正一二三四五六七八九十閏春夏秋冬`);

/** The era, year, season and month that open a juan: 慶歴三年春正月, 慶厯四年五月. */
const ERA_YEAR_MONTH =
  /^([^\s\u3000()]{2,4}?)(元|[一二三四五六七八九十]{1,3})年(春|夏|秋|冬)?(閏)?(正|十[一二]|[一二三四五六七八九十])月/u;
/** A month with its first day: 二月己亥朔, 閏九月丁卯. */
const MONTH_DAY =
  /^(春|夏|秋|冬)?(閏)?(正|十[一二]|[一二三四五六七八九十])月([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])(朔)?/u;
/** A day: 辛未, 己亥朔. */
const DAY = /^([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])(朔|晦)?/u;
/** Words after which a 干支 is part of a sentence (以甲戌燕…: "on 甲戌, feasted…"), not a new item. */
const NOT_BEFORE_DAY = new Set([..."以自至於于及用是當到越逮迨比後前與和凡其每俟"]);

/** True when `text` looks like a Kanripo file: an Org header and page markers. */
export function isKanripo(text: string): boolean {
  const head = text.slice(0, 2000);
  return (head.startsWith("# -*- mode: mandoku") || head.includes("#+TITLE:")) && head.includes(PAGE_MARK);
}

interface Reading {
  text: string;
  /** The file offset of each code unit of `text`. */
  map: Int32Array;
  /** Which reading offsets are inside a small note. */
  pages: PageBreak[];
  properties: Record<string, string>;
  /** The reading offset at which each printed line starts, with its page and line number. */
  lines: { at: number; page: PageBreak | null; line: number }[];
}

function pageOf(id: string, offset: number): PageBreak {
  const m = /-(\d+)([a-z])$/u.exec(id);
  return { id, page: m ? Number(m[1]) : 0, side: m ? m[2]! : "", offset };
}

/** Builds the reading text of a Kanripo file and the map back to the file. */
function readingOf(file: string): Reading {
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
  return { text: out.join(""), map: map.subarray(0, length), pages, properties, lines };
}

/** The printed lines before the body: the juan's title, author, section and ruler lines. */
function titleLinesOf(reading: Reading, bodyAt: number): string[] {
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

const ganzhiNumber = (g: string) => ganzhiIndex(g) ?? -1;

interface ItemStart {
  at: number;
  /** Length of the date that opens the item (0 for none). */
  dateLength: number;
  era: { name: string; number: number; length: number } | null;
  season: Season | null;
  month: number | null;
  leap: boolean;
  day: string | null;
  /** Day 1 of the month (朔). */
  first: boolean;
}

/**
 * Parses a Kanripo file into the chronicle tree: each dated item is an entry whose headline is
 * the item's reading text; small notes are its glosses; each entry has its locus (juan, page,
 * side, line). Items are found where a sexagenary day opens them: after an item separator, a
 * note or a sentence, and later in the month than the day before (so `以甲戌燕…` inside an item,
 * which names an earlier day, does not split it).
 */
export function parseKanripo(file: string): ChronicleTree {
  const index = new LineIndex(file);
  const messages: Message[] = [];
  const reading = readingOf(file);
  const text = reading.text;
  const map = reading.map;
  const at = (i: number) => (i < map.length ? map[i]! : file.length);
  const endAt = (i: number) => (i > 0 ? map[i - 1]! + 1 : 0);
  const position = (s: number, e: number) => index.position(at(s), e > s ? endAt(e) : at(s));
  const juanText = reading.properties.JUAN ?? "";
  const juan = parseChineseNumber(juanText.replace(/^[卷巻]/u, ""));

  // The body starts at the first printed line that opens with an era, year and month.
  const bodyLine = reading.lines.find((l) => ERA_YEAR_MONTH.test(text.slice(l.at, l.at + 16)));
  const starts: ItemStart[] = [];
  if (bodyLine) {
    let depth = 0;
    let dayNumber = -1; // sexagenary number of the last day item in this month
    let monthFirst = -1; // sexagenary number of the month's first day, when known
    const tryDate = (i: number, atBoundary: boolean): ItemStart | null => {
      const rest = text.slice(i, i + DATE_WINDOW);
      const eym = ERA_YEAR_MONTH.exec(rest);
      if (eym && atBoundary) {
        const number = parseChineseNumber(eym[2]!);
        const month = parseChineseNumber(eym[5]!);
        const tail = DAY.exec(rest.slice(eym[0].length));
        if (number !== null && month !== null) {
          const day = tail && isGanzhi(tail[1]!) ? tail[1]! : null;
          return {
            at: i,
            dateLength: eym[0].length + (day ? tail![0].length : 0),
            era: { name: eym[1]!, number, length: eym[1]!.length + eym[2]!.length + 1 },
            season: (eym[3] as Season | undefined) ?? null,
            month,
            leap: Boolean(eym[4]),
            day,
            first: tail?.[2] === "朔",
          };
        }
      }
      const md = MONTH_DAY.exec(rest);
      if (md && isGanzhi(md[4]!)) {
        return {
          at: i,
          dateLength: md[0].length,
          era: null,
          season: (md[1] as Season | undefined) ?? null,
          month: parseChineseNumber(md[3]!),
          leap: Boolean(md[2]),
          day: md[4]!,
          first: md[5] === "朔",
        };
      }
      const d = DAY.exec(rest);
      if (d && isGanzhi(d[1]!) && (atBoundary || !NOT_BEFORE_DAY.has(text[i - 1] ?? ""))) {
        return {
          at: i,
          dateLength: d[0].length,
          era: null,
          season: null,
          month: null,
          leap: false,
          day: d[1]!,
          first: d[2] === "朔",
        };
      }
      return null;
    };
    let boundary = true;
    // The next 月 at or after the cursor: every date but a bare day has one within its window.
    let nextMonth = -1;
    for (let i = bodyLine.at; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === NOTE_OPEN_CODE) depth++;
      if (code === NOTE_CLOSE_CODE && depth > 0) {
        depth--;
        boundary = depth === 0;
        continue;
      }
      if (depth > 0) continue;
      if (code === ITEM_SEPARATOR_CODE) {
        boundary = true;
        continue;
      }
      let date: ItemStart | null = null;
      if (OPENS_DATE[code] === 1 || i === bodyLine.at) {
        if (nextMonth < i) {
          nextMonth = text.indexOf(MONTH, i);
          if (nextMonth === -1) nextMonth = Number.POSITIVE_INFINITY;
        }
        // 三月… and 慶歴三年春正月… need a 月 in the window; 辛未 a stem and a branch.
        const bareDay = IS_STEM[code] === 1 && IS_BRANCH[text.charCodeAt(i + 1)] === 1;
        if (nextMonth < i + DATE_WINDOW || bareDay) date = tryDate(i, boundary);
      }
      let accept = false;
      if (date) {
        if (date.month !== null) {
          accept = date.era !== null || boundary || date.day !== null;
          if (accept && date.day) {
            const n = ganzhiNumber(date.day);
            monthFirst = date.first ? n : -1;
            dayNumber = n;
          } else if (accept) {
            monthFirst = -1;
            dayNumber = -1;
          }
        } else if (date.day) {
          const n = ganzhiNumber(date.day);
          const gap = dayNumber < 0 ? 1 : (n - dayNumber + 60) % 60;
          const sinceFirst = monthFirst < 0 ? 0 : (n - monthFirst + 60) % 60;
          accept = gap >= 1 && gap <= 29 && sinceFirst <= 29;
          if (accept) dayNumber = n;
        }
      }
      if (accept && date) {
        starts.push(date);
        i += date.dateLength - 1;
        boundary = false;
        continue;
      }
      if (boundary && code !== ITEM_SEPARATOR_CODE) {
        // Text after a separator with no date: an undated item.
        if (starts.length === 0 || text[i - 1] === ITEM_SEPARATOR) {
          starts.push({
            at: i,
            dateLength: 0,
            era: null,
            season: null,
            month: null,
            leap: false,
            day: null,
            first: false,
          });
        }
      }
      boundary = false;
    }
  }

  const years: Year[] = [];
  let year: Year | null = null;
  let effective: EffectiveDate | null = null;
  let count = 0;
  const locusOf = (i: number): Locus | null => {
    let lo = 0;
    let hi = reading.lines.length - 1;
    if (hi < 0) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (reading.lines[mid]!.at <= i) lo = mid;
      else hi = mid - 1;
    }
    const line = reading.lines[lo]!;
    return line.page ? { juan, page: line.page.page, side: line.page.side, line: line.line } : null;
  };
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    let end = k + 1 < starts.length ? starts[k + 1]!.at : text.length;
    while (end > s.at && (text[end - 1] === ITEM_SEPARATOR || /\s/u.test(text[end - 1]!))) end--;
    if (end <= s.at) continue;
    if (s.era) {
      const heading = {
        type: "yearHeading" as const,
        label: text.slice(s.at, s.at + s.era.length),
        state: null,
        era: s.era.name,
        number: s.era.number,
        ganzhi: null,
        ce: null,
        position: position(s.at, s.at + s.era.length),
      };
      year = { type: "year", heading, children: [], position: position(s.at, end) };
      years.push(year);
      effective = null;
    }
    if (!year) {
      year = { type: "year", heading: null, children: [], position: position(s.at, end) };
      years.push(year);
    }
    const dateStart = s.at + (s.era?.length ?? 0);
    const dateEnd = s.at + s.dateLength;
    let dateNode: DateNode | null = null;
    if (s.dateLength > 0 && dateEnd > dateStart) {
      dateNode = {
        type: "date",
        text: text.slice(dateStart, dateEnd),
        season: s.season,
        month: s.month,
        leap: s.leap,
        day: s.day,
        relative: null,
        position: position(dateStart, dateEnd),
      };
      const keep: boolean = s.month === null && effective !== null;
      effective = {
        text: dateNode.text,
        season: keep ? effective!.season : s.season,
        month: keep ? effective!.month : s.month,
        leap: keep ? effective!.leap : s.leap,
        day: s.day,
        relative: null,
        own: true,
      };
    }
    const date: EffectiveDate = effective
      ? { ...effective, own: dateNode !== null }
      : { text: null, season: null, month: null, leap: false, day: null, relative: null, own: false };
    const bodyStart = s.at + s.dateLength;
    const children: Gloss[] = [];
    let depth = 0;
    let open = -1;
    for (let i = bodyStart; i < end; i++) {
      if (text[i] === NOTE_OPEN && depth++ === 0) open = i;
      else if (text[i] === NOTE_CLOSE && depth > 0 && --depth === 0) {
        children.push({
          type: "gloss",
          value: text.slice(open + 1, i),
          small: true,
          citations: [],
          position: position(open, i + 1),
        });
      }
    }
    if (depth > 0) {
      messages.push({
        reason: "small note never closed",
        ruleId: "unclosed-bracket",
        severity: "warning",
        place: position(open, open + 1),
      });
    }
    count++;
    const entry: Entry = {
      type: "entry",
      id: `e${count}`,
      date,
      dateNode,
      headline: {
        type: "headline",
        value: text.slice(bodyStart, end),
        children,
        position: position(bodyStart, end),
      },
      details: [],
      sources: null,
      locus: locusOf(s.at),
      position: position(dateNode ? dateStart : s.at, end),
    };
    year.children.push(entry);
    year.position = { start: year.position.start, end: entry.position.end };
  }
  return {
    type: "root",
    children: years,
    messages,
    meta: {
      format: "kanripo",
      properties: reading.properties,
      juan,
      pages: reading.pages,
      document: readDocumentInfo(reading.properties, titleLinesOf(reading, bodyLine?.at ?? text.length)),
    },
    position: index.position(0, file.length),
  };
}
