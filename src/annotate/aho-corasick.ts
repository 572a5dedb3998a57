/**
 * An Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in
 * one pass over the text, in time linear in the text plus the number of matches. Offsets are
 * UTF-16 code units, like the parser's; a character outside the BMP is two units in patterns
 * and text alike, so a match never starts or ends inside a surrogate pair of a well-formed text.
 */
import assert from "node:assert/strict";

/** One occurrence of a pattern: `text.slice(start, end)` equals the pattern (after normalising). */
export interface AutomatonMatch<T> {
  start: number;
  end: number;
  /** Every value registered under the pattern, in registration order. */
  values: readonly T[];
}

/** Options of the automaton. */
export interface AutomatonOptions {
  /**
   * Maps a code unit to the code unit it is matched as, for patterns and text alike (e.g. a
   * simplified character to its traditional form). Must map surrogates to themselves.
   */
  normalize?: (codeUnit: number) => number;
  /**
   * Build the automaton over the patterns reversed, for `scanBackward`: matches then come by
   * start, from the last to the first, which spares the caller a sort by start.
   */
  reverse?: boolean;
  /**
   * Keep a table of the root's transitions by code unit as read, normalising included (256 KB):
   * quicker to scan with, for an automaton that is built once and scans much text; an automaton
   * built again and again (the names a document adds) does without.
   */
  rootTable?: boolean;
  /**
   * Read through the layout of a Kanripo file as if it were not there: a line mark with its line
   * end (`契¶\n丹`) and a page marker line (`¶\n<pb:KR2b0019_WYG_153-10a>¶\n`), so that a name
   * broken across printed lines is found, from its first character to its last (`scanBackward`
   * only).
   */
  layout?: boolean;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const LINE_MARK = 0xb6; // ¶
const PAGE_MARK_END = 0x3e; // >
const PAGE_MARK = "<pb:";

/**
 * The offset of the reading character before the layout that ends at `i` (a newline after a line
 * mark, and any page marker line before it), or `i` itself when no layout ends there.
 */
function layoutStart(text: string, i: number): number {
  let at = i;
  for (;;) {
    if (text.charCodeAt(at) !== NEWLINE) return at;
    let k = at - 1;
    if (text.charCodeAt(k) === RETURN) k--;
    if (text.charCodeAt(k) !== LINE_MARK) return at;
    k--;
    // A page marker line ends here: go on before it.
    if (text.charCodeAt(k) === PAGE_MARK_END) {
      const open = text.lastIndexOf(PAGE_MARK, k);
      const lineEnd = open === -1 ? -1 : text.indexOf("\n", open);
      if (open !== -1 && lineEnd > k && open > 0) {
        at = open - 1;
        continue;
      }
    }
    return k;
  }
}

/** The offset after `units` reading code units from `start`, past the layout between them. */
function readingEnd(text: string, start: number, units: number): number {
  let at = start;
  for (let n = 0; n < units; n++) {
    at++;
    if (n + 1 < units && text.charCodeAt(at) === LINE_MARK) {
      // Past the line mark, its line end and any page marker lines.
      for (;;) {
        if (text.charCodeAt(at) !== LINE_MARK) break;
        at++;
        if (text.charCodeAt(at) === RETURN) at++;
        if (text.charCodeAt(at) === NEWLINE) at++;
        if (text.startsWith(PAGE_MARK, at)) {
          const close = text.indexOf(">", at);
          if (close === -1) break;
          at = close + 1;
        }
      }
    }
  }
  return at;
}

const ROOT = 0;
/** A slot of `fromRoot` not yet filled. */
const UNKNOWN = -2;
const CODE_UNITS = 0x10000;

/** The table of each normalising function, shared by the automata built with it. */
const NORMAL_TABLES = new WeakMap<(codeUnit: number) => number, Int32Array>();

/** The table of `normalize`, filled as code units are met: -1 where not yet asked for. */
function normalTable(normalize: (codeUnit: number) => number): Int32Array {
  let table = NORMAL_TABLES.get(normalize);
  if (!table) {
    table = new Int32Array(CODE_UNITS).fill(-1);
    NORMAL_TABLES.set(normalize, table);
  }
  return table;
}

/** Mixes a state and a code unit into a table slot (multiplicative hashing). */
function hash(state: number, code: number): number {
  return Math.imul(state ^ Math.imul(code, 0x9e3779b1), 0x85ebca6b) >>> 7;
}

/**
 * A multi-pattern string matcher.
 *
 * @example
 * const ac = new AhoCorasick([["元昊", "person"], ["趙元昊", "person"], ["昊", "short"]]);
 * [...ac.matches("宋冊命趙元昊")].map((m) => [m.start, m.end])
 * //=> [[3, 5], [2, 5], [4, 5]]  — the longest match at each end comes first
 */
export class AhoCorasick<T> {
  /** Number of states. */
  readonly size: number;
  /**
   * The transition from the root on each code unit as read, normalising included: -1 for none,
   * `UNKNOWN` until first read (see `AutomatonOptions.rootTable`).
   */
  private readonly fromRoot: Int32Array | null;
  /** 1 for each code unit that stands in some pattern: any other leads back to the root. */
  private readonly inPattern: Uint8Array;
  /** The transitions while building: `state * 0x10000 + code` → state. */
  private next = new Map<number, number>();
  /** The same transitions in an open-addressing table for matching: keys (state, code) and targets. */
  private tableState = new Int32Array(0);
  private tableCode = new Uint16Array(0);
  private tableTarget = new Int32Array(0);
  private tableMask = 0;
  private readonly fail: Int32Array;
  /** The pattern that ends at a state, or -1. */
  private readonly output: Int32Array;
  /** The nearest proper suffix state that ends a pattern, or -1. */
  private readonly dictLink: Int32Array;
  private readonly depth: Int32Array;
  private readonly values: T[][] = [];
  private readonly normalize: ((codeUnit: number) => number) | undefined;
  /** `normalize` as a table (see `normalTable`), or `null` without one. */
  private readonly normalized: Int32Array | null;
  /** True when the patterns were stored reversed (see `AutomatonOptions.reverse`). */
  readonly reversed: boolean;
  /** True when `scanBackward` reads through a Kanripo file's layout (see `AutomatonOptions.layout`). */
  readonly layout: boolean;

  /**
   * @param patterns `[pattern, value]` pairs; a pattern given several times collects every value
   * @param options see `AutomatonOptions`
   */
  constructor(patterns: Iterable<readonly [string, T]>, options: AutomatonOptions = {}) {
    this.normalize = options.normalize;
    this.normalized = options.normalize ? normalTable(options.normalize) : null;
    this.reversed = options.reverse === true;
    this.layout = options.layout === true;
    this.fromRoot = options.rootTable === true ? new Int32Array(CODE_UNITS).fill(UNKNOWN) : null;
    this.inPattern = new Uint8Array(CODE_UNITS);
    const outputs: number[] = [-1];
    const depths: number[] = [0];
    let states = 1;
    const patternIndex = new Map<string, number>();
    for (const [pattern, value] of patterns) {
      if (pattern.length === 0) continue;
      let state = ROOT;
      for (let k = 0; k < pattern.length; k++) {
        const i = this.reversed ? pattern.length - 1 - k : k;
        const code = this.unit(pattern.charCodeAt(i));
        this.inPattern[code] = 1;
        let target = this.step(state, code);
        if (target === -1) {
          target = states++;
          outputs.push(-1);
          depths.push(k + 1);
          this.next.set(state * CODE_UNITS + code, target);
        }
        state = target;
      }
      const key = String(state);
      let index = patternIndex.get(key);
      if (index === undefined) {
        index = this.values.length;
        patternIndex.set(key, index);
        this.values.push([]);
        outputs[state] = index;
      }
      this.values[index]!.push(value);
    }
    this.size = states;
    this.output = Int32Array.from(outputs);
    this.depth = Int32Array.from(depths);
    this.fail = new Int32Array(states);
    this.dictLink = new Int32Array(states).fill(-1);
    this.buildLinks();
    this.buildTable();
  }

  /** Moves the transitions into the open-addressing table that `scan` reads. */
  private buildTable(): void {
    let size = 16;
    while (size < this.next.size * 2) size *= 2;
    this.tableState = new Int32Array(size).fill(-1);
    this.tableCode = new Uint16Array(size);
    this.tableTarget = new Int32Array(size);
    this.tableMask = size - 1;
    for (const [key, target] of this.next) {
      const state = Math.floor(key / CODE_UNITS);
      const code = key % CODE_UNITS;
      let slot = hash(state, code) & this.tableMask;
      while (this.tableState[slot] !== -1) slot = (slot + 1) & this.tableMask;
      this.tableState[slot] = state;
      this.tableCode[slot] = code;
      this.tableTarget[slot] = target;
    }
    this.next = new Map();
  }

  /** The transition from a state, or -1 (after the table is built). */
  private lookup(state: number, code: number): number {
    const { tableState, tableCode, tableTarget, tableMask } = this;
    let slot = hash(state, code) & tableMask;
    while (true) {
      const s = tableState[slot]!;
      if (s === -1) return -1;
      if (s === state && tableCode[slot] === code) return tableTarget[slot]!;
      slot = (slot + 1) & tableMask;
    }
  }

  /** Normalises a code unit met for the first time and keeps it in the table. */
  private remember(code: number): number {
    const folded = this.normalize!(code);
    this.normalized![code] = folded;
    return folded;
  }

  private unit(code: number): number {
    return this.normalize ? this.normalize(code) : code;
  }

  private step(state: number, code: number): number {
    return this.next.get(state * CODE_UNITS + code) ?? -1;
  }

  /** Breadth-first: each state's failure link is the longest proper suffix that is a state. */
  private buildLinks(): void {
    const children = new Map<number, [number, number][]>();
    const add = (parent: number, code: number, child: number) => {
      const list = children.get(parent);
      if (list) list.push([code, child]);
      else children.set(parent, [[code, child]]);
    };
    for (const [key, child] of this.next) add(Math.floor(key / CODE_UNITS), key % CODE_UNITS, child);
    const queue: number[] = [ROOT];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [code, child] of children.get(state) ?? []) {
        queue.push(child);
        if (state === ROOT) {
          this.fail[child] = ROOT;
        } else {
          let f = this.fail[state]!;
          while (f !== ROOT && this.step(f, code) === -1) f = this.fail[f]!;
          const target = this.step(f, code);
          this.fail[child] = target === -1 || target === child ? ROOT : target;
        }
        const f = this.fail[child]!;
        this.dictLink[child] = this.output[f] !== -1 ? f : this.dictLink[f]!;
      }
    }
    assert.equal(queue.length, this.size, "expected every state to be reachable from the root");
  }

  /** The code unit `code` is matched as (normalised, when the automaton normalises). */
  private folded(code: number): number {
    if (this.normalized === null) return code;
    const folded = this.normalized[code]!;
    return folded === -1 ? this.remember(code) : folded;
  }

  /** The state after reading the code unit `code` (as read) at the root, from `fromRoot`. */
  private fromRootStep(fromRoot: Int32Array, code: number): number {
    let target = fromRoot[code]!;
    if (target === UNKNOWN) {
      target = this.lookup(ROOT, this.folded(code));
      fromRoot[code] = target;
    }
    return target === -1 ? ROOT : target;
  }

  /** The state after reading the code unit `code` in `state`: a character no name holds goes back to the root. */
  private advance(state: number, code: number): number {
    const { fromRoot } = this;
    // Most characters are read at the root: with a root table, one look-up, normalising included.
    if (state === ROOT && fromRoot !== null) return this.fromRootStep(fromRoot, code);
    const c = this.folded(code);
    if (this.inPattern[c] === 0) return ROOT;
    let s = state;
    for (;;) {
      if (s === ROOT) {
        if (fromRoot !== null) return this.fromRootStep(fromRoot, code);
        const target = this.lookup(ROOT, c);
        return target === -1 ? ROOT : target;
      }
      const target = this.lookup(s, c);
      if (target !== -1) return target;
      s = this.fail[s]!;
    }
  }

  /**
   * For an automaton built with `reverse`: every occurrence in `text.slice(from, to)`, reading the
   * text from its end, so that occurrences come by start offset from the last to the first, and
   * at one start from the longest to the shortest.
   */
  scanBackward(
    text: string,
    from: number,
    to: number,
    onMatch: (start: number, end: number, values: readonly T[]) => void,
  ): void {
    assert.ok(this.reversed, "expected an automaton built with { reverse: true }");
    const { output, dictLink, depth, values, fromRoot, layout } = this;
    let state = ROOT;
    /** The lowest offset where layout was read through, while a match may still reach past it. */
    let skipped = -1;
    for (let i = to - 1; i >= from; i--) {
      let code = text.charCodeAt(i);
      if (code === NEWLINE && layout && state !== ROOT) {
        const before = layoutStart(text, i);
        if (before !== i) {
          if (before < from) break;
          skipped = before + 1;
          i = before;
          code = text.charCodeAt(i);
        }
      }
      if (state === ROOT && fromRoot !== null) {
        // The common case spared a call: a character read at the root that no name ends with.
        state = this.fromRootStep(fromRoot, code);
        if (state === ROOT) continue;
      } else state = this.advance(state, code);
      let s = output[state] !== -1 ? state : dictLink[state]!;
      while (s !== -1) {
        const d = depth[s]!;
        onMatch(i, skipped !== -1 && skipped < i + d ? readingEnd(text, i, d) : i + d, values[output[s]!]!);
        s = dictLink[s]!;
      }
      if (state === ROOT) skipped = -1;
    }
  }

  /**
   * Every occurrence of every pattern in `text.slice(from, to)`, ordered by end offset, and at
   * one end from the longest to the shortest.
   *
   * @param text the text to search
   * @param from the first offset searched (default 0)
   * @param to the offset after the last one searched (default the text's length)
   */
  *matches(text: string, from = 0, to = text.length): Generator<AutomatonMatch<T>> {
    assert.ok(!this.reversed, "expected an automaton built without { reverse: true }; use scanBackward");
    const out: AutomatonMatch<T>[] = [];
    this.scan(text, from, to, (start, end, values) => out.push({ start, end, values }));
    yield* out;
  }

  /**
   * Calls `onMatch` for every occurrence, in the order of `matches`, without allocating a match
   * object: the fast path for long texts.
   */
  scan(
    text: string,
    from: number,
    to: number,
    onMatch: (start: number, end: number, values: readonly T[]) => void,
  ): void {
    assert.ok(!this.reversed, "expected an automaton built without { reverse: true }; use scanBackward");
    const { output, dictLink, depth, values } = this;
    let state = ROOT;
    for (let i = from; i < to; i++) {
      state = this.advance(state, text.charCodeAt(i));
      let s = output[state] !== -1 ? state : dictLink[state]!;
      while (s !== -1) {
        onMatch(i + 1 - depth[s]!, i + 1, values[output[s]!]!);
        s = dictLink[s]!;
      }
    }
  }
}
