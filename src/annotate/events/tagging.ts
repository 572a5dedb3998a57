/**
 * Tagging: the sentences of a segment are built run by run — plain text, and a token for each
 * outermost mention — and handed to a reader in order. A sentence that no rule can read is not
 * built at all: only the actor that opens it is handed over.
 */
import type { Segment } from "../internal/segments.ts";
import type { Span } from "../internal/spans.ts";
import type { EntityMention, Mention } from "../types.ts";
import { addWords, type CompiledRules, lowestBit, requiresMet } from "./compiled.ts";
import {
  ATTACH,
  CHAR_CLASS,
  CLAUSE_END,
  OPENERS,
  opensClause,
  RULE_CHAR,
  SENTENCE_END,
  TaggedSentence,
} from "./sentence.ts";
import { KIND_BITS, kindBit, tokenCodeOf } from "./tokens.ts";

/** How many code units `SentenceBuilder` passes to `String.fromCharCode` at once. */
const MAX_CODES_AT_ONCE = 4096;

/** `（`, which opens an inline note. */
const LEFT_PAREN_CODE = "（".charCodeAt(0);
const NO_SPANS: readonly Span[] = [];
/** A word of `present` of a sentence whose rules are tried whatever characters it holds. */
const ALL_PRESENT = 0xffffffff;

/** Sets every word of a set (a loop: quicker than `fill` for the one or two words a set has). */
function clear(set: Uint32Array, value: number): void {
  for (let w = 0; w < set.length; w++) set[w] = value;
}

/** Receives the sentences of a segment in order, as they are tagged. */
export interface SentenceReader {
  /** A tagged sentence (the object is rebuilt for the next one). */
  read(sentence: TaggedSentence): void;
  /** A sentence no rule can read, by its first clause-opening actor. */
  skip(opener: EntityMention | null): void;
}

/** No segment: what the builder and reader hold between entries. */
export const NO_SEGMENT: Segment = { field: "headline", start: 0, text: "", excluded: [], quotes: [] };

/** Builds the tagged sentences of a segment, run by run, and hands each to a reader. */
export class SentenceBuilder {
  readonly sentence: TaggedSentence;
  /** The sets of rules and of groups of required characters of the sentence `tagSegment` reads. */
  readonly scanRules: Uint32Array;
  readonly scanPresent: Uint32Array;
  /** The sentences handed over in the current segment. */
  delivered = 0;
  private paragraphSubject: EntityMention | null = null;
  private segment!: Segment;
  private reader!: SentenceReader;
  /** True while a sentence is being built. */
  private building = false;
  /**
   * The code units of the current sentence so far, `length` of them: the sentence's text is made
   * from them in one piece when it closes (pieces joined by `+` leave a string for every piece and
   * every join, and the regular expressions would flatten the result once more).
   */
  private readonly codes: number[] = [];
  private length = 0;
  /**
   * Where the plain text of the current clause starts in the segment (-1 once a token stands in
   * the clause), where its last plain run ended, and its text before any inline note skipped in it.
   */
  private clauseFrom = 0;
  private clauseTo = 0;
  private clauseHead = "";

  constructor(private readonly compiled: CompiledRules) {
    this.sentence = new TaggedSentence(compiled.ruleWords, compiled.groupWords);
    this.scanRules = new Uint32Array(compiled.ruleWords);
    this.scanPresent = new Uint32Array(compiled.groupWords);
  }

  /** Starts a segment. */
  begin(segment: Segment, reader: SentenceReader): void {
    this.segment = segment;
    this.reader = reader;
    this.delivered = 0;
    this.paragraphSubject = null;
    this.building = false;
  }

  /**
   * Lets go of the last segment's objects once an entry is read: its text is a slice of the
   * document's, which would otherwise stay alive after the document (the builder is made once).
   */
  end(): void {
    this.segment = NO_SEGMENT;
    this.paragraphSubject = null;
    this.clauseHead = "";
    const s = this.sentence;
    s.text = "";
    s.runMention.length = 0;
    s.openerMention.length = 0;
    s.paragraphSubject = null;
    s.polities = null;
    if (s.tested.size > 0) s.tested.clear();
  }

  private open(at: number): void {
    this.building = true;
    this.length = 0;
    this.clauseFrom = at;
    this.clauseTo = at;
    this.clauseHead = "";
    const s = this.sentence;
    s.text = "";
    s.runs = 0;
    s.start = this.segment.start + at;
    s.end = s.start;
    s.openers = 0;
    s.kinds = 0;
    clear(s.rules, 0);
    clear(s.present, 0);
    s.attach = false;
    if (s.tested.size > 0) s.tested.clear();
    s.polities = null;
  }

  /** Adds the plain characters `from`…`to` of the segment, closing sentences at their ends. */
  plain(from: number, to: number): void {
    const { text, start: base } = this.segment;
    const { sentence } = this;
    const { charClass, row, rows, wide, triggers, requireBits } = this.compiled;
    const { rules, present } = sentence;
    let i = from;
    while (i < to) {
      if (!this.building) this.open(i);
      let j = i;
      let ended = false;
      let clauseFrom = -1;
      let classes = 0;
      // The first words of the sets of rules and of required groups (any others go straight to the sentence's).
      let rules0 = 0;
      let present0 = 0;
      const { codes } = this;
      let length = this.length;
      const runAt = length;
      while (j < to) {
        const code = text.charCodeAt(j++);
        codes[length++] = code;
        const kind = charClass[code]!;
        if (kind === 0) continue;
        classes |= kind;
        if (kind & RULE_CHAR) {
          const r = row[code]!;
          rules0 |= triggers[r]!;
          present0 |= requireBits[r]!;
          if (wide) {
            addWords(rules, triggers, rows, r);
            addWords(present, requireBits, rows, r);
          }
        }
        if (kind & CLAUSE_END) clauseFrom = j;
        if (kind & SENTENCE_END) {
          ended = true;
          break;
        }
      }
      rules[0]! |= rules0;
      present[0]! |= present0;
      if (classes & ATTACH) sentence.attach = true;
      const n = sentence.runs++;
      sentence.runAt[n] = runAt;
      sentence.runStart[n] = base + i;
      sentence.runMention[n] = null;
      this.length = length;
      sentence.end = base + j;
      if (clauseFrom !== -1) {
        this.clauseFrom = clauseFrom;
        this.clauseHead = "";
      } else if (this.clauseFrom !== -1 && i !== this.clauseTo) {
        // An inline note was skipped inside the clause: its text so far is kept.
        this.clauseHead += text.slice(this.clauseFrom, this.clauseTo);
        this.clauseFrom = i;
      }
      this.clauseTo = j;
      if (ended) this.close();
      i = j;
    }
  }

  /** Adds a mention as one token. */
  token(m: Mention): void {
    if (!this.building) this.open(m.start - this.segment.start);
    const s = this.sentence;
    const at = this.length;
    // A token in the clause before this one cannot be an opener word.
    if ((m.kind === "person" || m.kind === "polity") && this.clauseFrom !== -1 && this.opening()) {
      s.openerAt[s.openers] = at;
      s.openerMention[s.openers++] = m as EntityMention;
    }
    s.kinds |= kindBit(m.kind);
    const n = s.runs++;
    s.runAt[n] = at;
    s.runStart[n] = m.start;
    s.runMention[n] = m;
    this.codes[this.length++] = tokenCodeOf(m.kind);
    this.clauseFrom = -1;
    s.end = m.end;
  }

  /** True when the plain text of the current clause is only opener words. */
  private opening(): boolean {
    const { text } = this.segment;
    if (this.clauseHead === "") return opensClause(text, this.clauseFrom, this.clauseTo);
    return OPENERS.test(this.clauseHead + text.slice(this.clauseFrom, this.clauseTo));
  }

  private close(): void {
    if (!this.building) return;
    this.building = false;
    const s = this.sentence;
    s.text = this.joined();
    if (this.delivered++ === 0) this.paragraphSubject = s.openers > 0 ? s.openerMention[0]! : null;
    s.paragraphSubject = this.paragraphSubject;
    this.reader.read(s);
  }

  /** The text of the code units gathered (`String.fromCharCode` takes a bounded number of arguments: long sentences in pieces). */
  private joined(): string {
    const { codes, length } = this;
    if (codes.length !== length) codes.length = length;
    if (length <= MAX_CODES_AT_ONCE) return String.fromCharCode.apply(null, codes);
    let out = "";
    for (let k = 0; k < length; k += MAX_CODES_AT_ONCE)
      out += String.fromCharCode.apply(null, codes.slice(k, k + MAX_CODES_AT_ONCE));
    return out;
  }

  /** Tags the sentence `from`…`to`: its plain runs and its mentions `top[first…last)`, skipping inline notes. */
  tag(
    from: number,
    to: number,
    top: readonly Mention[],
    first: number,
    last: number,
    notes: readonly Span[],
  ): void {
    const base = this.segment.start;
    let i = from;
    let note = 0;
    while (note < notes.length && notes[note]!.end <= from) note++;
    for (let k = first; k <= last; k++) {
      const m = k < last ? top[k]! : undefined;
      const next = m === undefined ? to : m.start - base;
      while (i < next) {
        while (note < notes.length && notes[note]!.end <= i) note++;
        const x = note < notes.length ? notes[note] : undefined;
        if (x && x.start < next) {
          this.plain(i, Math.max(i, x.start));
          i = Math.max(i, x.end);
          continue;
        }
        this.plain(i, next);
        i = next;
      }
      if (m === undefined) break;
      this.token(m);
      i = m.end - base;
    }
    this.close();
  }

  /** Hands over a sentence no rule can read: only its first opening actor. */
  untagged(opener: EntityMention | null): void {
    this.close();
    if (this.delivered++ === 0) this.paragraphSubject = opener;
    this.reader.skip(opener);
  }
}

/**
 * The longest sentence read, in UTF-16 code units: a run without a sentence end beyond it is read
 * in pieces this long. Far above the longest unpunctuated entry of the whole 長編 (26,265), so
 * that texts as written are read whole, while one sentence of millions of characters (a
 * concatenation of juan read as one passage) cannot exhaust the regular expressions' stack.
 */
export const MAX_SENTENCE = 65_536;

/** The outermost mentions of the segment `tagSegment` reads (one list: segments are read one at a time, and it is emptied after each). */
const OUTERMOST: Mention[] = [];

/**
 * Tags the sentences of a segment and hands them to the builder's reader in order. A sentence
 * that no rule can read (none of its characters is a trigger, it lacks the kinds of mention the
 * rules need, or the characters their patterns require) is not tagged: it hands over only its
 * first clause-opening actor, the default subject of the sentences after it.
 */
export function tagSegment(
  segment: Segment,
  mentions: readonly Mention[],
  compiled: CompiledRules,
  builder: SentenceBuilder,
): void {
  const { text, start: base } = segment;
  const { charClass, row, rows, wide, triggers, requireBits } = compiled;
  const { scanRules: rules, scanPresent: present } = builder;
  const notes =
    segment.excluded.length === 0
      ? NO_SPANS
      : segment.excluded.filter((x) => text.charCodeAt(x.start) === LEFT_PAREN_CODE);
  // The outermost mentions only (an office's inner place is read through the office); the
  // mentions come ordered by start, longest first.
  const outermost = OUTERMOST;
  outermost.length = 0;
  let reach = -1;
  for (const m of mentions) {
    if (m.start < reach) continue;
    outermost.push(m);
    reach = m.end;
  }
  const topCount = outermost.length;
  const headline = segment.field === "headline";
  let k = 0;
  let note = 0;
  let pos = 0;
  while (pos < text.length) {
    // The sentence: up to and including the next sentence end outside an inline note, with the
    // rules its characters trigger, the groups of required characters and their classes (inline
    // notes included), and whether it holds a note.
    let end = pos;
    // The first words of the sets of rules and of required groups (any others are gathered in the builder's).
    let rules0 = 0;
    let present0 = 0;
    if (wide) {
      clear(rules, 0);
      clear(present, 0);
    }
    let classes = 0;
    let noted = false;
    scan: while (end < text.length) {
      while (note < notes.length && notes[note]!.end <= end) note++;
      const x = note < notes.length ? notes[note] : undefined;
      if (x && x.start <= end) {
        noted = true;
        for (; end < x.end; end++) {
          const code = text.charCodeAt(end);
          const bits = charClass[code]!;
          classes |= bits;
          if (bits & RULE_CHAR) {
            const r = row[code]!;
            rules0 |= triggers[r]!;
            if (wide) addWords(rules, triggers, rows, r);
          }
        }
        continue;
      }
      const limit = Math.min(x ? x.start : text.length, pos + MAX_SENTENCE);
      while (end < limit) {
        const code = text.charCodeAt(end++);
        const bits = charClass[code]!;
        if (bits === 0) continue;
        classes |= bits;
        if (bits & RULE_CHAR) {
          const r = row[code]!;
          rules0 |= triggers[r]!;
          present0 |= requireBits[r]!;
          if (wide) {
            addWords(rules, triggers, rows, r);
            addWords(present, requireBits, rows, r);
          }
        }
        if (bits & SENTENCE_END) break scan;
      }
      if (end - pos >= MAX_SENTENCE) {
        // Cut where no outermost mention straddles the cut.
        for (let m = k; m < topCount && outermost[m]!.start - base < end; m++)
          end = Math.max(end, outermost[m]!.end - base);
        break;
      }
    }
    let last = k;
    let kinds = 0;
    while (last < topCount && outermost[last]!.start - base < end) kinds |= kindBit(outermost[last++]!.kind);
    // The headline's first sentence gives its subject, and an untagged sentence's opener is read
    // over its notes: both are tagged whatever characters the patterns require.
    rules[0] = rules0;
    present[0] = present0;
    if (noted || (headline && builder.delivered === 0)) clear(present, ALL_PRESENT);
    if (readable(kinds, rules, classes, present, compiled)) builder.tag(pos, end, outermost, k, last, notes);
    else builder.untagged(firstOpener(text, base, pos, outermost, k, last));
    k = last;
    pos = end;
  }
  outermost.length = 0;
}

/**
 * True when some rule may match a sentence, from the kinds of mention it holds and the rules,
 * groups of required characters and classes of its characters: a rule's trigger with the kinds of
 * mention and the characters it needs, or a capture or release beside a person.
 */
function readable(
  kinds: number,
  rules: Uint32Array,
  classes: number,
  present: Uint32Array,
  compiled: CompiledRules,
): boolean {
  if (kinds === 0) return false;
  if (classes & ATTACH && kinds & KIND_BITS.P!) return true;
  const { ruleWords, byKinds } = compiled;
  for (let w = 0; w < ruleWords; w++)
    for (let rest = rules[w]! & byKinds[kinds * ruleWords + w]!; rest !== 0; rest &= rest - 1)
      if (requiresMet(present, compiled.rules[w * 32 + lowestBit(rest)]!.requires)) return true;
  return false;
}

/** The first actor that opens a clause of the sentence `from`…`to`, read from the raw text. */
function firstOpener(
  text: string,
  base: number,
  from: number,
  top: readonly Mention[],
  first: number,
  last: number,
): EntityMention | null {
  let clauseStart = from;
  let scanned = from;
  let previousEnd = from;
  for (let k = first; k < last; k++) {
    const m = top[k]!;
    const at = m.start - base;
    for (; scanned < at; scanned++)
      if (CHAR_CLASS[text.charCodeAt(scanned)]! & CLAUSE_END) clauseStart = scanned + 1;
    if (
      (m.kind === "person" || m.kind === "polity") &&
      previousEnd <= clauseStart &&
      opensClause(text, clauseStart, at)
    )
      return m as EntityMention;
    previousEnd = m.end - base;
    scanned = Math.max(scanned, previousEnd);
  }
  return null;
}
