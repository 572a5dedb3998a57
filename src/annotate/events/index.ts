/**
 * Events: each entry gets typed events with roles, read from the headline first and the details
 * second by a table of named patterns. The patterns run over a tagged copy of each sentence in
 * which every mention is one token — `{P}` a person, `{L}` a place, `{S}` a polity, `{O}` an
 * office, `{Q}` a quantity — so that `{S}遣{P}來` reads "a state sends a person here". Roles are
 * filled from the mentions a pattern's named groups cover; a role the sentence leaves out takes
 * its default (the sentence's subject, else the paragraph's, else the headline's, else the state
 * whose chronicle it is).
 *
 * - `rules.ts` — the rule table, and `rule.ts` what a rule is;
 * - `tokens.ts` — the tokens that stand for mentions, and the placeholders of the patterns;
 * - `compiled.ts` — the table compiled: regular expressions and the bit tables that filter rules;
 * - `sentence.ts` — the tagged sentence and the classes of characters;
 * - `tagging.ts` — how a segment becomes tagged sentences;
 * - `matching.ts` — how the rules are run over a sentence and events kept;
 * - `roles.ts` — what a rule's roles read of its match.
 */
export { type EventContext, eventsOfEntry } from "./matching.ts";
export type { EventRule, RuleMatch } from "./rule.ts";
export { EVENT_RULES } from "./rules.ts";
export { tokenKind } from "./tokens.ts";
