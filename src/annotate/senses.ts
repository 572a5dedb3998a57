/**
 * Tests on the senses of a dictionary match: their forms and kinds, and the senses that the
 * characters around the match rule out (a numbered group, a date).
 */
import { codeUnitSet } from "../text/code-units.ts";
import type { NameSense } from "./dictionary.ts";
import type { Candidate } from "./short-forms.ts";

/** A numeral right before a name makes a numbered group (`二蕃`, `七族`), not the entity. */
const NUMERAL_BEFORE = codeUnitSet("一二三四五六七八九十百千兩數諸");
/** The characters a month can start with (see `MONTH_AFTER`). */
const MONTH_FIRST = codeUnitSet("閏正一二三四五六七八九十");
/** A season followed by a month (`夏四月`) is a date (sticky: tested where the name ends). */
const MONTH_AFTER = /(?:閏)?(?:正|[一二三四五六七八九十]+)月/y;
/** True when the sticky `pattern` matches `text` at `offset`. */
export function matchesAt(pattern: RegExp, text: string, offset: number): boolean {
  pattern.lastIndex = offset;
  return pattern.test(text);
}

export const isShort = (s: NameSense) => s.form === "short" || s.form === "derived-short";

const NO_SENSES: readonly NameSense[] = [];

/** True when one of the senses is ambiguous. */
export function hasAmbiguous(senses: readonly NameSense[]): boolean {
  for (const s of senses) if (s.ambiguous) return true;
  return false;
}

/** True when one of the senses is of the kind. */
export function hasKind(senses: readonly NameSense[], kind: string): boolean {
  for (const s of senses) if (s.kind === kind) return true;
  return false;
}

/** The unambiguous short forms among the senses. */
export function shortSenses(senses: readonly NameSense[]): readonly NameSense[] {
  if (senses.length === 1) return isShort(senses[0]!) && !senses[0]!.ambiguous ? senses : NO_SENSES;
  return senses.filter((s) => isShort(s) && !s.ambiguous);
}

/** The ambiguous senses of a candidate that the characters around it do not rule out. */
export function plausibleAmbiguous(c: Candidate, text: string): readonly NameSense[] {
  const { senses } = c;
  if (senses.length === 1) return senses[0]!.ambiguous && plausible(senses[0]!, c, text) ? senses : NO_SENSES;
  return senses.filter((s) => s.ambiguous && plausible(s, c, text));
}

/** The person senses among `senses`. */
export function personSenses(senses: readonly NameSense[]): readonly NameSense[] {
  return senses.every((s) => s.kind === "person") ? senses : senses.filter((s) => s.kind === "person");
}

/** Drops senses that the characters around the match rule out. */
export function plausible(sense: NameSense, c: Candidate, text: string): boolean {
  if (
    (sense.kind === "polity" || sense.kind === "place") &&
    c.start > 0 &&
    NUMERAL_BEFORE[text.charCodeAt(c.start - 1)] === 1
  )
    return sense.chars > 1 && sense.form === "name" && sense.kind === "place";
  if (
    sense.chars === 1 &&
    c.end < text.length &&
    MONTH_FIRST[text.charCodeAt(c.end)] === 1 &&
    matchesAt(MONTH_AFTER, text, c.end)
  )
    return false;
  return true;
}
