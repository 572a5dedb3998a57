/**
 * The era names the parser knows, in their own, variant (熈寧, 慶歴) and simplified (庆历)
 * characters, with the Western years in which each began: a year written with a known era is
 * a date, and the chronicle's order tells a new year from one quoted in a sentence.
 */
import { listEras } from "../calendar/index.ts";
import { eraSpellings } from "../text/variants.ts";

/** An era as the parser reads it: its name, the Western year of its first year, its rulers, its years. */
interface EraReading {
  name: string;
  first: number;
  rulers: readonly string[];
  years: number;
}

let readings: { byName: Map<string, EraReading[]>; rulers: Set<string> } | null = null;
/** The calendar's eras by name, and every ruler the calendar names, read once. */
function eraReadings(): { byName: Map<string, EraReading[]>; rulers: Set<string> } {
  if (readings) return readings;
  const byName = new Map<string, EraReading[]>();
  const rulers = new Set<string>();
  for (const e of listEras()) {
    const reading = {
      name: e.name,
      first: e.ce.start - (e.years.first - 1),
      rulers: e.rulers,
      years: e.years.last - e.years.first + 1,
    };
    byName.set(e.name, [...(byName.get(e.name) ?? []), reading]);
    for (const r of e.rulers) rulers.add(r);
  }
  readings = { byName, rulers };
  return readings;
}

/** The eras written `name`, in its own or variant characters. */
function erasWritten(name: string): EraReading[] {
  const { byName } = eraReadings();
  const names = byName.has(name) ? [name] : eraSpellings(name, (n) => byName.has(n));
  return names.flatMap((n) => byName.get(n) ?? []);
}

let eraYears: ((name: string) => readonly number[]) | null = null;
/**
 * The Western years in which eras of a written name (in its own or variant characters) had
 * their first year; empty for a name that is no era.
 */
export function eraLexicon(): (name: string) => readonly number[] {
  if (eraYears) return eraYears;
  const known = new Map<string, readonly number[]>();
  eraYears = (name: string) => {
    let hit = known.get(name);
    if (hit === undefined) {
      hit = erasWritten(name).map((r) => r.first);
      known.set(name, hit);
    }
    return hit;
  };
  return eraYears;
}

/**
 * Whether a year of the era written `name` that began in `first` (a reading of `eraLexicon`) may
 * stand in a juan or 本紀 of `ruler` (its temple name, `太宗`): true unless the calendar knows
 * that ruler and gives the era other rulers (淳熙 of 孝宗 and 光宗 in a juan of 太宗: a misprint
 * of 淳化).
 */
export function eraOfRuler(name: string, first: number, ruler: string): boolean {
  if (!eraReadings().rulers.has(ruler)) return true;
  const eras = erasWritten(name).filter((r) => r.first === first);
  return eras.length === 0 || eras.some((r) => r.rulers.includes(ruler));
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
  for (const list of eraReadings().byName.values())
    for (const e of list)
      if (e.rulers.includes(ruler) && e.name[0] === name[0] && e.name !== name && e.years >= year)
        found.push({ name: e.name, first: e.first });
  return found.length === 1 ? found[0]! : null;
}
