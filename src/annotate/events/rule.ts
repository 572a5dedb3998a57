/**
 * What an event rule is: a named pattern with its filters and the function that fills the
 * event's roles, and what that function can read of a match.
 */
import type { EventRole, EventType } from "../types.ts";

/** A named event pattern. */
export interface EventRule {
  name: string;
  type: EventType;
  /** Characters one of which the sentence must contain for the pattern to be tried (a fast filter). */
  triggers: string;
  /**
   * Characters the pattern itself reads besides its trigger: each string lists characters one of
   * which must stand in the tagged sentence for the pattern to be tried (`["所執擒"]`: the
   * `為…所敗` or `執` of a raid repulsed). A faster filter than the pattern, never a different one.
   */
  requires?: readonly string[];
  /**
   * A pattern (with the placeholders of `pattern`) that every match of `pattern` holds a match
   * of, tested on the tagged sentence before it: for a pattern whose lazy repetitions make a
   * failed search long in long sentences. A faster filter than the pattern, never a different one.
   */
  contains?: string;
  /**
   * Kinds of mention the sentence must hold for the pattern to be tried: each string lists
   * tokens (`P`, `L`, `S`, `O`, `Q`) one of which must occur (`["P", "SL"]`: a person, and a polity or place).
   */
  needs: readonly string[];
  /**
   * A regular expression over the tagged sentence, with `{P}`, `{L}`, `{S}`, `{O}`, `{Q}`, `{A}`,
   * `{Ps}`, `{Ls}`, `{N}`. A group named `pass`, as the last alternative after the trigger, is a
   * way through that gives no event: where what follows the trigger cannot complete a match
   * (`遣…` with no `歸` or `還` before the clause ends), it takes the text that the failed
   * alternatives read, in which no match can start either, so that the search goes on after it
   * instead of reading it again from every later trigger — linear, where a clause is long.
   */
  pattern: string;
  /** How many role values an event needs to be kept (default 2: one participant and one more). */
  minimum?: number;
  /** Fills the roles; empty roles are dropped. */
  roles(m: RuleMatch): Record<string, EventRole[]>;
}

/** What the roles of a rule can draw on. */
export interface RuleMatch {
  /** The mentions inside a named group, of the given kinds (default: persons and polities). */
  group(name: string, kinds?: readonly string[]): EventRole[];
  /** The original text of a named group, trimmed of leading punctuation. */
  text(name: string): EventRole[];
  /** True when the named group took part in the match. */
  has(name: string): boolean;
  /**
   * The default actor: the actor opening the nearest clause before the match, else the sentence's
   * first, an earlier sentence's, the paragraph's or the headline's subject, else the chronicle's
   * state — the first of these that does not belong to the same state as one of `exclude`.
   */
  subject(exclude?: readonly EventRole[]): EventRole[];
  /** The other party: the first polity of the sentence, else of the headline, not of `side`'s state, else the counterpart. */
  otherParty(side: readonly EventRole[]): EventRole[];
  /** The state whose chronicle it is (`西夏` of `西夏稱…` year headings). */
  chronicle(): EventRole[];
  /** The chronicle's state when `side` is another party (where `來` points), else nothing. */
  counterpart(side: readonly EventRole[]): EventRole[];
  /** The states the places of a group belonged to. */
  stateOf(name: string): EventRole[];
  /** True when the sentence matches `pattern` (tested once a sentence, on the original text of the whole sentence). */
  sentence(pattern: RegExp): boolean;
  /** The first polity the sentence names that is not the state of one of `exclude`. */
  sentencePolities(exclude: readonly EventRole[]): EventRole[];
}
