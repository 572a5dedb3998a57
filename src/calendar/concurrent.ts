/**
 * Every state's label for a day: 1043-05-20 is 北宋 慶曆三年四月九日, 遼 重熙十二年四月九日 and
 * 西夏 天授禮法延祚六年四月九日.
 */
import { formatChineseNumber } from "../text/numerals.ts";
import {
  type Calendar,
  type Era,
  loadCalendar,
  type Month,
  monthAt,
  type Segment,
  segmentYear,
} from "./model.ts";
import type { ConcurrentDate } from "./types.ts";

/**
 * An era year written out: 元年 for 1, 慶曆三年; a reign without era name uses the ruler.
 *
 * @example
 * formatEraYear("慶曆", 3) //=> "慶曆三年"
 * formatEraYear("寶元", 1) //=> "寶元元年"
 */
export function formatEraYear(era: string, year: number): string {
  return `${era}${year === 1 ? "元" : year > 0 ? formatChineseNumber(year) : String(year)}年`;
}

/**
 * A day of a month written out: 九日, 二十九日.
 *
 * @example
 * formatDay(9) //=> "九日"
 */
export function formatDay(day: number): string {
  return `${formatChineseNumber(day)}日`;
}

/** The name to write for an era: the era name, or the ruler for a reign without one. */
export function eraLabelName(era: Era): string {
  return era.name.startsWith("（")
    ? (era.rulers[era.rulers.length - 1] ?? era.name).split("|")[0]!
    : era.name;
}

function labelFor(
  segment: Segment,
  month: Month,
  day: number,
  extra: Partial<ConcurrentDate>,
): ConcurrentDate {
  const year = segmentYear(segment, month.year.index);
  return {
    state: month.state.id,
    era: segment.era.name,
    year,
    month: month.month,
    leap: month.leap > 0,
    day,
    label: `${formatEraYear(eraLabelName(segment.era), year)}${month.name}月${formatDay(day)}`,
    ...extra,
  };
}

/** The labels (official ones, else parallel ones) of a state that cover a day. */
export function segmentsAt(segments: readonly Segment[], jdn: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.first > jdn) break;
    if (s.last >= jdn) out.push(s);
  }
  return out;
}

/** The month and day a day falls on by a source's alternative month bounds, or null when the same. */
function alternativeDay(month: Month, jdn: number): { month: Month; day: number; source: string } | null {
  const alternatives = month.state.alternatives;
  if (alternatives.size === 0) return null;
  for (const i of [month.index - 1, month.index, month.index + 1]) {
    const m = month.state.months[i];
    if (!m) continue;
    const alt = alternatives.get(m.start);
    const start = alt?.start ?? m.start;
    const end = alt?.end ?? m.end;
    if (jdn < start || jdn > end) continue;
    const day = jdn - start + 1;
    if (m === month && day === jdn - month.start + 1) return null;
    const source = alt?.source ?? alternatives.get(month.start)?.source ?? "";
    return { month: m, day, source };
  }
  return null;
}

/**
 * Every state's label for a day, in the order the states appear in the data. Each state gives its
 * official labels, or its unofficial (parallel) ones when it has no official label that day. When
 * another source starts the state's months on other days, the day by that source follows with
 * `source` set.
 *
 * @example
 * concurrentAt(2102153).map((c) => `${c.state} ${c.label}`)
 * //=> ["北宋 慶曆三年四月九日", "遼 重熙十二年四月九日", "西夏 天授禮法延祚六年四月九日"]
 */
export function concurrentAt(jdn: number, calendar: Calendar = loadCalendar()): ConcurrentDate[] {
  const out: ConcurrentDate[] = [];
  for (const state of calendar.states) {
    if (jdn < state.first || jdn > state.last) continue;
    const month = monthAt(state, jdn);
    if (!month) continue;
    let segments = segmentsAt(state.segments, jdn);
    const parallel = segments.length === 0;
    if (parallel) segments = segmentsAt(state.parallelSegments, jdn);
    const day = jdn - month.start + 1;
    const alt = alternativeDay(month, jdn);
    for (const segment of segments) {
      out.push(labelFor(segment, month, day, parallel ? { parallel: true } : {}));
      if (alt)
        out.push(
          labelFor(segment, alt.month, alt.day, {
            source: alt.source,
            ...(parallel ? { parallel: true } : {}),
          }),
        );
    }
  }
  return out;
}
