/**
 * The transcriptions the 四庫 texts give Khitan, Jurchen, Mongol and Tangut names, for the person
 * rules (`person-rules.ts`): which characters they use, where such a name ends, and the office that
 * may follow one.
 */
import { foldedSet } from "./internal/folded-set.ts";
import { firstAtOrAfter, readingCharAt, readingCharBefore, type SegmentFacts } from "./person-rule-facts.ts";

/**
 * The characters of the transcriptions the 四庫 texts give Khitan, Jurchen, Mongol and Tangut names
 * (the spellings of the Qianlong revision: 鄂羅木, 通特古斯, 瑪尼策多克, 嘉勒斯賚), and those of them
 * seldom found in Chinese words. Read from the transcribed names of 遼史 and 長編.
 */
const TRANSCRIBED = foldedSet(
  "阿額伊烏鄂諾哈喀噶嘎克特德圖托塔達逹巴博布拉勒埒哩里嚕魯羅囉瑪莽墨穆木納訥尼努薩蘇碩舒沙錫實齊濟琳璘珠卓綽扎札嘉吉岱泰台雅約琿渾和呼斡鼐密敏奇楚察策爾斯古固庫通展章罕都格遜默伯贊隆楞鼎堅丹星昂果綳僧蘭必沁旺多赫紐徹色賚結凌裕囊坦滿登辰卜桑宻津朗富",
);
const TRANSCRIBED_ONLY = foldedSet("噶嘎嚕哩囉琿鄂薩埒訥鼐瑪喀爾斯勒碩錫濟琳璘綽扎岱罕賚");
/** The fewest and most characters of a transcribed name. */
const TRANSCRIBED_MIN = 2;
const TRANSCRIBED_MAX = 5;

/**
 * Where a transcribed name that starts at `start` ends: a run of two to five characters of
 * `TRANSCRIBED`, with no such character after it (or an office the records know, given the
 * segment's `facts`), and (unless `anyCharacters`) one at least of `TRANSCRIBED_ONLY`; -1 when
 * none does.
 */
export function transcribedNameEnd(
  text: string,
  start: number,
  anyCharacters = false,
  facts?: SegmentFacts,
): number {
  let i = start;
  let n = 0;
  let strong = anyCharacters;
  while (i < text.length && TRANSCRIBED[text.charCodeAt(i)] === 1) {
    // An office the records know ends the name (`左伊勒希巴埒富特哩衮`: 特哩衮 is the next office).
    if (n >= TRANSCRIBED_MIN && facts?.startsOffice(i)) break;
    if (++n > TRANSCRIBED_MAX) return -1;
    if (TRANSCRIBED_ONLY[text.charCodeAt(i)] === 1) strong = true;
    i = readingCharAt(text, i + 1);
  }
  return n >= TRANSCRIBED_MIN && strong ? readingCharBefore(text, i) + 1 : -1;
}

/**
 * True when an office starts at `at`, or after a place the records know or up to five characters
 * of the transcriptions (the tribe or the place of the office: `渤海都指揮使`, `哈斯罕都大王`).
 */
export function officeAfterTranscribed(facts: SegmentFacts, at: number): boolean {
  const { text } = facts.segment;
  let i = at;
  for (let n = 0; n <= TRANSCRIBED_MAX && i < text.length; n++) {
    if (facts.startsOffice(i)) return true;
    const place = placeAt(facts, i);
    if (place !== -1) i = readingCharAt(text, place);
    else if (TRANSCRIBED[text.charCodeAt(i)] === 1) i = readingCharAt(text, i + 1);
    else return false;
  }
  return false;
}

/** The end of a place or polity the records know that starts at `offset`, or -1. */
function placeAt(facts: SegmentFacts, offset: number): number {
  const { candidates } = facts;
  for (let k = firstAtOrAfter(candidates, offset); k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c.start > offset) break;
    if (c.senses.some((s) => s.kind === "place" || s.kind === "polity")) return c.end;
  }
  return -1;
}
