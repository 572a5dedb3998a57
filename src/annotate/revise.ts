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
 * - `given-name-context`: the one-character given name of a person named in full earlier in the
 *   entry (`雍` for 范雍, `平` for 劉平) where a verb follows it or a word that governs a person
 *   stands before it (`平曰`, `命韶`);
 * - persons grown from 長編 are named only in entries within twenty years of the years they were
 *   found in, and keep the mark `provisional` until a record confirms them.
 */
import type { NameDictionary } from "./dictionary.ts";
import type { Segment } from "./internal/segments.ts";
import type { EntityMention } from "./types.ts";

const LINE_MARK = "¶";
/** A line mark with its line end, and the page marker lines after it. */
const LAYOUT = /¶\r?\n(?:<pb:[^>\n]*>¶\r?\n)*/g;

/** Prefecture-like places whose one-character short forms make lists. */
const PREFECTURE_TYPES = new Set(["州", "軍", "府", "監"]);
/** After a list that shares its 州: `二州`, `等州`, `州`, `諸州`; sticky, tested where the list ends. */
const SHARED_ZHOU = /(?:[二三四五六七八九十]|等|諸)?州|兵|界|之(?:兵|地|境|民)/y;
/** Words before a list of prefectures without its 州: to take, attack, hold, lose them (`取靈夏`). */
const LIST_VERBS = new Set([..."取攻陷據守有復失奪寇侵犯圍"]);
const IDEOGRAPHIC_COMMA = "、";

/** Numerals before a name make a numbered group (`二羗`, `七族`). */
const NUMERALS = new Set([..."一二三四五六七八九十兩數諸"]);
/** After a one-character place short form, words that make it a place (`延人`, `慶兵`). */
const PLACE_FOLLOWERS = new Set([..."人兵境界地城州路"]);
/** Before a one-character place short form, verbs that take a place (`至慶`, `攻環`). */
const PLACE_VERBS = new Set([..."至攻圍守寇犯抵趣趨還"]);

/** After a one-character region or old state, words that make it one (`燕人`, `趙地`, `吳國`). */
const REGION_FOLLOWERS = new Set([..."國人地境兵師軍民界都王主"]);
/** The last characters of places: a one-character name two or three before one starts that place (`吳朝谷`). */
const PLACE_ENDS = new Set([..."谷川山寨堡城口嶺原河水關鎮"]);
/** Before a one-character region or old state, verbs that take a place (`伐吳`, `入燕`). */
const REGION_VERBS = new Set([..."伐攻侵入適過守取破"]);
/** After 夏, words of the season (`夏秋`, `夏租`, `夏稅`). */
const SEASON_FOLLOWERS = new Set([..."秋租稅料麥苗熱暑至季冬"]);
const SEASON_BEFORE = new Set([..."春秋冬"]);

/** After a one-character given name: verbs and particles (`平曰`, `寳既為`, `韶言`). */
const GIVEN_FOLLOWERS = new Set([
  ..."曰言奏謂為與以遣率戒使令得等亦又乃既遂即請乞至入出還復在固雖先對聞引將欲不",
]);
/** Before a one-character given name: words that govern a person (`命韶`, `與韶`, `召平`). */
const GIVEN_GOVERNORS = new Set([..."命令召遣詔與賜付用罷失責賞擢貶降徙語告謂"]);

/** The years within which a grown person is recognised, beyond those the rules found him in. */
const GROWN_MARGIN = 20;

/** The one-character short forms of prefectures, by character (cached on the dictionary). */
const SHORTS = new WeakMap<NameDictionary, Map<string, string>>();

function prefectureShorts(dictionary: NameDictionary): Map<string, string> {
  let map = SHORTS.get(dictionary);
  if (map) return map;
  map = new Map();
  const ambiguous = new Set<string>();
  for (const [name, senses] of dictionary.senses) {
    if (name.length !== 1) continue;
    for (const s of senses) {
      if (s.kind !== "place" || s.form !== "short") continue;
      const record = dictionary.records.get(s.id);
      if (record?.kind !== "place" || !PREFECTURE_TYPES.has(record.type)) continue;
      if (map.has(name) && map.get(name) !== s.id) ambiguous.add(name);
      map.set(name, s.id);
    }
  }
  for (const name of ambiguous) map.delete(name);
  SHORTS.set(dictionary, map);
  return map;
}

/** The reading character before `at`, past a Kanripo file's layout (`二¶\n羗` → 二). */
function charBefore(text: string, at: number): string {
  let k = at - 1;
  for (;;) {
    if (text[k] === "\n" && text[k - 1] === "\r") k--;
    if (text[k] === "\n" && text[k - 1] === LINE_MARK) {
      k -= 2;
      // A page marker line before it.
      if (text[k] === ">") {
        const open = text.lastIndexOf("<pb:", k);
        if (open > 0 && !text.slice(open, k).includes("\n")) k = open - 1;
      }
      continue;
    }
    return text[k] ?? "";
  }
}

/** The reading character at `at`, past a Kanripo file's layout. */
function charAt(text: string, at: number): string {
  let k = at;
  for (;;) {
    if (text[k] === LINE_MARK && (text[k + 1] === "\n" || text[k + 1] === "\r")) {
      k = text.indexOf("\n", k) + 1;
      if (text.startsWith("<pb:", k)) k = text.indexOf("\n", k) + 1;
      if (k === 0) return "";
      continue;
    }
    return text[k] ?? "";
  }
}

/** True when the sticky `pattern` matches `text` at `offset`. */
function matchesAt(pattern: RegExp, text: string, offset: number): boolean {
  pattern.lastIndex = offset;
  return pattern.test(text);
}

/** What the revision needs besides the entry's segments and names. */
export interface ReviseContext {
  dictionary: NameDictionary;
  /** The entry's Western year, if dated. */
  year: number | null;
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
  let out = mentions;
  let changed = false;
  const { dictionary, year } = context;

  // A name read through a Kanripo file's layout is written without it (`契丹`, not `契¶\n丹`).
  for (const m of out) if (m.text.includes(LINE_MARK)) m.text = m.text.replace(LAYOUT, "");

  // Persons grown from 長編: only near their years, and provisional until confirmed.
  for (let k = 0; k < out.length; k++) {
    const m = out[k]!;
    if (m.kind !== "person") continue;
    const record = dictionary.records.get(m.ref);
    if (record?.kind !== "person" || record.found === undefined) continue;
    const [first, last] = record.found.years;
    if (year !== null && (year < first - GROWN_MARGIN || year > last + GROWN_MARGIN)) {
      if (!changed) out = out.slice();
      changed = true;
      out.splice(k--, 1);
      continue;
    }
    if (record.provisional === true) m.provisional = true;
  }

  for (const segment of segments) {
    const { text, start: base } = segment;
    const end = base + text.length;
    const inSegment = () => out.filter((m) => m.start >= base && m.end <= end);

    // Lists that share their 州.
    const shorts = prefectureShorts(dictionary);
    const additions: EntityMention[] = [];
    const removals = new Set<EntityMention>();
    for (let i = 0; i < text.length; i++) {
      if (!shorts.has(text[i]!)) continue;
      // The run: characters of prefectures, side by side or joined by 、.
      const run: number[] = [i];
      let j = i + 1;
      for (;;) {
        if (shorts.has(text[j] ?? "") && !run.some((r) => text[r] === text[j])) run.push(j++);
        else if (text[j] === IDEOGRAPHIC_COMMA && shorts.has(text[j + 1] ?? "")) {
          run.push(j + 1);
          j += 2;
        } else break;
      }
      if (run.length < 2) continue;
      const first = i;
      const after = matchesAt(SHARED_ZHOU, text, j);
      const listVerb = LIST_VERBS.has(charBefore(text, first));
      i = j - 1;
      if (!after && !listVerb) continue;
      const covering = inSegment().filter((m) => m.start < base + j && base + first < m.end);
      // A circuit over the run (鄜延環慶) stays one unless 州 follows the list.
      const circuit = covering.some((m) => {
        const r = dictionary.records.get(m.ref);
        return r?.kind === "place" && r.type === "路";
      });
      if (circuit && !matchesAt(/(?:[二三四五六七八九十]|等|諸)?州/y, text, j)) continue;
      // Nothing but one-character names and names inside the run may stand over it.
      if (covering.some((m) => m.start < base + run[0]! || m.end > base + j)) continue;
      for (const m of covering) removals.add(m);
      for (const r of run)
        additions.push({
          kind: "place",
          start: base + r,
          end: base + r + 1,
          text: text[r]!,
          field: segment.field,
          rule: "shared-zhou",
          ref: shorts.get(text[r]!)!,
          form: "short",
        });
    }
    if (removals.size > 0 || additions.length > 0) {
      out = [...out.filter((m) => !removals.has(m)), ...additions].sort(
        (a, b) => a.start - b.start || b.end - a.end,
      );
      changed = true;
    }

    // A one-character place short form stands in a list (`環、慶`, `麟府石三州`) or before a word
    // that makes it a place (`延人`, `至慶`); one in running text is a character of something else
    // (`王餘慶`).
    for (const m of inSegment()) {
      if (m.kind !== "place" || m.form !== "short" || m.end - m.start !== 1 || m.rule === "shared-zhou")
        continue;
      const at = m.start - base;
      const neighbour = inSegment().some(
        (o) =>
          o !== m &&
          o.kind === "place" &&
          (((o.end === m.start || o.start === m.end) && o.end - o.start === 1) ||
            (o.end === m.start - 1 && text[at - 1] === IDEOGRAPHIC_COMMA) ||
            (o.start === m.end + 1 && text[at + 1] === IDEOGRAPHIC_COMMA)),
      );
      if (neighbour || PLACE_FOLLOWERS.has(text[at + 1] ?? "") || PLACE_VERBS.has(text[at - 1] ?? ""))
        continue;
      out = out.filter((o) => o !== m);
      changed = true;
    }

    // One-character names of regions, old states and states.
    const offices = new Set(
      inSegment()
        .filter((m) => m.kind === "office")
        .map((m) => m.end),
    );
    for (const m of inSegment()) {
      if (m.end - m.start !== 1 || m.rule === "shared-zhou") continue;
      if (m.kind !== "place" && m.kind !== "polity") continue;
      // A numbered group (`二羗`, `七族`) is no name.
      if (m.kind === "polity" && NUMERALS.has(charBefore(text, m.start - base))) {
        out = out.filter((o) => o !== m);
        changed = true;
        continue;
      }
      if (m.form !== "name") continue;
      const record = dictionary.records.get(m.ref);
      const region =
        (record?.kind === "place" && record.type === "region") ||
        (record?.kind === "polity" && record.type === "historical");
      const state = record?.kind === "polity" && record.type === "state";
      if (!region && !state) continue;
      const at = m.start - base;
      const before = charBefore(text, at);
      const next = charAt(text, at + 1);
      let keep = true;
      if (offices.has(m.start) || NUMERALS.has(before)) keep = false;
      else if (state && m.text === "夏" && (SEASON_FOLLOWERS.has(next) || SEASON_BEFORE.has(before)))
        keep = false;
      else if (region && (PLACE_ENDS.has(charAt(text, at + 2)) || PLACE_ENDS.has(charAt(text, at + 3))))
        // The first character of a place the records do not hold (`吳朝谷`).
        keep = false;
      else if (region) {
        const pair = inSegment().some(
          (o) =>
            o !== m &&
            o.end - o.start === 1 &&
            (o.end === m.start || o.start === m.end || o.end === m.start - 1 || o.start === m.end + 1) &&
            dictionary.records.get(o.ref)?.kind === record?.kind,
        );
        keep = pair || REGION_FOLLOWERS.has(next) || REGION_VERBS.has(before);
      }
      if (!keep) {
        out = out.filter((o) => o !== m);
        changed = true;
      }
    }

    // One-character given names of persons named in full earlier in the entry.
    const persons = out.filter(
      (m) => m.kind === "person" && m.end - m.start >= 2 && m.start >= base && m.end <= end,
    );
    if (persons.length > 0) {
      const taken = (offset: number) => out.some((m) => m.start <= offset && offset < m.end);
      const given = new Map<string, { ref: string; from: number; provisional: boolean }>();
      for (const p of persons) {
        const name = dictionary.records.get(p.ref)?.name ?? p.ref.replace(/^person:provisional:/, "");
        if (name.length !== 2 && name.length !== 3) continue;
        const g = name.length === 2 ? name[1]! : null;
        if (g === null || given.has(g)) continue;
        given.set(g, { ref: p.ref, from: p.end, provisional: p.provisional === true });
      }
      const found: EntityMention[] = [];
      for (const [g, p] of given)
        for (let at = text.indexOf(g, p.from - base); at !== -1; at = text.indexOf(g, at + 1)) {
          const offset = base + at;
          if (taken(offset) || segment.excluded.some((x) => x.start <= at && at < x.end)) continue;
          if (!GIVEN_FOLLOWERS.has(charAt(text, at + 1)) && !GIVEN_GOVERNORS.has(charBefore(text, at)))
            continue;
          found.push({
            kind: "person",
            start: offset,
            end: offset + 1,
            text: g,
            field: segment.field,
            rule: "given-name-context",
            ref: p.ref,
            form: "short",
            ...(p.provisional ? { provisional: true as const } : {}),
          });
        }
      if (found.length > 0) {
        out = [...out, ...found].sort((a, b) => a.start - b.start || b.end - a.end);
        changed = true;
      }
    }
  }
  return changed ? out : mentions;
}
