/**
 * The candidates of a segment: every dictionary match outside its excluded ranges, as objects
 * reused from entry to entry (see `CandidatePool`), with the decision objects they are filled in.
 */
import type { NameSense } from "./dictionary.ts";
import type { EntryContext } from "./entry-context.ts";
import type { Segment } from "./internal/segments.ts";
import { overlapsAny } from "./internal/spans.ts";
import type { Candidate, Decision } from "./short-forms.ts";

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
export class SegmentCandidate implements Candidate {
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

export const NO_ALTERNATIVES: string[] = [];

export function emptyDecision(): Decision {
  return { sense: NO_SENSE, rule: "", alternatives: NO_ALTERNATIVES };
}

/** The sense of an empty decision (never read: a decision is filled before it is set). */
const NO_SENSE: NameSense = { name: "", id: "", kind: "person", form: "name", ambiguous: false, chars: 0 };
