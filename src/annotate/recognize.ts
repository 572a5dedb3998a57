/**
 * Recognition of the names in one entry: dictionary matches from the automaton, accepted sense by
 * sense — full names and unambiguous aliases at once, short forms by a short-form rule, ambiguous
 * aliases by a context rule — then the leftmost, longest spans, and the places and polities named
 * inside an office title (`知慶州` → 慶州).
 */
import type { AhoCorasick } from "./aho-corasick.ts";
import { CONTEXT_RULES, type ContextFacts } from "./context-rules.ts";
import type { NameDictionary, NameSense } from "./dictionary.ts";
import { LEFT_WHITE_CORNER, RIGHT_WHITE_CORNER } from "./internal/chars.ts";
import type { Segment } from "./internal/segments.ts";
import { leftmostLongest } from "./internal/spans.ts";
import { type Candidate, placeListMembers, SHORT_RULES, type ShortFacts } from "./short-forms.ts";
import type { EntityMention } from "./types.ts";

/** What recognition needs besides the entry's segments. */
export interface EntryContext {
  dictionary: NameDictionary;
  /** Names the document itself adds: provisional persons and variant readings. */
  documentNames: AhoCorasick<NameSense> | null;
  /** The entry's Western year, if dated. */
  year: number | null;
  /** Entities named in full in earlier entries. */
  namedBefore: ReadonlySet<string>;
  /** Display names of provisional persons and records, by id. */
  nameOf(id: string): string | undefined;
}

interface Decision {
  sense: NameSense;
  rule: string;
  alternatives: string[];
}

/** Verbs of speaking between a speaker's name and the quotation (`田況言：「`). */
const SPEECH = /[言曰奏謂云問諭詔書]/;
/** A numeral right before a name makes a numbered group (`二蕃`, `七族`), not the entity. */
const NUMERAL_BEFORE = /[一二三四五六七八九十百千兩數諸]/;
/** A season followed by a month (`夏四月`) is a date. */
const MONTH_AFTER = /^(?:閏)?(?:正|[一二三四五六七八九十]+)月/;
/** Before a title used as a word (`其稱兀卒`, `譯言即吾祖也`). */
const TITLE_WORD_BEFORE = new Set(["稱", "號", "曰", "即", "名"]);
/** After a title used as a word (`兀卒之號`, `兀卒，譯言…`). */
const TITLE_WORD_AFTER = /^(?:之號|之稱|之類|，譯|譯|也)/;

const isShort = (s: NameSense) => s.form === "short" || s.form === "derived-short";

/**
 * Every dictionary match of a segment outside its excluded ranges, one candidate per range with
 * every sense of the string, ordered by start and longest first.
 */
export function findCandidates(
  segment: Segment,
  index: number,
  context: Pick<EntryContext, "dictionary" | "documentNames">,
): Candidate[] {
  const byRange = new Map<string, Candidate>();
  const { text, excluded } = segment;
  const add = (start: number, end: number, senses: readonly NameSense[]) => {
    for (const x of excluded) if (start < x.end && x.start < end) return;
    const key = `${start}:${end}`;
    const existing = byRange.get(key);
    if (existing) existing.senses.push(...senses);
    else byRange.set(key, { segment: index, start, end, text: text.slice(start, end), senses: [...senses] });
  };
  context.dictionary.automaton.scan(text, 0, text.length, add);
  context.documentNames?.scan(text, 0, text.length, add);
  return [...byRange.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Drops senses that the characters around the match rule out. */
function plausible(sense: NameSense, c: Candidate, text: string): boolean {
  if (
    (sense.kind === "polity" || sense.kind === "place") &&
    c.start > 0 &&
    NUMERAL_BEFORE.test(text[c.start - 1]!)
  )
    return sense.chars > 1 && sense.form === "name" && sense.kind === "place";
  if (sense.chars === 1 && MONTH_AFTER.test(text.slice(c.end))) return false;
  return true;
}

function choose(senses: readonly NameSense[], rule: string, context: EntryContext): Decision {
  const ids = [...new Set(senses.map((s) => s.id))];
  const preferred = ids.find((id) => context.namedBefore.has(id)) ?? ids[0]!;
  const sense = senses.find((s) => s.id === preferred)!;
  return { sense, rule, alternatives: ids.filter((id) => id !== preferred) };
}

const ruleOfStrong = (s: NameSense) =>
  s.form === "name" ? "name" : s.form === "pattern" ? "office-pattern" : "alias";

/**
 * Finds the names of persons, places, polities and offices in the segments of one entry.
 *
 * @param segments the entry's headline, details and notes (see `entrySegments`)
 * @param context the dictionary and what the document has told so far
 * @returns the mentions in text order, and the entities named in full (for later entries)
 */
export function recognizeEntry(
  segments: readonly Segment[],
  context: EntryContext,
): { mentions: EntityMention[]; named: Set<string> } {
  const all = segments.map((segment, index) => findCandidates(segment, index, context));
  const decisions = new Map<Candidate, Decision>();
  /** Candidates whose person sense competes with an office sense (`契丹主`, `兀卒`, `天齊王`). */
  const personSide = new Map<Candidate, Decision>();

  // 1. Full names and unambiguous aliases.
  const named = new Map<string, number[]>();
  for (const [i, candidates] of all.entries()) {
    const text = segments[i]!.text;
    for (const c of candidates) {
      const strong = c.senses.filter((s) => !s.ambiguous && !isShort(s) && plausible(s, c, text));
      if (strong.length === 0) continue;
      const offices = strong.filter((s) => s.kind === "office");
      const others = strong.filter((s) => s.kind !== "office");
      if (offices.length > 0 && others.some((s) => s.kind === "person")) {
        decisions.set(c, choose(offices, ruleOfStrong(offices[0]!), context));
        personSide.set(c, choose(others, ruleOfStrong(others[0]!), context));
      } else {
        const pool = others.length > 0 ? others : offices;
        decisions.set(c, choose(pool, ruleOfStrong(pool[0]!), context));
      }
      for (const s of others) {
        const offsets = named.get(s.id) ?? [];
        offsets.push(segments[i]!.start + c.start);
        named.set(s.id, offsets);
      }
    }
  }

  // 2. Short forms, by the short-form rules.
  for (const [i, candidates] of all.entries()) {
    const segment = segments[i]!;
    const inPlaceList = placeListMembers(candidates, segment.text);
    for (const c of candidates) {
      if (decisions.has(c)) continue;
      const shorts = c.senses.filter((s) => isShort(s) && !s.ambiguous);
      if (shorts.length === 0) continue;
      const facts: ShortFacts = {
        segment,
        candidate: c,
        neighbours: candidates,
        named,
        namedBefore: context.namedBefore,
        inPlaceList,
        nameOf: context.nameOf,
      };
      for (const rule of SHORT_RULES) {
        const accepted = shorts.filter((s) => rule.accepts(s, facts));
        if (accepted.length > 0) {
          decisions.set(c, choose(accepted, rule.name, context));
          break;
        }
      }
    }
  }

  // 3. Ambiguous aliases, by the context rules; speakers come from the persons found so far.
  for (const [i, candidates] of all.entries()) {
    const segment = segments[i]!;
    const persons = candidates
      .filter((c) => (personSide.get(c) ?? decisions.get(c))?.sense.kind === "person")
      .map((c) => ({ start: c.start, end: c.end, id: (personSide.get(c) ?? decisions.get(c))!.sense.id }));
    for (const c of candidates) {
      const ambiguous = c.senses.filter((s) => s.ambiguous && plausible(s, c, segment.text));
      const current = decisions.get(c);
      if (ambiguous.length === 0 || (current && current.sense.kind !== "office") || personSide.has(c))
        continue;
      const facts: ContextFacts = {
        dictionary: context.dictionary,
        segment,
        start: c.start,
        end: c.end,
        year: context.year,
        speakerPolity: speakerPolity(segment, c.start, persons, context.dictionary),
      };
      for (const rule of CONTEXT_RULES) {
        const accepted = ambiguous.filter((s) => rule.accepts(s, facts) && (!current || s.kind === "person"));
        if (accepted.length === 0) continue;
        const decision = choose(accepted, rule.name, context);
        if (current) personSide.set(c, decision);
        else decisions.set(c, decision);
        break;
      }
    }
  }

  // 4. A title that is both an office and a person's alias: the office before a name or as a word.
  for (const [c, person] of personSide) {
    const text = segments[c.segment]!.text;
    if (!titleAsOffice(c, all[c.segment]!, decisions, text)) decisions.set(c, person);
  }

  // 5. The leftmost, longest spans; an ambiguous alias that no rule accepts blocks its span.
  const mentions: EntityMention[] = [];
  for (const [i, candidates] of all.entries()) {
    const segment = segments[i]!;
    const items = candidates.filter((c) => decisions.has(c) || c.senses.some((s) => s.ambiguous));
    const chosen = leftmostLongest(items).filter((c) => decisions.has(c));
    for (const c of chosen) {
      mentions.push(toMention(segment, c, decisions.get(c)!));
      if (decisions.get(c)!.sense.kind !== "office") continue;
      // Places and polities of two or more characters inside an office title.
      const inner = candidates.filter((x) => {
        const d = decisions.get(x);
        return (
          x !== c &&
          x.start >= c.start &&
          x.end <= c.end &&
          d !== undefined &&
          (d.sense.kind === "place" || d.sense.kind === "polity") &&
          d.sense.chars > 1 &&
          !isShort(d.sense)
        );
      });
      for (const x of leftmostLongest(inner))
        mentions.push(toMention(segment, x, { ...decisions.get(x)!, rule: "inside-office" }));
    }
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return { mentions, named: new Set(named.keys()) };
}

function toMention(segment: Segment, c: Candidate, d: Decision): EntityMention {
  const { sense } = d;
  return {
    kind: sense.kind,
    start: segment.start + c.start,
    end: segment.start + c.end,
    text: c.text,
    field: segment.field,
    rule: d.rule,
    ref: sense.id,
    form: sense.form,
    ...(sense.id.startsWith("person:provisional:") ? { provisional: true as const } : {}),
    ...(d.alternatives.length > 0 ? { alternatives: d.alternatives } : {}),
    ...(sense.place === undefined ? {} : { place: sense.place }),
  };
}

/** The polity of the person whose words a quotation holds, if the text says who speaks. */
function speakerPolity(
  segment: Segment,
  offset: number,
  persons: readonly { start: number; end: number; id: string }[],
  dictionary: NameDictionary,
): string | null {
  const quote = segment.quotes.find((q) => q.start < offset && offset < q.end);
  if (!quote) return null;
  let speaker: { end: number; id: string } | undefined;
  for (const p of persons) if (p.end <= quote.start) speaker = p;
  if (!speaker) return null;
  const between = segment.text.slice(speaker.end, quote.start);
  if (between.includes("。") || !SPEECH.test(between)) return null;
  const record = dictionary.records.get(speaker.id);
  if (record?.kind !== "person" || record.state === null) return null;
  return dictionary.polityOfState.get(record.state) ?? null;
}

/** True when a title stands before a name (`天齊王重元`, `皇太弟、天齊王重元`) or is named as a word. */
function titleAsOffice(
  c: Candidate,
  candidates: readonly Candidate[],
  decisions: ReadonlyMap<Candidate, Decision>,
  text: string,
): boolean {
  if (TITLE_WORD_BEFORE.has(text[c.start - 1] ?? "") || TITLE_WORD_AFTER.test(text.slice(c.end))) return true;
  if (text[c.start - 1] === LEFT_WHITE_CORNER && text[c.end] === RIGHT_WHITE_CORNER) return true;
  let end = c.end;
  for (let guard = 0; guard < 8; guard++) {
    let at = candidates.filter((x) => x.start === end && x !== c);
    if (at.length === 0 && text[end] === "、")
      at = candidates.filter((x) => x.start === end + 1 && decisions.get(x)?.sense.kind === "office");
    if (
      at.some(
        (x) =>
          decisions.get(x)?.sense.kind === "person" ||
          x.senses.some((s) => s.kind === "person" && !s.ambiguous),
      )
    )
      return true;
    const office = at
      .filter((x) => decisions.get(x)?.sense.kind === "office")
      .sort((a, b) => b.end - a.end)[0];
    if (office === undefined) return false;
    end = office.end;
  }
  return false;
}
