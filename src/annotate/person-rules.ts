/**
 * Rules that find persons the authority does not know, from the way the text introduces them:
 * after an office (`右正言梁適`), as an envoy (`遣X如宋`, `遣X來`), as a speaker (`X言`, `X奏`)
 * or as the governor of a prefecture (`以X知慶州`). A name found so becomes a provisional person
 * (`person:provisional:NAME`) for the whole document.
 */
import { codeUnitSet } from "../text/code-units.ts";
import { HAN, LINE_MARK, PAGE_MARK, PAGE_MARK_END } from "./internal/chars.ts";
import type { Segment } from "./internal/segments.ts";
import { overlapsAny } from "./internal/spans.ts";
import { isSurnameStart, surnameLengthAt } from "./internal/surnames.ts";
import type { Candidate } from "./short-forms.ts";

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

/** A named rule that finds names. */
export interface PersonRule {
  name: string;
  description: string;
  find(facts: PersonRuleFacts): FoundName[];
}

/**
 * Characters that never stand inside a name in these rules: verbs and particles that follow or
 * precede names (`梁適使延州`, `張延壽等如宋`, `孫甫言`).
 */
const STOP = new Set([
  ..."使言奏曰等與及以為爲來至如往還入出率將知侵掠攻擊圍戰執殺亦又乃既遂則之者所於于在請乞上卒死見謂而其皆並俱同共復再自詣持奉齎赴遣命召拜授除領伐討歸降叛附獻貢不已也矣焉哉乎時今昔嘗因深累曾中",
]);

/**
 * Words for unnamed people that the rules must not take for names: officials and envoys as a body
 * (`遣百僚詣館弔`, `群臣`), an unnamed messenger (`遣一介往延州`, "a single man") and attendants
 * (`左右`).
 */
const NOT_NAMES = new Set([
  "百僚",
  "百官",
  "群臣",
  "羣臣",
  "一介",
  "左右",
  "近臣",
  "將帥",
  "邊吏",
  "疆吏",
  "大臣",
  "北使",
  "使人",
  "使者",
  "諜者",
  "將佐",
  "將校",
  "臣僚",
]);

/** `知` + a prefecture: `知慶州`, tried at each 知 in turn (`y`: only there). */
const GOVERNS = new RegExp(`知${HAN}{1,2}[州軍府]`, "uy");
/** The characters that end a prefecture's name in `GOVERNS`. */
const PREFECTURE_ENDS = codeUnitSet("州軍府");

/** For each UTF-16 code unit, 1 for a CJK ideograph that is not a stop word. */
const NAME_CODES = (() => {
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
const RETURN = 0x0d;
const LINE_MARK_CODE = LINE_MARK.charCodeAt(0);
const PAGE_MARK_END_CODE = PAGE_MARK_END.charCodeAt(0);

/**
 * The offset of the last character of the reading text before `i`, stepping back over the marks
 * of a Kanripo file's layout: the line mark with its line end (`歐¶\n陽修`) and a page marker
 * line (`<pb:KR2b0019_WYG_153-10a>¶\n`). A name the printed line breaks stays one name.
 */
function readingCharBefore(text: string, i: number): number {
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
const isNameChar = (text: string, i: number) =>
  i >= 0 && i < text.length && NAME_CODES[text.charCodeAt(i)] === 1;

/** Adverbs between a speaker and the verb of speaking (`韓琦亦言`). */
const SPEECH_ADVERBS = codeUnitSet("亦又復上深因再嘗皆");
/** The verbs of speaking. */
const YAN = "言";
const ZOU = "奏";
const YUE = "曰";
const ENVOY_VERBS = codeUnitSet("如來至詣往赴入使");
const ENVOY = "遣";
const GOVERN = "知";
const QI = "其".charCodeAt(0);
const DENG = "等".charCodeAt(0);
const COMMA = "、".charCodeAt(0);
/** `言`, a verb of speaking that may also end a name. */
const NAME_FINAL_SPEECH = YAN.charCodeAt(0);

/** True when an envoy's verb stands at `i`, or after `等` there. */
function envoyVerbAt(text: string, i: number): boolean {
  const at = text.charCodeAt(i) === DENG ? i + 1 : i;
  return at < text.length && ENVOY_VERBS[text.charCodeAt(at)] === 1;
}

/**
 * The end of a Han-style name read forward from `start` (surname + one or two characters), or
 * -1 when none starts there.
 */
function surnameNameEnd(text: string, start: number): number {
  const surname = surnameLengthAt(text, start);
  if (surname === 0) return -1;
  const g = start + surname;
  if (!isNameChar(text, g)) return -1;
  const end = isNameChar(text, g + 1) && !isNameChar(text, g + 2) ? g + 2 : g + 1;
  // A third character followed by another name character is not a name boundary we can trust.
  return isNameChar(text, end) ? -1 : end;
}

/** True when the candidate is, in one of its senses, an office. */
function hasOfficeSense(c: Candidate): boolean {
  const { senses } = c;
  for (let k = 0; k < senses.length; k++) if (senses[k]!.kind === "office") return true;
  return false;
}

/** True when the candidate is, unambiguously in one of its senses, an office. */
function isOffice(c: Candidate): boolean {
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
class SegmentFacts implements PersonRuleFacts {
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
   * one-character name at the start (`趙` of 趙滋, `夏` of 夏守贇) is a surname, not a mention.
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
function firstAtOrAfter(candidates: readonly Candidate[], offset: number): number {
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
function startsCandidate(candidates: readonly Candidate[], k: number, offset: number): boolean {
  for (let j = k + 1; j < candidates.length; j++) {
    const { start } = candidates[j]!;
    if (start >= offset) return start === offset;
  }
  return false;
}

/** After the office chain starting at `offset` (`六宅使、伊州刺史`), the offset of what follows. */
function skipOffices(facts: SegmentFacts, offset: number): number {
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
function charCount(text: string, start: number, end: number): number {
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
function accept(facts: SegmentFacts, start: number, end: number, rule: string, out: FoundName[]): void {
  const { text } = facts.segment;
  const length = charCount(text, start, end);
  if (length < 2 || length > 4) return;
  if (facts.overlapsCandidate(start, end) || facts.isExcluded(start, end)) return;
  const name = text.slice(start, end);
  if (!NOT_NAMES.has(name)) out.push({ start, end, name, rule });
}

/** A person rule that adds what it finds to a list. */
interface Rule {
  name: string;
  description: string;
  collect(facts: SegmentFacts, out: FoundName[]): void;
}

/** The person rules, in order of precedence. */
const RULES: readonly Rule[] = [
  {
    name: "office-name",
    description:
      "a Han-style name (surname + one or two characters) right after an office or title: 右正言梁適",
    collect(facts, out) {
      const { text } = facts.segment;
      const { candidates } = facts;
      // Each offset where an office ends is read once: what follows it is the same for each.
      const read = new Set<number>();
      for (let k = 0; k < candidates.length; k++) {
        const after = candidates[k]!.end;
        // A name needs a surname right after the office, or another office there to skip.
        if (after >= text.length) continue;
        if (!isSurnameStart(text.charCodeAt(after)) && !startsCandidate(candidates, k, after)) continue;
        if (!isOffice(candidates[k]!) || read.has(after)) continue;
        read.add(after);
        const start = skipOffices(facts, after);
        const nameEnd = surnameNameEnd(text, start);
        if (nameEnd !== -1) accept(facts, start, nameEnd, "office-name", out);
      }
    },
  },
  {
    name: "envoy",
    description:
      "the name between 遣 (and any offices) and 如, 來, 至, 詣, 往 or 赴: 遣X如宋, 遣X等來; a name may end in 言 before them (遣賀九言至)",
    collect(facts, out) {
      const { text } = facts.segment;
      for (let i = text.indexOf(ENVOY); i !== -1; i = text.indexOf(ENVOY, i + 1)) {
        let start = i + 1;
        if (text.charCodeAt(start) === QI) start++;
        start = skipOffices(facts, start);
        let end = start;
        while (end - start < 4 && isNameChar(text, end)) end++;
        // 言 stops a speaker's name (`孫甫言`) but may end an envoy's (`遣賀九言至`).
        if (
          end > start &&
          end - start < 4 &&
          text.charCodeAt(end) === NAME_FINAL_SPEECH &&
          envoyVerbAt(text, end + 1)
        )
          end++;
        if (envoyVerbAt(text, end)) accept(facts, start, end, "envoy", out);
      }
    },
  },
  {
    name: "speech",
    description:
      "a Han-style name at the start of a clause or after an office, before 言, 奏 or 曰: 孫甫言, 諫官蔡襄言",
    collect(facts, out) {
      const { text } = facts.segment;
      // The verbs after the first character, in text order: the next 言, 奏 and 曰, each found
      // by `indexOf` (much cheaper than reading every character).
      let yan = text.indexOf(YAN, 1);
      let zou = text.indexOf(ZOU, 1);
      let yue = text.indexOf(YUE, 1);
      for (;;) {
        let v = yan;
        if (zou !== -1 && (v === -1 || zou < v)) v = zou;
        if (yue !== -1 && (v === -1 || yue < v)) v = yue;
        if (v === -1) break;
        if (v === yan) yan = text.indexOf(YAN, v + 1);
        else if (v === zou) zou = text.indexOf(ZOU, v + 1);
        else yue = text.indexOf(YUE, v + 1);
        let end = v;
        if (SPEECH_ADVERBS[text.charCodeAt(end - 1)] === 1) end--;
        let start = end;
        while (start > 0 && end - start < 3 && isNameChar(text, start - 1) && !facts.endsOffice(start))
          start--;
        if (start > 0 && isNameChar(text, start - 1) && !facts.endsOffice(start)) continue;
        // A name character across a printed line break: the name begins on the line before.
        if (start > 0 && !facts.endsOffice(start) && isNameChar(text, readingCharBefore(text, start)))
          continue;
        if (surnameNameEnd(text, start) === end) accept(facts, start, end, "speech", out);
      }
    },
  },
  {
    name: "governs",
    description: "a Han-style name before 知 + a prefecture (州, 軍 or 府): 以X知慶州",
    collect(facts, out) {
      const { text } = facts.segment;
      let i = text.indexOf(GOVERN);
      while (i !== -1) {
        // The prefecture's last character stands two to five code units after 知.
        let near = false;
        for (let k = i + 2; k <= i + 5 && k < text.length; k++)
          if (PREFECTURE_ENDS[text.charCodeAt(k)] === 1) near = true;
        GOVERNS.lastIndex = i;
        if (!near || !GOVERNS.test(text)) {
          i = text.indexOf(GOVERN, i + 1);
          continue;
        }
        // The name ends at 知: three characters or two.
        for (let length = 3; length >= 2; length--) {
          const start = i - length;
          if (start < 0 || surnameNameEnd(text, start) !== i) continue;
          accept(facts, start, i, "governs", out);
          break;
        }
        i = text.indexOf(GOVERN, GOVERNS.lastIndex);
      }
    },
  },
];

/** The person rules, each with its name. */
export const PERSON_RULES: readonly PersonRule[] = RULES.map((rule) => ({
  name: rule.name,
  description: rule.description,
  find(facts: PersonRuleFacts) {
    const out: FoundName[] = [];
    rule.collect(new SegmentFacts(facts), out);
    return out;
  },
}));

/** Drops the names from `from` on whose range a name before them already has; `ranges` holds the ranges of those before. */
function dropRepeats(out: FoundName[], from: number, ranges: Set<string>): void {
  let kept = from;
  for (let k = from; k < out.length; k++) {
    const name = out[k]!;
    const range = `${name.start},${name.end}`;
    if (ranges.has(range)) continue;
    ranges.add(range);
    out[kept++] = name;
  }
  if (kept < out.length) out.length = kept;
}

/** The names of `out` that lie inside another (none has the range of another). */
function insideAnother(out: readonly FoundName[]): Set<FoundName> {
  // By start, the longest first: a name lies inside another exactly when one before it reaches as far.
  const sorted = [...out].sort((a, b) => a.start - b.start || b.end - a.end);
  const inside = new Set<FoundName>();
  let reach = Number.NEGATIVE_INFINITY;
  for (const name of sorted) {
    if (reach >= name.end) inside.add(name);
    reach = Math.max(reach, name.end);
  }
  return inside;
}

/**
 * Runs every person rule over a segment.
 *
 * @returns names the dictionary does not know, each with the first rule that found it, none
 *   inside another
 * @example
 * findNewPersons({ segment, candidates }) // segment.text "元昊再遣賀九言至"
 * //=> [{ start: 4, end: 7, name: "賀九言", rule: "envoy" }]
 */
export function findNewPersons(facts: PersonRuleFacts): FoundName[] {
  const out: FoundName[] = [];
  const indexed = new SegmentFacts(facts);
  const ranges = new Set<string>();
  for (const rule of RULES) {
    const from = out.length;
    rule.collect(indexed, out);
    dropRepeats(out, from, ranges);
  }
  if (out.length < 2) return out;
  // A name inside a longer one found at the same place (`賀九` of `遣賀九言至`) is no name.
  const inside = insideAnother(out);
  return out.filter((a) => !inside.has(a)).sort((a, b) => a.start - b.start);
}
