import { parseChineseNumber } from "../text/numerals.ts";
import { isGanzhi } from "./date.ts";

/** The parts of a year heading line. */
export interface HeadingParts {
  state: string | null;
  era: string | null;
  number: number | null;
  ganzhi: string | null;
  ce: number | null;
}

// STATE稱ERA N年, or ERA N年, optionally followed by （干支，1043） or (1043).
const HEADING =
  /^(?:([\p{Script=Han}]{1,4})(?:稱|称))?([\p{Script=Han}]{1,12}?)(元|[〇一二三四五六七八九十廿卅百]{1,5})年(?:[（(]([^）)]{0,20})[）)])?$/u;

/** The longest line that can be a year heading. */
const MAX_HEADING = 40;

/**
 * Reads a year heading line (`西夏稱天授禮法延祚六年`, `慶曆三年`, `宋仁宗慶曆三年（癸未，1043）`),
 * or returns `null` when the line is not one. The line must stand alone, without punctuation.
 *
 * @example
 * readYearHeading("西夏稱天授禮法延祚六年")
 * //=> { state: "西夏", era: "天授禮法延祚", number: 6, ganzhi: null, ce: null }
 */
export function readYearHeading(line: string): HeadingParts | null {
  if (line.length > MAX_HEADING) return null;
  const m = HEADING.exec(line);
  if (!m) return null;
  const [, state, written, writtenNumeral, paren] = m;
  // `十一年` is a year without its era (a 本紀 carries the era on), not the era 十.
  const bare = /^[〇一二三四五六七八九十廿卅百]+$/u.test(written!);
  const era = bare ? null : written;
  const numeral = bare ? written! + writtenNumeral! : writtenNumeral;
  const number = parseChineseNumber(numeral!);
  if (number === null || number === 0) return null;
  let ganzhi: string | null = null;
  let ce: number | null = null;
  if (paren !== undefined) {
    for (const part of paren.split(/[，,、\s]+/)) {
      if (isGanzhi(part)) ganzhi = part;
      else if (/^-?\d{1,4}$/.test(part)) ce = Number(part);
    }
  }
  return { state: state ?? null, era: era ?? null, number, ganzhi, ce };
}
