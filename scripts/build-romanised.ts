/**
 * Writes web/src/data/romanised.json: the pinyin of every era name of 北宋, 南宋, 遼, 西夏 and 金
 * (from the calendar, data/calendar/), for the romanised form of "cite this entry". The syllables
 * come from pinyin-pro's dictionary, with the readings it gets wrong in era names corrected by
 * hand (OVERRIDES). Works and authors are in WORKS and AUTHORS, written by hand.
 *
 *   node --import tsx scripts/build-romanised.ts && npx biome format --write web/src/data/romanised.json
 */
import { writeFileSync } from "node:fs";
import { pinyin } from "pinyin-pro";
import { loadCalendar } from "../src/calendar/index.ts";

const STATES = ["北宋", "南宋", "遼", "西夏", "金"];

/** Readings pinyin-pro's default gets wrong in era names (重 chóng "again", 奲 duǒ). */
const OVERRIDES: Record<string, string[]> = {
  重和: ["chong", "he"],
  重熙: ["chong", "xi"],
  奲都: ["duo", "du"],
};

/**
 * The standard romanisations of the works and authors Biannian knows (data/works/works.json and
 * the sample), as library catalogues (Library of Congress pinyin) write them.
 */
const WORKS: Record<string, string> = {
  續資治通鑑長編: "Xu Zizhi tongjian changbian",
  宋史: "Song shi",
  遼史: "Liao shi",
  金史: "Jin shi",
  資治通鑑: "Zizhi tongjian",
  西夏紀: "Xi Xia ji",
  西夏書事: "Xi Xia shushi",
};
const AUTHORS: Record<string, string> = {
  李燾: "Li Tao",
  脫脫: "Tuotuo",
  司馬光: "Sima Guang",
  戴錫章: "Dai Xizhang",
  吳廣成: "Wu Guangcheng",
};

const calendar = loadCalendar();
const eras: Record<string, string[]> = {};
for (const id of STATES) {
  for (const era of calendar.stateById.get(id)?.eras ?? []) {
    if (!/^\p{Script=Han}+$/u.test(era.name) || eras[era.name]) continue;
    eras[era.name] = OVERRIDES[era.name] ?? pinyin(era.name, { toneType: "none", type: "array" });
  }
}
const out = {
  about:
    "Pinyin of the era names of 北宋, 南宋, 遼, 西夏 and 金 (the calendar's, data/calendar/), one syllable a character, from pinyin-pro's dictionary with 重和, 重熙 (chong) and 奲都 (duo) corrected by hand; works and authors as Library of Congress pinyin writes them. Regenerate with `node --import tsx scripts/build-romanised.ts`.",
  works: WORKS,
  authors: AUTHORS,
  eras,
};
writeFileSync(
  new URL("../web/src/data/romanised.json", import.meta.url),
  `${JSON.stringify(out, null, 1)}\n`,
);
console.log(`${Object.keys(eras).length} eras`);
