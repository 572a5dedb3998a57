/** Building a {@link DateResolution} from a range of days. */
import { concurrentAt } from "./concurrent.ts";
import { jdnToIso } from "./jdn.ts";
import type { Calendar } from "./model.ts";
import { sexagenaryDay } from "./sexagenary.ts";
import type { AlternativeReading, CandidateEra, DateResolution, IsoRange, JdnRange } from "./types.ts";

/**
 * A range of days in both Western calendars.
 *
 * @example
 * isoRanges({ start: 2299160, end: 2299161 }).julian //=> { start: "1582-10-04", end: "1582-10-05" }
 */
export function isoRanges(jdn: JdnRange): { julian: IsoRange; gregorian: IsoRange } {
  return {
    julian: { start: jdnToIso(jdn.start, "julian"), end: jdnToIso(jdn.end, "julian") },
    gregorian: { start: jdnToIso(jdn.start, "gregorian"), end: jdnToIso(jdn.end, "gregorian") },
  };
}

/** An alternative reading of a range. */
export function alternativeReading(source: string, description: string, jdn: JdnRange): AlternativeReading {
  return { source, description, jdn, ...isoRanges(jdn) };
}

/** Assembles a resolution: the range in both calendars with the concurrent labels of its ends. */
export function makeResolution(
  calendar: Calendar,
  label: string,
  jdn: JdnRange,
  extra: {
    alternatives?: AlternativeReading[];
    candidates?: CandidateEra[];
    warnings?: string[];
    civilYear?: DateResolution["civilYear"];
  } = {},
): DateResolution {
  const single = jdn.start === jdn.end;
  return {
    label,
    jdn: { start: jdn.start, end: jdn.end },
    ...isoRanges(jdn),
    ...(single ? { ganzhi: sexagenaryDay(jdn.start) } : {}),
    ...(extra.civilYear ? { civilYear: extra.civilYear } : {}),
    concurrent: concurrentAt(jdn.start, calendar),
    ...(single ? {} : { concurrentEnd: concurrentAt(jdn.end, calendar) }),
    alternatives: extra.alternatives ?? [],
    candidates: extra.candidates ?? [],
    warnings: extra.warnings ?? [],
  };
}
