/** The names of the calendar's eras, for rules that must not take one for a name. */
import { listEras, loadCalendar } from "../../calendar/index.ts";

let eraNames: ReadonlySet<string> | null = null;

/**
 * True when the text is the name of an era of the calendar or one of its aliases (`天聖`, `乾興`,
 * `治平`), read when first needed.
 */
export function isEraName(name: string): boolean {
  eraNames ??= new Set(listEras(loadCalendar()).flatMap((e) => [e.name, ...e.aliases]));
  return eraNames.has(name);
}
