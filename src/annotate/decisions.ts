/** Deciding a candidate's sense: which senses a rule accepts, and the decision made of them. */
import { emptyDecision, NO_ALTERNATIVES, SegmentCandidate } from "./candidates.ts";
import type { NameSense } from "./dictionary.ts";
import type { EntryContext } from "./entry-context.ts";
import { grownNear } from "./revise.ts";
import type { Candidate, Decision } from "./short-forms.ts";

/** How far from a year a record that is not a grown person, or one that may not be named then, stands. */
const OTHER = 1e6;
const FAR = 1e9;

/**
 * How near a person grown from 長編 is to a year: 0 when the years the rules found him in cover
 * it, else how many years lie between; `FAR` when he may not be named in that year (`grownNear`),
 * so that any other record (`OTHER`: hand-made, or found by the rules in the document) comes first.
 */
function yearsAway(context: EntryContext, id: string): number {
  const record = context.dictionary.records.get(id);
  if (context.year === null || record?.kind !== "person" || record.found === undefined) return OTHER;
  if (!grownNear(record.name, record.found.years, context.year)) return FAR;
  const [first, last] = record.found.years;
  return context.year < first ? first - context.year : context.year > last ? context.year - last : 0;
}

/**
 * The sense preferred among several: of those an earlier entry named (all of them when none is),
 * the person grown from 長編 whose years cover the entry's year or come nearest to it (王繼恩 of
 * 986–994 and of 1061: the senses of one name are all marked named when it is), else the first.
 */
/** True when the id is a place of the state whose chronicle the document is. */
function placeOfState(id: string, context: EntryContext): boolean {
  if (context.state === null || context.state === undefined) return false;
  const record = context.dictionary.records.get(id);
  return record?.kind === "place" && record.state === context.state;
}

function preferredOf(ids: readonly string[], context: EntryContext): string {
  let pool = ids.some((id) => context.namedBefore.has(id))
    ? ids.filter((id) => context.namedBefore.has(id))
    : ids;
  // A name that places of several states bore (西京: the Song's 河南府, Liao's 大同府) is the
  // place of the state whose chronicle the document is.
  if (pool.some((id) => placeOfState(id, context))) pool = pool.filter((id) => placeOfState(id, context));
  let best: string | undefined;
  let bestAway = Infinity;
  for (const id of pool) {
    const away = yearsAway(context, id);
    if (best === undefined || away < bestAway) {
      best = id;
      bestAway = away;
    }
  }
  return best ?? ids[0]!;
}

/**
 * The decision for a candidate (see `preferredOf`), filled in one of the candidate's own objects:
 * a decision lives only while its entry is read (a mention copies what it needs), and so do
 * candidates.
 *
 * @param slot 0 for the candidate's decision, 1 for its person decision
 */
export function choose(
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
  const preferred = preferredOf(ids, context);
  // An office on a place that places of several states name (`西京留守`): the one on the place of
  // the chronicle's state.
  into.sense =
    senses.find((s) => s.id === preferred && s.place !== undefined && placeOfState(s.place, context)) ??
    senses.find((s) => s.id === preferred)!;
  into.rule = rule;
  into.alternatives = ids.filter((id) => id !== preferred);
  return into;
}

/** The senses a rule accepts: `senses` itself when it accepts them all. */
export function acceptedBy<F>(
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

export const ruleOfStrong = (s: NameSense) =>
  s.form === "name" ? "name" : s.form === "pattern" ? "office-pattern" : "alias";
