/** The speakers of a segment's quotations, and the polities they speak for. */
import type { NameDictionary } from "./dictionary.ts";
import type { Segment } from "./internal/segments.ts";
import type { Candidate } from "./short-forms.ts";

/** Verbs of speaking between a speaker's name and the quotation (`田況言：「`). */
const SPEECH = /[言曰奏謂云問諭詔書]/;
/**
 * The polities of the speakers of a segment's quotations, each found when first asked for: an
 * ambiguous alias in a quotation is read by its speaker's state, and a long paragraph may hold
 * many of them in one quotation.
 */
export class QuoteSpeakers {
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

/** The persons decided among the candidates of a segment. */
export function personsOf(candidates: readonly Candidate[]): { start: number; end: number; id: string }[] {
  const out: { start: number; end: number; id: string }[] = [];
  for (const x of candidates) {
    const d = x.personDecision ?? x.decision;
    if (d?.sense.kind === "person") out.push({ start: x.start, end: x.end, id: d.sense.id });
  }
  return out;
}
