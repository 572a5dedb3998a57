/**
 * Surnames, for telling where a name starts and ends when a rule finds a name that the
 * authority does not know (`右正言梁適使延州` → 梁 + 適) and for deriving a given name alone
 * (`楊守素` → `守素`). Common Han surnames of the Song and the clan names of the Khitan and
 * Tangut nobility; not exhaustive.
 */

/** Single-character surnames. */
export const SINGLE_SURNAMES = new Set(
  [
    ..."王李張劉陳楊趙黃周吳徐孫胡朱高林何郭馬羅梁宋鄭謝韓唐馮于董蕭程曹袁鄧許傅沈曾彭呂蘇盧蔣蔡賈丁魏薛葉閻余潘杜戴夏鍾汪田任姜范方石姚譚廖鄒熊金陸郝孔白崔康毛邱秦江史顧侯邵孟龍萬段雷錢湯尹黎易常武喬賀賴龔文龐樊蘭殷施陶洪翟安顏倪嚴牛溫蘆季俞章魯葛伍韋申尤畢聶焦柳邢駱岳齊梅莫莊辛管祝左涂谷祁舒耿牟卜詹關苗凌費紀靳盛童歐甄項曲成游陽裴席衛查屈鮑位覃霍翁隋植甘景薄單包司柏寧柯阮桂閔解強柴華車冉房邊辜吉饒刁瞿戚丘古米池滕晉苑鄔臧暢宮繆苟褚廉簡婁盤晏種种折狄富",
  ].filter((c) => c.trim() !== ""),
);

/** Two-character surnames and clan names. */
export const COMPOUND_SURNAMES = new Set([
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
]);

/**
 * The surname of a Han-style name, if it starts with a known one.
 *
 * @example
 * surnameOf("耶律宗睦") //=> "耶律"
 * surnameOf("梁適") //=> "梁"
 * surnameOf("訛疥") //=> null
 */
export function surnameOf(name: string): string | null {
  const two = name.slice(0, 2);
  if (name.length > 2 && COMPOUND_SURNAMES.has(two)) return two;
  const one = name.slice(0, 1);
  return SINGLE_SURNAMES.has(one) ? one : null;
}
