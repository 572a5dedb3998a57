/**
 * Quantities: amounts of goods, money, troops, households and distances, written as a Chinese
 * numeral with a unit (`五百戶`, `二千餘里`), after the goods counted (`絹十萬匹`, `茶三萬斤`,
 * `騎兵十萬`, `銀、綺、絹、茶二十五萬五千`) or after the name of a payment (`歲賜二十五萬`).
 */
import { codeUnitSet } from "../text/code-units.ts";
import { parseChineseNumber } from "../text/numerals.ts";
import type { Authority } from "./authority/index.ts";
import { IDEOGRAPHIC_COMMA as COMMA_CONSTANT, MORE_THAN as MORE_CONSTANT } from "./internal/chars.ts";

/** `、` and `餘`, kept in local bindings for the loops below. */
const IDEOGRAPHIC_COMMA = COMMA_CONSTANT;
const MORE_THAN = MORE_CONSTANT;

/** A quantity found in a text, with offsets relative to that text. */
export interface FoundQuantity {
  start: number;
  end: number;
  /** The whole expression as written: `絹十萬匹`. */
  raw: string;
  /** The numeral as written: `十萬`, `十餘萬`. */
  numeral: string;
  /** The value (the lower bound when `approximate`). */
  amount: number;
  /** True when the numeral says "more than" (`十餘萬`, `二千餘`). */
  approximate: boolean;
  /** The good counted, when exactly one is named. */
  commodity: string | null;
  /** Every good named before the numeral (`銀、綺、絹、茶` → four ids). */
  commodities: string[];
  /** The unit's id (`unit:pi`), if any. */
  unit: string | null;
  /** The word counted as written (`絹`, `騎兵`, `兵`, `歲賜`), or `null`. */
  noun: string | null;
  /** Which pattern found it. */
  rule: "unit" | "goods" | "troops" | "payment" | "stationed";
}

/** Words for troops counted without a unit; `騎兵` counts riders. */
const TROOPS: ReadonlyMap<string, string | null> = new Map([
  ["騎兵", "unit:qi-rider"],
  ["步兵", null],
  ["步卒", null],
  ["兵", null],
]);

/** Names of yearly payments followed by a bare amount (`歲賜二十五萬`). */
const PAYMENTS = ["歲賜", "歲幣", "歲給", "歲遺"];

/** Characters before a list of goods that show the list starts there (`凡歲賜銀、綺…`, `、`). */
const LIST_OPENERS = codeUnitSet("賜進貢獻給以凡及與有易納遺幣");

/** `數萬` (some ten thousands) and the like are not amounts. */
const INDEFINITE = codeUnitSet("數幾累餘");

/** One CJK ideograph: a list of goods starts after anything else (punctuation, the text's start). */
const HAN_CHAR = /\p{Script=Han}/u;

/** `屯`: troops stationed somewhere (`以二萬屯渭州`). */
const STATIONED = "屯";
const STATIONED_CODE = STATIONED.charCodeAt(0);

/** Words between the goods and the numeral: 幾 (almost), 僅/止 (only), 至 (up to), 約 (about). */
const LINKS = "[幾僅止至約近凡共作]{0,2}";

const DIGIT = "〇零一二三四五六七八九十百千萬億廿卅";
/** 兩 is a digit only before a unit of ten or more (`兩萬`); otherwise it is the unit 兩. */
const NUMERAL = `(?:[${DIGIT}]|兩(?=[十百千萬]))(?:[${DIGIT}]|兩(?=[十百千萬])|${MORE_THAN}(?=[十百千萬億]))*${MORE_THAN}?`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (words: Iterable<string>) =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");

/** The groups of `QuantityMatcher.pattern`: the goods, troops or payment, the numeral, the unit. */
const GOODS = 1;
const TROOPS_WORD = 2;
const PAYMENT = 3;
const NUMERAL_GROUP = 4;
const UNIT = 5;

interface QuantityMatcher {
  pattern: RegExp;
  commodities: ReadonlyMap<string, string>;
  units: ReadonlyMap<string, string>;
  /**
   * For each UTF-16 code unit, its classes (`NUMERAL_START`, `NOUN_CHAR`, `DIGIT_CHAR`,
   * `AFTER_DIGITS`); `null` when a numeral may start with a character of the words before it
   * (then the search cannot skip ahead to the numerals).
   */
  chars: Uint8Array | null;
  /** True when no `AFTER_DIGITS` character is a digit: a bare run of digits may be passed over. */
  bareDigits: boolean;
}

/** A numeral may start with the character. */
const NUMERAL_START = 1;
/** The character may stand in the words before a numeral (goods, troops, payments, links). */
const NOUN_CHAR = 2;
/** A digit (`兩` is not: it may be the unit). */
const DIGIT_CHAR = 4;
/** After a run of digits, the character may go on with the quantity: `兩`, `餘`, `屯` or a unit. */
const AFTER_DIGITS = 8;

/** The characters a numeral may start with (`NUMERAL_START`), in a table of its own for the scan. */
const NUMERAL_STARTS = codeUnitSet(`${DIGIT}兩`);

/** The classes of the characters of the pattern: see `QuantityMatcher.chars`. */
function charClasses(nouns: Iterable<string>, units: Iterable<string>): Uint8Array | null {
  const table = new Uint8Array(0x10000);
  for (const c of `${DIGIT}兩`) table[c.charCodeAt(0)]! |= NUMERAL_START;
  for (const c of DIGIT) table[c.charCodeAt(0)]! |= DIGIT_CHAR;
  for (const word of nouns) for (let i = 0; i < word.length; i++) table[word.charCodeAt(i)]! |= NOUN_CHAR;
  for (const word of [...units, "兩", MORE_THAN, STATIONED]) table[word.charCodeAt(0)]! |= AFTER_DIGITS;
  for (const bits of table)
    if ((bits & (NUMERAL_START | NOUN_CHAR)) === (NUMERAL_START | NOUN_CHAR)) return null;
  return table;
}

function compile(authority: Authority): QuantityMatcher {
  const cached = authority.cache.get("quantities") as QuantityMatcher | undefined;
  if (cached) return cached;
  const commodities = new Map<string, string>();
  for (const c of authority.ofKind("commodity"))
    for (const name of [c.name, ...c.aliases.map((a) => a.name)]) commodities.set(name, c.id);
  const units = new Map<string, string>();
  for (const u of authority.ofKind("unit"))
    for (const name of [u.name, ...u.aliases.map((a) => a.name)]) units.set(name, u.id);
  const goods = alternation(commodities.keys());
  // Numbered groups (see `GOODS`…`UNIT`): named ones would cost an object per match.
  const noun = `((?:${goods})(?:${IDEOGRAPHIC_COMMA}(?:${goods}))*)|(${alternation(TROOPS.keys())})|(${alternation(PAYMENTS)})(?:之數)?`;
  const pattern = new RegExp(`(?:(?:${noun})${LINKS})?(${NUMERAL})(${alternation(units.keys())})?`, "gu");
  const chars = charClasses(
    [
      ...commodities.keys(),
      IDEOGRAPHIC_COMMA,
      ...TROOPS.keys(),
      ...PAYMENTS,
      "之數",
      LINKS.slice(1, LINKS.indexOf("]")),
    ],
    units.keys(),
  );
  const bareDigits =
    chars !== null &&
    !chars.some((bits) => (bits & (DIGIT_CHAR | AFTER_DIGITS)) === (DIGIT_CHAR | AFTER_DIGITS));
  const matcher = { pattern, commodities, units, chars, bareDigits };
  authority.cache.set("quantities", matcher);
  return matcher;
}

const WAN = "萬".charCodeAt(0);
const YI = "億".charCodeAt(0);

/** The value of a numeral as matched (`十餘萬` → 100000), the lower bound when it has 餘. */
function numeralValue(numeral: string): number | null {
  let digits = numeral.includes(MORE_THAN) ? numeral.replaceAll(MORE_THAN, "") : numeral;
  // A bare 萬 or 億 (`萬里`, `萬人`) is one of them.
  const first = digits.charCodeAt(0);
  if (first === WAN || first === YI) digits = `一${digits}`;
  return parseChineseNumber(digits);
}

/**
 * Finds the quantities of a text.
 *
 * @param text a headline, detail or note
 * @param authority the commodities and units to recognise
 * @returns the quantities in text order, offsets relative to `text`
 * @example
 * findQuantities("歲賜絹十萬匹、茶三萬斤", authority).map((q) => [q.raw, q.amount, q.commodity, q.unit])
 * //=> [["絹十萬匹", 100000, "commodity:juan", "unit:pi"], ["茶三萬斤", 30000, "commodity:cha", "unit:jin"]]
 */
export function findQuantities(text: string, authority: Authority): FoundQuantity[] {
  const { pattern, commodities, units, chars, bareDigits } = compile(authority);
  const out: FoundQuantity[] = [];
  let from = 0;
  const length = text.length;
  while (from < length) {
    // Every match holds a numeral, and only the words before it stand between its start and the
    // numeral: the search may start at the run of such characters before the next numeral.
    let at = from;
    if (chars !== null) {
      while (at < length && NUMERAL_STARTS[text.charCodeAt(at)] === 0) at++;
      if (at === length) break;
      const numeralAt = at;
      while (at > from && chars[text.charCodeAt(at - 1)]! & NOUN_CHAR) at--;
      // Digits with no word before them and nothing after them that goes on with a quantity
      // (`三年`, `十月`) would match as a bare numeral, which is no quantity: pass over them.
      if (bareDigits && at === numeralAt && chars[text.charCodeAt(at)]! & DIGIT_CHAR) {
        let end = at + 1;
        while (end < text.length && chars[text.charCodeAt(end)]! & DIGIT_CHAR) end++;
        if (end === text.length || !(chars[text.charCodeAt(end)]! & AFTER_DIGITS)) {
          from = end;
          continue;
        }
      }
    }
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (m === null) break;
    const matchEnd = m.index + m[0].length;
    from = matchEnd;
    const goodsWords = m[GOODS];
    const troops = m[TROOPS_WORD];
    const payment = m[PAYMENT];
    const unitWord = m[UNIT];
    let start = m.index;
    let goods: string[] | null = null;
    let noun: string | null = troops ?? payment ?? null;
    if (goodsWords !== undefined) {
      goods = goodsWords.includes(IDEOGRAPHIC_COMMA) ? goodsWords.split(IDEOGRAPHIC_COMMA) : [goodsWords];
      // A list of goods starts after punctuation or a verb of giving: in `銀鞍勒馬、銀二萬兩` the
      // 馬 belongs to the saddled horse, not to the silver counted.
      while (goods.length > 1) {
        const before = text[start - 1];
        if (before === undefined || !HAN_CHAR.test(before) || LIST_OPENERS[before.charCodeAt(0)] === 1) break;
        start += goods[0]!.length + IDEOGRAPHIC_COMMA.length;
        goods = goods.slice(1);
      }
      noun = goods.length === 1 ? goods[0]! : goods.join(IDEOGRAPHIC_COMMA);
    }
    if (noun === null && INDEFINITE[text.charCodeAt(start - 1)] === 1) continue;
    let unit = unitWord === undefined ? null : units.get(unitWord)!;
    // 分 (a tenth of a 寸) only right after a length in 寸: `方二寸一分`.
    const previous = out.length === 0 ? undefined : out[out.length - 1]!;
    const strayFen = unit === "unit:fen" && !(previous?.unit === "unit:cun" && previous.end === start);
    if (strayFen) {
      if (noun === null) continue;
      unit = null;
    }
    let rule: FoundQuantity["rule"];
    if (goods !== null) rule = "goods";
    else if (troops !== undefined) {
      rule = "troops";
      unit ??= TROOPS.get(troops) ?? null;
    } else if (payment !== undefined) rule = "payment";
    else if (unit !== null) rule = "unit";
    else if (text.charCodeAt(matchEnd) === STATIONED_CODE) rule = "stationed";
    else continue;
    const numeral = m[NUMERAL_GROUP]!;
    const amount = numeralValue(numeral);
    if (amount === null) continue;
    // Without a unit, small numbers are ordinals or counts of other things (`兵三路`).
    if (unit === null && amount < 10) continue;
    const end = strayFen ? matchEnd - unitWord!.length : matchEnd;
    const goodsIds: string[] = [];
    if (goods !== null) for (const word of goods) goodsIds.push(commodities.get(word)!);
    out.push({
      start,
      end,
      raw: text.slice(start, end),
      numeral,
      amount,
      approximate: numeral.includes(MORE_THAN),
      commodity: goodsIds.length === 1 ? goodsIds[0]! : null,
      commodities: goodsIds,
      unit,
      noun,
      rule,
    });
  }
  return out;
}
