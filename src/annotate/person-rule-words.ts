/**
 * The words the person rules read names by: characters that never stand in a name, words for
 * unnamed people, the last characters of places and offices, and the offices written after a place.
 */
import { codeUnitSet } from "../text/code-units.ts";
import { foldedSet, withFolded } from "./internal/folded-set.ts";

/**
 * Characters that never stand inside a name in these rules: verbs and particles that follow or
 * precede names (`梁適使延州`, `張延壽等如宋`, `孫甫言`, `王克基副之`, `孫亷趨鄜延`, `喬叙數遣人`,
 * `宗絳封吳國公`), the verbs of a dismissal (`太常少卿孫琳罷`, `趙諴奪一官`, `坐舉官不當`) and 假 (acting: `謝亮假太常卿`). 問 and 兼 stand in names (呂嘉問, 劉兼濟): 兼 ends a name only before an office,
 * see `surnameNameEnd`.
 */
const STOP_WORDS =
  "使言奏曰等與及以為爲來至如往還入出率將知侵掠攻擊圍戰執殺亦又乃既遂則之者所於于在請乞上卒死見謂而其皆並俱同共復再自詣持奉齎赴遣命召拜授除領伐討歸降叛附獻貢不已也矣焉哉乎時今昔嘗因深累曾副對答訖封趨數罷奪坐貶假";
export const STOP = new Set([
  // The same words as simplified text writes them too (为, 来, 与, 将, 请), and 䓁, the 四庫 texts' 等.
  ...withFolded(STOP_WORDS),
  "䓁",
]);

/**
 * Verbs of narrative that follow a commander's or an official's name and are almost never a given
 * name's character (three of the 4,800 names and aliases of data/authority hold one, alone): to
 * raid, shut up, question, forbid, instruct, capture, behead, resist, relieve, rescue, flee, run,
 * drive out, lure, defeat, be defeated, say of, replace, recommend, blame, impeach, compose,
 * examine, pursue, memorialise, turn against, fine, call, suffer, besiege, escape, fall upon,
 * burn, massacre, raid, take, hold, build, garrison, station, send, answer, confer posthumously
 * (`縳牙校趙光祚襲其營帳`, `為大校趙光嗣閉於别室`, `遣西京左藏庫副使何次公詰之`). After a name of two they end
 * it (`侍御史王耿追一官`); in the third place after a given name's character they close a name of three.
 * A one-character given name may be one of them (王援, 陳稱, 李撰): they end no name of two.
 */
export const NARRATIVE_VERB_CHARS =
  "襲閉詰禁諭擒斬拒援救奔走逐誘破敗謂代薦責劾撰按追疏反罰稱被圍遁掩焚屠寇陷取據築屯戍駐遺對贈會㑹";

/**
 * Words for unnamed people that the rules must not take for names: officials and envoys as a body
 * (`遣百僚詣館弔`, `群臣`), an unnamed messenger (`遣一介往延州`, "a single man") and attendants
 * (`左右`), the left and right ministers as a pair (`左右丞`, `左右僕射`), a boy (`以童子蔡伯希為秘書省正字`), mourning dress (`成服`), a persuader (`辯士`), gold and silver (`金銀`), to announce a death (`告哀`) and to escort gifts (`押賜`), 管勾 (to take charge of: `專管勾籠竿城事`) and 龍圖 (of 龍圖閣: `遷補龍圖昭文館`).
 */
export const NOT_NAMES = new Set([
  "百僚",
  "百官",
  "群臣",
  "羣臣",
  "一介",
  "左右",
  "近臣",
  "將帥",
  "邊吏",
  "疆吏",
  "大臣",
  "北使",
  "使人",
  "使者",
  "諜者",
  "將佐",
  "將校",
  "臣僚",
  "左右丞",
  "童子",
  "成服",
  "辯士",
  "金銀",
  "告哀",
  "押賜",
  "左右僕射",
  "管勾",
  "龍圖",
  // Words that open with a surname: to discuss (`商量`), to send a dispatch (`申牒`, `關牒`), a
  // forefather (`祖考`, `曾祖考`), always and earnestly (`常切`, `丁寧`), the first month of a season
  // (`孟秋薦饗太廟`), memorials (`章疏`), the imperial clan (`宗室`), to admonish (`申飭`), to be
  // demoted (`左遷`), the ancestors (`祖宗`), the robes of Daoists and commoners (`黄衣`, `布衣`), the
  // start of ranks (`左朝` of 左朝散郎), a term served out (`任滿`), to escort (`管押`), an edict on hemp
  // paper (`麻制`), the altar of Earth (`方丘`), the guards (`衛士`), to accuse (`陳告`), and the
  // empress dowager's birthday (`坤成節`).
  ...["商量", "申牒", "關牒", "祖考", "曾祖考", "常切", "丁寧", "孟春", "孟夏", "孟秋", "孟冬"],
  ...["章疏", "宗室", "申飭", "左遷", "祖宗", "黄衣", "布衣", "左朝", "任滿", "管押", "麻制"],
  ...["方丘", "衛士", "陳告", "坤成"],
]);

/**
 * The last characters of places, offices and buildings, never of a name: `知蘇州吳縣` holds no
 * person 吳縣, nor `同判司農寺` one 司農寺, nor `薦享于景靈宫` one 景靈宫; 監 ends offices (`國子監`) or
 * stands as a verb after a name (`職方員外郎陳覃監潭州税`).
 */
export const PLACE_OR_OFFICE_ENDS = foldedSet("州縣軍府寨堡寺院司宫宮殿廟監");

/** The heavenly stems and earthly branches, which write a sexagenary day. */
export const STEMS = codeUnitSet("甲乙丙丁戊己庚辛壬癸");
export const BRANCHES = codeUnitSet("子丑寅卯辰巳午未申酉戌亥");

/**
 * Offices written after a place or a 軍 name (`武安節度使`, `嘉州團練使`): the characters before
 * them are that place, not the end of a name.
 */
export const AFTER_A_PLACE = new Set([
  "節度使",
  "觀察使",
  "防禦使",
  "團練使",
  "留後",
  "觀察留後",
  "節度觀察留後",
]);

/** After the names of a body of men employed together: 等 and 輩 (軰 in the 四庫 texts: `以嵬名守全張陟張綘楊廓徐敏宗張文顯輩主謀議`). */
export const BODY_ENDS = foldedSet("等輩軰");
