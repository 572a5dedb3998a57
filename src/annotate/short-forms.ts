/**
 * Short-form rules: when part of a name (`戩` for 鄭戩, `子奭` for 張子奭, `環` for 環州, `籠竿`
 * for 籠竿城) may be taken for the entity. A short form is never matched on its own: one of these
 * rules must accept it, and its name is reported in the mention's `rule`.
 */

import { fold } from "../search/fold.ts";
import type { NameSense } from "./dictionary.ts";
import { IDEOGRAPHIC_COMMA as COMMA_CONSTANT } from "./internal/chars.ts";
import { isEraName } from "./internal/era-names.ts";
import { foldedChars, foldedPattern } from "./internal/folded-set.ts";
import { charAt, charBefore, charsAt, offsetAt } from "./internal/reading-chars.ts";
import type { Segment } from "./internal/segments.ts";
import { firstAtOrAfter } from "./person-rule-facts.ts";

/** `、`, kept in a local binding for the loops below. */
const IDEOGRAPHIC_COMMA = COMMA_CONSTANT;

/** A candidate name in a segment, with the senses its string has. */
export interface Candidate {
  /** Index of the segment in the entry. */
  segment: number;
  start: number;
  end: number;
  text: string;
  senses: readonly NameSense[];
  /** Recognition state: the sense accepted for the candidate, and the person sense of a title. */
  decision?: Decision | undefined;
  personDecision?: Decision | undefined;
  /** Recognition state: the candidate lies inside a longer full name and cannot win. */
  covered?: boolean;
}

/** The sense a rule accepted for a candidate. */
export interface Decision {
  sense: NameSense;
  rule: string;
  alternatives: string[];
}

/** What a short-form rule can look at. */
export interface ShortFacts {
  segment: Segment;
  candidate: Candidate;
  /** The candidates of the same segment, in order of start. */
  neighbours: readonly Candidate[];
  /** Entities named in full in this entry: id → absolute offset of the first such mention. */
  named: ReadonlyMap<string, number>;
  /** Entities named in full in earlier entries of the document. */
  namedBefore: ReadonlySet<string>;
  /** Candidates that stand in an enumeration of places (`麟、府`, `栲栳、塞門、安遠、黑水等寨`). */
  inPlaceList: ReadonlySet<Candidate>;
  /** The full name of a record. */
  nameOf(id: string): string | undefined;
}

/** A named short-form rule. */
export interface ShortRule {
  name: string;
  description: string;
  accepts(sense: NameSense, facts: ShortFacts): boolean;
}

/** Before a given name: son, younger and elder brother, grandson, nephew (`弟思諫`). */
const KIN_BEFORE = foldedChars("子弟兄孫姪侄");
/** After a given name: to die, to be set up, to inherit, to succeed, to replace (`思恭卒`). */
const SUCCESSION_AFTER = foldedChars("卒薨殂立嗣襲代");
/** After a given name: to be killed, to die (`彞昌遇害`, `繼捧死`). */
const DEATH_AFTER = foldedPattern(/^(?:遇害|被害|被殺|見殺|死)/);

/** Before a place's short form: verbs of war and march (`破後橋`, `攻青唐`, `至天都`). */
const TAKES_PLACE = foldedChars("攻破圍陷取寇犯侵掠襲抵趨趣據屯至");
/** After a place's short form: its forts, troops, land or bearing (`後橋諸堡`, `鎭戎兵`, `太原境`, `瓦橋以南`). */
const PLACE_SHORT_AFTER = foldedPattern(
  /^(?:(?:諸|等|[二三四五六七八九十])[堡砦寨城]|兵|之?(?:地|境)|之兵|以[南北東西])/,
);
/** The most reading characters `PLACE_SHORT_AFTER` matches. */
const PLACE_SHORT_AFTER_CHARS = 2;

/** After an era's name: within, early, late, years (`天聖中`, `永平初`). */
const ERA_AFTER = foldedChars("中初末年間");

/**
 * True when a candidate names a prefecture, county or fort in full (its name or an alias that is
 * no short form), not a circuit or region: `京東西河北` is 京東, 京西 and 河北, not 西河 beside 京東.
 */
function isFullSeat(c: Candidate): boolean {
  return c.senses.some(
    (s) =>
      s.kind === "place" &&
      !s.ambiguous &&
      s.form !== "short" &&
      s.form !== "derived-short" &&
      SEAT_ENDS.has(s.name.at(-1) ?? ""),
  );
}
/** The last characters of the names of prefectures, counties and forts. */
const SEAT_ENDS = foldedChars("州縣軍府監寨堡城鎮砦關山川谷");

/** Words after a place's short form that show it is the place (`三川將`, `定川之役`). */
const PLACE_FOLLOWERS = ["之役", "之戰", "之敗", "之兵", "之地", "將"].map(fold);

const absolute = (facts: ShortFacts) => facts.segment.start + facts.candidate.start;

/** 將軍, a general: the end of a title. */
const GENERAL = fold("將軍");
/** 縣, a county. */
const COUNTY = foldedChars("縣");
/** The last characters of places' names. */
const PLACE_ENDS = foldedChars("州縣軍府監寨堡城鎮驛關");
/** The character right after the candidate. */
const followingChar = (facts: ShortFacts) => facts.segment.text[facts.candidate.end] ?? "";

/** The short-form rules, tried in order. */
export const SHORT_RULES: readonly ShortRule[] = [
  {
    name: "short-form",
    description:
      "a short form names an entity whose full name (or another alias that is not short) appears in the same entry; a one-character short form only after it",
    accepts(sense, facts) {
      const first = facts.named.get(sense.id);
      if (first === undefined) return false;
      // A fort's name without its 寨 before another place's last character names that place
      // (`彭陽縣` beside 彭陽城, `招安驛` beside 招安寨).
      if (sense.form === "derived-short" && sense.kind === "place" && PLACE_ENDS.has(followingChar(facts)))
        return false;
      // Before 縣, a prefecture's name without its 府 names the county of its seat (`江寧縣`).
      if (
        sense.form === "short" &&
        sense.kind === "place" &&
        sense.chars > 1 &&
        COUNTY.has(followingChar(facts))
      )
        return false;
      return sense.chars > 1 || first < absolute(facts);
    },
  },
  {
    name: "place-list",
    description:
      "each item of an enumeration of places (`麟、府`, `籠竿、羊牧隆城、靜邊、得勝四寨`) is a place",
    accepts(sense, facts) {
      return sense.kind === "place" && facts.inPlaceList.has(facts.candidate);
    },
  },
  {
    name: "surname-list",
    description:
      "a given name listed right after a full name with the same surname (`野利旺榮、遇乞`) has that surname",
    accepts(sense, facts) {
      if (sense.kind !== "person") return false;
      const full = facts.nameOf(sense.id);
      const c = facts.candidate;
      if (full === undefined || facts.segment.text[c.start - 1] !== IDEOGRAPHIC_COMMA) return false;
      const surname = full.slice(0, full.length - c.text.length);
      if (surname === "" || !full.endsWith(c.text)) return false;
      return someEndingAt(facts.neighbours, c.start - 1, (n) =>
        n.senses.some(
          (s) => s.kind === "person" && s.form !== "short" && facts.nameOf(s.id)?.startsWith(surname),
        ),
      );
    },
  },
  {
    name: "after-title",
    description:
      "a given name right after a title recorded for the same person (`天齊王重元`) is that person",
    accepts(sense, facts) {
      const c = facts.candidate;
      return someEndingAt(facts.neighbours, c.start, (n) =>
        n.senses.some((s) => s.id === sense.id && s.form === "title"),
      );
    },
  },
  {
    name: "place-short-context",
    description:
      "a place's short form of two or more characters before 將 or 之役 (`三川將`, `定川之役`) is the place",
    accepts(sense, facts) {
      // Not a fort's name without its 寨: `寜逺將軍` is a title; nor any name before 將軍
      // (`武寧将軍安逺将軍`, a general's title).
      if (sense.kind !== "place" || sense.chars < 2 || sense.form === "derived-short") return false;
      const after = fold(charsAt(facts.segment.text, facts.candidate.end, 2));
      return after !== GENERAL && PLACE_FOLLOWERS.some((w) => after.startsWith(w));
    },
  },
  {
    name: "kin-or-succession",
    description:
      "a person's given name of two or more characters that the record lists, after a word of kinship (`弟思諫`, `子彝昌`) or before a verb of dying, being killed or succeeding (`思恭卒`, `彞昌遇害`, `仁福立`), as a biography names the men of one house",
    accepts(sense, facts) {
      if (!listedGivenName(sense)) return false;
      const { text } = facts.segment;
      const c = facts.candidate;
      return (
        KIN_BEFORE.has(charBefore(text, c.start)) ||
        SUCCESSION_AFTER.has(charAt(text, c.end)) ||
        DEATH_AFTER.test(fold(charsAt(text, c.end, 2)))
      );
    },
  },
  {
    name: "after-office",
    description:
      "a person's given name of two or more characters that the record lists, right after an office or a prefecture one governs (`夏州蕃落指揮使克信等十二人`, `弟權知夏州克文來朝`), as a biography names the men of one house",
    accepts(sense, facts) {
      if (!listedGivenName(sense)) return false;
      return someEndingAt(facts.neighbours, facts.candidate.start, (n) =>
        n.senses.some((s) => s.kind === "office"),
      );
    },
  },
  {
    name: "place-short-taken",
    description:
      "a place's short form of two or more characters after a verb of war or march (`攻破後橋諸堡`, `又攻青唐`), before a word of its forts, troops or bearing (`後橋諸堡`, `鎭戎兵`, `瓦橋以南`), or right after or before a prefecture, county or fort named in full (`洪州白豹`, `鎭戎原州`); not before another place's last character or an era's 中, nor an era's name (`至天聖中`, `取乾興赦前`)",
    accepts(sense, facts) {
      if (sense.kind !== "place" || sense.chars < 2 || sense.ambiguous) return false;
      const { text } = facts.segment;
      const c = facts.candidate;
      // Before another place's last character it is that place (`原州彭陽縣` beside 彭陽城); before
      // 中, 初, 末, 年 or 間 it is an era (`至天聖中`).
      const next = charAt(text, c.end);
      if (PLACE_ENDS.has(next) || ERA_AFTER.has(next) || isEraName(c.text)) return false;
      if (TAKES_PLACE.has(charBefore(text, c.start))) return true;
      if (PLACE_SHORT_AFTER.test(fold(charsAt(text, c.end, PLACE_SHORT_AFTER_CHARS)))) return true;
      return (
        someEndingAt(facts.neighbours, c.start, isFullSeat) ||
        someStartingAt(facts.neighbours, c.end, isFullSeat)
      );
    },
  },
  {
    name: "short-in-document",
    description:
      "a person's given name of two or more characters names a person whose full name appeared in an earlier entry",
    accepts(sense, facts) {
      return sense.kind === "person" && sense.chars > 1 && facts.namedBefore.has(sense.id);
    },
  },
];

/** True when one of the candidates (ordered by start) that start at `offset` meets `test`. */
function someStartingAt(
  candidates: readonly Candidate[],
  offset: number,
  test: (c: Candidate) => boolean,
): boolean {
  for (
    let k = firstAtOrAfter(candidates, offset);
    k < candidates.length && candidates[k]!.start === offset;
    k++
  )
    if (test(candidates[k]!)) return true;
  return false;
}

/** The candidates of a segment by where they end (see `someEndingAt`). */
const BY_END = new WeakMap<readonly Candidate[], Map<number, Candidate[]>>();
/** Up to this many candidates a loop over them is quicker than making the index. */
const FEW_CANDIDATES = 64;

/**
 * True when one of the candidates that end at `offset` meets `test`. The candidates of a long
 * paragraph are indexed by where they end once, when first asked about, so that asking for each
 * of its short forms stays linear; the list must not change after.
 */
function someEndingAt(
  candidates: readonly Candidate[],
  offset: number,
  test: (c: Candidate) => boolean,
): boolean {
  if (candidates.length <= FEW_CANDIDATES) {
    for (const c of candidates) if (c.end === offset && test(c)) return true;
    return false;
  }
  let byEnd = BY_END.get(candidates);
  if (byEnd === undefined) {
    byEnd = new Map();
    for (const c of candidates) {
      const list = byEnd.get(c.end);
      if (list === undefined) byEnd.set(c.end, [c]);
      else list.push(c);
    }
    BY_END.set(candidates, byEnd);
  }
  return byEnd.get(offset)?.some(test) ?? false;
}

const NO_MEMBERS: ReadonlySet<Candidate> = new Set();

/**
 * The candidates that stand in an enumeration of places: two or more place names or short forms
 * joined by `、`.
 */
export function placeListMembers(candidates: readonly Candidate[], text: string): ReadonlySet<Candidate> {
  const byStart = longestPlaces(candidates);
  const unmarked = unmarkedPlaceLists(byStart, text);
  if (!text.includes(IDEOGRAPHIC_COMMA)) return unmarked;
  const places = [...byStart.values()];
  let members: Set<Candidate> | null = null;
  // A run follows `、` to the place that starts right after it; a place already in a run opens
  // none of its own.
  const run: number[] = [];
  for (let i = 0; i < places.length; i++) {
    if (members?.has(places[i]!)) continue;
    run.length = 0;
    run.push(i);
    for (let j = i; text.charCodeAt(places[j]!.end) === COMMA_CODE; ) {
      const target = places[j]!.end + 1;
      let k = j + 1;
      while (k < places.length && places[k]!.start < target) k++;
      if (k === places.length || places[k]!.start !== target) break;
      run.push(k);
      j = k;
    }
    if (run.length < 2) continue;
    members ??= new Set(unmarked);
    for (const k of run) members.add(places[k]!);
  }
  return members ?? unmarked;
}

/**
 * After places listed without marks, the forts, prefectures or towns they are (`破安遠塞門永平諸砦`,
 * `取瓜沙肅三州`): 諸 or 等 and any count, or a count, before the unit.
 */
const UNMARKED_LIST_END =
  /(?:諸|等)[二三四五六七八九十]*[堡砦寨城州軍鎮縣]|[二三四五六七八九十]+[堡砦寨城州軍鎮縣]/y;

/**
 * Places listed one right after another without marks, up to a word of their forts or prefectures
 * (`安遠塞門永平諸砦`): each is a place, two at least.
 */
function unmarkedPlaceLists(byStart: ReadonlyMap<number, Candidate>, text: string): ReadonlySet<Candidate> {
  let members: Set<Candidate> | null = null;
  const taken = new Set<Candidate>();
  for (const first of byStart.values()) {
    if (taken.has(first)) continue;
    const run = [first];
    for (let next = byStart.get(offsetAt(text, first.end)); next !== undefined; ) {
      run.push(next);
      next = byStart.get(offsetAt(text, next.end));
    }
    for (const c of run) taken.add(c);
    if (run.length < 2) continue;
    const after = offsetAt(text, run.at(-1)!.end);
    if (after === -1) continue;
    UNMARKED_LIST_END.lastIndex = after;
    if (!UNMARKED_LIST_END.test(text)) continue;
    members ??= new Set();
    for (const c of run) members.add(c);
  }
  return members ?? NO_MEMBERS;
}

/**
 * The longest place candidate at each start, in order of start (candidates come ordered by start):
 * the items the lists of places are read from.
 */
function longestPlaces(candidates: readonly Candidate[]): Map<number, Candidate> {
  const byStart = new Map<number, Candidate>();
  for (const c of candidates) {
    if (!isPlace(c)) continue;
    const at = byStart.get(c.start);
    if (at === undefined || c.end > at.end) byStart.set(c.start, c);
  }
  return byStart;
}

/**
 * A person's given name of two or more characters that his record lists (`short`), unambiguous:
 * not one derived from any name (`derived-short`), which may be another man's (`薛居正子惟吉` is
 * 薛惟吉, not the 王惟吉 another name gives).
 */
function listedGivenName(sense: NameSense): boolean {
  return sense.kind === "person" && sense.form === "short" && sense.chars >= 2 && !sense.ambiguous;
}

/** True when one of the candidate's senses is a place, not only by an ambiguous alias. */
function isPlace(c: Candidate): boolean {
  for (const s of c.senses) if (s.kind === "place" && !s.ambiguous) return true;
  return false;
}

const COMMA_CODE = IDEOGRAPHIC_COMMA.charCodeAt(0);
