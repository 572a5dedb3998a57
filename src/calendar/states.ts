/**
 * Names of states as chronicles write them: 宋 for 北宋 and 南宋, 遼 or 契丹, 夏 or 西夏, 金 …
 */
import { CalendarError } from "./errors.ts";
import { type Calendar, loadCalendar, type State } from "./model.ts";

/** First characters that qualify a dynasty name: 北宋 → 宋, 西夏 → 夏, 劉宋 → 宋, 大明 → 明. */
const QUALIFIERS = "北南東西前後劉曹孫胡蜀成武冉翟桓侯大";

/** Names chronicles use that the data does not list, mapped to state ids. */
const EXTRA_NAMES: Readonly<Record<string, readonly string[]>> = {
  大宋: ["北宋", "南宋"],
  趙宋: ["北宋", "南宋"],
  大遼: ["遼"],
  夏國: ["西夏"],
  大夏: ["西夏", "胡夏"],
  大金: ["金"],
  趙: ["漢趙"],
  漢: ["漢趙"],
};

/** How well a name matches a state: the state's own name, or a short or customary name. */
export type StateMatch = "exact" | "short";

let index: Map<string, { state: State; match: StateMatch }[]> | null = null;
let indexFor: Calendar | null = null;

function buildIndex(calendar: Calendar): Map<string, { state: State; match: StateMatch }[]> {
  const map = new Map<string, { state: State; match: StateMatch }[]>();
  const add = (name: string, state: State, match: StateMatch): void => {
    const list = map.get(name) ?? [];
    if (list.some((e) => e.state === state)) return;
    list.push({ state, match });
    map.set(name, list);
  };
  for (const state of calendar.states) for (const name of state.names) add(name, state, "exact");
  for (const state of calendar.states) {
    for (const name of state.names) {
      const chars = Array.from(name);
      if (chars.length === 2 && QUALIFIERS.includes(chars[0]!)) add(chars[1]!, state, "short");
    }
  }
  for (const [name, ids] of Object.entries(EXTRA_NAMES)) {
    for (const id of ids) {
      const state = calendar.stateById.get(id);
      if (state) add(name, state, "short");
    }
  }
  for (const list of map.values())
    list.sort((a, b) => Number(a.match === "short") - Number(b.match === "short"));
  return map;
}

/**
 * The states a name can mean, own names first: `宋` → 北宋, 南宋, 劉宋; `契丹` → 遼.
 * Returns an empty list for an unknown name.
 *
 * @example
 * findStates("宋").map((s) => s.id) //=> ["劉宋", "北宋", "南宋"]
 */
export function findStates(name: string, calendar: Calendar = loadCalendar()): State[] {
  if (indexFor !== calendar || !index) {
    index = buildIndex(calendar);
    indexFor = calendar;
  }
  return (index.get(name.trim()) ?? []).map((e) => e.state);
}

/**
 * Like {@link findStates}, but an unknown name is an error.
 *
 * @example
 * resolveStates("夏").map((s) => s.id) //=> ["胡夏", "西夏"]
 */
export function resolveStates(name: string, calendar: Calendar = loadCalendar()): State[] {
  const states = findStates(name, calendar);
  if (states.length === 0) throw new CalendarError("unknown-state", `Unknown state "${name}"`);
  return states;
}
