/**
 * Kanseki Repository (Kanripo) files: an Org-mode header (`#+TITLE`, `#+PROPERTY: JUAN …`),
 * page markers `<pb:KR2b0019_WYG_143-1a>`, `¶` at the end of every printed line, unpunctuated
 * text whose items open with a sexagenary day (`慶歴三年春正月庚午朔…`, `辛未…`), a full-width
 * space between some items, and small double-column notes `(right column/left column)` that may
 * run over several printed lines.
 *
 * The parser first builds the reading text — markers, line marks and column slashes removed,
 * a note continued on the next line joined — with a map from each of its characters back to
 * the file (`kanripo-reading.ts`), then finds the items in it. Every node's position points into
 * the file itself.
 */

import { codeUnitSet } from "../text/code-units.ts";
import { ganzhiIndex } from "../text/ganzhi.ts";
import { readStemAt } from "../text/variants.ts";
import { readDocumentInfo } from "./document-info.ts";
import { eraLexicon, eraOfRuler, rulerEraLike } from "./eras.ts";
import { type DateAt, readDateAt } from "./kanripo-dates.ts";
import {
  ITEM_SEPARATOR,
  ITEM_SEPARATOR_CODE,
  juanLayout,
  juanNumber,
  NOTE_CLOSE,
  NOTE_CLOSE_CODE,
  NOTE_OPEN,
  NOTE_OPEN_CODE,
  readingOf,
  titleLinesOf,
} from "./kanripo-reading.ts";
import { LineIndex } from "./position.ts";

export { isKanripo } from "./kanripo-reading.ts";

import type {
  ChronicleTree,
  DateNode,
  EffectiveDate,
  Entry,
  Gloss,
  Locus,
  Message,
  Season,
  Year,
} from "./types.ts";

/** The characters a month or year date can open with: a numeral or 正, 閏, a season. */
const OPENS_MONTH = codeUnitSet("正臘元一二三四五六七八九十廿閏春夏秋冬");
/** Words after a year that make it a span or a time within it (`元祐五年以後`, `景德中`), not a date. */
const NOT_AFTER_YEAR = new Set([..."以已後前中間閒終末止内春夏秋冬"]);
/** The most months a date inside a sentence may move the chronicle on. */
const MONTH_STEP = 2;
/** The most years a chronicle moves on at one step: a later year mentioned in a sentence is a quotation. */
const YEAR_STEP = 12;
/** …and a biography at one step: a reign or two. */
const NARRATIVE_STEP = 60;
/** How far a year's era and number reach before its 年 (`太平興國十二年`). */
const YEAR_REACH = 8;
/** Words after which a date is part of a sentence (以甲戌燕…: "on 甲戌, feasted…"), not a new item. */
const NOT_BEFORE_DATE = new Set([..."以自至於于及用是當到越逮迨比後前與和凡其每俟居數踰逾經閲閱積在"]);
/** …and after which a day is part of a written date (`十一月十六日甲子`). */
const NOT_BEFORE_DAY = new Set([...NOT_BEFORE_DATE, ..."日月"]);

/** True when an era name ends at `i`: the year after it is that era's (`開寶六年`), not a bare year. */
function afterEra(text: string, i: number, isEra: (name: string) => readonly number[]): boolean {
  for (let k = 1; k <= 4 && k <= i; k++) if (isEra(text.slice(i - k, i)).length > 0) return true;
  return false;
}

const YEAR_CODE = "年".charCodeAt(0);
const MONTH_CODE = "月".charCodeAt(0);

function nextYearOrMonth(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === YEAR_CODE || c === MONTH_CODE) return k;
  }
  return Number.POSITIVE_INFINITY;
}

const ganzhiNumber = (g: string) => ganzhiIndex(g) ?? -1;

interface ItemStart {
  at: number;
  /** Length of the date that opens the item (0 for none). */
  dateLength: number;
  /** The year that opens the item: its era as written (null for `十年`), number and length. */
  era: { name: string | null; number: number; length: number } | null;
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
  const juan = juanNumber(juanText);

  const { bodyLine, fronts } = juanLayout(reading);
  const starts: ItemStart[] = [];
  const document = readDocumentInfo(reading.properties, titleLinesOf(reading, bodyLine?.at ?? text.length));
  // A file of the work's front matter (`JUAN 目録上`, `[提要]`, `原表`) is no juan of annals: its
  // lines (目録's 起太祖建隆元年正月盡是年十二月…) are read as one undated passage, not as items.
  const frontMatter = juanText.trim() !== "" && juan === null && !/^[\s\u3000]*[卷巻第]/u.test(juanText);
  if (bodyLine && frontMatter) {
    starts.push({
      at: bodyLine.at,
      dateLength: 0,
      era: null,
      season: null,
      month: null,
      leap: false,
      day: null,
      first: false,
    });
    messages.push({
      reason: `${juanText.trim()} is the work's front matter, not a juan of annals: read as one undated passage`,
      ruleId: "kanripo-front-matter",
      severity: "info",
      place: position(bodyLine.at, bodyLine.at),
    });
  } else if (bodyLine) {
    const isEra = eraLexicon();
    // A biography or account (傳, 外紀) tells its years inside sentences, often without a month
    // (`…景德元年…`); an annal (長編, a 本紀) opens each year with its month.
    const narrative = document.section !== null && /傳|外紀|志/u.test(document.section);
    let yearCe = Number.NEGATIVE_INFINITY;
    let quoted = false;
    let depth = 0;
    let dayNumber = -1; // sexagenary number of the last day item in this month
    let monthFirst = -1; // sexagenary number of the month's first day, when known
    let month = -1; // the month in force (0 when only a year is), and whether it is a leap month
    let leap = false;
    let yearNumber = -1;
    let boundary = true;
    // At the start of an item, any 2–4 characters before a year are its era (`慶歴三年`); inside
    // a sentence only a known era (`寳元二年`), which is then a date quoted in the sentence unless
    // the chronicle's order allows it.
    const knownEra = (i: number) => (yearStart: number) =>
      isEra(text.slice(i, yearStart)).length > 0 ? yearStart - i : -1;
    // The next 年 or 月 at or after the cursor: every date but a day alone has one close by.
    let nextMark = -1;
    let nextFront = 0;
    for (let i = bodyLine.at; i < text.length; i++) {
      while (nextFront < fronts.length && fronts[nextFront]!.body <= i) nextFront++;
      if (nextFront < fronts.length && i >= fronts[nextFront]!.at) {
        // Another juan's header: on at its body, as at the start of an item.
        i = fronts[nextFront]!.body - 1;
        depth = 0;
        boundary = true;
        continue;
      }
      // Whether a juan's body opens here (the fronts come in text order, passed as the cursor goes).
      const atBody = nextFront > 0 && fronts[nextFront - 1]!.body === i;
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
      let date: DateAt | null = null;
      if (nextMark < i) nextMark = nextYearOrMonth(text, i);
      if (
        (nextMark < i + YEAR_REACH && (OPENS_MONTH[code] === 1 || text.charCodeAt(nextMark) === YEAR_CODE)) ||
        readStemAt(text, i) !== null
      ) {
        date = readDateAt(text, i, knownEra(i));
      }
      let accept = false;
      let sameYear = false;
      let again = false;
      // The era a misprinted era name is read as (`rulerEraLike`), when it is.
      let eraRead: string | null = null;
      // Read only where there is a date: a string made for every character costs the scan its speed.
      const before = date === null ? "" : (text[i - 1] ?? "");
      const inSentence = !(boundary || i === bodyLine.at || atBody);
      if (date?.year) {
        // A year opens an item where the chronicle moves on: later than the year in force (a
        // year quoted in a sentence, `康定元年初用…` under 慶曆元年, looks back), written with a
        // known era or as a later year of the era in force (`十一年春正月` in a 本紀), and at
        // the start of an item or with its season or month.
        // Inside a sentence a season alone is no date (`元祐八年春夫為始`: the spring corvée).
        const withMonth = date.month !== null || (!inSentence && date.season !== null);
        let ce = Number.NaN;
        if (date.year.era !== null) {
          const firsts = isEra(date.year.era);
          // The first year of a juan, with nothing before it to go by: of the ruler its ruler
          // line names, where the calendar knows him (卷三十六 of 太宗 opens with 淳熈五年, a
          // misprint of 淳化五年: no year of 孝宗's).
          const era = date.year.era;
          const ruler = document.ruler;
          let ruled = firsts.filter(
            (f) => yearCe !== Number.NEGATIVE_INFINITY || ruler === null || eraOfRuler(era, f, ruler),
          );
          if (ruled.length === 0 && ruler !== null) {
            const like = rulerEraLike(era, date.year.number, ruler);
            if (like) {
              ruled = [like.first];
              eraRead = like.name;
              messages.push({
                reason: `${text.slice(i, i + date.year.length)} is no year of ${ruler}'s: read as ${like.name}${text.slice(i + era.length, i + date.year.length)}, his era written alike`,
                ruleId: "era-of-another-ruler",
                severity: "warning",
                place: position(i, i + date.year.length),
              });
            }
          }
          const readings = ruled.map((f) => f + date!.year!.number - 1);
          // Juan joined in one file: the next juan's body may open with the year in force again
          // (卷八十八 opens `大中祥符九年九月壬寅朔` where 卷八十七 ended in that year's eighth month).
          again = atBody && yearCe !== Number.NEGATIVE_INFINITY;
          ce =
            readings
              .filter(
                (r) =>
                  (r > yearCe || (again && r === yearCe)) &&
                  (yearCe === Number.NEGATIVE_INFINITY ||
                    r <= yearCe + (narrative ? NARRATIVE_STEP : YEAR_STEP)),
              )
              .sort((x, y) => x - y)[0] ?? Number.NaN;
          // Inside a sentence of an annal, only the next year opening with its season is a new
          // year (`重熙元年春正月`); `從之慶厯四年正月書始成` looks ahead to when the book was done.
          if (
            inSentence &&
            !narrative &&
            (date.season === null || (yearCe > Number.NEGATIVE_INFINITY && ce > yearCe + 1))
          )
            ce = Number.NaN;
        } else if (
          yearNumber > 0 &&
          date.year.number > yearNumber &&
          // An annal opens a year with its season (`十一年春正月`); `四年十一月昌朝編次成書`
          // inside a sentence looks ahead to a later year.
          (!inSentence || date.season !== null) &&
          !quoted &&
          !afterEra(text, i, isEra)
        ) {
          ce = yearCe + (date.year.number - yearNumber);
        } else if (yearNumber < 0 && starts.length === 0) {
          ce = 0; // a juan that opens with a year without its era: the era comes from outside
        }
        accept =
          !Number.isNaN(ce) &&
          (withMonth ||
            (date.year.era !== null &&
              (!inSentence || narrative) &&
              !NOT_AFTER_YEAR.has(text[i + date.length] ?? ""))) &&
          !(inSentence && (NOT_BEFORE_DATE.has(before) || before === "年" || date.year.named));
        // A year of another era quoted in the sentence: the bare years after it are that era's.
        if (!accept && date.year.era !== null) quoted = true;
        // The year in force again: its month and day open the item, under the year's heading.
        sameYear = accept && again && ce === yearCe;
        if (accept) {
          yearNumber = date.year.number;
          if (ce > 0) yearCe = ce;
          month = date.month ?? 0;
          leap = date.leap;
        }
      } else if (date && (date.month !== null || date.leapOfCurrent)) {
        const m = date.leapOfCurrent ? month : date.month!;
        const later = month < 0 || m > month || (m === month && date.leap && !leap);
        if (!inSentence) accept = !date.leapOfCurrent || month > 0;
        else if (NOT_BEFORE_DATE.has(before) || before === "年" || !later) accept = false;
        // …and, without its season, only a month or two on: `十二月己亥` in a sentence under 四月
        // tells of another year.
        else if (month > 0 && m - month > MONTH_STEP && date.season === null) accept = false;
        // Inside a sentence a month opens an item only where it follows the month in force, with
        // its day or its season (`二月庚辰朔`, `夏四月`, `閏月丙子`).
        else accept = date.day !== null || date.season !== null;
        if (accept) {
          month = m;
          leap = date.leap;
          if (date.leapOfCurrent) date = { ...date, month: m };
        }
      } else if (date?.day) {
        accept = !inSentence || !NOT_BEFORE_DAY.has(before);
      }
      if (accept && date) {
        if (date.day) {
          const n = ganzhiNumber(date.day);
          if (date.month !== null || date.year) {
            monthFirst = date.first ? n : -1;
            dayNumber = n;
          } else {
            // A day alone: later in the month than the day before, never past its last day.
            const gap = dayNumber < 0 ? 1 : (n - dayNumber + 60) % 60;
            const sinceFirst = monthFirst < 0 ? 0 : (n - monthFirst + 60) % 60;
            accept = gap >= 1 && gap <= 29 && sinceFirst <= 29;
            if (accept) dayNumber = n;
          }
        } else if (date.month !== null || date.year) {
          monthFirst = -1;
          dayNumber = -1;
        }
      }
      if (accept && date) {
        quoted = false;
        starts.push({
          at: i,
          dateLength: date.length,
          era:
            date.year && !sameYear
              ? { name: eraRead ?? date.year.era, number: date.year.number, length: date.year.length }
              : null,
          season: date.season,
          month: date.month,
          leap: date.leap,
          day: date.day,
          first: date.first,
        });
        i += date.length - 1;
        boundary = false;
        continue;
      }
      if (boundary || i === bodyLine.at || atBody) {
        // Text after a separator with no date, or a juan's body: an undated item.
        if (starts.length === 0 || text[i - 1] === ITEM_SEPARATOR || atBody) {
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
  const locusOf = (i: number, lineJuan: number | null): Locus | null => {
    let lo = 0;
    let hi = reading.lines.length - 1;
    if (hi < 0) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (reading.lines[mid]!.at <= i) lo = mid;
      else hi = mid - 1;
    }
    const line = reading.lines[lo]!;
    return line.page ? { juan: lineJuan, page: line.page.page, side: line.page.side, line: line.line } : null;
  };
  // In files joined one after another: the next juan's header after the item, and the juan of
  // the header before it (starts come in text order).
  let nextFront = 0;
  let itemJuan = juan;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    while (nextFront < fronts.length && fronts[nextFront]!.at <= s.at) {
      itemJuan = fronts[nextFront]!.juan ?? itemJuan;
      nextFront++;
    }
    let end = k + 1 < starts.length ? starts[k + 1]!.at : text.length;
    // An item ends where another juan's header begins.
    if (nextFront < fronts.length && fronts[nextFront]!.at < end) end = fronts[nextFront]!.at;
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
      locus: locusOf(s.at, itemJuan),
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
      document,
    },
    position: index.position(0, file.length),
  };
}
