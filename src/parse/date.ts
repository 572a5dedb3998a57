import { isGanzhi } from "../text/ganzhi.ts";
import { parseChineseNumber } from "../text/numerals.ts";
import type { Season } from "./types.ts";

export { BRANCHES, isGanzhi, STEMS } from "../text/ganzhi.ts";

/** A date read at the opening of an entry. `length` includes the comma after it. */
export interface DateOpening {
  text: string;
  length: number;
  season: Season | null;
  month: number | null;
  leap: boolean;
  day: number | string | null;
  relative: string | null;
}

const SEASON_MONTHS: Readonly<Record<Season, readonly number[]>> = {
  春: [1, 2, 3],
  夏: [4, 5, 6],
  秋: [7, 8, 9],
  冬: [10, 11, 12],
};

/** The months a season covers: 春 = 1–3 and so on. */
export function seasonMonths(season: Season): readonly number[] {
  return SEASON_MONTHS[season];
}

// 是歲 / 是年 / 是月 / 是春… / 是日: relative dates. Simplified 岁 accepted.
const RELATIVE = /^(是(?:歲|岁|年|月|日|春|夏|秋|冬|時|时))(?:[，,、]|(?=.))/;
// [season][閏]N月[干支|N日][朔|晦]. Simplified 闰 accepted.
const ABSOLUTE =
  /^(春|夏|秋|冬)?(?:(閏|闰)?(正|臘|腊|十[一二]|[一二三四五六七八九十])月)?(?:([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])|([一二三四五六七八九十廿卅]{1,3})日)?(朔|晦)?([，,、])?/;

/**
 * Reads the date that opens an entry, or returns `null` when the text does not open with one.
 *
 * A season alone or a sexagenary day alone must be followed by a comma (`夏，…`, `壬戌，…`), so
 * that `夏人…` or `夏國…` (Western Xia) are not read as the summer.
 *
 * @example
 * readDateOpening("秋七月，復遣如定聿舍等如宋議和。")
 * //=> { text: "秋七月", length: 4, season: "秋", month: 7, leap: false, day: null, relative: null }
 */
export function readDateOpening(text: string): DateOpening | null {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const word = relative[1]!;
    const season = "春夏秋冬".includes(word[1]!) ? (word[1] as Season) : null;
    return {
      text: word,
      length: relative[0].length,
      season,
      month: null,
      leap: false,
      day: null,
      relative: word,
    };
  }
  const m = ABSOLUTE.exec(text);
  if (!m || m[0].length === 0) return null;
  const [, season, leap, monthText, ganzhi, dayText, edge, comma] = m;
  if (!monthText && !ganzhi && !dayText && !edge) {
    // A season alone counts only with a comma after it.
    if (!season || !comma) return null;
  }
  if (!monthText && !season && (ganzhi || dayText) && !comma) return null;
  if (ganzhi && !isGanzhi(ganzhi)) return null;
  if (!monthText && !season && !ganzhi && !dayText) return null;
  const month =
    monthText === undefined
      ? null
      : monthText === "臘" || monthText === "腊"
        ? 12
        : parseChineseNumber(monthText);
  let day: number | string | null = ganzhi ?? (dayText ? parseChineseNumber(dayText) : null);
  if (edge === "朔" && day === null) day = 1;
  const length = m[0].length;
  const written = m[0].slice(0, comma ? length - 1 : length);
  return {
    text: written,
    length,
    season: (season as Season | undefined) ?? null,
    month,
    leap: Boolean(leap),
    day,
    relative: null,
  };
}
