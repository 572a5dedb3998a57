/**
 * What the person rules (person-rules.ts) read in a segment: the characters that may stand in a
 * name, where a Han-style name ends, the offices before it, and the test a name found must pass.
 */
import { LINE_MARK, PAGE_MARK, PAGE_MARK_END } from "./internal/chars.ts";
import { foldedSet, foldedWords } from "./internal/folded-set.ts";
import type { Segment } from "./internal/segments.ts";
import { overlapsAny } from "./internal/spans.ts";
import { surnameLengthAt } from "./internal/surnames.ts";
import { GROWN_PREFIX } from "./person-ids.ts";
import {
  AFTER_A_PLACE,
  BODY_ENDS,
  BRANCHES,
  NARRATIVE_VERB_CHARS,
  NOT_NAMES,
  PLACE_OR_OFFICE_ENDS,
  STEMS,
  STOP,
} from "./person-rule-words.ts";
import type { Candidate } from "./short-forms.ts";

export { NOT_NAMES, STOP } from "./person-rule-words.ts";

/** A name found by a rule, relative to its segment. */
export interface FoundName {
  start: number;
  end: number;
  name: string;
  rule: string;
}

/** What a person rule can look at. */
export interface PersonRuleFacts {
  segment: Segment;
  /** The dictionary's candidates in the segment (offices, known names). */
  candidates: readonly Candidate[];
}

/** For each UTF-16 code unit, 1 for a CJK ideograph that is not a stop word. */
export const NAME_CODES = (() => {
  const table = new Uint8Array(0x10000);
  const ranges = [
    [0x3400, 0x9fff],
    [0xf900, 0xfaff],
    // A high surrogate stands for an ideograph outside the BMP.
    [0xd840, 0xd87f],
  ];
  for (const [from, to] of ranges) table.fill(1, from!, to! + 1);
  for (const c of STOP) table[c.charCodeAt(0)] = 0;
  return table;
})();

const NEWLINE = 0x0a;
const CONCURRENTLY = "兼".charCodeAt(0);
const CIRCUIT = "路".charCodeAt(0);
/** Verbs of holding an office, after 兼. */
const HOLDS = foldedSet("知提判權領充管");
const COMMA = "、".charCodeAt(0);
const RETURN = 0x0d;
const LINE_MARK_CODE = LINE_MARK.charCodeAt(0);
const PAGE_MARK_END_CODE = PAGE_MARK_END.charCodeAt(0);

/**
 * The offset of the last character of the reading text before `i`, stepping back over the marks
 * of a Kanripo file's layout: the line mark with its line end (`歐¶\n陽修`) and a page marker
 * line (`<pb:KR2b0019_WYG_153-10a>¶\n`). A name the printed line breaks stays one name.
 */
export function readingCharBefore(text: string, i: number): number {
  let j = i - 1;
  for (;;) {
    let k = j;
    if (text.charCodeAt(k) === NEWLINE) k--;
    if (text.charCodeAt(k) === RETURN) k--;
    if (k < j && text.charCodeAt(k) === LINE_MARK_CODE) {
      j = k - 1;
      continue;
    }
    if (text.charCodeAt(j) === PAGE_MARK_END_CODE) {
      const open = text.lastIndexOf(PAGE_MARK, j);
      // The marker stands on one line: no line end between its opening and `j`.
      const lineEnd = open === -1 ? -1 : text.indexOf("\n", open);
      if (open !== -1 && (lineEnd === -1 || lineEnd >= j)) {
        j = open - 1;
        continue;
      }
    }
    return j;
  }
}

/** True when the character at `i` of `text` may stand in a name (false outside the text). */
export const isNameChar = (text: string, i: number) =>
  i >= 0 && i < text.length && NAME_CODES[text.charCodeAt(i)] === 1;

const NARRATIVE_VERBS = foldedSet(NARRATIVE_VERB_CHARS);
/** True for a verb of narrative (`NARRATIVE_VERB_CHARS`): 諭, 破, 斬…. */
export const isNarrativeVerb = (code: number): boolean => NARRATIVE_VERBS[code] === 1;
/**
 * What stands between a name of two and its verb (`張亮獨破`, `王信先斬`, `劉平親率`, `鄭僅各罰金`,
 * `周珪特追一官`, `李陟可代`, `許明申稱`, `吉先説諭`, `錢㬉勘劾`): before a narrative verb it ends a name
 * of two.
 */
const BEFORE_VERBS = foldedSet(
  "獨先大親必固并就盡悉輒輙遽力亟急竟終退進徑逕輕徐潛密陰夜各特可令申説說勘捕招",
);
/** Numbers before a measure that is also a verb (`龍服一襲`, a set of robes): no name there. */
const NUMBERS = foldedSet("一二三四五六七八九十百千");

/**
 * Characters that follow a name of two as verbs or adverbs and end no name: to have, to begin, to
 * bestow, to murder, to meet, at once, at first, to add, to memorialise, to administer, concurrently,
 * to fear, presumptuously, and, stealthily, to cause, to shoot, to wait, to warn, who, to die, all, to
 * bear (`吳玠始遣人`, `康肇弑`, `蕭格迓之`, `姚勔論`, `郭逵判`, `麟州守王亮懼`, `侯喆擅領兵`, `裨將費萬竊出`,
 * `殿侍康均待西人`, `副都統制程信任其責`).
 */
const NEVER_ENDS = foldedSet("有始賜弑弒迓即初加論判兼懼擅且竊致射待誡誰没沒諸任");

/**
 * A verb and its object that a commander's name is followed by in narrative (`麟州武戡築堡于河西`,
 * `任福率兵`): to build a fort or wall, to lead or raise troops. Before them a name has two
 * characters.
 */
const VERB_OBJECTS = new Set([
  ...["築堡", "築城", "築寨", "築砦", "修城", "城之"],
  ...["率兵", "率衆", "率眾", "領兵", "引兵", "將兵", "擁兵", "發兵", "出兵", "舉兵", "勒兵", "以兵"],
]);
/** The layout inside a word read across a printed line. */
export const LAYOUT_CHARS = /¶\r?\n(?:<pb:[^>\n]*>¶\r?\n)*/g;

/** Verbs that give, take or pass on an office: to confer, recommend, replace, move, act as, serve as, lose. */
const OFFICE_VERBS = foldedSet("加薦代遷轉改權充落");

/**
 * The end of a Han-style name read forward from `start` (surname + one or two characters), or
 * -1 when none starts there.
 */
export function surnameNameEnd(text: string, start: number, facts?: SegmentFacts): number {
  const surname = surnameLengthAt(text, start);
  if (surname === 0) return -1;
  const g = readingCharAt(text, start + surname);
  if (!isNameChar(text, g)) return -1;
  // A printed line may break the name anywhere (`王¶\n餘慶`, `朱光¶\n緒將七百騎`): it is read
  // through, and ends where the same words would end it on one line (`孫抗¶\n數以為言`).
  const g1 = readingCharAt(text, g + 1);
  if (!isNameChar(text, g1)) return g + 1;
  const g2 = readingCharAt(text, g1 + 1);
  // A verb or adverb after a name of two (`吳玠始遣`, `魏璪賜`, `邊患有`) ends no name of three.
  // Nor is it a name of three when more name characters follow (`麟州守王亮懼始以事聞`).
  if (NEVER_ENDS[text.charCodeAt(g1)] === 1 || NARRATIVE_VERBS[text.charCodeAt(g1)] === 1) return g + 1;
  const three = g1 + 1;
  if (!isNameChar(text, g2)) return three;
  // A third character followed by another name character is not a name boundary we can trust,
  // unless a word the dictionary knows starts there (`右侍禁賈慶柔逺寨監押`: 柔逺寨 ends 賈慶), or
  // an office of three characters or more (`孫坦屯田郎中`).
  if (facts?.startsWord(g1) || facts?.concurrentOffice(g1) || facts?.startsLongOffice(g1)) return g + 1;
  // A verb of narrative after a third character (`趙光祚襲其營帳`): a name of three, or of two with an
  // adverb before the verb (`鄭僅各罰金`).
  if (NARRATIVE_VERBS[text.charCodeAt(g2)] === 1 && !facts?.startsOffice(g1)) {
    if (NUMBERS[text.charCodeAt(g1)] === 1) return -1;
    return BEFORE_VERBS[text.charCodeAt(g1)] === 1 ? g + 1 : three;
  }
  // A verb and its object after a name of two (`武戡築堡`, `任福率兵`): the name ends before it.
  if (VERB_OBJECTS.has(text.slice(g1, g2 + 1).replace(LAYOUT_CHARS, ""))) return g + 1;
  // A verb that gives or takes an office, before one: the name is two characters (`程琳加檢校太師`,
  // `韓絳薦`, `張靚代`).
  if (OFFICE_VERBS[text.charCodeAt(g1)] === 1 && (facts?.startsOffice(g2) || facts?.startsLongOffice(g2)))
    return g + 1;
  if (
    facts?.startsWord(g2) ||
    facts?.concurrentOffice(g2) ||
    facts?.startsLongOffice(g2) ||
    facts?.startsNobleTitle(g2) ||
    // After a clan name of two characters, an office of two ends a given name of two
    // (`統軍嵬名阿理監軍妹勒都逋`).
    (surname === 2 && facts?.startsOffice(g2))
  )
    return three;
  // The 四庫 texts write Khitan and Jurchen names (耶律, 蕭, 完顏 …) with given names of three characters
  // (`駙馬都尉蕭呼都克為夏所執`, `耶律烏魯斯将兵`): a third character closed by a stop word.
  const four = g2 + 1;
  const g3 = readingCharAt(text, four);
  if (KHITAN_CLANS.has(text.slice(start, start + surname)) && g3 < text.length && !isNameChar(text, g3))
    return four;
  return -1;
}

/**
 * The Khitan and Jurchen clans whose names the 四庫 texts write with given names of three
 * characters (`蕭呼都克`, `完顏阿骨打`).
 */
const KHITAN_CLANS = foldedWords(["耶律", "蕭", "完顏", "移剌", "石抹", "徒單", "蒲察", "僕散"]);

/**
 * Stop characters that also stand as the first character of a two-character given name (陳執中,
 * 文及甫, 劉奉世, 李之純, 王同老, 郭知章): read so only between a surname and one more character, right
 * after an office, and before a verb of speaking or of an appointment (see `middleStopNameEnd`).
 * Not 將, 授 or 復, which as often stand there as verbs (`王將兵為`, `王復貶為`).
 */
const MIDDLE_STOPS = foldedSet("執及奉之同知");
/**
 * Words of a stop character and one more that are no given names: the councillors (`中書白執政請`,
 * to report to the councillors), offices held with another (`同知`, `同判`, `同提舉`), an envoy's
 * errand (`奉使`), a rank (`奉職`) and passing the examination (`及第`).
 */
const MIDDLE_STOP_WORDS = foldedWords([
  ...["執政", "同知", "同判", "同提", "同管", "奉使", "奉職", "及第"],
  // 知 + the office or the place it governs: `知雜` (知雜事), `知制誥`, `知諫院`, `知樞密院`, `知貢舉`.
  ...["知雜", "知制", "知院", "知州", "知縣", "知軍", "知府", "知諫", "知樞", "知貢", "知審", "知開", "知通"],
]);
/** After a name whose given name holds a stop character: the verbs that close it. */
const CLOSES_MIDDLE_STOP = foldedSet("言奏曰為爲知等與並");

/**
 * Stop characters that also stand as a one-character given name (許將, 苗授, 李及, 燕復): read so
 * only right after an office and before a verb of speaking or `等` (`CLOSES_FINAL_STOP`).
 */
const FINAL_STOPS = foldedSet("將授及復");
/**
 * After a one-character given name that is a stop character: a verb of speaking, 為 (of an
 * appointment: `太常丞許將為集賢校理`) or `等`; or an office (`同知禮院許將檢正`).
 */
const CLOSES_FINAL_STOP = foldedSet("言奏曰為爲等");
/** Surnames that are also adverbs before a verb (`方將`, `常復`, `安及`): no such name after them. */
const ADVERB_SURNAMES = foldedSet("方常安于");

/**
 * The end of a name of a surname and a stop character or two (`陳執中` in `同知樞密院事陳執中言`,
 * `許將` in `翰林學士許將言`), read forward from `start`, or -1: the character after it must close
 * it (`CLOSES_MIDDLE_STOP`, `CLOSES_FINAL_STOP`).
 */
export function middleStopNameEnd(text: string, start: number, facts?: SegmentFacts): number {
  const surname = surnameLengthAt(text, start);
  if (surname === 0) return -1;
  const g = readingCharAt(text, start + surname);
  if (FINAL_STOPS[text.charCodeAt(g)] === 1 && ADVERB_SURNAMES[text.charCodeAt(start)] !== 1) {
    const after = readingCharAt(text, g + 1);
    if (CLOSES_FINAL_STOP[text.charCodeAt(after)] === 1 || facts?.startsOffice(after)) return g + 1;
  }
  if (MIDDLE_STOPS[text.charCodeAt(g)] !== 1) return -1;
  const g1 = readingCharAt(text, g + 1);
  if (!isNameChar(text, g1)) return -1;
  if (MIDDLE_STOP_WORDS.has(text[g]! + text[g1]!)) return -1;
  const after = readingCharAt(text, g1 + 1);
  return after < text.length && CLOSES_MIDDLE_STOP[text.charCodeAt(after)] === 1 ? g1 + 1 : -1;
}

/**
 * The offset of the first character of the reading text at or after `i`, past a Kanripo file's
 * layout: a line mark with its line end and the page marker lines after it.
 */
export function readingCharAt(text: string, i: number): number {
  let j = i;
  while (text.charCodeAt(j) === LINE_MARK_CODE) {
    let k = j + 1;
    if (text.charCodeAt(k) === RETURN) k++;
    if (text.charCodeAt(k) !== NEWLINE) break;
    j = k + 1;
    if (text.startsWith(PAGE_MARK, j)) {
      const lineEnd = text.indexOf("\n", j);
      const close = text.lastIndexOf(PAGE_MARK_END, lineEnd);
      if (lineEnd !== -1 && close > j) j = close + 1;
    }
  }
  return j;
}

/** True when the candidate is, in one of its senses, an office. */
export function hasOfficeSense(c: Candidate): boolean {
  const { senses } = c;
  for (let k = 0; k < senses.length; k++) if (senses[k]!.kind === "office") return true;
  return false;
}

/** True when the candidate is, unambiguously in one of its senses, an office. */
export function isOffice(c: Candidate): boolean {
  const { senses } = c;
  for (let k = 0; k < senses.length; k++)
    if (senses[k]!.kind === "office" && !senses[k]!.ambiguous) return true;
  return false;
}

/**
 * The facts of a segment, with what the rules look up in them made once, when first asked for: a
 * rule asks for each name it reads, and a look-up that went through the candidates from the first
 * would make a long paragraph quadratic.
 */
export class SegmentFacts implements PersonRuleFacts {
  readonly segment: Segment;
  readonly candidates: readonly Candidate[];
  /** The offsets where an office candidate ends. */
  private officeEnds: Set<number> | null = null;
  /** The length of the longest candidate. */
  private longest = -1;

  constructor(facts: PersonRuleFacts) {
    this.segment = facts.segment;
    this.candidates = facts.candidates;
  }

  /** The offsets where a word of two or more characters that the dictionary knows starts. */
  private wordStarts: Set<number> | null = null;

  /**
   * True when a place, polity or known person of two or more characters starts at `offset` (a
   * short form or an ambiguous alias is no such word, nor an office: in `武安節度使` the name
   * before the office is its place).
   */
  startsWord(offset: number): boolean {
    if (this.wordStarts === null) {
      this.wordStarts = new Set();
      for (const c of this.candidates)
        if (
          c.end - c.start >= 2 &&
          c.senses.some(
            (s) => !s.ambiguous && s.kind !== "office" && s.form !== "short" && s.form !== "derived-short",
          )
        )
          this.wordStarts.add(c.start);
    }
    return this.wordStarts.has(offset);
  }

  /**
   * True when 兼 (holding concurrently) and an office, or a verb of holding one (知, 提舉, 判, 權,
   * 領, 充, 管勾), stand at `offset`: `都鈐轄向寳兼提舉`; never in `劉兼濟`.
   */
  concurrentOffice(offset: number): boolean {
    const { text } = this.segment;
    if (text.charCodeAt(offset) !== CONCURRENTLY) return false;
    return HOLDS[text.charCodeAt(offset + 1)] === 1 || this.startsOffice(offset + 1);
  }

  /**
   * True when an office of three characters or more starts at `offset`: the next man's office
   * ends a name in a list of appointments (`工部郎中孫坦屯田郎中通判河陽李師錫`).
   */
  startsLongOffice(offset: number): boolean {
    const { candidates } = this;
    for (let k = firstAtOrAfter(candidates, offset); k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.start > offset) break;
      if (c.end - c.start >= 3 && isOffice(c) && !AFTER_A_PLACE.has(c.text)) return true;
    }
    return false;
  }

  /**
   * True when a noble title starts at `offset`: a one-character place or state and an office after
   * it (`趙國王`, `燕國公`): the next man's title ends a name (`吳國王蕭孝穆趙國王蕭固寧`).
   */
  startsNobleTitle(offset: number): boolean {
    const { candidates } = this;
    for (let k = firstAtOrAfter(candidates, offset); k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.start > offset) break;
      if (c.end - c.start === 1 && c.senses.some((s) => s.kind === "place" || s.kind === "polity"))
        return this.startsOffice(offset + 1);
    }
    return false;
  }

  /** True when an office candidate starts at `offset`. */
  startsOffice(offset: number): boolean {
    const { candidates } = this;
    for (let k = firstAtOrAfter(candidates, offset); k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.start > offset) break;
      if (isOffice(c)) return true;
    }
    return false;
  }

  /** True when an office candidate ends at `offset`. */
  endsOffice(offset: number): boolean {
    if (this.officeEnds === null) {
      this.officeEnds = new Set();
      for (const c of this.candidates) if (isOffice(c)) this.officeEnds.add(c.end);
    }
    return this.officeEnds.has(offset);
  }

  /**
   * True when a name or unambiguous alias of anything the dictionary knows overlaps the range. A
   * one-character name at the start (`趙` of 趙滋, `夏` of 夏守贇) is a surname, not a mention; a
   * person's name of exactly the range is left to the annotator (see `knownPerson`).
   */
  overlapsCandidate(start: number, end: number): boolean {
    const { candidates } = this;
    if (this.longest === -1)
      for (const c of candidates) this.longest = Math.max(this.longest, c.end - c.start);
    // Only a candidate that starts less than the longest length before `start` can reach past it.
    for (let k = firstAtOrAfter(candidates, start - this.longest + 1); k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.start >= end) break;
      if (start >= c.end || (c.start === start && c.end === start + 1)) continue;
      // A person's name of exactly the range: the annotator tells whether it is that person (a
      // person grown from 長編 far from the entry's years is another man of the name).
      if (c.start === start && c.end === end && c.senses.every((s) => s.kind === "person")) continue;
      // A person grown from 長編 of a two-character surname, whose name the rule's name continues to
      // a stop word, is that name cut short (`耶律廸` of `耶律廸里為右伊勒希巴`); of a one-character
      // surname it is the name (`韓鐸` of `韓鐸各言`), unless 輩 or 等 closes the rule's name, the
      // end of a list of names (`徐敏宗張文顯輩`: not 張文).
      if (
        c.start === start &&
        c.end < end &&
        (surnameLengthAt(this.segment.text, start) === 2
          ? !isNameChar(this.segment.text, end)
          : BODY_ENDS[this.segment.text.charCodeAt(readingCharAt(this.segment.text, end))] === 1) &&
        c.senses.every((s) => s.kind === "person" && s.id.startsWith(GROWN_PREFIX))
      )
        continue;
      for (const s of c.senses)
        if (!s.ambiguous && s.form !== "short" && s.form !== "derived-short") return true;
    }
    return false;
  }

  /** True when the range overlaps a part of the segment left alone (a title, an inline note). */
  isExcluded(start: number, end: number): boolean {
    return overlapsAny(this.segment.excluded, start, end);
  }
}

/** The index of the first candidate (ordered by start) that starts at or after `offset`. */
export function firstAtOrAfter(candidates: readonly Candidate[], offset: number): number {
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when a candidate after the `k`th (ordered by start) starts at `offset`. */
export function startsCandidate(candidates: readonly Candidate[], k: number, offset: number): boolean {
  for (let j = k + 1; j < candidates.length; j++) {
    const { start } = candidates[j]!;
    if (start >= offset) return start === offset;
  }
  return false;
}

/** After the office chain starting at `offset` (`六宅使、伊州刺史`), the offset of what follows. */
export function skipOffices(facts: SegmentFacts, offset: number): number {
  const { candidates } = facts;
  let at = offset;
  for (let guard = 0; guard < 8; guard++) {
    let end = -1;
    // Candidates are ordered by start, longest first: the first office at `at` is the longest.
    for (let k = firstAtOrAfter(candidates, at); k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.start > at) break;
      if (hasOfficeSense(c)) {
        end = c.end;
        break;
      }
    }
    if (end === -1) break;
    at = end;
    if (facts.segment.text.charCodeAt(at) === COMMA) at++;
  }
  return at;
}

/** The number of characters (code points) of `text` from `start` to `end`. */
export function charCount(text: string, start: number, end: number): number {
  let count = 0;
  for (let k = start; k < end; k++, count++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < end) {
      const next = text.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) k++;
    }
  }
  return count;
}

/** Adds the name from `start` to `end` to `out` unless it is too short or long, or no new name. */
export function accept(
  facts: SegmentFacts,
  start: number,
  end: number,
  rule: string,
  out: FoundName[],
): void {
  const { text } = facts.segment;
  const raw = text.slice(start, end);
  const name = raw.includes(LINE_MARK) ? raw.replace(LAYOUT_CHARS, "") : raw;
  const length = charCount(name, 0, name.length);
  if (length < 2 || length > 4) return;
  // Half of a character outside the BMP at either end is no name (`趙` and the first half of 𤦺).
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  if ((first >= 0xdc00 && first <= 0xdfff) || (last >= 0xd800 && last <= 0xdbff)) return;
  if (facts.overlapsCandidate(start, end) || facts.isExcluded(start, end)) return;
  if (NOT_NAMES.has(name) || PLACE_OR_OFFICE_ENDS[text.charCodeAt(end - 1)] === 1) return;
  // Before 路 the characters name a circuit (`江南東路`, `京東路`), not a person.
  if (text.charCodeAt(readingCharAt(text, end)) === CIRCUIT) return;
  // A count (`童子十人`) is no name, nor two characters that end in a verb or adverb (`王有`, the
  // king has; `宋初`, early in Song).
  if (
    /十|[一二三四五六七八九百千萬]人$/u.test(name) ||
    (length === 2 && NEVER_ENDS[name.charCodeAt(name.length - 1)] === 1)
  )
    return;
  // A sexagenary day opens an item (`辛未知廬州`, `丁未徙知潤州`): no name starts with one.
  if (STEMS[name.charCodeAt(0)] === 1 && BRANCHES[name.charCodeAt(1)] === 1) return;
  out.push({ start, end, name, rule });
}
