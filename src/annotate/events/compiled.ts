/**
 * The rule table compiled for matching: each pattern with its placeholders replaced and its named
 * groups numbered, and the bit tables that tell, from the characters and kinds of mention of a
 * sentence, which rules may match it at all.
 */
import assert from "node:assert/strict";
import type { EventType } from "../types.ts";
import { CONFLICTS, EVENT_RULES, type EventRule } from "./rules.ts";
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
  /** The bits of `CompiledRules.requireBits` the rule's `requires` groups stand for: all must be present. */
  requires: number;
  /** The types an event of the rule may not share a clause with, besides its own (see `CONFLICTS`). */
  conflicts: ReadonlySet<EventType> | undefined;
  /** `rule.minimum` with its default. */
  minimum: number;
  /** `rule.contains` compiled, or `null`. */
  contains: RegExp | null;
}

/** The rule table ready for matching. */
export interface CompiledRules {
  rules: readonly CompiledRule[];
  /** For each bit set of `KIND_BITS`, the bit set of the rules (by index) whose `needs` those kinds meet. */
  byKinds: Uint32Array;
  /** For each UTF-16 code unit, the bit set of the rules (by index) it triggers. */
  triggers: Uint32Array;
  /** For each UTF-16 code unit, the bit set of the `requires` groups (numbered across all rules) it belongs to. */
  requireBits: Uint32Array;
}

/** The rule bits of `CompiledRules.triggers`, and the group bits of `requireBits`, are one 32-bit word. */
const MAX_RULES = 32;
const MAX_REQUIRE_GROUPS = 32;

let compiledCache: CompiledRules | undefined;
/** The rule table compiled, once. */
export function compiledRules(): CompiledRules {
  if (compiledCache) return compiledCache;
  assert.ok(EVENT_RULES.length <= MAX_RULES, `expected at most ${MAX_RULES} event rules`);
  const triggers = new Uint32Array(0x10000);
  EVENT_RULES.forEach((rule, i) => {
    for (let k = 0; k < rule.triggers.length; k++) triggers[rule.triggers.charCodeAt(k)]! |= 1 << i;
  });
  const requireBits = new Uint32Array(0x10000);
  let group = 0;
  const requires = EVENT_RULES.map((rule) => {
    let bits = 0;
    for (const chars of rule.requires ?? []) {
      assert.ok(
        group < MAX_REQUIRE_GROUPS,
        `expected at most ${MAX_REQUIRE_GROUPS} groups of required characters`,
      );
      for (let k = 0; k < chars.length; k++) requireBits[chars.charCodeAt(k)]! |= 1 << group;
      bits |= 1 << group;
      group++;
    }
    return bits;
  });
  const needs = EVENT_RULES.map((rule) =>
    rule.needs.map((letters) => [...letters].reduce((bits, l) => bits | (KIND_BITS[l] ?? 0), 0)),
  );
  const byKinds = new Uint32Array(32);
  for (let kinds = 0; kinds < 32; kinds++)
    needs.forEach((bits, i) => {
      if (bits.every((b) => (b & kinds) !== 0)) byKinds[kinds]! |= 1 << i;
    });
  compiledCache = {
    rules: EVENT_RULES.map((rule, i) => ({
      rule,
      ...compile(rule.pattern),
      requires: requires[i]!,
      conflicts: CONFLICTS.get(rule.type),
      minimum: rule.minimum ?? 2,
      contains: rule.contains === undefined ? null : new RegExp(expand(rule.contains), "u"),
    })),
    byKinds,
    triggers,
    requireBits,
  };
  return compiledCache;
}
