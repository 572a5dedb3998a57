/** Sexagenary days written inside notes (`按《長編》八月壬戌…`), resolved within their month. */
import { CalendarError } from "../calendar/index.ts";
import type { Note, Position, YearHeading } from "../parse/types.ts";
import { parseChineseNumber } from "../text/numerals.ts";
import type { DatedRange, InlineDate } from "./date-types.ts";

// 八月壬戌, 十一月乙酉, 閏九月丁卯 — a month and a sexagenary day written together.
const MONTH_DAY =
  /(閏|闰)?(正|臘|十[一二]|[一二三四五六七八九十])月([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])/gu;

export function dateNote(
  note: Note,
  heading: YearHeading,
  resolve: (
    h: YearHeading,
    m: number | null,
    l: boolean,
    d: number | string | null,
    s: string | null,
  ) => DatedRange | CalendarError,
): void {
  const dates: InlineDate[] = [];
  const base = note.position.start;
  for (const m of note.value.matchAll(MONTH_DAY)) {
    const month = m[2] === "臘" ? 12 : parseChineseNumber(m[2]!);
    if (month === null) continue;
    const result = resolve(heading, month, Boolean(m[1]), m[3]!, null);
    if (result instanceof CalendarError) continue;
    const start = base.offset + m.index;
    const end = start + m[0].length;
    // Notes never span lines, so columns follow from the note's own start.
    const position: Position = {
      start: { line: base.line, column: base.column + m.index, offset: start },
      end: { line: base.line, column: base.column + m.index + m[0].length, offset: end },
    };
    dates.push({ ...result, text: m[0], position });
  }
  if (dates.length > 0) note.data = { ...note.data, dates };
}
