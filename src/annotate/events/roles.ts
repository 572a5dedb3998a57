/**
 * Roles: what a rule's `roles` function reads of its match — the mentions and text of the named
 * groups, and the defaults a sentence leaves out (the subject, the other party, the chronicle's
 * own state) — through one object moved from match to match.
 */
import type { NameDictionary } from "../dictionary.ts";
import type { Segment } from "../internal/segments.ts";
import type { EntityMention, EventRole, Mention } from "../types.ts";
import type { RuleMatch } from "./rule.ts";
import type { TaggedSentence } from "./sentence.ts";

const ACTORS = ["person", "polity"];
/** The kinds of mention whose records name a state (see `RuleMatch.stateOf`). */
const STATE_KINDS = ["place", "person", "office"];

/** A mention as the value of a role. */
export function roleOf(m: Mention): EventRole {
  return { ref: m.ref, text: m.text, start: m.start, end: m.end };
}

export const NO_ROLES: readonly EventRole[] = [];
export const NO_INDICES: readonly ([number, number] | undefined)[] = [];
export const NO_MENTIONS: readonly Mention[] = [];
const NO_GROUPS: Readonly<Record<string, number>> = {};

/** What a match can read: its sentence, its segment and the entry's defaults. */
export interface MatchScope {
  sentence: TaggedSentence;
  segment: Segment;
  /** The mentions of the segment. */
  own: readonly Mention[];
  /** The first actors of the earlier sentences of the paragraph, in order (read latest first). */
  earlier: readonly EntityMention[];
  headlineSubject: EventRole[];
  /** The first mention of each polity of the headline, in order (see `firstPolities`). */
  headlinePolities(): readonly Mention[];
  chronicle: EventRole[];
  dictionary: NameDictionary;
}

/**
 * The first mention of each polity among `mentions`, in order: the first polity that is not of
 * some states is the first of these that is not, found without going through the repeats.
 */
export function firstPolities(mentions: readonly (Mention | null)[], count = mentions.length): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string | null>();
  for (let k = 0; k < count; k++) {
    const m = mentions[k];
    if (m == null || m.kind !== "polity" || seen.has(m.ref)) continue;
    seen.add(m.ref);
    out.push(m);
  }
  return out;
}

/** Up to this many runs a sentence's polities are looked for run by run, quicker than listing them. */
const FEW_RUNS = 64;

/** The index of the first of `mentions` (ordered by start) that starts at or after `offset`. */
function firstMentionAt(mentions: readonly Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first of the `count` ascending `values` that is at least `value`. */
function firstAtLeast(values: readonly number[], count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The state (as a polity id) an entity belongs to: a polity itself, else its record's state. */
function stateOfRef(dictionary: NameDictionary, ref: string | null): string | null {
  if (ref === null) return null;
  const record = dictionary.records.get(ref);
  if (!record) return null;
  if (record.kind === "polity") return record.id;
  const state = "state" in record ? record.state : null;
  return state === null ? null : (dictionary.polityOfState.get(state) ?? null);
}

/** The matches of rules, as their roles functions see them: one object, moved to each match in turn. */
export class Match implements RuleMatch {
  private at = 0;
  private indices: readonly ([number, number] | undefined)[] = NO_INDICES;
  private groups: Readonly<Record<string, number>> = NO_GROUPS;

  constructor(private readonly scope: MatchScope) {}

  /** Moves to a match at `at` of the scope's sentence. */
  reset(
    at: number,
    indices: readonly ([number, number] | undefined)[],
    groups: Readonly<Record<string, number>>,
  ): this {
    this.at = at;
    this.indices = indices;
    this.groups = groups;
    return this;
  }

  private range(name: string): [number, number] | null {
    const n = this.groups[name];
    if (n === undefined) return null;
    const r = this.indices[n];
    return r && r[1] > r[0] ? r : null;
  }

  private state(ref: string | null): string | null {
    return stateOfRef(this.scope.dictionary, ref);
  }

  /** True when the entity does not belong to one of the `excluded` states (none excluded: always). */
  private allowed(excluded: readonly (string | null)[], ref: string | null): boolean {
    return excluded.length === 0 || !excluded.includes(this.state(ref)!);
  }

  /** The states of `roles` (`null` for those that have none), for `allowed` and `otherParty`. */
  private states(roles: readonly EventRole[]): (string | null)[] {
    const out: (string | null)[] = [];
    for (let k = 0; k < roles.length; k++) out.push(this.state(roles[k]!.ref));
    return out;
  }

  group(name: string, kinds: readonly string[] = ACTORS): EventRole[] {
    const r = this.range(name);
    if (!r) return [];
    const { sentence, own } = this.scope;
    const { runAt, runMention, runs } = sentence;
    const first = sentence.runOf(r[0]);
    const out: EventRole[] = [];
    for (let k = first; k < runs && runAt[k]! < r[1]; k++) {
      const m = runMention[k]!;
      if (m !== null && kinds.includes(m.kind)) out.push(roleOf(m));
    }
    // Places inside an office (`知慶州` → 慶州) count for place roles.
    if (kinds.includes("place"))
      for (let k = first; k < runs && runAt[k]! < r[1]; k++) {
        const m = runMention[k]!;
        if (m?.kind === "office" && "place" in m && m.place) {
          // The mentions come ordered by start: the first place from the office's start on inside it.
          let inner: Mention | undefined;
          for (let j = firstMentionAt(own, m.start); j < own.length && own[j]!.start < m.end; j++) {
            const x = own[j]!;
            if (x.kind === "place" && x.end <= m.end) {
              inner = x;
              break;
            }
          }
          out.push(inner ? roleOf(inner) : { ref: m.place, text: m.text, start: m.start, end: m.end });
        }
      }
    return out;
  }

  text(name: string): EventRole[] {
    const r = this.range(name);
    if (!r) return [];
    const { sentence, segment } = this.scope;
    let [a, b] = r;
    while (a < b && TRIM_START.test(sentence.text[a]!)) a++;
    while (b > a && TRIM_END.test(sentence.text[b - 1]!)) b--;
    if (b <= a) return [];
    const start = sentence.startAt(a);
    const end = sentence.endAt(b - 1);
    return [{ ref: null, text: segment.text.slice(start - segment.start, end - segment.start), start, end }];
  }

  has(name: string): boolean {
    return this.range(name) !== null;
  }

  subject(exclude: readonly EventRole[] = NO_ROLES): EventRole[] {
    // The states excluded: usually none or one, so a list.
    const excluded: string[] = [];
    for (const e of exclude) {
      const state = this.state(e.ref);
      if (state !== null) excluded.push(state);
    }
    const { sentence, segment, earlier, headlineSubject, chronicle } = this.scope;
    // The actors opening clauses before the match: the nearest, the first, then the others nearest first.
    const { openerAt, openerMention, openers } = sentence;
    const before = firstAtLeast(openerAt, openers, this.at);
    if (before > 0) {
      const last = openerMention[before - 1]!;
      if (this.allowed(excluded, last.ref)) return [roleOf(last)];
      if (before > 1) {
        const first = openerMention[0]!;
        if (this.allowed(excluded, first.ref)) return [roleOf(first)];
        for (let k = before - 2; k >= 1; k--) {
          const m = openerMention[k]!;
          if (this.allowed(excluded, m.ref)) return [roleOf(m)];
        }
      }
    }
    for (let k = earlier.length - 1; k >= 0; k--)
      if (this.allowed(excluded, earlier[k]!.ref)) return [roleOf(earlier[k]!)];
    const paragraph = sentence.paragraphSubject;
    if (segment.field !== "headline" && paragraph && this.allowed(excluded, paragraph.ref))
      return [roleOf(paragraph)];
    if (headlineSubject.length > 0 && this.allowed(excluded, headlineSubject[0]!.ref)) return headlineSubject;
    if (chronicle.length > 0 && this.allowed(excluded, chronicle[0]!.ref)) return chronicle;
    return [];
  }

  chronicle(): EventRole[] {
    return this.scope.chronicle;
  }

  counterpart(side: readonly EventRole[]): EventRole[] {
    const { chronicle } = this.scope;
    if (chronicle.length === 0 || side.length === 0) return [];
    const own = chronicle[0]!.ref;
    for (const s of side) if (this.state(s.ref) === own) return [];
    return chronicle;
  }

  stateOf(name: string): EventRole[] {
    const out: EventRole[] = [];
    for (const role of this.group(name, STATE_KINDS)) {
      const state = this.state(role.ref);
      if (state && !out.some((o) => o.ref === state))
        out.push({
          ref: state,
          text: this.scope.dictionary.records.get(state)?.name ?? "",
          start: null,
          end: null,
        });
    }
    return out;
  }

  sentence(pattern: RegExp): boolean {
    const { sentence, segment } = this.scope;
    let found = sentence.tested.get(pattern);
    if (found === undefined) {
      found = pattern.test(segment.text.slice(sentence.start - segment.start, sentence.end - segment.start));
      sentence.tested.set(pattern, found);
    }
    return found;
  }

  otherParty(side: readonly EventRole[]): EventRole[] {
    const skip = this.states(side);
    const found = this.sentencePolity(skip);
    if (found) return [roleOf(found)];
    for (const m of this.scope.headlinePolities()) if (!skip.includes(m.ref)) return [roleOf(m)];
    return this.counterpart(side);
  }

  sentencePolities(exclude: readonly EventRole[]): EventRole[] {
    const found = this.sentencePolity(this.states(exclude));
    return found ? [roleOf(found)] : [];
  }

  /** The first polity of the sentence whose id is not one of `skip`. */
  private sentencePolity(skip: readonly (string | null)[]): Mention | null {
    const { sentence } = this.scope;
    const { runMention, runs } = sentence;
    if (runs <= FEW_RUNS) {
      for (let k = 0; k < runs; k++) {
        const m = runMention[k]!;
        if (m !== null && m.kind === "polity" && !skip.includes(m.ref)) return m;
      }
      return null;
    }
    sentence.polities ??= firstPolities(runMention, runs);
    for (const m of sentence.polities) if (!skip.includes(m.ref)) return m;
    return null;
  }
}

const TRIM_START = /[，、：\s]/u;
const TRIM_END = /[，、：。\s]/u;
