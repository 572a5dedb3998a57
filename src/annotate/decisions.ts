/** Deciding a candidate's sense: which senses a rule accepts, and the decision made of them. */
import { emptyDecision, NO_ALTERNATIVES, SegmentCandidate } from "./candidates.ts";
import type { NameSense } from "./dictionary.ts";
import type { EntryContext } from "./entry-context.ts";
import type { Candidate, Decision } from "./short-forms.ts";

/**
 * The decision for a candidate (the first of its senses, unless an earlier entry named another
 * one), filled in one of the candidate's own objects: a decision lives only while its entry is
 * read (a mention copies what it needs), and so do candidates.
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
  const preferred = ids.find((id) => context.namedBefore.has(id)) ?? ids[0]!;
  into.sense = senses.find((s) => s.id === preferred)!;
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
