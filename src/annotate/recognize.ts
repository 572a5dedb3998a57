/**
 * Recognition of the names in one entry: dictionary matches from the automaton, accepted sense by
 * sense — full names and unambiguous aliases at once, short forms by a short-form rule, ambiguous
 * aliases by a context rule — then the leftmost, longest spans, and the places and polities named
 * inside an office title (`知慶州` → 慶州).
 */
import { codeUnitSet } from "../text/code-units.ts";
import type { AhoCorasick } from "./aho-corasick.ts";
import { CONTEXT_RULES, type ContextFacts } from "./context-rules.ts";
import type { NameDictionary, NameSense } from "./dictionary.ts";
import { LEFT_WHITE_CORNER, RIGHT_WHITE_CORNER } from "./internal/chars.ts";
import type { Segment } from "./internal/segments.ts";
import { overlapsAny } from "./internal/spans.ts";
import {
  type Candidate,
  type Decision,
  placeListMembers,
  SHORT_RULES,
  type ShortFacts,
} from "./short-forms.ts";
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

/** Verbs of speaking between a speaker's name and the quotation (`田況言：「`). */
const SPEECH = /[言曰奏謂云問諭詔書]/;
/** A numeral right before a name makes a numbered group (`二蕃`, `七族`), not the entity. */
const NUMERAL_BEFORE = codeUnitSet("一二三四五六七八九十百千兩數諸");
/** The characters a month can start with (see `MONTH_AFTER`). */
const MONTH_FIRST = codeUnitSet("閏正一二三四五六七八九十");
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

const NO_SENSES: readonly NameSense[] = [];

/** True when one of the senses is ambiguous. */
function hasAmbiguous(senses: readonly NameSense[]): boolean {
  for (const s of senses) if (s.ambiguous) return true;
  return false;
}

/** True when one of the senses is of the kind. */
function hasKind(senses: readonly NameSense[], kind: string): boolean {
  for (const s of senses) if (s.kind === kind) return true;
  return false;
}

/** The unambiguous short forms among the senses. */
function shortSenses(senses: readonly NameSense[]): readonly NameSense[] {
  if (senses.length === 1) return isShort(senses[0]!) && !senses[0]!.ambiguous ? senses : NO_SENSES;
  return senses.filter((s) => isShort(s) && !s.ambiguous);
}

/**
 * Every dictionary match of a segment outside its excluded ranges, one candidate per range with
 * every sense of the string, ordered by start and longest first.
 *
 * @param context the dictionary, the document's names and, when the caller reads entry after
 *   entry, the pool to take candidates from (see `CandidatePool`)
 * @param known candidates already found by the same dictionary (to add only the document's names)
 */
export function findCandidates(
  segment: Segment,
  index: number,
  context: Pick<EntryContext, "dictionary" | "documentNames"> & { pool?: CandidatePool },
  known?: readonly Candidate[],
): Candidate[] {
  if (known !== undefined && !context.documentNames) return known as Candidate[];
  const { text } = segment;
  const pool = context.pool ?? new CandidatePool();
  const out: Candidate[] = known ? known.slice() : [];
  COLLECTOR.begin(segment, index, out, pool);
  if (known === undefined) context.dictionary.automaton.scanBackward(text, 0, text.length, COLLECT);
  const fromDictionary = out.length;
  context.documentNames?.scanBackward(text, 0, text.length, COLLECT);
  COLLECTOR.end();
  // The document's names may share a range with a dictionary name: one candidate per range.
  if (out.length > fromDictionary || known !== undefined) {
    const width = text.length + 1;
    const byRange = new Map<number, Candidate>();
    for (const c of out) {
      const key = c.start * width + c.end;
      const existing = byRange.get(key);
      byRange.set(
        key,
        existing
          ? pool.take(existing.segment, existing.start, existing.end, [...existing.senses, ...c.senses], text)
          : c,
      );
    }
    return [...byRange.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  }
  return byStart(out);
}

/**
 * Puts matches as `scanBackward` reports them (by start from the last, longest first at one
 * start) in the order of the text: by start from the first, longest first at one start. In place:
 * the whole list reversed, then each run of one start reversed back.
 */
function byStart(matches: Candidate[]): Candidate[] {
  reverse(matches, 0, matches.length);
  for (let i = 0; i < matches.length; ) {
    let j = i + 1;
    while (j < matches.length && matches[j]!.start === matches[i]!.start) j++;
    if (j - i > 1) reverse(matches, i, j);
    i = j;
  }
  return matches;
}

/** Reverses `list[from…to)` in place. */
function reverse(list: Candidate[], from: number, to: number): void {
  for (let a = from, b = to - 1; a < b; a++, b--) {
    const x = list[a]!;
    list[a] = list[b]!;
    list[b] = x;
  }
}

/** A match of the automaton as a candidate; its text is read from the segment when asked for. */
class SegmentCandidate implements Candidate {
  decision: Decision | undefined = undefined;
  personDecision: Decision | undefined = undefined;
  covered = false;
  /** The objects `decision` and `personDecision` are filled in (see `choose`). */
  readonly slots: readonly [Decision, Decision] = [emptyDecision(), emptyDecision()];
  constructor(
    public segment: number,
    public start: number,
    public end: number,
    public senses: readonly NameSense[],
    /** The segment's text. */
    private source: string,
  ) {}

  /** Makes the object a new candidate (see `CandidatePool`). */
  reset(segment: number, start: number, end: number, senses: readonly NameSense[], source: string): this {
    this.segment = segment;
    this.start = start;
    this.end = end;
    this.senses = senses;
    this.source = source;
    this.decision = undefined;
    this.personDecision = undefined;
    this.covered = false;
    return this;
  }

  /** The characters matched: the dictionary's own string when written as it is (one string for every such mention). */
  get text(): string {
    const { name } = this.senses[0]!;
    if (name.length === this.end - this.start && this.source.startsWith(name, this.start)) return name;
    return this.source.slice(this.start, this.end);
  }
}

/**
 * Candidate objects reused from entry to entry. A document has about two candidates for every
 * mention, and each lives only while its entry is read: a caller that reads entry after entry
 * takes them from one pool and calls `release` before the next entry, when no candidate of the
 * last one is read any more. Nothing a candidate becomes (a mention) refers to it.
 */
export class CandidatePool {
  private readonly items: SegmentCandidate[] = [];
  private used = 0;

  /** A candidate with these values: a free one made new, or a new one. */
  take(segment: number, start: number, end: number, senses: readonly NameSense[], source: string): Candidate {
    const free = this.items[this.used];
    this.used++;
    if (free !== undefined) return free.reset(segment, start, end, senses, source);
    const made = new SegmentCandidate(segment, start, end, senses, source);
    this.items.push(made);
    return made;
  }

  /** Makes every candidate taken so far free again. */
  release(): void {
    this.used = 0;
  }
}

/** Gathers the automaton's matches of a segment as candidates, skipping excluded ranges: one object, set up for each segment in turn. */
class CandidateCollector {
  private segment: Segment | null = null;
  private index = 0;
  private out: Candidate[] = [];
  private pool: CandidatePool | null = null;

  begin(segment: Segment, index: number, out: Candidate[], pool: CandidatePool): void {
    this.segment = segment;
    this.index = index;
    this.out = out;
    this.pool = pool;
  }

  /** Lets go of the segment's objects. */
  end(): void {
    this.segment = null;
    this.out = NO_CANDIDATES;
    this.pool = null;
  }

  add(start: number, end: number, senses: readonly NameSense[]): void {
    const { text, excluded } = this.segment!;
    if (excluded.length > 0 && overlapsAny(excluded, start, end)) return;
    this.out.push(this.pool!.take(this.index, start, end, senses, text));
  }
}

const NO_CANDIDATES: Candidate[] = [];
const COLLECTOR = new CandidateCollector();
/** `COLLECTOR.add` as the automaton's callback (recognition reads one segment at a time). */
const COLLECT = (start: number, end: number, senses: readonly NameSense[]): void =>
  COLLECTOR.add(start, end, senses);

/** The facts of the short-form rules for the candidates of one segment; the place lists are found when first asked for. */
class SegmentShortFacts implements ShortFacts {
  private members: ReadonlySet<Candidate> | null = null;
  readonly namedBefore: ReadonlySet<string>;
  readonly nameOf: (id: string) => string | undefined;

  constructor(
    readonly segment: Segment,
    public candidate: Candidate,
    readonly neighbours: readonly Candidate[],
    readonly named: ReadonlyMap<string, number>,
    context: EntryContext,
  ) {
    this.namedBefore = context.namedBefore;
    this.nameOf = context.nameOf;
  }

  get inPlaceList(): ReadonlySet<Candidate> {
    this.members ??= placeListMembers(this.neighbours, this.segment.text);
    return this.members;
  }
}

/** The ambiguous senses of a candidate that the characters around it do not rule out. */
function plausibleAmbiguous(c: Candidate, text: string): readonly NameSense[] {
  const { senses } = c;
  if (senses.length === 1) return senses[0]!.ambiguous && plausible(senses[0]!, c, text) ? senses : NO_SENSES;
  return senses.filter((s) => s.ambiguous && plausible(s, c, text));
}

/** The person senses among `senses`. */
function personSenses(senses: readonly NameSense[]): readonly NameSense[] {
  return senses.every((s) => s.kind === "person") ? senses : senses.filter((s) => s.kind === "person");
}

/** The persons decided among the candidates of a segment. */
function personsOf(candidates: readonly Candidate[]): { start: number; end: number; id: string }[] {
  const out: { start: number; end: number; id: string }[] = [];
  for (const x of candidates) {
    const d = x.personDecision ?? x.decision;
    if (d?.sense.kind === "person") out.push({ start: x.start, end: x.end, id: d.sense.id });
  }
  return out;
}

/** Drops senses that the characters around the match rule out. */
function plausible(sense: NameSense, c: Candidate, text: string): boolean {
  if (
    (sense.kind === "polity" || sense.kind === "place") &&
    c.start > 0 &&
    NUMERAL_BEFORE[text.charCodeAt(c.start - 1)] === 1
  )
    return sense.chars > 1 && sense.form === "name" && sense.kind === "place";
  if (
    sense.chars === 1 &&
    c.end < text.length &&
    MONTH_FIRST[text.charCodeAt(c.end)] === 1 &&
    matchesAt(MONTH_AFTER, text, c.end)
  )
    return false;
  return true;
}

const NO_ALTERNATIVES: string[] = [];
const NO_IDS: string[] = [];

function emptyDecision(): Decision {
  return { sense: NO_SENSE, rule: "", alternatives: NO_ALTERNATIVES };
}

/** The sense of an empty decision (never read: a decision is filled before it is set). */
const NO_SENSE: NameSense = { name: "", id: "", kind: "person", form: "name", ambiguous: false, chars: 0 };

/**
 * The decision for a candidate (the first of its senses, unless an earlier entry named another
 * one), filled in one of the candidate's own objects: a decision lives only while its entry is
 * read (a mention copies what it needs), and so do candidates.
 *
 * @param slot 0 for the candidate's decision, 1 for its person decision
 */
function choose(
  senses: readonly NameSense[],
  rule: string,
  context: EntryContext,
  c: Candidate,
  slot: 0 | 1,
): Decision {
  const into = c instanceof SegmentCandidate ? c.slots[slot] : emptyDecision();
  if (senses.length === 1) {
    into.sense = senses[0]!;
    into.rule = rule;
    into.alternatives = NO_ALTERNATIVES;
    return into;
  }
  const ids = [...new Set(senses.map((s) => s.id))];
  const preferred = ids.find((id) => context.namedBefore.has(id)) ?? ids[0]!;
  into.sense = senses.find((s) => s.id === preferred)!;
  into.rule = rule;
  into.alternatives = ids.filter((id) => id !== preferred);
  return into;
}

/** The senses a rule accepts: `senses` itself when it accepts them all. */
function acceptedBy<F>(
  rule: { accepts(sense: NameSense, facts: F): boolean },
  senses: readonly NameSense[],
  facts: F,
): readonly NameSense[] {
  let out: NameSense[] | null = null;
  for (let i = 0; i < senses.length; i++) {
    const s = senses[i]!;
    if (rule.accepts(s, facts)) {
      if (out !== null) out.push(s);
    } else if (out === null) out = senses.slice(0, i);
  }
  return out ?? senses;
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
): { mentions: EntityMention[]; named: string[] } {
  const all: Candidate[][] = new Array(segments.length);
  for (let index = 0; index < segments.length; index++) {
    const candidates = findCandidates(segments[index]!, index, context, known?.[index]);
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      c.decision = undefined;
      c.personDecision = undefined;
      c.covered = false;
    }
    all[index] = candidates;
  }
  /** Candidates whose person sense competes with an office sense (`契丹主`, `兀卒`, `天齊王`). */
  const titles: Candidate[] = [];

  // 1. Full names and unambiguous aliases. A candidate inside a longer full name (元 in 元昊)
  // cannot win: it is marked `covered` and the later rules skip it.
  const named = new Map<string, number>();
  const namedIds: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const candidates = all[i]!;
    const { text, start: base } = segments[i]!;
    let coverStart = -1;
    let coverEnd = -1;
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.end <= coverEnd && c.start >= coverStart) c.covered = true;
      let office: readonly NameSense[] | null = null;
      let other: readonly NameSense[] | null = null;
      const only = c.senses.length === 1 ? c.senses[0]! : null;
      if (only !== null) {
        if (!only.ambiguous && !isShort(only) && plausible(only, c, text)) {
          if (only.kind === "office") office = c.senses;
          else other = c.senses;
        }
      } else
        for (const s of c.senses) {
          if (s.ambiguous || isShort(s) || !plausible(s, c, text)) continue;
          if (s.kind === "office") office = [...(office ?? []), s];
          else other = [...(other ?? []), s];
        }
      if (office === null && other === null) continue;
      if (c.end > coverEnd) {
        coverStart = c.start;
        coverEnd = c.end;
      }
      if (office !== null && other !== null && hasKind(other, "person")) {
        c.decision = choose(office, ruleOfStrong(office[0]!), context, c, 0);
        c.personDecision = choose(other, ruleOfStrong(other[0]!), context, c, 1);
        titles.push(c);
      } else {
        const pool = other ?? office!;
        c.decision = choose(pool, ruleOfStrong(pool[0]!), context, c, 0);
      }
      if (other === null) continue;
      for (const s of other) {
        if (named.has(s.id)) continue;
        named.set(s.id, base + c.start);
        namedIds.push(s.id);
      }
    }
  }

  // 2. Short forms, by the short-form rules.
  for (let i = 0; i < all.length; i++) {
    const candidates = all[i]!;
    const segment = segments[i]!;
    // One set of facts for the segment; the rules read it and keep nothing of it.
    let facts: ShortFacts | undefined;
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.decision !== undefined || c.covered) continue;
      const shorts = shortSenses(c.senses);
      if (shorts.length === 0) continue;
      facts ??= new SegmentShortFacts(segment, c, candidates, named, context);
      facts.candidate = c;
      for (const rule of SHORT_RULES) {
        const accepted = acceptedBy(rule, shorts, facts);
        if (accepted.length > 0) {
          c.decision = choose(accepted, rule.name, context, c, 0);
          break;
        }
      }
    }
  }

  // 3. Ambiguous aliases, by the context rules; speakers come from the persons found so far.
  for (let i = 0; i < all.length; i++) {
    const candidates = all[i]!;
    const segment = segments[i]!;
    let speakers: QuoteSpeakers | undefined;
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.covered || c.personDecision !== undefined || !hasAmbiguous(c.senses)) continue;
      const current = c.decision;
      if (current && current.sense.kind !== "office") continue;
      const ambiguous = plausibleAmbiguous(c, segment.text);
      if (ambiguous.length === 0) continue;
      let polity: string | null = null;
      if (segment.quotes.length > 0) {
        speakers ??= new QuoteSpeakers(segment, personsOf(candidates), context.dictionary);
        polity = speakers.polityAt(c.start);
      }
      const facts: ContextFacts = {
        dictionary: context.dictionary,
        segment,
        start: c.start,
        end: c.end,
        year: context.year,
        speakerPolity: polity,
      };
      // Beside an office already decided, only a person sense may be taken.
      const open = current ? personSenses(ambiguous) : ambiguous;
      for (const rule of CONTEXT_RULES) {
        const accepted = acceptedBy(rule, open, facts);
        if (accepted.length === 0) continue;
        if (current) {
          c.personDecision = choose(accepted, rule.name, context, c, 1);
          titles.push(c);
        } else c.decision = choose(accepted, rule.name, context, c, 0);
        break;
      }
    }
  }

  // 4. A title that is both an office and a person's alias: the office before a name or as a word.
  for (const c of titles) {
    const text = segments[c.segment]!.text;
    if (!titleAsOffice(c, all[c.segment]!, text)) c.decision = c.personDecision;
  }

  // 5. The leftmost, longest spans; an ambiguous alias that no rule accepts blocks its span.
  const mentions: EntityMention[] = [];
  for (let i = 0; i < all.length; i++) {
    const candidates = all[i]!;
    const segment = segments[i]!;
    // The leftmost, longest of the decided candidates and the blocking ones; candidates are
    // ordered by start, longest first.
    let cursor = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.decision === undefined && (c.covered || !hasAmbiguous(c.senses))) continue;
      if (c.start < cursor) continue;
      cursor = c.end;
      if (c.decision === undefined) continue;
      mentions.push(toMention(segment, c, c.decision));
      if (c.decision.sense.kind !== "office") continue;
      // Places and polities of two or more characters inside an office title; candidates are
      // ordered by start, longest first, so the first ones found are the leftmost, longest.
      let reach = c.start;
      for (let j = k + 1; j < candidates.length; j++) {
        const x = candidates[j]!;
        if (x.start >= c.end) break;
        const d = x.decision;
        if (x.start < reach || x.end > c.end || d === undefined) continue;
        if ((d.sense.kind !== "place" && d.sense.kind !== "polity") || d.sense.chars < 2 || isShort(d.sense))
          continue;
        mentions.push(toMention(segment, x, { ...d, rule: "inside-office" }));
        reach = x.end;
      }
    }
  }
  // Already in text order: segments in order, chosen spans left to right, an office's inner
  // places right after it.
  // The ids are kept with the entry (for the entries read again): a copy of exactly their number.
  return { mentions, named: namedIds.length === 0 ? NO_IDS : namedIds.slice() };
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

/**
 * The polities of the speakers of a segment's quotations, each found when first asked for: an
 * ambiguous alias in a quotation is read by its speaker's state, and a long paragraph may hold
 * many of them in one quotation.
 */
class QuoteSpeakers {
  private readonly polities = new Map<number, string | null>();

  constructor(
    private readonly segment: Segment,
    /** The persons decided in the segment, ordered by start. */
    private readonly persons: readonly { start: number; end: number; id: string }[],
    private readonly dictionary: NameDictionary,
  ) {}

  /** The polity of whoever speaks the quotation that holds `offset`, if the text says who speaks. */
  polityAt(offset: number): string | null {
    // The quotations are ordered and apart: the last one that starts before `offset`.
    const { quotes } = this.segment;
    let lo = 0;
    let hi = quotes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (quotes[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    const q = lo - 1;
    if (q < 0 || offset >= quotes[q]!.end) return null;
    let polity = this.polities.get(q);
    if (polity === undefined) {
      polity = speakerPolity(this.segment, quotes[q]!, this.persons, this.dictionary);
      this.polities.set(q, polity);
    }
    return polity;
  }
}

/** The polity of the person whose words a quotation holds, if the text says who speaks. */
function speakerPolity(
  segment: Segment,
  quote: { start: number; end: number },
  persons: readonly { start: number; end: number; id: string }[],
  dictionary: NameDictionary,
): string | null {
  // The speaker is the last person (in order) that ends by the quotation's start: one of those
  // that start before it, which are the first `lo`.
  let lo = 0;
  let hi = persons.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (persons[mid]!.start < quote.start) lo = mid + 1;
    else hi = mid;
  }
  let speaker: { end: number; id: string } | undefined;
  for (let k = lo - 1; k >= 0 && speaker === undefined; k--)
    if (persons[k]!.end <= quote.start) speaker = persons[k];
  if (!speaker) return null;
  const between = segment.text.slice(speaker.end, quote.start);
  if (between.includes("。") || !SPEECH.test(between)) return null;
  const record = dictionary.records.get(speaker.id);
  if (record?.kind !== "person" || record.state === null) return null;
  return dictionary.polityOfState.get(record.state) ?? null;
}

/** The candidates (ordered by start) that start at `offset`, in their order: found by a binary search. */
function startingAt(candidates: readonly Candidate[], offset: number): readonly Candidate[] {
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < candidates.length && candidates[to]!.start === offset) to++;
  return candidates.slice(lo, to);
}

/** True when a title stands before a name (`天齊王重元`, `皇太弟、天齊王重元`) or is named as a word. */
function titleAsOffice(c: Candidate, candidates: readonly Candidate[], text: string): boolean {
  if (TITLE_WORD_BEFORE.has(text[c.start - 1] ?? "") || matchesAt(TITLE_WORD_AFTER, text, c.end)) return true;
  if (text[c.start - 1] === LEFT_WHITE_CORNER && text[c.end] === RIGHT_WHITE_CORNER) return true;
  let end = c.end;
  for (let guard = 0; guard < 8; guard++) {
    let at = startingAt(candidates, end).filter((x) => x !== c);
    if (at.length === 0 && text[end] === "、")
      at = startingAt(candidates, end + 1).filter((x) => x.decision?.sense.kind === "office");
    if (
      at.some(
        (x) =>
          x.decision?.sense.kind === "person" || x.senses.some((s) => s.kind === "person" && !s.ambiguous),
      )
    )
      return true;
    const office = at.filter((x) => x.decision?.sense.kind === "office").sort((a, b) => b.end - a.end)[0];
    if (office === undefined) return false;
    end = office.end;
  }
  return false;
}
