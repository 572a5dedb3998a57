/**
 * Recognition of the names in one entry: dictionary matches from the automaton, accepted sense by
 * sense — full names and unambiguous aliases at once, short forms by a short-form rule, ambiguous
 * aliases by a context rule — then the leftmost, longest spans, and the places and polities named
 * inside an office title (`知慶州` → 慶州).
 */
import { findCandidates } from "./candidates.ts";
import { CONTEXT_RULES, type ContextFacts } from "./context-rules.ts";
import { acceptedBy, choose, ruleOfStrong } from "./decisions.ts";
import type { NameSense } from "./dictionary.ts";
import type { EntryContext } from "./entry-context.ts";
import { foldedChars } from "./internal/folded-set.ts";
import { charAt } from "./internal/reading-chars.ts";
import type { Segment } from "./internal/segments.ts";
import { personsOf, QuoteSpeakers } from "./quote-speakers.ts";
import {
  hasAmbiguous,
  hasKind,
  isShort,
  personSenses,
  plausible,
  plausibleAmbiguous,
  shortSenses,
} from "./senses.ts";
import {
  type Candidate,
  type Decision,
  placeListMembers,
  SHORT_RULES,
  type ShortFacts,
} from "./short-forms.ts";
import { titleAsOffice } from "./titles.ts";
import type { EntityMention } from "./types.ts";

export { CandidatePool, findCandidates } from "./candidates.ts";
export type { EntryContext } from "./entry-context.ts";

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

const NO_IDS: string[] = [];

/** After 知 and a place's first character, the units of the place it governs (`降知和州`). */
const GOVERNED_UNITS = foldedChars("州軍縣府監");
/**
 * True when a given name that opens with 知 (知和 of 王知和, 知白 of 張知白) is 知 + a place in
 * this text (`降知和州`: to be demoted to govern 和州; `大理寺丞知白州`).
 */
function governsPlace(c: Candidate, text: string): boolean {
  return c.text.startsWith("知") && GOVERNED_UNITS.has(charAt(text, c.end));
}

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
      if (shorts.length === 0 || governsPlace(c, segment.text)) continue;
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
        state: context.state ?? null,
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
