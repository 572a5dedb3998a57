/**
 * Variant characters in dates and era names: 徳 for 德, 寳 for 寶, 厯 and 歴 for 曆, 夘 for 卯, and
 * simplified forms (庆历 for 慶曆), read as the standard characters the calendar uses.
 *
 * The table, `data/variants/date-variants.tsv`, is derived from the CJKVI variant tables and the
 * Unihan variant fields by `scripts/build-variants.ts`; it is loaded once, on first use. A written
 * character may stand for several standard ones (夘: 卯, 夗 …); the functions that read one position
 * of a date (a stem, a branch, a numeral) let the position decide.
 */
import { readFileSync } from "node:fs";
import { BRANCHES, STEMS } from "./ganzhi.ts";

/** The numerals of a date, whose variants {@link readNumeralChar} reads. */
export const DATE_NUMERALS = "〇零一二三四五六七八九十百千廿卅";
/** The other characters of a date besides era names, stems, branches and numerals. */
export const DATE_WORDS = "年月日正閏春夏秋冬朔晦是歲元";

/** The comment line of the table that lists the date characters. */
export const DATE_CHARACTERS_PREFIX = "# date characters: ";

/** The longest era name (天授禮法延祚) and the most spellings {@link eraSpellings} tries. */
const MAX_ERA_LENGTH = 6;
const MAX_COMBINATIONS = 4096;

const DATA_URL = new URL("../../data/variants/date-variants.tsv", import.meta.url);

/** The decoded table. */
export interface VariantTable {
  /** Characters that can occur in a date or an era name. */
  dateChars: Set<string>;
  /** Written character → the standard characters it is a variant of, preferred first. */
  variants: Map<string, string[]>;
  /** Written character → the stems and branches it looks like (for the 干支 slot only). */
  lookalikes: Map<string, string[]>;
}

let cached: VariantTable | null = null;

const RELATIONS = new Set(["variant", "indirect", "lookalike"]);
const isOneCharacter = (text: string | undefined): text is string =>
  text !== undefined && Array.from(text).length === 1;

/**
 * Decodes the table's text: `WRITTEN STANDARD RELATION SOURCES` rows, where RELATION is `variant`,
 * `indirect` or `lookalike`, and `#` comments, one of which lists the date characters.
 *
 * @param text the contents of `date-variants.tsv`
 * @param file the name to give in errors
 * @throws on a row that is not two characters and a known relation, naming its line
 * @example
 * decodeVariantTable("夘\t卯\tvariant\thydzd/variant\n").variants.get("夘") //=> ["卯"]
 */
export function decodeVariantTable(text: string, file = "date-variants.tsv"): VariantTable {
  const table: VariantTable = { dateChars: new Set(), variants: new Map(), lookalikes: new Map() };
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.startsWith(DATE_CHARACTERS_PREFIX)) {
      for (const c of line.slice(DATE_CHARACTERS_PREFIX.length).trim()) table.dateChars.add(c);
      continue;
    }
    if (line.startsWith("#") || line.trim() === "") continue;
    const [written, standard, relation] = line.split("\t");
    if (!isOneCharacter(written) || !isOneCharacter(standard) || !RELATIONS.has(relation ?? "")) {
      throw new Error(`${file}:${i + 1}: expected WRITTEN, STANDARD, variant|indirect|lookalike, SOURCES`);
    }
    const map = relation === "lookalike" ? table.lookalikes : table.variants;
    const list = map.get(written);
    if (!list) map.set(written, [standard]);
    else if (!list.includes(standard)) list.push(standard);
  }
  return table;
}

function table(): VariantTable {
  cached ??= decodeVariantTable(readFileSync(DATA_URL, "utf8"));
  return cached;
}

/**
 * True when a character can occur in a date or an era name as the calendar writes it: a character
 * of an era name, a stem, a branch, a numeral, or one of 年月日正閏春夏秋冬朔晦是歲元.
 *
 * @param ch one character
 * @example
 * isDateCharacter("曆") //=> true
 * isDateCharacter("厯") //=> false
 */
export function isDateCharacter(ch: string): boolean {
  return table().dateChars.has(ch);
}

/**
 * The standard characters a written character may stand for, preferred first: the character
 * itself when it is a date character, then what the variant tables make it a variant or a
 * simplified form of (all of them, not only date characters). Look-alikes are not included. A
 * character the table does not know stands for itself alone; a string that is not one character
 * gives nothing.
 *
 * @param ch one written character (a string of another length gives `[]`)
 * @example
 * standardCandidates("徳") //=> ["德"]
 * standardCandidates("夘") //=> ["卯", "外", "夗", "卬", "𠨍"]
 * standardCandidates("歷") //=> ["歷", "曆"]
 * standardCandidates("的") //=> ["的"]
 */
export function standardCandidates(ch: string): readonly string[] {
  if (Array.from(ch).length !== 1) return [];
  const t = table();
  const variants = t.variants.get(ch);
  if (t.dateChars.has(ch)) return variants ? [ch, ...variants.filter((c) => c !== ch)] : [ch];
  return variants ?? [ch];
}

/**
 * The readings of the characters asked for so far, as stems and as branches: the parser asks of
 * nearly every character of a text whether it opens a sexagenary day, so each is read once; and
 * for each code unit, whether it may be read so at all (most characters may not: asked of them, the
 * answer is a look into a typed array).
 */
interface Readings {
  memo: Map<string, string | null>;
  possible: Uint8Array | null;
  allowed: string;
}
const STEM_READINGS: Readings = { memo: new Map(), possible: null, allowed: STEMS };
const BRANCH_READINGS: Readings = { memo: new Map(), possible: null, allowed: BRANCHES };

/** The code units that may read as one of `readings.allowed` (`possibleUnits`), made on first use. */
function possibleOf(readings: Readings): Uint8Array {
  readings.possible ??= possibleUnits(readings.allowed);
  return readings.possible;
}

/** `readIn`, remembered for single code units and surrogate pairs (never longer strings). */
function memoRead(readings: Readings, ch: string): string | null {
  const { allowed } = readings;
  if (ch.length === 1) {
    if (possibleOf(readings)[ch.charCodeAt(0)] === 0) return null;
  } else if (ch.length !== 2) return null;
  let reading = readings.memo.get(ch);
  if (reading === undefined) {
    reading = readIn(ch, allowed);
    readings.memo.set(ch, reading);
  }
  return reading;
}

/** For each code unit, 1 when the character may read as one of `allowed`: one of them, or a variant or look-alike of one. */
function possibleUnits(allowed: string): Uint8Array {
  const t = table();
  const units = new Uint8Array(0x10000);
  const mark = (c: string) => {
    if (c.length === 1) units[c.charCodeAt(0)] = 1;
  };
  for (const c of allowed) mark(c);
  for (const map of [t.variants, t.lookalikes])
    for (const [c, readings] of map) if (readings.some((r) => allowed.includes(r))) mark(c);
  return units;
}

/** The first reading of `ch` among `allowed`: itself, a variant, or else a look-alike. */
function readIn(ch: string, allowed: string): string | null {
  if (Array.from(ch).length !== 1) return null;
  if (allowed.includes(ch)) return ch;
  const t = table();
  for (const c of t.variants.get(ch) ?? []) if (allowed.includes(c)) return c;
  for (const c of t.lookalikes.get(ch) ?? []) if (allowed.includes(c)) return c;
  return null;
}

/**
 * The heavenly stem a character written where a stem is expected stands for, or `null`: the stem
 * itself, the stem the variant tables make it a variant of, or else the stem it is a look-alike
 * of (已 and 巳 for 己, 戌 for 戊).
 *
 * @param ch one character written in a stem's place
 * @example
 * readStem("丁") //=> "丁"
 * readStem("已") //=> "己"
 * readStem("夘") //=> null
 */
export function readStem(ch: string): string | null {
  return memoRead(STEM_READINGS, ch);
}

/**
 * `readStem` of the code unit at `i` of `text`, without making a string of it where no stem can
 * be read there (most characters): for scanners that try every offset.
 *
 * @example
 * readStemAt("春正月甲子", 3) //=> "甲"
 */
export function readStemAt(text: string, i: number): string | null {
  if (possibleOf(STEM_READINGS)[text.charCodeAt(i)] !== 1) return null;
  return memoRead(STEM_READINGS, text[i]!);
}

/**
 * The earthly branch a character written where a branch is expected stands for, or `null`, as
 * {@link readStem} does for stems (夘 for 卯, 已 for 巳, 戊 for 戌).
 *
 * @param ch one character written in a branch's place
 * @example
 * readBranch("夘") //=> "卯"
 * readBranch("已") //=> "巳"
 * readBranch("甲") //=> null
 */
export function readBranch(ch: string): string | null {
  return memoRead(BRANCH_READINGS, ch);
}

/**
 * A two-character sexagenary (干支) day or year written with variants, as the standard pair, or
 * `null` when the characters read as no stem and branch of the same parity.
 *
 * @param two the two written characters, stem then branch
 * @example
 * readGanzhi("丁夘") //=> "丁卯"
 * readGanzhi("已巳") //=> "己巳"
 * readGanzhi("甲丑") //=> null
 */
export function readGanzhi(two: string): string | null {
  const chars = Array.from(two);
  if (chars.length !== 2) return null;
  const stem = readStem(chars[0]!);
  const branch = readBranch(chars[1]!);
  if (stem === null || branch === null) return null;
  return STEMS.indexOf(stem) % 2 === BRANCHES.indexOf(branch) % 2 ? stem + branch : null;
}

/**
 * The date numeral (〇零一二三四五六七八九十百千廿卅) a character stands for, or `null`: the
 * numeral itself or the one the tables make it a variant of (壹 and 弌 for 一, 貳 for 二). Many
 * of these variants are also ordinary words (伍, 陸, 陌), so read them only where a number is due.
 *
 * @param ch one written character
 * @example
 * readNumeralChar("壹") //=> "一"
 * readNumeralChar("十") //=> "十"
 * readNumeralChar("年") //=> null
 */
export function readNumeralChar(ch: string): string | null {
  if (Array.from(ch).length !== 1) return null;
  if (DATE_NUMERALS.includes(ch)) return ch;
  for (const c of table().variants.get(ch) ?? []) if (DATE_NUMERALS.includes(c)) return c;
  return null;
}

/**
 * The era names a written era name may stand for, each character read as itself or one of its
 * {@link standardCandidates}, kept when `isEra` knows the name; the written form first, then in
 * the order of the candidates. Names longer than six characters are only tried as written, and at
 * most a few thousand spellings are tried.
 *
 * @param written the era name as written
 * @param isEra whether a standard spelling is a known era name (e.g. a lookup in the calendar's
 *   `erasByName`)
 * @example
 * eraSpellings("慶厯", (name) => name === "慶曆") //=> ["慶曆"]
 * eraSpellings("庆历", (name) => name === "慶曆") //=> ["慶曆"]
 * eraSpellings("某某", () => false) //=> []
 */
export function eraSpellings(written: string, isEra: (name: string) => boolean): string[] {
  const chars = Array.from(written);
  if (chars.length === 0) return [];
  if (chars.length > MAX_ERA_LENGTH) return isEra(written) ? [written] : [];
  const options = chars.map((c) => [c, ...standardCandidates(c).filter((s) => s !== c)]);
  const found: string[] = [];
  const seen = new Set<string>();
  // Odometer over the options, the last character turning fastest.
  const at = options.map(() => 0);
  for (let tried = 0; tried < MAX_COMBINATIONS; tried++) {
    const name = at.map((i, k) => options[k]![i]!).join("");
    if (!seen.has(name)) {
      seen.add(name);
      if (isEra(name)) found.push(name);
    }
    let k = at.length - 1;
    while (k >= 0 && at[k] === options[k]!.length - 1) at[k--] = 0;
    if (k < 0) break;
    at[k] = at[k]! + 1;
  }
  return found;
}
