/**
 * Folding for search: simplified, traditional and variant forms of a character all fold to one
 * form, so that `青盐` finds 青鹽, `范仲淹` finds 範仲淹 and `为` finds 爲 and 為. The same folding
 * is applied to the indexed text and to the query.
 *
 * Folding works one code point at a time and never looks at the context, so a query folds the
 * same way whether it stands alone or inside a longer text (OpenCC's phrase tables would turn
 * `乾` into `干` alone but keep `乾坤`; character by character, both sides agree). Folding keeps
 * the number of code points; it keeps the number of UTF-16 code units too except where a
 * character outside the BMP folds to one inside it (`𤦺` → `琦`), which `foldWithOffsets` maps
 * back to the original offsets.
 */
import { readFileSync } from "node:fs";
import * as OpenCC from "opencc-js/t2cn";

/**
 * Bump whenever the folding changes (the variant table, the OpenCC version, the rules below):
 * a store built with another version re-indexes its text when it is opened.
 */
export const FOLD_VERSION = 4;

/**
 * Variant forms that OpenCC's traditional→simplified table leaves alone, mapped to a form it
 * does fold (or to the standard form itself). Kanripo and other digitised editions keep many
 * of these (`徳`, `歴`, `嵗`, `靑`); `範` is folded to `范` for the surname. A few it folds, but
 * not as their standard form: `龎`, the 四庫 texts' 龐 (教育部 異體字字典), which OpenCC makes `厐`
 * where 龐 becomes `庞`.
 */
export const VARIANTS: Readonly<Record<string, string>> = {
  範: "范",
  龎: "龐",
  厯: "曆",
  徳: "德",
  惪: "德",
  歴: "歷",
  暦: "曆",
  歳: "歲",
  "\u{249BA}": "琦", // 𤦺, Extension B
  槪: "概",
  淸: "清",
  靑: "青",
  鬪: "鬥",
  鬭: "鬥",
  壻: "婿",
  兎: "兔",
  寛: "寬",
  黒: "黑",
  吿: "告",
  呉: "吳",
  値: "值",
  浄: "淨",
  戸: "戶",
  衞: "衛",
  鶏: "雞",
  囘: "回",
  廻: "回",
  冩: "寫",
  竝: "並",
  弍: "貳",
  甞: "嘗",
  尙: "尚",
  敍: "敘",
  効: "效",
  隣: "鄰",
  姫: "姬",
  㐫: "凶",
  隂: "陰",
  髙: "高",
  畧: "略",
  畱: "留",
  峩: "峨",
  冝: "宜",
  刼: "劫",
  兾: "冀",
  恵: "惠",
  歩: "步",
  渉: "涉",
  緑: "綠",
  舘: "館",
  逹: "達", // the 四庫 texts' 達 (蕭普逹, 逹嚕噶)
};

/**
 * Japanese forms of characters that the 四庫全書 texts write too (曽 for 曾, 増 for 增, 懐 for 懷),
 * each with the form it stands for: data/variants/shinjitai.tsv, made by scripts/build-shinjitai.ts
 * from OpenCC's table; read on first use. `VARIANTS` comes first where both have a character.
 */
let shinjitai: Map<string, string> | undefined;

/**
 * Decodes the table's text: `WRITTEN STANDARD SOURCE` rows and `#` comments.
 *
 * @throws on a row that is not two single characters, naming its line
 * @example
 * decodeShinjitai("曽\t曾\topencc/JPShinjitaiCharacters\n").get("曽") //=> "曾"
 */
export function decodeShinjitai(text: string, file = "shinjitai.tsv"): Map<string, string> {
  const table = new Map<string, string>();
  for (const [i, line] of text.split("\n").entries()) {
    if (line === "" || line.startsWith("#")) continue;
    const [written, standard] = line.split("\t");
    if (
      written === undefined ||
      standard === undefined ||
      [...written].length !== 1 ||
      [...standard].length !== 1
    )
      throw new Error(`${file}:${i + 1}: expected a written character and the one it stands for`);
    table.set(written, standard);
  }
  return table;
}

function shinjitaiOf(char: string): string | undefined {
  shinjitai ??= decodeShinjitai(
    readFileSync(new URL("../../data/variants/shinjitai.tsv", import.meta.url), "utf8"),
  );
  return shinjitai.get(char);
}

const FULLWIDTH_EXCLAMATION = 0xff01;
const FULLWIDTH_TILDE = 0xff5e;
const FULLWIDTH_OFFSET = 0xfee0;

let toSimplified: ((text: string) => string) | undefined;
const cache = new Map<string, string>();

function openccChar(char: string): string {
  const convert = toSimplified ?? OpenCC.Converter({ from: "t", to: "cn" });
  toSimplified = convert;
  const out = convert(char);
  // A character that would turn into several (never seen in the table) stays as it is.
  return [...out].length === 1 ? out : char;
}

function foldOnce(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return char.toLowerCase();
  if (code >= FULLWIDTH_EXCLAMATION && code <= FULLWIDTH_TILDE) {
    const ascii = String.fromCharCode(code - FULLWIDTH_OFFSET);
    // Full-width letters and digits fold to ASCII; full-width punctuation stays.
    if (/[0-9A-Za-z]/.test(ascii)) return ascii.toLowerCase();
    return char;
  }
  return openccChar(VARIANTS[char] ?? shinjitaiOf(char) ?? char);
}

/**
 * Folds one code point to its search form.
 *
 * @param char a single code point (one or two UTF-16 code units)
 * @returns the folded code point
 * @example
 * foldChar("爲") //=> "为"
 * foldChar("範") //=> "范"
 * foldChar("𤦺") //=> "琦"
 */
export function foldChar(char: string): string {
  let folded = cache.get(char);
  if (folded === undefined) {
    // OpenCC maps a few characters in chains (薴 → 苧 → 苎): follow them to the end.
    folded = char;
    for (let i = 0; i < 4; i++) {
      const next = foldOnce(folded);
      if (next === folded) break;
      folded = next;
    }
    cache.set(char, folded);
  }
  return folded;
}

// The fold of every BMP code unit met so far: 0 = not yet known, -1 = not a single BMP code
// unit (use `foldChar`), otherwise the folded code unit + 1.
const bmpTable = new Int32Array(0x10000);

function foldUnit(code: number): number {
  let value = bmpTable[code]!;
  if (value === 0) {
    const folded = foldChar(String.fromCharCode(code));
    value = folded.length === 1 ? folded.charCodeAt(0) + 1 : -1;
    bmpTable[code] = value;
  }
  return value;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16 = new TextDecoder(LITTLE_ENDIAN ? "utf-16le" : "utf-16be");

/** The code units as a string (a lone surrogate, which decoded text never has, becomes U+FFFD). */
function unitsToString(units: Uint16Array, length: number): string {
  return utf16.decode(units.subarray(0, length));
}

let buffer = new Uint16Array(4096);

/** Folds `text` into code units; `offsets` (when asked for) maps each output unit to its source. */
function foldUnits(text: string, withOffsets: boolean): { text: string; offsets: Int32Array | null } {
  const n = text.length;
  // A code point never folds to more than two code units, so the output is at most 2n long.
  if (buffer.length < 2 * n) buffer = new Uint16Array(Math.max(2 * n, 2 * buffer.length));
  const out = buffer;
  let offsets: Int32Array | null = null;
  let length = 0;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const folded = foldUnit(code);
    if (folded > 0 && !isHighSurrogate(code)) {
      if (offsets) offsets[length] = i;
      out[length++] = folded - 1;
      i++;
      continue;
    }
    // A surrogate pair, a lone surrogate or a code unit that does not fold to one code unit.
    const width = isHighSurrogate(code) && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    const char = text.slice(i, i + width);
    const result = width === 2 || folded === -1 ? foldChar(char) : char;
    if (withOffsets && !offsets && result.length !== width) {
      offsets = new Int32Array(2 * n + 1);
      for (let k = 0; k < length; k++) offsets[k] = k;
    }
    for (let k = 0; k < result.length; k++) {
      if (offsets) offsets[length] = i;
      out[length++] = result.charCodeAt(k);
    }
    i += width;
  }
  if (offsets) offsets[length] = n;
  return { text: unitsToString(out, length), offsets: offsets ? offsets.subarray(0, length + 1) : null };
}

/**
 * Folds a text for matching: traditional and variant forms to simplified, Latin letters to
 * lower case, full-width letters and digits to ASCII. Code point by code point, without context.
 *
 * @param text any text
 * @returns the folded text, with as many code points as `text`
 * @example
 * fold("青鹽") //=> "青盐"
 * fold("範仲淹") //=> "范仲淹"
 */
export function fold(text: string): string {
  return foldUnits(text, false).text;
}

/** A folded text that remembers where each of its UTF-16 code units came from. */
export interface FoldedText {
  /** The folded text. */
  text: string;
  /**
   * The offset in the original text of `offset` in the folded text (`0…text.length`), both in
   * UTF-16 code units. An offset at the end maps to the original length.
   */
  toOriginal(offset: number): number;
}

/**
 * Folds a text and keeps the map back to the original offsets, for highlighting matches in the
 * original text.
 *
 * @param text any text
 * @example
 * const f = foldWithOffsets("韓𤦺言")
 * f.text //=> "韩琦言"
 * f.toOriginal(2) //=> 3
 */
export function foldWithOffsets(text: string): FoldedText {
  const { text: folded, offsets } = foldUnits(text, true);
  if (offsets === null) return { text: folded, toOriginal: (offset) => offset };
  return { text: folded, toOriginal: (offset) => offsets[offset] ?? text.length };
}
