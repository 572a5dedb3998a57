/**
 * Rules that find persons the authority does not know, from the way the text introduces them:
 * after an office (`右正言梁適`), as an envoy (`遣X如宋`, `遣X來`), as a speaker (`X言`, `X奏`)
 * or as the governor of a prefecture (`以X知慶州`). A name found so becomes a provisional person
 * (`person:provisional:NAME`) for the whole document.
 */
import { HAN, LINE_MARK, PAGE_MARK, PAGE_MARK_END } from "./internal/chars.ts";
import type { Segment } from "./internal/segments.ts";
import { surnameOf } from "./internal/surnames.ts";
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
  /** The office candidates ending at each offset, when already gathered (see `officeEnds`). */
  officeEnds?: ReadonlyMap<number, Candidate>;
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

/** `知` + a prefecture: `知慶州`. */
const GOVERNS = new RegExp(`知${HAN}{1,2}[州軍府]`, "gu");

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

/**
 * The offset of the last character of the reading text before `i`, stepping back over the marks
 * of a Kanripo file's layout: the line mark with its line end (`歐¶\n陽修`) and a page marker
 * line (`<pb:KR2b0019_WYG_153-10a>¶\n`). A name the printed line breaks stays one name.
 */
function readingCharBefore(text: string, i: number): number {
  let j = i - 1;
  for (;;) {
    let k = j;
    if (text[k] === "\n") k--;
    if (text[k] === "\r") k--;
    if (k < j && text[k] === LINE_MARK) {
      j = k - 1;
      continue;
    }
    if (text[j] === PAGE_MARK_END) {
      const open = text.lastIndexOf(PAGE_MARK, j);
      if (open !== -1 && !text.slice(open, j).includes("\n")) {
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
const SPEECH_ADVERBS = new Set([..."亦又復上深因再嘗皆"]);
const SPEECH_VERBS = new Set([..."言奏曰"]);
const ENVOY_VERBS = new Set([..."如來至詣往赴入使"]);
/** `言`, a verb of speaking that may also end a name. */
const NAME_FINAL_SPEECH = "言";

/** True when an envoy's verb stands at `i`, or after `等` there. */
function envoyVerbAt(text: string, i: number): boolean {
  const next = text[i] === "等" ? text[i + 1] : text[i];
  return next !== undefined && ENVOY_VERBS.has(next);
}

/**
 * True when a name or unambiguous alias of anything the dictionary knows overlaps the range. A
 * one-character name at the start (`趙` of 趙滋, `夏` of 夏守贇) is a surname, not a mention.
 */
function overlapsCandidate(facts: PersonRuleFacts, start: number, end: number): boolean {
  return facts.candidates.some(
    (c) =>
      c.start < end &&
      start < c.end &&
      !(c.start === start && c.end === start + 1) &&
      c.senses.some((s) => !s.ambiguous && s.form !== "short" && s.form !== "derived-short"),
  );
}

function isExcluded(segment: Segment, start: number, end: number): boolean {
  return segment.excluded.some((x) => x.start < end && start < x.end);
}

/** A Han-style name read forward from `start`: surname + one or two characters. */
function readSurnameName(text: string, start: number): { start: number; end: number } | null {
  const surname = surnameOf(text.slice(start, start + 4));
  if (surname === null) return null;
  const g = start + surname.length;
  if (!isNameChar(text, g)) return null;
  const end = isNameChar(text, g + 1) && !isNameChar(text, g + 2) ? g + 2 : g + 1;
  // A third character followed by another name character is not a name boundary we can trust.
  if (isNameChar(text, end)) return null;
  return { start, end };
}

/** The office candidates ending at each offset. */
function officeEnds(facts: PersonRuleFacts): ReadonlyMap<number, Candidate> {
  if (facts.officeEnds !== undefined) return facts.officeEnds;
  const ends = new Map<number, Candidate>();
  for (const c of facts.candidates)
    for (const s of c.senses)
      if (s.kind === "office" && !s.ambiguous) {
        ends.set(c.end, c);
        break;
      }
  return ends;
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

/** After the office chain starting at `offset` (`六宅使、伊州刺史`), the offset of what follows. */
function skipOffices(facts: PersonRuleFacts, offset: number): number {
  const { candidates } = facts;
  let at = offset;
  for (let guard = 0; guard < 8; guard++) {
    let end = -1;
    // Candidates are ordered by start, longest first: the first office at `at` is the longest.
    for (let k = firstAtOrAfter(candidates, at); k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.start > at) break;
      if (c.senses.some((s) => s.kind === "office")) {
        end = c.end;
        break;
      }
    }
    if (end === -1) break;
    at = end;
    if (facts.segment.text[at] === "、") at++;
  }
  return at;
}

function accept(facts: PersonRuleFacts, start: number, end: number, rule: string): FoundName | null {
  const name = facts.segment.text.slice(start, end);
  const length = [...name].length;
  if (length < 2 || length > 4 || NOT_NAMES.has(name)) return null;
  if (overlapsCandidate(facts, start, end) || isExcluded(facts.segment, start, end)) return null;
  return { start, end, name, rule };
}

/** The person rules, each with its name. */
export const PERSON_RULES: readonly PersonRule[] = [
  {
    name: "office-name",
    description:
      "a Han-style name (surname + one or two characters) right after an office or title: 右正言梁適",
    find(facts) {
      const out: FoundName[] = [];
      for (const end of [...officeEnds(facts).keys()]) {
        const at = skipOffices(facts, end);
        const name = readSurnameName(facts.segment.text, at);
        const found = name && accept(facts, name.start, name.end, "office-name");
        if (found) out.push(found);
      }
      return out;
    },
  },
  {
    name: "envoy",
    description:
      "the name between 遣 (and any offices) and 如, 來, 至, 詣, 往 or 赴: 遣X如宋, 遣X等來; a name may end in 言 before them (遣賀九言至)",
    find(facts) {
      const out: FoundName[] = [];
      const { text } = facts.segment;
      for (let i = text.indexOf("遣"); i !== -1; i = text.indexOf("遣", i + 1)) {
        let start = i + 1;
        if (text[start] === "其") start++;
        start = skipOffices(facts, start);
        let end = start;
        while (end - start < 4 && isNameChar(text, end)) end++;
        // 言 stops a speaker's name (`孫甫言`) but may end an envoy's (`遣賀九言至`).
        if (end > start && end - start < 4 && text[end] === NAME_FINAL_SPEECH && envoyVerbAt(text, end + 1))
          end++;
        const next = text[end] === "等" ? text[end + 1] : text[end];
        if (next === undefined || !ENVOY_VERBS.has(next)) continue;
        const found = accept(facts, start, end, "envoy");
        if (found) out.push(found);
      }
      return out;
    },
  },
  {
    name: "speech",
    description:
      "a Han-style name at the start of a clause or after an office, before 言, 奏 or 曰: 孫甫言, 諫官蔡襄言",
    find(facts) {
      const out: FoundName[] = [];
      const { text } = facts.segment;
      const offices = officeEnds(facts);
      const verbs: number[] = [];
      for (const verb of SPEECH_VERBS)
        for (let v = text.indexOf(verb, 1); v !== -1; v = text.indexOf(verb, v + 1)) verbs.push(v);
      for (const v of verbs.sort((a, b) => a - b)) {
        let end = v;
        if (SPEECH_ADVERBS.has(text[end - 1]!)) end--;
        let start = end;
        while (start > 0 && end - start < 3 && isNameChar(text, start - 1) && !offices.has(start)) start--;
        if (start > 0 && isNameChar(text, start - 1) && !offices.has(start)) continue;
        // A name character across a printed line break: the name begins on the line before.
        if (start > 0 && !offices.has(start) && isNameChar(text, readingCharBefore(text, start))) continue;
        const name = readSurnameName(text, start);
        if (!name || name.end !== end) continue;
        const found = accept(facts, start, end, "speech");
        if (found) out.push(found);
      }
      return out;
    },
  },
  {
    name: "governs",
    description: "a Han-style name before 知 + a prefecture (州, 軍 or 府): 以X知慶州",
    find(facts) {
      const out: FoundName[] = [];
      const { text } = facts.segment;
      if (!text.includes("知")) return out;
      GOVERNS.lastIndex = 0;
      for (let m = GOVERNS.exec(text); m !== null; m = GOVERNS.exec(text)) {
        const end = m.index;
        for (const length of [3, 2]) {
          const start = end - length;
          if (start < 0) continue;
          const name = readSurnameName(text, start);
          if (!name || name.end !== end) continue;
          const found = accept(facts, start, end, "governs");
          if (found) out.push(found);
          break;
        }
      }
      return out;
    },
  },
];

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
  const seen = new Set<string>();
  const out: FoundName[] = [];
  const shared: PersonRuleFacts = {
    segment: facts.segment,
    candidates: facts.candidates,
    officeEnds: officeEnds(facts),
  };
  for (const rule of PERSON_RULES) {
    const found = rule.find(shared);
    for (let k = 0; k < found.length; k++) {
      const name = found[k]!;
      const key = `${name.start}:${name.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(name);
    }
  }
  if (out.length < 2) return out;
  // A name inside a longer one found at the same place (`賀九` of `遣賀九言至`) is no name.
  return out
    .filter((a) => !out.some((b) => b !== a && b.start <= a.start && a.end <= b.end))
    .sort((a, b) => a.start - b.start);
}
