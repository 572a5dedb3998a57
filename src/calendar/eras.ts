/**
 * Era names: every era of every state, looked up by name and ranked by context. A name several
 * states used (大安 of 遼, 西夏 and 金) gives several candidates.
 */
import { CalendarError, type CandidateSummary } from "./errors.ts";
import { type Calendar, type Era, loadCalendar, monthAt } from "./model.ts";
import { findStates, resolveStates } from "./states.ts";

/** What is known about where and when a date belongs, to choose between eras of the same name. */
export interface EraContext {
  /** A state name as chronicles write it (宋, 遼, 契丹, 夏, 西夏, 金 …). */
  state?: string | undefined;
  /** A Western year the date is expected near (astronomical numbering). */
  near?: number | undefined;
}

/** An era as plain data. */
export interface EraInfo {
  /** The DDBC era_id of the era's first record. */
  id: number;
  /** Every DDBC era_id joined into this era (one per ruler who used it). */
  ids: number[];
  name: string;
  aliases: string[];
  state: string;
  rulers: string[];
  /** First and last labelled days. */
  jdn: { start: number; end: number };
  /** Era years the table labels, and the Western years of the first and last. */
  years: { first: number; last: number };
  ce: { start: number; end: number };
  /** Only unofficial (parallel) labels, e.g. 崇禎 after 1644. */
  parallelOnly: boolean;
  notes: string[];
}

/** The Western years (of the civil years) in which an era begins and ends. */
export function eraCeRange(era: Era): [number, number] {
  const first = monthAt(era.state, era.first);
  const last = monthAt(era.state, era.last);
  return [first?.year.ce ?? 0, last?.year.ce ?? 0];
}

/**
 * An era as plain data.
 *
 * @example
 * describeEra(findEras("慶曆")[0]!).ce //=> { start: 1041, end: 1048 }
 */
export function describeEra(era: Era): EraInfo {
  const [start, end] = eraCeRange(era);
  return {
    id: era.id,
    ids: [...era.ids],
    name: era.name,
    aliases: [...era.aliases],
    state: era.state.id,
    rulers: [...era.rulers],
    jdn: { start: era.first, end: era.last },
    years: { first: era.firstYear, last: era.lastYear },
    ce: { start, end },
    parallelOnly: era.parallelOnly,
    notes: [...era.notes],
  };
}

/** A short summary of an era for error messages. */
export function summarizeEra(era: Era): CandidateSummary {
  const [start, end] = eraCeRange(era);
  return { state: era.state.id, era: era.name, rulers: [...era.rulers], years: [start, end] };
}

/** Formats candidates as `遼 大安 (道宗, 1085–1094)`. */
export function formatCandidates(candidates: readonly CandidateSummary[]): string {
  return candidates
    .map((c) => `${c.state} ${c.era} (${c.rulers.join("、")}, ${c.years[0]}–${c.years[1]})`)
    .join("; ");
}

/**
 * Every era of every state, in order of its first day.
 *
 * @example
 * listEras().find((e) => e.name === "天授禮法延祚")?.state //=> "西夏"
 */
export function listEras(calendar: Calendar = loadCalendar()): EraInfo[] {
  return calendar.eras.map(describeEra);
}

/** An era name found inside a longer text, with what stood before it. */
export interface EraNameParts {
  era: string;
  /** A state named before the era (`宋仁宗慶曆` → 宋). */
  state: string | null;
  /** A ruler named before the era (`宋仁宗慶曆` → 仁宗). */
  ruler: string | null;
}

/**
 * Splits `宋仁宗慶曆` into state 宋, ruler 仁宗 and era 慶曆. A known era name alone comes back as it
 * is; `null` when no era name is found or what stands before it is neither state nor ruler.
 *
 * @example
 * splitEraName("宋仁宗慶曆") //=> { era: "慶曆", state: "宋", ruler: "仁宗" }
 */
export function splitEraName(text: string, calendar: Calendar = loadCalendar()): EraNameParts | null {
  const name = text.trim();
  if (calendar.erasByName.has(name)) return { era: name, state: null, ruler: null };
  const chars = Array.from(name);
  for (let i = 1; i < chars.length; i++) {
    const era = chars.slice(i).join("");
    const eras = calendar.erasByName.get(era);
    if (!eras) continue;
    const prefix = chars.slice(0, i).join("");
    const parts = splitPrefix(prefix, eras, calendar);
    if (parts) return { era, ...parts };
  }
  return null;
}

/** Reads `宋仁宗`, `宋`, `仁宗` before an era name against the eras that bear it. */
function splitPrefix(
  prefix: string,
  eras: readonly Era[],
  calendar: Calendar,
): { state: string | null; ruler: string | null } | null {
  const rulers = new Set(eras.flatMap((e) => e.rulers.flatMap((r) => r.split("|"))));
  if (rulers.has(prefix)) return { state: null, ruler: prefix };
  const chars = Array.from(prefix);
  for (let i = chars.length; i >= 1; i--) {
    const state = chars.slice(0, i).join("");
    const rest = chars.slice(i).join("");
    let states: readonly { id: string }[] = [];
    try {
      states = resolveStates(state, calendar);
    } catch {
      continue;
    }
    if (!eras.some((e) => states.some((s) => s.id === e.state.id))) continue;
    if (rest === "") return { state, ruler: null };
    if (rulers.has(rest)) return { state, ruler: rest };
  }
  return null;
}

/**
 * The eras a name can mean, best first. With a state, only that state's eras (an error when it
 * has none of that name); with `near`, eras closest to that Western year first; then official
 * eras before unofficial ones, then in time order. The name may carry a state or ruler before
 * it (`宋仁宗慶曆`). Unknown names throw `unknown-era`.
 *
 * @example
 * findEras("大安").map((e) => e.state.id) //=> ["西晉", "前秦", "後涼", "西夏", "遼", "金"]
 * findEras("大安", { near: 1090 })[0]?.state.id //=> "遼"
 * findEras("大安", { state: "遼" }).map((e) => e.state.id) //=> ["遼"]
 */
export function findEras(name: string, context: EraContext = {}, calendar: Calendar = loadCalendar()): Era[] {
  const parts = splitEraName(name, calendar);
  if (!parts) throw new CalendarError("unknown-era", `Unknown era "${name}"`);
  let eras = [...(calendar.erasByName.get(parts.era) ?? [])];
  if (parts.ruler) {
    const ruler = parts.ruler;
    eras = eras.filter((e) => e.rulers.some((r) => r.split("|").includes(ruler)));
  }
  let contextState = context.state;
  if (contextState && findStates(contextState, calendar).length === 0) {
    // A heading's `宋仁宗`: a state with a ruler after it.
    const sub = splitEraName(contextState + parts.era, calendar);
    if (sub && (sub.state || sub.ruler)) {
      contextState = sub.state ?? undefined;
      if (sub.ruler) {
        const ruler = sub.ruler;
        eras = eras.filter((e) => e.rulers.some((r) => r.split("|").includes(ruler)));
      }
    }
  }
  for (const stateName of [parts.state, contextState]) {
    if (!stateName) continue;
    const states = resolveStates(stateName, calendar);
    const kept = eras.filter((e) => states.includes(e.state));
    if (kept.length === 0) {
      throw new CalendarError(
        "era-not-in-state",
        `${stateName} has no era "${parts.era}"; it was used by: ${formatCandidates(eras.map(summarizeEra))}`,
        eras.map(summarizeEra),
      );
    }
    eras = kept;
  }
  const distance = (era: Era): number => {
    if (context.near === undefined) return 0;
    const [start, end] = eraCeRange(era);
    return context.near < start ? start - context.near : context.near > end ? context.near - end : 0;
  };
  return eras.sort(
    (a, b) =>
      distance(a) - distance(b) || Number(a.parallelOnly) - Number(b.parallelOnly) || a.first - b.first,
  );
}
