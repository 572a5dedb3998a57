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
/** A season followed by a month (`夏四月`) is a date (sticky: tested where the name ends). */
const MONTH_AFTER = /(?:閏)?(?:正|[一二三四五六七八九十]+)月/y;
/** Before a title used as a word (`其稱兀卒`, `譯言即吾祖也`). */
const TITLE_WORD_BEFORE = new Set(["稱", "號", "曰", "即", "名"]);
/** After a title used as a word (`兀卒之號`, `兀卒，譯言…`); sticky, tested where the title ends. */
const TITLE_WORD_AFTER = /(?:之號|之稱|之類|，譯|譯|也)/y;

/** True when the sticky `pattern` matches `text` at `offset`. */
function matchesAt(pattern: RegExp, text: string, offset: number): boolean {
  pattern.lastIndex = offset;
  return pattern.test(text);
}

const isShort = (s: NameSense) => s.form === "short" || s.form === "derived-short";

/**
 * Every dictionary match of a segment outside its excluded ranges, one candidate per range with
 * every sense of the string, ordered by start and longest first.
 *
 * @param known candidates already found by the same dictionary (to add only the document's names)
 */
export function findCandidates(
  segment: Segment,
  index: number,
  context: Pick<EntryContext, "dictionary" | "documentNames">,
  known?: readonly Candidate[],
): Candidate[] {
  if (known !== undefined && !context.documentNames) return known as Candidate[];
  const { text, excluded } = segment;
  const out: Candidate[] = known ? [...known] : [];
  const add = (start: number, end: number, senses: readonly NameSense[]) => {
    for (const x of excluded) if (start < x.end && x.start < end) return;
    out.push({ segment: index, start, end, text: text.slice(start, end), senses });
  };
  if (known === undefined) context.dictionary.automaton.scan(text, 0, text.length, add);
  const fromDictionary = out.length;
  context.documentNames?.scan(text, 0, text.length, add);
  // The document's names may share a range with a dictionary name: one candidate per range.
  if (out.length > fromDictionary) {
    const width = text.length + 1;
    const byRange = new Map<number, Candidate>();
    for (const c of out) {
      const key = c.start * width + c.end;
      const existing = byRange.get(key);
      byRange.set(key, existing ? { ...existing, senses: [...existing.senses, ...c.senses] } : c);
    }
    return [...byRange.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Drops senses that the characters around the match rule out. */
function plausible(sense: NameSense, c: Candidate, text: string): boolean {
  if (
    (sense.kind === "polity" || sense.kind === "place") &&
    c.start > 0 &&
    NUMERAL_BEFORE.test(text[c.start - 1]!)
  )
    return sense.chars > 1 && sense.form === "name" && sense.kind === "place";
  if (sense.chars === 1 && matchesAt(MONTH_AFTER, text, c.end)) return false;
  return true;
}

const NO_ALTERNATIVES: string[] = [];

function choose(senses: readonly NameSense[], rule: string, context: EntryContext): Decision {
  if (senses.length === 1) return { sense: senses[0]!, rule, alternatives: NO_ALTERNATIVES };
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
 * @param known the dictionary's candidates of each segment, when already found
 * @returns the mentions in text order, and the entities named in full (for later entries)
 */
export function recognizeEntry(
  segments: readonly Segment[],
  context: EntryContext,
  known?: readonly (readonly Candidate[])[],
): { mentions: EntityMention[]; named: Set<string> } {
  const all = segments.map((segment, index) => findCandidates(segment, index, context, known?.[index]));
  const decisions = new Map<Candidate, Decision>();
  /** Candidates whose person sense competes with an office sense (`契丹主`, `兀卒`, `天齊王`). */
  const personSide = new Map<Candidate, Decision>();

  // 1. Full names and unambiguous aliases.
  const named = new Map<string, number[]>();
  /** Candidates inside a longer full name (元 in 元昊): they cannot win, so the rules skip them. */
  const covered = new Set<Candidate>();
  for (const [i, candidates] of all.entries()) {
    const text = segments[i]!.text;
    let coverStart = -1;
    let coverEnd = -1;
    for (const c of candidates) {
      if (c.end <= coverEnd && c.start >= coverStart) covered.add(c);
      const strong = c.senses.length === 1 ? c.senses : c.senses.filter((s) => !s.ambiguous && !isShort(s));
      let office: NameSense[] | null = null;
      let other: NameSense[] | null = null;
      for (const s of strong) {
        if (s.ambiguous || isShort(s) || !plausible(s, c, text)) continue;
        if (s.kind === "office") {
          office ??= [];
          office.push(s);
        } else {
          other ??= [];
          other.push(s);
        }
      }
      if (office === null && other === null) continue;
      if (c.end > coverEnd) {
        coverStart = c.start;
        coverEnd = c.end;
      }
      if (office !== null && other?.some((s) => s.kind === "person")) {
        decisions.set(c, choose(office, ruleOfStrong(office[0]!), context));
        personSide.set(c, choose(other, ruleOfStrong(other[0]!), context));
      } else {
        const pool = other ?? office!;
        decisions.set(c, choose(pool, ruleOfStrong(pool[0]!), context));
      }
      for (const s of other ?? []) {
        const offsets = named.get(s.id);
        if (offsets) offsets.push(segments[i]!.start + c.start);
        else named.set(s.id, [segments[i]!.start + c.start]);
      }
    }
  }

  // 2. Short forms, by the short-form rules.
  for (const [i, candidates] of all.entries()) {
    const segment = segments[i]!;
    let inPlaceList: Set<Candidate> | undefined;
    for (const c of candidates) {
      if (decisions.has(c) || covered.has(c)) continue;
      const shorts = c.senses.filter((s) => isShort(s) && !s.ambiguous);
      if (shorts.length === 0) continue;
      inPlaceList ??= placeListMembers(candidates, segment.text);
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
    let persons: { start: number; end: number; id: string }[] | undefined;
    for (const c of candidates) {
      if (covered.has(c) || personSide.has(c) || !c.senses.some((s) => s.ambiguous)) continue;
      const current = decisions.get(c);
      if (current && current.sense.kind !== "office") continue;
      const ambiguous = c.senses.filter((s) => s.ambiguous && plausible(s, c, segment.text));
      if (ambiguous.length === 0) continue;
      persons ??= candidates
        .filter((x) => (personSide.get(x) ?? decisions.get(x))?.sense.kind === "person")
        .map((x) => ({ start: x.start, end: x.end, id: (personSide.get(x) ?? decisions.get(x))!.sense.id }));
      const facts: ContextFacts = {
        dictionary: context.dictionary,
        segment,
        start: c.start,
        end: c.end,
        year: context.year,
        speakerPolity:
          segment.quotes.length === 0 ? null : speakerPolity(segment, c.start, persons, context.dictionary),
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
    const items = candidates.filter(
      (c) => decisions.has(c) || (!covered.has(c) && c.senses.some((s) => s.ambiguous)),
    );
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
  const mention: EntityMention = {
    kind: sense.kind,
    start: segment.start + c.start,
    end: segment.start + c.end,
    text: c.text,
    field: segment.field,
    rule: d.rule,
    ref: sense.id,
    form: sense.form,
  };
  if (sense.id.startsWith("person:provisional:")) mention.provisional = true;
  if (d.alternatives.length > 0) mention.alternatives = [...d.alternatives];
  if (sense.place !== undefined) mention.place = sense.place;
  return mention;
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
  if (TITLE_WORD_BEFORE.has(text[c.start - 1] ?? "") || matchesAt(TITLE_WORD_AFTER, text, c.end)) return true;
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
