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

let eraRulerMap: Map<string, { first: number; rulers: readonly string[] }[]> | null = null;
let knownRulers: Set<string> | null = null;

/**
 * Whether a year of the era written `name` that began in `first` (a reading of `eraLexicon`) may
 * stand in a juan or 本紀 of `ruler` (its temple name, `太宗`): true unless the calendar knows
 * that ruler and gives the era other rulers (淳熙 of 孝宗 and 光宗 in a juan of 太宗: a misprint
 * of 淳化).
 */
export function eraOfRuler(name: string, first: number, ruler: string): boolean {
  if (eraRulerMap === null || knownRulers === null) {
    eraRulerMap = new Map();
    knownRulers = new Set();
    for (const e of listEras()) {
      const ce = e.ce.start - (e.years.first - 1);
      eraRulerMap.set(e.name, [...(eraRulerMap.get(e.name) ?? []), { first: ce, rulers: e.rulers }]);
      for (const r of e.rulers) knownRulers.add(r);
    }
  }
  if (!knownRulers.has(ruler)) return true;
  const names = eraRulerMap.has(name) ? [name] : eraSpellings(name, (n) => eraRulerMap!.has(n));
  const readings = names.flatMap((n) => eraRulerMap!.get(n) ?? []).filter((r) => r.first === first);
  return readings.length === 0 || readings.some((r) => r.rulers.includes(ruler));
}

/**
 * The era of `ruler` that a misprinted era name `name` stands for: the only one of his eras whose
 * name shares its first character and that counted `year` years (淳熈五年 in a juan of 太宗:
 * 淳化), or null.
 */
export function rulerEraLike(
  name: string,
  year: number,
  ruler: string,
): { name: string; first: number } | null {
  const found: { name: string; first: number }[] = [];
  for (const e of listEras()) {
    if (!e.rulers.includes(ruler) || e.name[0] !== name[0] || e.name === name) continue;
    if (e.years.last - e.years.first + 1 < year) continue;
    found.push({ name: e.name, first: e.ce.start - (e.years.first - 1) });
  }
  return found.length === 1 ? found[0]! : null;
}
