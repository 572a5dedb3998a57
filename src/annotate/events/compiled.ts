/**
 * The rule table compiled for matching: each pattern with its placeholders replaced and its named
 * groups numbered, and the bit tables that tell, from the characters and kinds of mention of a
 * sentence, which rules may match it at all.
 */
import assert from "node:assert/strict";
import type { EventType } from "../types.ts";
import type { EventRule } from "./rule.ts";
import { CONFLICTS, EVENT_RULES } from "./rules.ts";
import { CHAR_CLASS, RULE_CHAR } from "./sentence.ts";
import { KIND_BITS, PLACEHOLDERS } from "./tokens.ts";

/**
 * The pieces of regular-expression syntax that open a group, and those that may hide a `(`: an
 * escape, a character class, a named group `(?<name>` (its name captured), any other `(?` and a
 * plain `(`.
 */
const GROUP_SYNTAX = /\\.|\[(?:\\.|[^\]\\])*\]|\(\?<([A-Za-z_]\w*)>|\(\?|\(/g;

/** A rule's pattern ready for matching. */
export interface CompiledPattern {
  regex: RegExp;
  /** The number of the capturing group each named group of the pattern became. */
  groups: Readonly<Record<string, number>>;
}

/** A pattern of the table with its placeholders replaced. */
function expand(pattern: string): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = PLACEHOLDERS[name];
    if (value === undefined) throw new Error(`expected a known placeholder, got {${name}}`);
    return value.length === 1 ? value : `(?:${value})`;
  });
}

/**
 * Compiles a pattern of the table: placeholders replaced, and named groups made plain numbered
 * ones — a match then reports its indices without a `groups` object, several times quicker.
 */
function compile(pattern: string): CompiledPattern {
  const expanded = expand(pattern);
  const groups: Record<string, number> = {};
  let count = 0;
  const source = expanded.replace(GROUP_SYNTAX, (token: string, name: string | undefined) => {
    if (name !== undefined) {
      groups[name] = ++count;
      return "(";
    }
    if (token === "(") count++;
    return token;
  });
  const captures = new RegExp(`${source}|`, "u").exec("")!.length - 1;
  assert.equal(captures, count, `expected ${count} capturing groups in ${pattern}`);
  return { regex: new RegExp(source, "dgu"), groups };
}

/** A rule of the table ready for matching. */
export interface CompiledRule extends CompiledPattern {
  rule: EventRule;
  /**
   * The groups of `CompiledRules.requireBits` the rule's `requires` stand for, `groupWords` words:
   * all must be present.
   */
  requires: Uint32Array;
  /** The types an event of the rule may not share a clause with, besides its own (see `CONFLICTS`). */
  conflicts: readonly EventType[];
  /** `rule.minimum` with its default. */
  minimum: number;
  /** `rule.contains` compiled, or `null`. */
  contains: RegExp | null;
}

/**
 * The rule table ready for matching. A set of rules (by index) is `ruleWords` 32-bit words, and a
 * set of groups of required characters (numbered across all rules) `groupWords` words, so that
 * the table may hold any number of rules.
 */
export interface CompiledRules {
  rules: readonly CompiledRule[];
  ruleWords: number;
  groupWords: number;
  /** `CHAR_CLASS`, with `RULE_CHAR` for the characters these rules trigger or require. */
  charClass: Uint8Array;
  /** For each UTF-16 code unit of `RULE_CHAR`, its row of `triggers` and of `requireBits` (0 for the others). */
  row: Uint16Array;
  /** The number of rows (row 0 is empty). */
  rows: number;
  /** True when a set of rules or of groups takes more than one word. */
  wide: boolean;
  /**
   * For each row, the set of rules its character triggers: word `w` of row `r` at `w * rows + r`
   * (word by word, so that the first word of every row stands at the row's number).
   */
  triggers: Uint32Array;
  /** For each row, the set of groups of required characters its character belongs to (laid out as `triggers`). */
  requireBits: Uint32Array;
  /** For each bit set of `KIND_BITS`, the set of rules whose `needs` those kinds meet (`ruleWords` words). */
  byKinds: Uint32Array;
}

/** The number of 32-bit words of a set of `n` members (at least one). */
const wordsFor = (n: number) => Math.max(1, Math.ceil(n / 32));

/**
 * Compiles a rule table.
 *
 * @param table the rules, in the order they are tried
 * @param conflicts the types that do not share a clause (see `CONFLICTS`)
 */
export function compileRules(
  table: readonly EventRule[],
  conflicts: ReadonlyMap<EventType, ReadonlySet<EventType>> = CONFLICTS,
): CompiledRules {
  const ruleWords = wordsFor(table.length);
  const groupCount = table.reduce((n, rule) => n + (rule.requires?.length ?? 0), 0);
  const groupWords = wordsFor(groupCount);
  // The characters of the rules, one row each.
  const row = new Uint16Array(0x10000);
  const charClass = CHAR_CLASS.slice();
  let rows = 1;
  for (const rule of table)
    for (const c of rule.triggers + (rule.requires ?? []).join("")) {
      const code = c.charCodeAt(0);
      if (row[code] !== 0) continue;
      assert.ok(rows < 0x10000, "expected fewer distinct characters in the rules");
      row[code] = rows++;
      charClass[code]! |= RULE_CHAR;
    }
  const triggers = new Uint32Array(rows * ruleWords);
  table.forEach((rule, i) => {
    for (let k = 0; k < rule.triggers.length; k++)
      triggers[(i >> 5) * rows + row[rule.triggers.charCodeAt(k)]!]! |= 1 << (i & 31);
  });
  const requireBits = new Uint32Array(rows * groupWords);
  let group = 0;
  const requires = table.map((rule) => {
    const bits = new Uint32Array(groupWords);
    for (const chars of rule.requires ?? []) {
      for (let k = 0; k < chars.length; k++)
        requireBits[(group >> 5) * rows + row[chars.charCodeAt(k)]!]! |= 1 << (group & 31);
      bits[group >> 5]! |= 1 << (group & 31);
      group++;
    }
    return bits;
  });
  const needs = table.map((rule) =>
    rule.needs.map((letters) => [...letters].reduce((bits, l) => bits | (KIND_BITS[l] ?? 0), 0)),
  );
  const byKinds = new Uint32Array(32 * ruleWords);
  for (let kinds = 0; kinds < 32; kinds++)
    needs.forEach((bits, i) => {
      if (bits.every((b) => (b & kinds) !== 0)) byKinds[kinds * ruleWords + (i >> 5)]! |= 1 << (i & 31);
    });
  return {
    rules: table.map((rule, i) => ({
      rule,
      ...compile(rule.pattern),
      requires: requires[i]!,
      conflicts: [...(conflicts.get(rule.type) ?? [])],
      minimum: rule.minimum ?? 2,
      contains: rule.contains === undefined ? null : new RegExp(expand(rule.contains), "u"),
    })),
    ruleWords,
    groupWords,
    charClass,
    row,
    rows,
    wide: ruleWords > 1 || groupWords > 1,
    triggers,
    requireBits,
    byKinds,
  };
}

let compiledCache: CompiledRules | undefined;
/** `EVENT_RULES` compiled, once. */
export function compiledRules(): CompiledRules {
  compiledCache ??= compileRules(EVENT_RULES);
  return compiledCache;
}

/**
 * Adds to `set` the words after the first of row `r` of `table` (`triggers` or `requireBits`): the
 * first word is gathered apart, in a local variable.
 */
export function addWords(set: Uint32Array, table: Uint32Array, rows: number, r: number): void {
  for (let w = 1; w < set.length; w++) set[w]! |= table[w * rows + r]!;
}

/** True when every group of required characters in `requires` is among `present`. */
export function requiresMet(present: Uint32Array, requires: Uint32Array): boolean {
  for (let w = 0; w < requires.length; w++) if ((present[w]! & requires[w]!) !== requires[w]) return false;
  return true;
}

/** The index of the lowest bit set in `bits` (not 0). */
export function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}
