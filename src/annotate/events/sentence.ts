/**
 * The tagged sentence: a sentence of a segment in which every mention is one token (see
 * `tokens.ts`), with where each run of it came from, the actors that open its clauses, and the
 * classes of characters by which a sentence is split and told apart.
 */
import type { EntityMention, Mention } from "../types.ts";

/**
 * A sentence of a segment with its mentions replaced by tokens. One object is rebuilt in place for
 * each sentence in turn (see `SentenceBuilder`): nothing keeps it once its sentence is read.
 */
export class TaggedSentence {
  text = "";
  /**
   * The runs of `text` (a token is a run of one), `runs` of them: where each starts in `text`, the
   * absolute offset behind it, and the mention a token stands for (`null` for plain text).
   */
  readonly runAt: number[] = [];
  readonly runStart: number[] = [];
  readonly runMention: (Mention | null)[] = [];
  runs = 0;
  /** Absolute offsets of the sentence. */
  start = 0;
  end = 0;
  /** The actors that open a clause (`元昊…`, `時元昊…`), `openers` of them in order: where each stands in `text`, and its mention. */
  readonly openerAt: number[] = [];
  readonly openerMention: EntityMention[] = [];
  openers = 0;
  /** The actor at the start of the paragraph, if any. */
  paragraphSubject: EntityMention | null = null;
  /** Bit set of the kinds of token the sentence holds (see `KIND_BITS`). */
  kinds = 0;
  /** The set of rules (see `CompiledRules`) whose triggers occur in `text`. */
  readonly rules: Uint32Array;
  /** The set of groups of `EventRule.requires` (see `CompiledRules.requireBits`) whose characters occur in `text`. */
  readonly present: Uint32Array;
  /** True when `text` holds `執` or `放` (read by `attachCaptures`). */
  attach = false;
  /** The patterns tested on the sentence's original text so far, and whether each matched (see `RuleMatch.sentence`). */
  readonly tested = new Map<RegExp, boolean>();
  /** The first mention of each polity of the sentence, in order, once asked for (see `firstPolities`). */
  polities: Mention[] | null = null;

  constructor(ruleWords: number, groupWords: number) {
    this.rules = new Uint32Array(ruleWords);
    this.present = new Uint32Array(groupWords);
  }

  /** The index of the run that holds index `i` of `text`. */
  runOf(i: number): number {
    const { runAt } = this;
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runAt[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The absolute offset of the character behind index `i`. */
  startAt(i: number): number {
    const r = this.runOf(i);
    return this.runStart[r]! + (i - this.runAt[r]!);
  }

  /** The absolute offset after the character behind index `i`. */
  endAt(i: number): number {
    const r = this.runOf(i);
    const m = this.runMention[r]!;
    return m !== null ? m.end : this.runStart[r]! + (i - this.runAt[r]!) + 1;
  }
}

/** Words that may open a clause before its subject (`時元昊…`, `至是党項…`). */
const OPENER_WORDS = [
  "時",
  "初",
  "至是",
  "是時",
  "既而",
  "又",
  "乃",
  "遂",
  "且",
  "然",
  "及",
  "會",
  "先是",
  "故",
  "後",
  "而",
];
export const OPENERS = new RegExp(`^(?:${OPENER_WORDS.join("|")})*$`);

/** Classes of code units in `CHAR_CLASS`: bits that may be combined. */
export const SENTENCE_END = 1;
export const CLAUSE_END = 2;
/** `執` and `放` (captures, releases), read by `attachCaptures` besides the rules. */
export const ATTACH = 4;
/** The first character of a word of `OPENER_WORDS`. */
export const OPENER_START = 8;
/**
 * A trigger or required character of some rule (set in `CompiledRules.charClass`, a copy of
 * `CHAR_CLASS`): only these are looked up in `CompiledRules.row`.
 */
export const RULE_CHAR = 16;
/** For each UTF-16 code unit, its classes (`SENTENCE_END`, `CLAUSE_END`, `ATTACH`, `OPENER_START`). */
export const CHAR_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (const [chars, bit] of [
    ["。；！？", SENTENCE_END],
    ["，：「」", CLAUSE_END],
    ["執放", ATTACH],
    [OPENER_WORDS.map((w) => w[0]).join(""), OPENER_START],
  ] as const)
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)]! |= bit;
  return table;
})();

/** True when `text[from…to)` is nothing but words that may open a clause (or nothing at all). */
export function opensClause(text: string, from: number, to: number): boolean {
  if (from === to) return true;
  // Most clauses fail on their first character (`遣…`): no slice to test.
  if ((CHAR_CLASS[text.charCodeAt(from)]! & OPENER_START) === 0) return false;
  return OPENERS.test(text.slice(from, to));
}
