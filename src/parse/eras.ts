/**
 * The era names the parser knows, in their own, variant (熈寧, 慶歴) and simplified (庆历)
 * characters, with the Western years in which each began: a year written with a known era is
 * a date, and the chronicle's order tells a new year from one quoted in a sentence.
 */
import { listEras } from "../calendar/index.ts";
import { eraSpellings } from "../text/variants.ts";

let eraYears: ((name: string) => readonly number[]) | null = null;
/**
 * The Western years in which eras of a written name (in its own or variant characters) had
 * their first year; empty for a name that is no era.
 */
export function eraLexicon(): (name: string) => readonly number[] {
  if (eraYears) return eraYears;
  const firsts = new Map<string, number[]>();
  for (const e of listEras()) {
    const ce = e.ce.start - (e.years.first - 1);
    firsts.set(e.name, [...(firsts.get(e.name) ?? []), ce]);
  }
  const known = new Map<string, readonly number[]>();
  eraYears = (name: string) => {
    let hit = known.get(name);
    if (hit === undefined) {
      const names = firsts.has(name) ? [name] : eraSpellings(name, (n) => firsts.has(n));
      hit = names.flatMap((n) => firsts.get(n) ?? []);
      known.set(name, hit);
    }
    return hit;
  };
  return eraYears;
}
