/**
 * Surnames, for telling where a name starts and ends when a rule finds a name that the
 * authority does not know (`右正言梁適使延州` → 梁 + 適) and for deriving a given name alone
 * (`楊守素` → `守素`). Common Han surnames of the Song and the clan names of the Khitan and
 * Tangut nobility; not exhaustive. Each also as simplified text writes it (张, 刘, 欧阳), so that
 * the rules read names in simplified text too.
 */
import { foldChar } from "../../search/fold.ts";

/** The characters of a name as the search folding writes them (`張` → `张`, `歐陽` → `欧阳`). */
const folded = (name: string) => [...name].map(foldChar).join("");

/**
 * Single-character surnames. Not 司, which in these texts opens the words of offices (`司天`,
 * `司農`, `監司察`) far more often than it is a surname, nor 宮 (宫 in the 四庫 texts), a palace
 * (`宫韓維`: the palace, then 韓維).
 */
const SINGLE_WRITTEN = new Set(
  [
    ..."王李張劉陳楊趙黃周吳徐孫胡朱高林何郭馬羅梁宋鄭謝韓唐馮于董蕭程曹袁鄧許傅沈曾彭呂蘇盧蔣蔡賈丁魏薛葉閻余潘杜戴夏鍾汪田任姜范方石姚譚廖鄒熊金陸郝孔白崔康毛邱秦江史顧侯邵孟龍萬段雷錢湯尹黎易常武喬賀賴龔文龐樊蘭殷施陶洪翟安顏倪嚴牛溫蘆季俞章魯葛伍韋申尤畢聶焦柳邢駱岳齊梅莫莊辛管祝左涂谷祁舒耿牟卜詹關苗凌費紀靳盛童歐甄項曲成游陽裴席衛查屈鮑位覃霍翁隋植甘景薄單包柏寧柯阮桂閔解強柴華車冉房邊辜吉饒刁瞿戚丘古米池滕晉苑鄔臧暢繆苟褚廉簡婁盤晏種种折狄富段盛符藍祖竇商桑麴髙吕黄龎叚向景聶藺扈仲路晁卞宗鞠蒲冀酈滿喻黨寇麻樂茹嵬",
  ].filter((c) => c.trim() !== ""),
);
export const SINGLE_SURNAMES = new Set([...SINGLE_WRITTEN, ...[...SINGLE_WRITTEN].map(folded)]);

/** Two-character surnames and clan names. */
const COMPOUND_WRITTEN = new Set([
  "歐陽",
  "司馬",
  "諸葛",
  "上官",
  "皇甫",
  "令狐",
  "長孫",
  "慕容",
  "宇文",
  "尉遲",
  "耶律",
  "野利",
  "嵬名",
  "沒藏",
  "拓跋",
  "拓拔",
  "万俟",
  "萬俟",
  // Han compound surnames of the Song (侍其濬, 呼延贊, 鮮于侁)
  "侍其",
  "呼延",
  "鮮于",
  "公孫",
  "夏侯",
  "淳于",
  "申屠",
  "獨孤",
  "赫連",
  // Jurchen clans of Jin, and the Khitan clans as Jin writes them (移剌, 石抹)
  "完顏",
  "徒單",
  "蒲察",
  "夾谷",
  "裴滿",
  "唐括",
  "僕散",
  "紇石",
  "烏古",
  "移剌",
  "石抹",
]);
export const COMPOUND_SURNAMES = new Set([...COMPOUND_WRITTEN, ...[...COMPOUND_WRITTEN].map(folded)]);

/** Each single surname's place in the list (the most common first), and 60 for a compound one. */
const RANKS = (() => {
  const ranks = new Map<string, number>();
  let rank = 0;
  for (const s of SINGLE_WRITTEN) {
    ranks.set(s, rank);
    ranks.set(folded(s), rank);
    rank++;
  }
  return ranks;
})();

/**
 * How uncommon the surname at `start` is: its place in the list of single surnames, most common
 * first (王 0, 李 1 …), 60 for a compound one, or -1 when none starts there.
 *
 * @example
 * surnameRankAt("張從一", 0) //=> 2
 */
export function surnameRankAt(text: string, start: number): number {
  const length = surnameLengthAt(text, start);
  if (length === 0) return -1;
  return length === 2 ? 60 : (RANKS.get(text[start]!) ?? 60);
}

/** The surname is one character (`梁` of 梁適). */
const SINGLE = 1;
/** A two-character surname may start with the character (`歐` of 歐陽修). */
const COMPOUND_START = 2;
/** For each UTF-16 code unit, its `SINGLE` and `COMPOUND_START` bits. */
const SURNAME_CODES = (() => {
  const table = new Uint8Array(0x10000);
  for (const s of SINGLE_SURNAMES) if (s.length === 1) table[s.charCodeAt(0)]! |= SINGLE;
  for (const s of COMPOUND_SURNAMES) if (s.length === 2) table[s.charCodeAt(0)]! |= COMPOUND_START;
  return table;
})();
const COMPOUNDS = [...COMPOUND_SURNAMES].filter((s) => s.length === 2);

/**
 * True when a surname, of one or two characters, may start with the UTF-16 code unit.
 *
 * @example
 * isSurnameStart("歐".charCodeAt(0)) //=> true
 */
export function isSurnameStart(code: number): boolean {
  return SURNAME_CODES[code] !== 0;
}

/**
 * The length of the known surname that starts `text` at `start`, or 0. A two-character surname
 * counts only with a character after it (`歐陽` alone is no name).
 *
 * @example
 * surnameLengthAt("以耶律宗睦為", 1) //=> 2
 * surnameLengthAt("右正言梁適", 3) //=> 1
 */
export function surnameLengthAt(text: string, start: number): number {
  if (start >= text.length) return 0;
  const kind = SURNAME_CODES[text.charCodeAt(start)]!;
  if (kind & COMPOUND_START && start + 2 < text.length)
    for (const surname of COMPOUNDS) if (text.startsWith(surname, start)) return 2;
  return kind & SINGLE ? 1 : 0;
}

/**
 * The surname of a Han-style name, if it starts with a known one.
 *
 * @example
 * surnameOf("耶律宗睦") //=> "耶律"
 * surnameOf("梁適") //=> "梁"
 * surnameOf("訛疥") //=> null
 */
export function surnameOf(name: string): string | null {
  const length = surnameLengthAt(name, 0);
  return length === 0 ? null : name.slice(0, length);
}
