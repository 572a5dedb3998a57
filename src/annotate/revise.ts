/**
 * Context rules read over an entry's names once they are found, where one character or a list
 * decides what a name is:
 *
 * - `shared-zhou`: a list of prefectures that shares its 州 (`麟府石三州`, `靈、夏二州`, `靈、夏兵`,
 *   `取靈夏`) names each prefecture, not a circuit or a state;
 * - `one-character-context`: a one-character name of a region, an old state or a state (`趙`, `燕`,
 *   `吳`, `夏`) is kept only where its context says so (`趙、魏`, `燕人`, `伐吳`); never as the
 *   surname of a name after an office (`副都部署夏元亨`), a season (`夏秋`, `夏租`) or a verb
 *   (`燕犒`, to feast);
 * - `given-name-context`, `given-name-recent`: the one-character given name of a person named in
 *   full earlier in the entry or in the entries just before (`雍` for 范雍, `平` for 劉平) where a
 *   verb follows it or a word that governs a person stands before it (`平曰`, `命韶`; see
 *   `given-names.ts`);
 * - `surname-title`: a surname and a title (`富公`, `王相公`, `韓樞密`) of the one person of that
 *   surname named in full before it in the entry (see `surname-titles.ts`);
 * - persons grown from 長編 are named only in entries within twenty years of the years they were
 *   found in, and keep the mark `provisional` until a record confirms them.
 */

import { fold } from "../search/fold.ts";
import type { AuthorityRecord } from "./authority/index.ts";
import type { NameDictionary } from "./dictionary.ts";
import { type EarlierGivenNames, givenNames, withPersonsOf } from "./given-names.ts";
import { foldedChars, foldedPattern } from "./internal/folded-set.ts";
import { charAt, charBefore, charsAt } from "./internal/reading-chars.ts";
import type { Segment } from "./internal/segments.ts";
import { type SurnameOwners, surnameTitles } from "./surname-titles.ts";
import type { EntityMention } from "./types.ts";

const LINE_MARK = "¶";
const LINE_MARK_CODE = LINE_MARK.charCodeAt(0);
/** A line mark with its line end, and the page marker lines after it. */
const LAYOUT = /¶\r?\n(?:<pb:[^>\n]*>¶\r?\n)*/g;

/** Prefecture-like places whose one-character short forms make lists. */
const PREFECTURE_TYPES = new Set(["州", "軍", "府", "監"]);
/** After a list that shares its 州: `二州`, `等州`, `州`, `諸州`, `兵`, `管内` (`銀夏管内`), `之役` (`靈夏之役`); tested where the list ends. */
const SHARED_ZHOU = foldedPattern(
  /^(?:(?:[二三四五六七八九十]|等|諸)?州|兵|界|境|管[内內下]|之(?:兵|地|境|民|役))/,
);
/** Words before a list of prefectures without its 州: to take, attack, hold, lose them (`取靈夏`). */
const LIST_VERBS = foldedChars("取攻陷據守有復失奪寇侵犯圍");
const IDEOGRAPHIC_COMMA = "、";
const COMMA_CODE = IDEOGRAPHIC_COMMA.charCodeAt(0);

/** Numerals before a name make a numbered group (`二羗`, `七族`). */
const NUMERALS = foldedChars("一二三四五六七八九十兩數諸");
/** After a one-character place short form, words that make it a place (`延人`, `慶兵`). */
const PLACE_FOLLOWERS = foldedChars("人兵境界地城州路");
/** Before a one-character place short form, verbs that take a place (`至慶`, `攻環`). */
const PLACE_VERBS = foldedChars("至攻圍守寇犯抵趣趨還");

/** After a one-character region or old state, words that make it one (`燕人`, `趙地`, `吳國`). */
const REGION_FOLLOWERS = foldedChars("國人地境兵師軍民界都王主");
/** The last characters of places: a one-character name two or three before one starts that place (`吳朝谷`). */
const PLACE_ENDS = foldedChars("谷川山寨堡城口嶺原河水關鎮");
/** Before a one-character region or old state, verbs that take a place (`伐吳`, `入燕`). */
const REGION_VERBS = foldedChars("伐攻侵入適過守取破");
/** After a state's name, words of its time (`宋初`, early in the Song; `唐末`). */
const TIME_AFTER_STATE = new Set([..."初末"]);
/** After 夏, words of the season (`夏秋`, `夏租`, `夏稅`). */
const SEASON_FOLLOWERS = foldedChars("秋租稅料麥苗熱暑至季冬");
const SEASON_BEFORE = new Set([..."春秋冬"]);

/** The years within which a grown person is recognised, beyond those the rules found him in. */
const GROWN_MARGIN = 20;

/**
 * True when a grown person may be named in an entry of the year: within `GROWN_MARGIN` years of
 * the years he was found in; a name of three characters or more also long after them (a memorial
 * of 1067 recalls `太祖時…用李漢超等`), never before them.
 */
export function grownNear(name: string, years: readonly number[], year: number): boolean {
  const first = years[0]!;
  const last = years[years.length - 1]!;
  if (year < first - GROWN_MARGIN) return false;
  return year <= last + GROWN_MARGIN || name.length >= 3;
}
/**
 * After a name, a word of kinship that names a later man by it: 子, 孫, 姪, 弟, 之子, 族子, 從子,
 * 曾孫, 之後 (descendants), 家 (his house).
 */
const KIN_AFTER = foldedPattern(/^(?:之)?(?:[族從曾玄]|外)?[子孫姪甥]|^之(?:後|裔|弟)|^[家]/);

/** The reading text of the entry's segments for a few characters from an offset, past the layout. */
function readingAfter(segments: readonly Segment[], offset: number): string {
  for (const s of segments) {
    const at = offset - s.start;
    if (at < 0 || at > s.text.length) continue;
    return charsAt(s.text, at, 4);
  }
  return "";
}

/** The one-character short forms of prefectures: by code unit, the place's id (cached on the dictionary). */
const SHORTS = new WeakMap<NameDictionary, PrefectureShorts>();

function prefectureShorts(dictionary: NameDictionary): PrefectureShorts {
  const cached = SHORTS.get(dictionary);
  if (cached) return cached;
  const refs = new Map<number, string>();
  const ambiguous = new Set<number>();
  // A prefecture's one-character name where a list shares its 州 (`瓜沙肅三州`): the short forms
  // its record lists, else the first character of a name `X州` that no other prefecture has.
  const derivedRefs = new Map<number, string>();
  const derivedAmbiguous = new Set<number>();
  for (const [name, senses] of dictionary.senses) {
    const shortForm = name.length === 1;
    if (!shortForm && !(name.length === 2 && name[1] === "州")) continue;
    const code = name.charCodeAt(0);
    for (const s of senses) {
      if (s.kind !== "place" || (shortForm && s.form !== "short")) continue;
      const record = dictionary.records.get(s.id);
      if (record?.kind !== "place" || !PREFECTURE_TYPES.has(record.type)) continue;
      const [map, unsure] = shortForm ? [refs, ambiguous] : [derivedRefs, derivedAmbiguous];
      if (map.has(code) && map.get(code) !== s.id) unsure.add(code);
      map.set(code, s.id);
    }
  }
  for (const code of ambiguous) refs.delete(code);
  for (const code of derivedAmbiguous) derivedRefs.delete(code);
  const codes = new Uint8Array(0x10000);
  for (const code of refs.keys()) codes[code] = 1;
  const derived = new Set<number>();
  for (const [code, id] of derivedRefs) {
    if (codes[code] === 1 || ambiguous.has(code)) continue;
    codes[code] = 1;
    refs.set(code, id);
    derived.add(code);
  }
  const result = { codes, refs, derived };
  SHORTS.set(dictionary, result);
  return result;
}

const LAYOUT_AT = new RegExp(LAYOUT.source, "y");

/** Where the text goes on after a printed line's end and page markers at `offset` (`offset` when none stands there). */
function layoutEnd(text: string, offset: number): number {
  if (text.charCodeAt(offset) !== LINE_MARK_CODE) return offset;
  LAYOUT_AT.lastIndex = offset;
  return LAYOUT_AT.test(text) ? LAYOUT_AT.lastIndex : offset;
}

/** The most reading characters the list patterns (`SHARED_ZHOU`, `ZHOU_AFTER`) match. */
const LIST_END_CHARS = 3;

/**
 * True when `pattern` (anchored, folded) matches the reading characters of `text` from
 * `offset`, past a Kanripo file's layout (`環慶二¶\n州`).
 */
function matchesAt(pattern: RegExp, text: string, offset: number): boolean {
  return pattern.test(fold(charsAt(text, offset, LIST_END_CHARS)));
}

/** What the revision needs besides the entry's segments and names. */
export interface ReviseContext {
  dictionary: NameDictionary;
  /** The entry's Western year, if dated. */
  year: number | null;
  /** The one-character given names of persons named in full in the entries just before (see `given-names.ts`). */
  earlierGiven?: EarlierGivenNames;
}

/**
 * Revises the names found in one entry by the rules above.
 *
 * @param segments the entry's segments (see `entrySegments`)
 * @param mentions the names found, in text order
 * @returns the names in text order (the same array when nothing changed)
 */
export function reviseMentions(
  segments: readonly Segment[],
  mentions: EntityMention[],
  context: ReviseContext,
): EntityMention[] {
  if (segments.length === 0) return mentions;
  const { dictionary, year } = context;
  // The given names of the entries before, and of the persons named in the paragraphs before.
  let earlier = context.earlierGiven;
  // The names dropped, in a set kept from call to call (an entry is revised at a time).
  const removed = REMOVED;
  removed.clear();
  let added: EntityMention[] | null = null;
  const remove = (m: EntityMention) => removed.add(m);

  for (const m of mentions) {
    // A name read through a Kanripo file's layout is written without it (`契丹`, not `契¶\n丹`).
    if (m.text.includes(LINE_MARK)) m.text = m.text.replace(LAYOUT, "");
    // Persons grown from 長編: only near their years, and provisional until confirmed.
    if (m.kind !== "person") continue;
    const record = dictionary.records.get(m.ref);
    if (record?.kind !== "person" || record.found === undefined) continue;
    // A name of two long after his years may be recalled before a word of kinship: a later man
    // is named as his kin (`此髙瓊族子` in 1065, of 髙瓊 who died in 1006).
    if (
      year !== null &&
      !grownNear(record.name, record.found.years, year) &&
      !(year > record.found.years[1] && KIN_AFTER.test(fold(readingAfter(segments, m.end))))
    )
      remove(m);
    else if (record.provisional === true) m.provisional = true;
  }

  const shorts = prefectureShorts(dictionary);
  // The persons named in full in the entry's paragraphs so far, by surname (see `surname-titles.ts`).
  const owners: SurnameOwners = new Map();
  let from = 0;
  for (const segment of segments) {
    const { text, start: base } = segment;
    const end = base + text.length;
    // The segment's names (mentions come in text order, segment after segment).
    while (from < mentions.length && mentions[from]!.start < base) from++;
    let to = from;
    while (to < mentions.length && mentions[to]!.start < end) to++;
    let seg =
      removed.size === 0 ? mentions.slice(from, to) : mentions.slice(from, to).filter((m) => !removed.has(m));
    from = to;
    if (seg.length === 0 && !hasShorts(text, shorts.codes) && !(earlier?.size ?? 0) && owners.size === 0)
      continue;

    // Lists that share their 州.
    const madeHere: EntityMention[] = [];
    const { codes } = shorts;
    for (let i = 0; i < text.length; i++) {
      if (codes[text.charCodeAt(i)] !== 1) continue;
      const run: number[] = [i];
      let j = i + 1;
      for (;;) {
        // A list runs on across a printed line's end (`銀夏綏宥靜¶\n五州`).
        const next = layoutEnd(text, j);
        const c = text.charCodeAt(next);
        if (codes[c] === 1 && !run.some((r) => text.charCodeAt(r) === c)) {
          run.push(next);
          j = next + 1;
        } else if (c === COMMA_CODE && codes[text.charCodeAt(layoutEnd(text, next + 1))] === 1) {
          j = layoutEnd(text, next + 1);
          run.push(j++);
        } else break;
      }
      if (run.length < 2) continue;
      const first = i;
      i = j - 1;
      if (!matchesAt(SHARED_ZHOU, text, j) && !LIST_VERBS.has(charBefore(text, first))) continue;
      const covering = near(seg, base + first - 16, base + j).filter(
        (m) => m.start < base + j && base + first < m.end,
      );
      // A circuit over the run (鄜延環慶) stays one unless 州 follows the list.
      const circuit = covering.some((m) => {
        const r = dictionary.records.get(m.ref);
        return r?.kind === "place" && r.type === "路";
      });
      if (circuit && !matchesAt(ZHOU_AFTER, text, j)) continue;
      // Nothing but names inside the run may stand over it.
      if (covering.some((m) => m.start < base + first || m.end > base + j)) continue;
      // A run with a character taken from a name `X州` only: 州 after it or a verb before it
      // (`平夏兵` is the army of 平夏, not of 平州 and 夏州), and no name of two characters or more
      // over it (`河西` would be a region, not 河州 and 西州).
      if (
        run.some((r) => shorts.derived.has(text.charCodeAt(r))) &&
        ((!matchesAt(ZHOU_AFTER, text, j) && !LIST_VERBS.has(charBefore(text, first))) ||
          covering.some((m) => m.end - m.start > 1))
      )
        continue;
      for (const m of covering) remove(m);
      const made = run.map(
        (r): EntityMention => ({
          kind: "place",
          start: base + r,
          end: base + r + 1,
          text: text[r]!,
          field: segment.field,
          rule: "shared-zhou",
          ref: shorts.refs.get(text.charCodeAt(r))!,
          form: "short",
        }),
      );
      added ??= [];
      for (const m of made) {
        added.push(m);
        madeHere.push(m);
      }
    }
    if (madeHere.length > 0) {
      seg = [...seg.filter((m) => !removed.has(m)), ...madeHere].sort(byStart);
      madeHere.length = 0;
    }

    // One-character names: places' short forms, regions, old states and states.
    let offices: Set<number> | null = null;
    for (let k = 0; k < seg.length; k++) {
      const m = seg[k]!;
      if (nobleTitle(m, seg, k, text, base, dictionary)) {
        remove(m);
        continue;
      }
      if (m.end - m.start !== 1 || m.rule === "shared-zhou") continue;
      if (m.kind !== "place" && m.kind !== "polity") continue;
      const around = seg.slice(Math.max(0, k - 4), k + 5);
      const at = m.start - base;
      const before = charBefore(text, at);
      if (m.kind === "polity" && NUMERALS.has(before)) {
        // A numbered group (`二羗`, `七族`) is no name.
        remove(m);
        continue;
      }
      const next = charAt(text, at + 1);
      if (m.kind === "place" && m.form === "short") {
        // A one-character short form of a place stands in a list (`環、慶`) or before a word that
        // makes it a place (`延人`, `至慶`); in running text it is a character of something else
        // (`王餘慶`).
        const neighbour = around.some(
          (o) =>
            o !== m &&
            o.kind === "place" &&
            (((o.end === m.start || o.start === m.end) && o.end - o.start === 1) ||
              (o.end === m.start - 1 && text[at - 1] === IDEOGRAPHIC_COMMA) ||
              (o.start === m.end + 1 && text[at + 1] === IDEOGRAPHIC_COMMA)),
        );
        if (!neighbour && !PLACE_FOLLOWERS.has(next) && !PLACE_VERBS.has(before)) remove(m);
        continue;
      }
      if (m.form !== "name") continue;
      const record = dictionary.records.get(m.ref);
      const region = regionOrOldState(record);
      const state = record?.kind === "polity" && record.type === "state";
      if (!region && !state) continue;
      offices ??= new Set(seg.filter((o) => o.kind === "office").map((o) => o.end));
      // (one set for the segment, made when a one-character state or region first needs it)
      let keep = true;
      // After an office it is the surname of a name (`副都部署夏元亨`), unless a word of time
      // follows (`加中書令宋初加太尉`: early in the Song).
      if (offices.has(m.start) && !TIME_AFTER_STATE.has(next)) keep = false;
      else if (state && m.text === "夏" && (SEASON_FOLLOWERS.has(next) || SEASON_BEFORE.has(before)))
        keep = false;
      else if (region && (PLACE_ENDS.has(charAt(text, at + 2)) || PLACE_ENDS.has(charAt(text, at + 3))))
        // The first character of a place the records do not hold (`吳朝谷`).
        keep = false;
      else if (region) {
        const pair = around.some(
          (o) =>
            o !== m &&
            o.end - o.start === 1 &&
            (o.end === m.start || o.start === m.end || o.end === m.start - 1 || o.start === m.end + 1) &&
            dictionary.records.get(o.ref)?.kind === record?.kind,
        );
        keep = pair || REGION_FOLLOWERS.has(next) || REGION_VERBS.has(before);
      }
      if (!keep) remove(m);
    }

    const given = givenNames(segment, seg, removed, dictionary.records, earlier);
    if (given.length > 0) {
      added ??= [];
      for (const m of given) added.push(m);
    }
    const live = removed.size === 0 ? seg : seg.filter((m) => !removed.has(m));
    const titled = surnameTitles(segment, live, dictionary.records, owners);
    if (titled.length > 0) {
      added ??= [];
      for (const m of titled) added.push(m);
    }
    if (segments.length > 1) earlier = withPersonsOf(earlier, seg, removed, dictionary.records);
  }
  if (removed.size === 0 && added === null) return mentions;
  const kept = removed.size === 0 ? mentions : mentions.filter((m) => !removed.has(m));
  removed.clear();
  return added === null ? kept : [...kept, ...(added as EntityMention[])].sort(byStart);
}

const REMOVED = new Set<EntityMention>();

/** True for a region (`趙`, `燕`) or a state of the past (`吳`, `楚`), not one of the time. */
function regionOrOldState(record: AuthorityRecord | undefined): boolean {
  return (
    (record?.kind === "place" && record.type === "region") ||
    (record?.kind === "polity" && record.type === "historical")
  );
}

/** After the name of a region or an old state, the rest of a noble title (`吳國王`, `楚王`, `燕國公`). */
const NOBLE_AFTER = ["國王", "王", "國公", "郡王", "國夫人", "國長公主", "國大長公主"];
/** The first characters of `NOBLE_AFTER`, and the line mark a title may follow. */
const TITLE_STARTS = new Set([..."國王郡¶"]);

/**
 * True when the mention is the region or old state of a noble title: `以吳國王蕭孝穆為北院樞密使`,
 * `封楚王`, `進封燕國王`, `封燕趙國王` (遼史 卷十九). The title is the man's rank, not the place.
 * A state of the time keeps its name (`夏國王` is the ruler of Xia).
 */
function nobleTitle(
  m: EntityMention,
  seg: readonly EntityMention[],
  k: number,
  text: string,
  base: number,
  dictionary: NameDictionary,
): boolean {
  if (m.kind !== "place" && m.kind !== "polity") return false;
  // Most names are followed by none of a title's characters, nor by another name.
  if (!TITLE_STARTS.has(text[m.end - base] ?? "") && seg[k + 1]?.start !== m.end && !m.text.endsWith("國"))
    return false;
  if (!regionOrOldState(dictionary.records.get(m.ref))) return false;
  // Past the other one-character regions of a double title (`燕趙國王`).
  let end = m.end;
  for (let j = k + 1; j < seg.length && seg[j]!.start === end && seg[j]!.end - seg[j]!.start === 1; j++)
    end = seg[j]!.end;
  // A name that ends in 國 (`吳國`) takes the title's 國 with it.
  const after = text.slice(end - base, end - base + 24).replace(LAYOUT, "");
  const rest = m.text.endsWith("國") && end === m.end ? `國${after}` : after;
  return NOBLE_AFTER.some((t) => rest.startsWith(t));
}

/** Prefectures' one-character names in lists: by code, whether one is, its place, and those not a record's short form. */
interface PrefectureShorts {
  codes: Uint8Array;
  refs: Map<number, string>;
  /** Characters taken from a name `X州` (not a short form of the record): a list of them needs 州 or a verb and no longer name over it. */
  derived: Set<number>;
}

/** True when the text holds two characters of prefectures' short forms (a list may stand in it). */
function hasShorts(text: string, codes: Uint8Array): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (codes[text.charCodeAt(i)] === 1 && ++n === 2) return true;
  return false;
}

/** The names of `sorted` (in text order) that start in [from, to). */
function near(sorted: readonly EntityMention[], from: number, to: number): EntityMention[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: EntityMention[] = [];
  for (let k = lo; k < sorted.length && sorted[k]!.start < to; k++) out.push(sorted[k]!);
  return out;
}

/** Text order: by start, the longer first. */
const byStart = (a: EntityMention, b: EntityMention) => a.start - b.start || b.end - a.end;

/** 州 after a list (`三州`, `等州`). */
const ZHOU_AFTER = foldedPattern(/^(?:[二三四五六七八九十]|等|諸)?州/);
