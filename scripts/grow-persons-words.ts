/** The words the grow script knows are no persons' names (scripts/grow-persons.ts). */

/**
 * Words the rules take for names in these texts that are none (found by reading the result):
 * counts of troops (`數千騎`), institutions (`司農寺`), ranks cut short (`左騏驥` of 左騏驥使), a name
 * with the 權 (acting) of its office (`王祜權`), and words after an office or before a verb (`管勾`,
 * `閤門`, `邊事`, `文字`, `車駕`, `親信`), and two characters that end in a word the prose writes
 * alone (`司天` of 司天監, `錢物`, `安得`, `方欲`, `張事`), buildings (`景靈宫`), offices cut short
 * (`常少卿` of 太常少卿, `史館修` of 史館修撰, `左衛大` of 左衛大將軍), titles (`程國公`), `施行訖`
 * (carried out), `盛徳` (great virtue), `陳訴` (to petition), `王有` (the king has), `甄録` (to
 * select), `官分` (`選官分往逐路`: officials sent each to a circuit), `常平` (the ever-normal granaries),
 * `武臣` (military officials), `謝天下` (to apologise to the realm), `顧左右` (to turn to those
 * around), `許風聞` (to allow hearsay), `杜把`, halls and ranks (`龍圖閣`, `武騎尉`), the regions `江東`, `江淮` and `江浙`, `宋宣` (of 宋宣祖, the founder's father), `車服如` (carriages and robes as …), `武學教` (of 武學教授), `常從` (attendants), the tribes (`蕃部`) and the palace servants (`内臣`) as bodies, schools (`武學`, `太學`), a name with the verb after it (`熊本試`, `李淑落`, `程顥判`,
 * `吳湛來`, `邵光與`, `張靚代`), two characters opening with 宗 or 仲 (`宗暉`, `仲郃`: given names of the
 * imperial clan, whose surname 趙 the text leaves out: `濮國公宗暉`), the place `范陽`, words ending in 官 (`遣常參官詣諸州`: the officials of
 * the court audiences), to discuss (`商議`), a region of command (`方面`), a commoner (`白身`), forebears given
 * posthumous offices (`曾祖贈太保`, `祖母贈`), a name with 特 or 言 after it (`宗邈特追封`, `史利言齎文字`),
 * the ruler of 南唐 by his title (`唐主`), the king's favour (`王恩`), and `裕勒`, which opens longer
 * transcribed names (`裕勒藏嘉卜約勒`, `裕勒蔵喀木`). The words the person rules never take for names
 * (`NOT_NAMES` of src/annotate/person-rule-words.ts: `祖宗`, `左朝`, `任滿`…) are not repeated here.
 */
export const NOT_PERSONS =
  /^(?:數|幾)|^[宗仲].$|[騎兵萬千百寺院司監局所務庫殿驥使農權官大]$|^.[事人物得欲天]$|^(?:文思|莊宅|牙校|内供奉|人進奉|施行)|[宫宮殿廟訖]$|少卿$|郎中$|國公$|館|^[一二三四五六七八九十]+|^(?:管勾|閤門|軍士|金帛|邊事|邉事|邊臣|邉臣|文字|車駕|兵馬|安撫|度支|何故|古人有|章疏|章䟽|司指|左班殿|右班殿|內侍|内侍|宗室|將士|使臣|官吏|士卒|百姓|郡縣|州縣|諸路|親信|親吏|安府|盛徳|盛德|陳訴|王有|甄録|范陽|官分|常平|武臣|文臣|謝天下|顧左右|許風聞|杜把|江東|江淮|江浙|宋宣|車服如|武學教|常從|蕃部|内臣|內臣|武學|太學|國學|蕃學|商議|方面|白身|吉先|史利言|郭志言|裕勒|唐主|王恩)$|^(?:曾祖|祖母|祖父)|^.{2,}特$|[閣閤尉試落來與代判]$/;
