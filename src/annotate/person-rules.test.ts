import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as OpenCC from "opencc-js/t2cn";
import { readChronicle } from "../pipeline.ts";
import { loadAuthority } from "./authority/index.ts";
import { compileDictionary } from "./dictionary.ts";
import type { Segment } from "./internal/segments.ts";
import { findNewPersons, PERSON_RULES } from "./person-rules.ts";
import { findCandidates } from "./recognize.ts";

// The hand-made records only: the persons grown from 長編 would know the names these tests find by rule.
const dictionary = compileDictionary(loadAuthority({ grown: false }));

/** The names the person rules find in one headline. */
function newPersons(text: string) {
  const segment: Segment = { field: "headline", start: 0, text, excluded: [], quotes: [] };
  const candidates = findCandidates(segment, 0, { dictionary, documentNames: null });
  return findNewPersons({ segment, candidates });
}

test("an envoy's name may end in 言 when the envoy's verb follows: 遣賀九言至", () => {
  assert.deepEqual(newPersons("元昊再遣賀九言至"), [{ start: 4, end: 7, name: "賀九言", rule: "envoy" }]);
});

// 長編 卷一百二十六 (康定元年): a given name that opens with a stop character.
test("office-name: a given name that opens with 執, 及, 奉, 之 or 同 before a verb that closes it (陳執中言)", () => {
  assert.deepEqual(newPersons("同知樞密院事陳執中言元昊"), [
    { start: 6, end: 9, name: "陳執中", rule: "office-name" },
  ]);
  // 中書白執政請: to report to the councillors (長編 卷一百八十三), no person 白執政.
  assert.deepEqual(newPersons("景初數詣中書白執政請出青"), []);
});

// 長編 卷九十二 and 卷四百五十: a one-character given name that is a stop character.
test("office-name: a given name of 將, 授, 及 or 復 only before a verb of speaking, 為 or 等 (知秦州李及言)", () => {
  assert.deepEqual(newPersons("知秦州李及言得囬鶻九部"), [
    { start: 3, end: 5, name: "李及", rule: "office-name" },
  ]);
  // `假使許將之言`: 之 does not close a name (the records know 許將; the rule reads none here).
  assert.deepEqual(newPersons("假使許將之言一出於己"), []);
});

// 長編 卷三 (KR2b0019_007): a Jurchen envoy in the transcriptions of the 四庫 texts; 遣使 before a
// word that is no name (`遣使奉表`) names no one.
test("after 遣使, a name in the transcriptions is the envoy's: 遣使濟古爾來修貢", () => {
  assert.deepEqual(newPersons("庚辰女真國遣使濟古爾來修貢"), [
    { start: 7, end: 10, name: "濟古爾", rule: "envoy" },
  ]);
  assert.deepEqual(newPersons("庚辰女真國遣使奉表來修貢"), []);
  assert.deepEqual(newPersons("庚辰夏國遣使和市"), []);
});

// 遼史 卷十九 (KR2a0033_019 e42): an appointment in charge of an office the records do not hold.
test("after 知…事, a name in the transcriptions is the appointee's: 同知元帥府事罕巴; not after 事 alone", () => {
  const found = newPersons("北府宰相同知元帥府事罕巴南院大王耶律喇實");
  assert.ok(
    found.some((f) => f.name === "罕巴" && f.rule === "office-transliterated"),
    JSON.stringify(found),
  );
  assert.ok(!newPersons("其事罕巴為之").some((f) => f.name === "罕巴"));
});

// 遼史 卷十九 (KR2a0033_019 e157): a list of appointments without marks, each name ended by the
// next man's office.
test("a transcribed name ends where an office the records know begins: 左伊勒希巴埒富特哩衮", () => {
  const found = newPersons("左伊勒希巴埒富特哩衮漢人行宫都部署");
  assert.ok(
    found.some((f) => f.name === "埒富" && f.rule === "office-transliterated"),
    JSON.stringify(found),
  );
  assert.ok(!found.some((f) => f.name.startsWith("埒富特")), JSON.stringify(found));
});

// 宋史 卷四百八十五 (KR2a0032_485 e2) and 長編 卷六十五 (KR2b0019_069): 會 (㑹), to assemble or to
// meet, ends a name as the verbs of narrative do.
test("會 after a name is a verb: 部將李彞玉㑹諸鎭兵, 知州何䝉㑹飲", () => {
  assert.ok(newPersons("彞興遣部將李彞玉㑹諸鎭兵禦之").some((f) => f.name === "李彞玉"));
  const found = newPersons("至太平與知州何䝉㑹飲");
  assert.ok(
    found.some((f) => f.name === "何䝉"),
    JSON.stringify(found),
  );
  assert.ok(!found.some((f) => f.name === "何䝉㑹"), JSON.stringify(found));
});

// 宋史 卷四百八十五 (KR2a0032_485 e14): a Tangut name of the 嵬 clan after an office.
test("嵬 opens a Tangut name after an office (蕃部廵檢嵬通攻破後橋諸堡), as 嵬名 does", () => {
  const found = newPersons("慶州柔遠砦蕃部廵檢嵬通攻破後橋諸堡");
  assert.ok(
    found.some((f) => f.name === "嵬通"),
    JSON.stringify(found),
  );
  assert.ok(!found.some((f) => f.name.startsWith("嵬通攻")), JSON.stringify(found));
});

// 宋史 卷四百八十五 (KR2a0032_485 e14): 張文 is a person grown from 長編, 張文顯 a Xia minister
// listed up to 輩; 長編's 韓鐸 before 各言 stays 韓鐸.
test("a rule's name longer than a grown person's of a one-character surname stands when 輩 or 等 closes it", () => {
  const grown = compileDictionary(loadAuthority());
  const find = (text: string) => {
    const segment: Segment = { field: "headline", start: 0, text, excluded: [], quotes: [] };
    return findNewPersons({
      segment,
      candidates: findCandidates(segment, 0, { dictionary: grown, documentNames: null }),
    });
  };
  assert.ok(find("以楊廓徐敏宗張文顯輩主謀議").some((f) => f.name === "張文顯"));
  assert.ok(!find("韓鐸各言其事").some((f) => f.name === "韓鐸各"));
});

// 宋史 卷四百八十五 (KR2a0032_485 e22) and 長編 卷六十 (KR2b0019_064): an envoy's name across a
// printed line; the men sent (`子弟`) across one are no name.
test("an envoy's name is read across a printed line (遣吳¶宗等來賀), a word for men sent is not (遣子弟¶入宿衛)", () => {
  assert.ok(newPersons("既而遣吳¶\n宗等來賀英宗即位").some((f) => f.name === "吳宗" && f.rule === "envoy"));
  assert.deepEqual(newPersons("止居平夏遣子弟¶\n入宿衛"), []);
});

// 長編 卷七 (KR2b0019_010), 卷三十 (KR2b0019_034) and 卷一百三十八 (孫抗): a printed line breaks a
// name of three as often as it follows one; the name ends where the same words would end it on one line.
test("a name after an office is read across a printed line: 都監朱光¶緒將, 都廵檢尹繼¶倫率領; 知州孫抗¶數以為言", () => {
  assert.ok(newPersons("全斌遣馬軍都監朱光¶\n緒將七百騎徃招撫之").some((f) => f.name === "朱光緒"));
  assert.ok(!newPersons("全斌遣馬軍都監朱光¶\n緒將七百騎徃招撫之").some((f) => f.name === "朱光"));
  assert.ok(newPersons("崇儀使北面緣邊都廵檢尹繼¶\n倫率領歩騎千餘人").some((f) => f.name === "尹繼倫"));
  const found = newPersons("知州孫抗¶\n數以為言");
  assert.ok(
    found.some((f) => f.name === "孫抗"),
    JSON.stringify(found),
  );
});

// 宋史 卷四百八十五 (KR2a0032_485 e22): a name listed after known men, before the verb they share.
test("listed-with: a name right after a known man's, before a verb they share (程戡王素孫長卿諭); not before another word", () => {
  assert.ok(
    newPersons("以萬計程戡王素孫長卿諭安諸族首領").some(
      (f) => f.name === "孫長卿" && f.rule === "listed-with",
    ),
  );
  assert.ok(!newPersons("以萬計程戡王素孫長卿安撫諸族首領").some((f) => f.name.startsWith("孫長")));
  // 長編 卷一百二十五 (KR2b0019_129): 范杲 (a person grown from 長編) and his grandson 軫, before 為.
  const grown = compileDictionary(loadAuthority());
  const segment: Segment = {
    field: "headline",
    start: 0,
    text: "右諌議大夫范杲孫軫為郊社齋郎",
    excluded: [],
    quotes: [],
  };
  const found = findNewPersons({
    segment,
    candidates: findCandidates(segment, 0, { dictionary: grown, documentNames: null }),
  });
  assert.ok(!found.some((f) => f.name === "孫軫"), JSON.stringify(found));
});

test("言 after a name is still the speaker's verb when no envoy's verb follows: 張存言", () => {
  assert.deepEqual(newPersons("張存言：「元昊不可信。」"), [
    { start: 0, end: 2, name: "張存", rule: "speech" },
  ]);
});

test("the 長編 names the Xia envoy 賀九言 whole, and no 賀九 besides", () => {
  const url = new URL("../../corpus/changbian/KR2b0019_143.txt", import.meta.url);
  const text = readFileSync(url, "utf8");
  const start = text.indexOf("再遣賀九言至") + 2;
  const { tree, records } = readChronicle(text);
  const mentions = records.flatMap((r) => r.mentions).filter((m) => m.start === start);
  // The person grown from 長編 (卷125 and 卷139 name him: 遣賀九言齎嫚書, 遣賀九言至), or, without
  // that record, the person the rules find in this juan.
  const grown = loadAuthority()
    .ofKind("person")
    .find((p) => p.name === "賀九言");
  assert.deepEqual(mentions, [
    {
      kind: "person",
      start,
      end: start + 3,
      text: "賀九言",
      field: "headline",
      rule: "name",
      ref: grown?.id ?? "person:provisional:賀九言",
      form: "name",
      provisional: true,
    },
  ]);
  const names = tree.data?.annotation?.provisional.map((p) => p.name) ?? [];
  assert.ok(!names.includes("賀九"), "expected no provisional person 賀九");
});

test("a body of officials or an unnamed messenger sent is no envoy's name: 遣百僚詣館弔, 遣一介往延州", () => {
  assert.deepEqual(newPersons("廢朝遣百僚詣館弔其來使"), []);
  assert.deepEqual(newPersons("伏望遣一介往延州令龎籍力争"), []);
  assert.deepEqual(newPersons("遣左右往視之"), []);
});

test("a speaker's name broken by a printed line is not cut to its end: 議歐¶\\n陽修亦言", () => {
  assert.deepEqual(newPersons("然朝廷初無大斤議歐¶\n陽修亦言昨者西賊来通和"), []);
  assert.deepEqual(newPersons("議歐¶\n<pb:KR2b0019_WYG_153-10a>¶\n陽修亦言"), []);
  // At the start of the text, or after punctuation across the line, the name stands alone.
  assert.deepEqual(newPersons("初無大斤議。¶\n張存亦言"), [
    { start: 8, end: 10, name: "張存", rule: "speech" },
  ]);
});

test("the 長編 juan 153 has no provisional persons 陽修, 百僚 or 一介", () => {
  const url = new URL("../../corpus/changbian/KR2b0019_153.txt", import.meta.url);
  const { tree } = readChronicle(readFileSync(url, "utf8"));
  const names = tree.data?.annotation?.provisional.map((p) => p.name) ?? [];
  for (const wrong of ["陽修", "百僚", "一介"])
    assert.ok(!names.includes(wrong), `expected no provisional ${wrong}`);
});

/**
 * Each person rule with a passage of 長編 it must read (and the name it reads there) and one it
 * must not read a name in, each with where it comes from (Kanripo file, juan).
 */
const RULE_CASES: Record<string, { match: [string, string, string]; miss: [string, string, string] }> = {
  "office-name": {
    match: ["閤門通事舍人符惟忠副之", "符惟忠", "KR2b0019_127, 卷123"],
    // 武安 is the place of the office 武安節度使 that follows it, not a name.
    miss: ["乙亥宣徽南院使武安節度使", "武安", "KR2b0019_211, 卷207"],
  },
  "office-transliterated": {
    match: ["路内附偽團練使鄂齊爾為懐化將軍", "鄂齊爾", "KR2b0019_139, 卷135"],
    // 伊勒希巴 (夷離畢) is an office written in a transcription: no name.
    miss: ["特哩衮楚王伊勒希巴是其", "伊勒希巴", "KR2b0019_154, 卷150"],
  },
  "transliterated-appointed": {
    match: ["遣使賻䘏其家以斯多特為鹽州防禦使", "斯多特", "KR2b0019_062, 卷58"],
    // 沙阿 is the line of a border here (`以沙阿為界`): no office after 為, no name.
    miss: ["首領商量分定以沙阿為界委官標", "沙阿", "KR2b0019_298, 卷294"],
  },
  envoy: {
    match: ["是月元昊復遣賀九言齎嫚書納旌節", "賀九言", "KR2b0019_129, 卷125"],
    miss: ["伏望遣一介往延州令龎籍力争", "一介", "KR2b0019_153, 卷149"],
  },
  speech: {
    match: ["范雍言自昊賊不臣", "范雍", "KR2b0019_129, 卷125"],
    miss: ["然朝廷初無大斤議歐¶\n陽修亦言", "陽修", "KR2b0019_153, 卷149"],
  },
  governs: {
    match: ["卒修城也(王守琪知隴州不知在何時", "王守琪", "KR2b0019_128, 卷124"],
    // A sexagenary day opens the item: 辛未 is a date.
    miss: ["辛未知廬州祠部郎中", "辛未", "KR2b0019_129, 卷125"],
  },
  appointed: {
    match: ["西塘泊自何承矩以黄懋為判官始開置", "黄懋", "KR2b0019_116, 卷112"],
    miss: ["不知陛下用臣以何為職業", "何為", "KR2b0019_239, 卷235"],
  },
  listed: {
    match: ["奪門幾入髙遵裕遣李臨安鼎齎¶\n劄子且曰", "李臨", "KR2b0019_322, 卷318"],
    // 錢斛 (money and grain) ends the run: goods, not a name, so the run is no list.
    miss: ["糧種五石以經略司常平錢斛充¶\n今新展格虎山", "錢斛", "KR2b0019_490, 卷486"],
  },
  "listed-with": {
    match: ["琦又言本朝何亮劉平各言西事", "何亮", "KR2b0019_209, 卷205"],
    // 直史館 is an office before 梁適; 史 opens words (史館) more often than it is a surname.
    miss: ["乙丑右正言直史館梁適同", "史館", "KR2b0019_136, 卷132"],
  },
  "prefect-name": {
    match: ["丁巳復太常博士知楚州孫沔為監察御史", "孫沔", "KR2b0019_131, 卷127"],
    // 江安縣 is a county: a name never ends in 縣.
    miss: ["知瀘州江安縣奉職文信", "江安縣", "KR2b0019_085, 卷81"],
  },
};

test("every person rule has a passage it must read and one it must not", () => {
  for (const rule of PERSON_RULES) {
    const c = RULE_CASES[rule.name];
    assert.ok(c, `no case for the rule ${rule.name}`);
    const [text, name, where] = c.match;
    assert.ok(
      newPersons(text).some((f) => f.name === name && f.rule === rule.name),
      `${rule.name} must read ${name} in ${text} (${where}): ${JSON.stringify(newPersons(text))}`,
    );
    const [other, wrong, whereMiss] = c.miss;
    assert.ok(
      !newPersons(other).some((f) => f.name.includes(wrong) || wrong.includes(f.name)),
      `${rule.name} must not read ${wrong} in ${other} (${whereMiss}): ${JSON.stringify(newPersons(other))}`,
    );
  }
});

test("a name broken by a printed line is read whole, and written without the layout (KR2b0019_128, 卷124)", () => {
  const found = newPersons("知慶州禮賔使張崇俊言知豐州王¶\n餘慶之祖承美本蔵擦勒族首領");
  assert.deepEqual(
    found.filter((f) => f.start > 10),
    [{ start: 13, end: 18, name: "王餘慶", rule: "office-name" }],
  );
});

test("a name ends where a place the records know begins: 右侍禁賈慶柔逺寨監押 (KR2b0019_130, 卷126)", () => {
  assert.ok(
    newPersons("東谷寨主右侍禁賈慶柔逺寨監押").some((f) => f.name === "賈慶"),
    JSON.stringify(newPersons("東谷寨主右侍禁賈慶柔逺寨監押")),
  );
});

// 長編 卷二百五 (治平四年): 韓琦 names two men who wrote on the west, the known 劉平 and 何亮.
test("listed-with: a name right before a known person's, the two before 各 (本朝何亮劉平各言西事)", () => {
  assert.deepEqual(newPersons("琦又言本朝何亮劉平各言西事"), [
    { start: 5, end: 7, name: "何亮", rule: "listed-with" },
  ]);
});

// 長編 卷五十八 (KR2b0019_062): a list of envoys without marks, each name ended by the next man's
// office (`遣都官員外郎王礪秘書丞許洞殿中丞皇甫選`).
test("office-name: a name ends where the next man's office of three characters begins (長編 卷58)", () => {
  assert.deepEqual(newPersons("遣都官員外郎王礪秘書丞許洞殿中丞皇甫選"), [
    { start: 6, end: 8, name: "王礪", rule: "office-name" },
    { start: 11, end: 13, name: "許洞", rule: "office-name" },
    { start: 16, end: 19, name: "皇甫選", rule: "office-name" },
  ]);
});

// 長編 卷二百九十六 (KR2b0019_300): `司門員外郎徐大方奪兩官虞部員外郎孫純奪一官並勒停`: 奪 (to strip
// of ranks) closes a name; 卷一百三 (KR2b0019_107): `職方員外郎陳覃監潭州税`: 監 (to supervise) is
// no name's last character.
test("office-name: the verbs of a dismissal close a name, and no name ends in 監 (長編 卷296, 卷103)", () => {
  assert.deepEqual(newPersons("司門員外郎徐大方奪兩官虞部員外郎孫純奪一官並勒停"), [
    { start: 16, end: 18, name: "孫純", rule: "office-name" },
  ]);
  assert.ok(!newPersons("興化軍職方員外郎陳覃監潭州税").some((f) => f.name === "陳覃監"));
});

test("every person rule reads its passage in simplified characters too", () => {
  const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
  for (const rule of PERSON_RULES) {
    const [text, name, where] = RULE_CASES[rule.name]!.match;
    const [simplified, simplifiedName] = [toSimplified(text), toSimplified(name)];
    assert.ok(
      newPersons(simplified).some((f) => f.name === simplifiedName),
      `${rule.name} must read ${simplifiedName} in ${simplified} (${where}): ${JSON.stringify(newPersons(simplified))}`,
    );
  }
});

// 遼史 卷十九 (重熙十一年): the 四庫 transliteration gives Khitan names of three characters after
// the clan name.
test("a Khitan name of the 蕭 or 耶律 clan may have a given name of three characters before a stop word", () => {
  assert.deepEqual(
    newPersons("督數路兵掩襲殺數千人駙馬都尉蕭呼都克為夏所執").map((f) => f.name),
    ["蕭呼都克"],
  );
  // A Han surname takes no given name of three characters.
  assert.deepEqual(newPersons("駙馬都尉王呼都克為夏所執"), []);
});

// 宋史 卷四百八十六 (夏國傳下), 卷四百八十五 (夏國傳上) and 遼史 卷一百十五 (高麗外記).
test("a verb after a name of two, a word of kinship before an envoy and a count are no part of a name", () => {
  assert.deepEqual(
    newPersons("十一月川陜宣撫副使吳玠始遣人通夏國").map((f) => f.name),
    ["吳玠"],
  );
  assert.deepEqual(
    newPersons("帶尋遣弟繼瑗來謝恩").map((f) => f.name),
    ["繼瑗"],
  );
  assert.deepEqual(newPersons("使冊治為王遣童子十人來學本國語"), []);
});

// 遼史 卷十九 (重熙十一年): two embassies appointed in one sentence.
test("listed: the names after an envoy's office up to the next 充 are appointed too, and 正旦 is the New Year", () => {
  const found = newPersons(
    "以蕭寧耶律坦崔禹稱馬世良耶律仁先劉六符充賀宋生辰使副耶律庻成趙成耶律烈張旦充來嵗賀宋正旦使副",
  );
  for (const name of ["耶律庻成", "趙成", "耶律烈", "張旦"])
    assert.ok(
      found.some((f) => f.name === name && f.rule === "listed"),
      `${name}: ${JSON.stringify(found)}`,
    );
  // Without 充 after them, the words after the envoy's office are no list.
  const none = newPersons("以蕭寧耶律坦崔禹稱馬世良充賀宋生辰使副耶律仁先又言宋人不可信");
  assert.ok(!none.some((f) => f.rule === "listed" && /耶律仁先|又言/.test(f.name)), JSON.stringify(none));
});

// 宋史 卷四百八十五 (夏國傳上, 康定元年): the captured commanders, two of them known.
test("listed: names from a known person's up to 等 are a list, cut right only where two are known", () => {
  const found = newPersons("夏人執劉平傅偃等又攻鎭戎軍");
  assert.ok(
    found.some((f) => f.name === "傅偃" && f.rule === "listed"),
    JSON.stringify(found),
  );
  // 石元孫 has no hand-made record: with 劉平 alone known, 石元孫傅偃 could be 石元 and 孫傅偃.
  assert.deepEqual(newPersons("夏人執劉平石元孫傅偃劉發石遜等又攻鎭戎軍"), []);
  // 知延州 is an office: the run stops before it, and 等處 makes no list of it.
  assert.ok(!newPersons("范仲淹知延州等處").some((f) => f.rule === "listed"));
});

test("office-name: a verb and its object close a name of two (宋史 卷485: 知麟州武戡築堡), not one of three (長編 卷214: 蕃部廵檢李宗亮領兵)", () => {
  assert.ok(newPersons("守將歛兵弗與戰知麟州武戡築堡于河西").some((f) => f.name === "武戡"));
  const three = newPersons("衆號十萬蕃部廵檢李宗亮領兵");
  assert.ok(
    three.some((f) => f.name === "李宗亮"),
    JSON.stringify(three),
  );
  assert.ok(!three.some((f) => f.name === "李宗"), JSON.stringify(three));
});

// 宋史 卷四百八十五 (夏國傳上, 嘉祐二年): a prefect in literary prose, and a joint office.
test("office-name: a verb that ends no name of three ends the name before more name characters (麟州守王亮懼始); listed: 為同廵檢", () => {
  assert.ok(
    newPersons("督邊吏麟州守王亮懼始以事聞").some((f) => f.name === "王亮" && f.rule === "office-name"),
  );
  const listed = newPersons("詔以殿直張安世賈恩為同廵檢");
  assert.deepEqual(
    listed.map((f) => f.name),
    ["張安世", "賈恩"],
  );
  // Without an office after 為, the names are no list (`以張安世賈恩為念`: to keep them in mind).
  assert.deepEqual(newPersons("以張安世賈恩為念"), []);
});

// 宋史 卷四百八十六 (夏國傳下, 元符二年): an envoy named after 使.
test("envoy: the name after 遣使 when a surname follows (遼遣使蕭徳崇來), and none when none does (遣使如契丹)", () => {
  assert.ok(
    newPersons("梁氏薨遼遣使蕭徳崇來為夏人議和").some((f) => f.name === "蕭徳崇" && f.rule === "envoy"),
  );
  assert.deepEqual(newPersons("遣使如契丹"), []);
});

// 宋史 卷四百八十六 (夏國傳下, 元符元年): the Xia commanders 折可適 took.
test("office-name: after a clan name of two characters, an office of two ends a given name of two (統軍嵬名阿理監軍)", () => {
  const found = newPersons("涇原折可適掩夏西壽統軍嵬名阿理監軍妹勒都逋獲之");
  assert.ok(
    found.some((f) => f.name === "嵬名阿理" && f.rule === "office-name"),
    JSON.stringify(found),
  );
  // 監軍 is no part of the name.
  assert.ok(!found.some((f) => f.name.includes("監")), JSON.stringify(found));
});

// 宋史 卷四百八十五 (夏國傳上) and 長編 卷三百三十七, 卷三百五十一, 卷三百二: a verb of narrative after a
// name read without punctuation.
test("office-name: a verb of narrative in the third place closes a name of three (牙校趙光祚襲其營帳)", () => {
  assert.deepEqual(newPersons("縳牙校趙光祚襲其營帳"), [
    { start: 3, end: 6, name: "趙光祚", rule: "office-name" },
  ]);
  // 侍禁 is an office after a name of two (`内殿承制焦勝侍禁孟文宥`), and 各 stands between a name of two and
  // its verb (`户部員外郎鄭僅各罰金三十斤`, 長編 卷五百): neither is the third character of a name (no 焦勝侍, no 鄭僅各).
  assert.deepEqual(
    newPersons("内殿承制焦勝侍禁孟文宥").map((n) => n.name),
    ["孟文宥"],
  );
  assert.deepEqual(
    newPersons("户部員外郎鄭僅各罰金三十斤").map((n) => n.name),
    ["鄭僅"],
  );
});

test("office-name: a verb of narrative after a name of two ends it (供奉官胡永徳追兩官), a given name of one may be one (推官王援爲)", () => {
  assert.deepEqual(
    newPersons("柔逺寨廵檢胡永徳追兩官").map((n) => n.name),
    ["胡永徳"],
  );
  assert.deepEqual(
    newPersons("侍御史王耿追一官").map((n) => n.name),
    ["王耿"],
  );
  assert.deepEqual(
    newPersons("濟州團練推官王援爲大理評事").map((n) => n.name),
    ["王援"],
  );
});

// 遼史 卷十九 (興宗本紀二): Khitan and Jurchen names between 以 or an office and 為 + an office.
test("transliterated-appointed: a transcribed name between 以 or an office and 為 + an office (以和塔拉為平章事)", () => {
  assert.deepEqual(newPersons("置塔卓卜酋長以和塔拉為平章事"), [
    { start: 7, end: 10, name: "和塔拉", rule: "transliterated-appointed" },
  ]);
  assert.deepEqual(
    newPersons("以女直太師塔雅克為哈斯罕都大王").map((n) => n.name),
    ["塔雅克"],
  );
  // Not without an office after 為 (`以和塔拉為念`: to have him in mind).
  assert.deepEqual(newPersons("以和塔拉為念"), []);
});

// 宋史 卷四百八十五 (夏國傳上) and 長編 卷三百四十三 (KR2b0019_347): a body of men after 以 up to 輩 or 等.
test("listed: three names or more after 以 up to 輩 or 等 (以嵬名守全張陟張綘楊廓徐敏宗張文顯輩主謀議), not a list of places (齊淄等州)", () => {
  assert.deepEqual(
    newPersons("始大建官以嵬名守全張陟張綘楊廓徐敏宗張文顯輩主謀議").map((n) => n.name),
    ["嵬名守全", "張陟", "張綘", "楊廓", "徐敏宗", "張文顯"],
  );
  // 等 before 州 closes prefectures (齊州 and 淄州), not men.
  assert.deepEqual(newPersons("以齊淄濰密等州民號多盜"), []);
});

// 長編 卷四百九十一 (KR2b0019_495) and 卷一百二十五 (KR2b0019_129): a given name that opens with 知.
test("office-name: a given name that opens with 知 before a verb that closes it (左司諫郭知章言), never 知 + a place", () => {
  assert.deepEqual(
    newPersons("左司諫郭知章言聞諸路").map((n) => n.name),
    ["郭知章"],
  );
  // 王 then 知慶州 (governing 慶州): no person 王知慶.
  assert.ok(!newPersons("殿中丞王知慶州言").some((n) => n.name.startsWith("王知")));
});

// 遼史 卷十九 (興宗本紀, KR2a0033_019): offices held in charge of, 知 … 事, with the name after 事
// (`知伊勒希巴事耶律信先`), and one with none there (`令知北南院樞宻使事封燕趙國王`).
test("office-name: a name after 事 of an office held in charge of (知伊勒希巴事耶律信先), none where 事 closes it", () => {
  assert.deepEqual(newPersons("同知北院樞宻使事知伊勒希巴事耶律信先漢人行宫都部署"), [
    { start: 14, end: 18, name: "耶律信先", rule: "office-name" },
  ]);
  assert.deepEqual(newPersons("令知北南院樞宻使事封燕趙國王"), []);
});
