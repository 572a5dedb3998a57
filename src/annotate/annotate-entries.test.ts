import assert from "node:assert/strict";
import { test } from "node:test";
import { dateEntries } from "../date/index.ts";
import { parse } from "../parse/index.ts";
import type { ChronicleTree } from "../parse/types.ts";
import { annotateEntries } from "./annotate-entries.ts";
import { loadAuthority } from "./authority/index.ts";
import type { EntityMention, Mention } from "./types.ts";

// The hand-made records only: the persons grown from 長編 would know the names these tests find by rule.
const authority = loadAuthority({ grown: false });
const HEADING = "西夏稱天授禮法延祚六年\n";

function annotate(body: string): { tree: ChronicleTree; text: string; mentions: Mention[][] } {
  const text = HEADING + body;
  const tree = annotateEntries(dateEntries(parse(text)), authority, { text });
  const mentions = tree.children.flatMap((y) => y.children.map((e) => e.data?.mentions ?? []));
  return { tree, text, mentions };
}

/** `text→ref (rule)` for the entity mentions of an entry. */
const names = (mentions: readonly Mention[]) =>
  mentions
    .filter((m): m is EntityMention => m.kind !== "quantity")
    .map((m) => `${m.text}→${m.ref} (${m.rule})`);

test("every mention is stand-off: its text is the document's characters between start and end", () => {
  const { text, mentions } = annotate(
    "二月，宋召范仲淹為樞密副使，以鄭戩知慶州。\n戩嘗行邊至鎮戎軍。（《宋史·鄭戩傳》）\n",
  );
  const all = mentions.flat();
  assert.equal(all.length, 8);
  for (const m of all) assert.equal(text.slice(m.start, m.end), m.text);
});

test("a name written in simplified or variant characters keeps the characters as written", () => {
  const { text, mentions } = annotate("二月，宋以韩琦、韓琦、范仲淹、範仲淹為陝西安撫使。（《長編》）\n");
  const persons = mentions[0]!.filter((m) => m.kind === "person");
  assert.deepEqual(
    persons.map((m) => [m.text, m.ref]),
    [
      ["韩琦", "person:han-qi"],
      ["韓琦", "person:han-qi"],
      ["范仲淹", "person:fan-zhongyan"],
      ["範仲淹", "person:fan-zhongyan"],
    ],
  );
  for (const m of persons) assert.equal(text.slice(m.start, m.end), m.text);
});

test("an entry's mentions come in text order, an office before the place inside it", () => {
  const { mentions } = annotate("宋以鄭戩知慶州，歲賜絹十萬匹，遣保安軍判官邵良佐來。（《長編》一百四十）\n");
  assert.deepEqual(
    mentions[0]!.map((m) => m.text),
    ["宋", "鄭戩", "知慶州", "慶州", "絹十萬匹", "保安軍判官", "保安軍", "邵良佐"],
  );
});

test("a given name alone resolves to the full name of the same entry: 戩, 堯臣, 子奭, 良佐", () => {
  const { mentions } = annotate(
    [
      "二月，以鄭戩知慶州。\n戩嘗行邊。（《宋史·鄭戩傳》）",
      "宋詔邊吏。\n從安撫使王堯臣之請也。堯臣自陝西回。（《宋史·王堯臣傳》）",
      "宋遣張子奭、邵良佐來。\n子奭與良佐至夏州。（《長編》一百四十）",
      "戩至鎮戎軍，良佐還。（《西夏書事》）",
    ].join("\n"),
  );
  assert.ok(names(mentions[0]!).includes("戩→person:zheng-jian (short-form)"));
  assert.ok(names(mentions[1]!).includes("堯臣→person:wang-yaochen (short-form)"));
  assert.deepEqual(
    names(mentions[2]!).filter((n) => n.includes("short-form")),
    ["子奭→person:zhang-zishi (short-form)", "良佐→person:shao-liangzuo (short-form)"],
  );
  // Without the full name in the entry, a one-character given name is not taken for anyone;
  // a two-character one names a person whose full name an earlier entry gave.
  assert.deepEqual(names(mentions[3]!), [
    "鎮戎軍→place:zhenrong-jun (name)",
    "良佐→person:shao-liangzuo (short-in-document)",
  ]);
});

// 宋史 卷四百八十五 (夏國傳上): the house of 定難軍, named by their given names alone.
test("a given name a record lists names its man after a word of kinship or before a verb of succeeding or of being killed, and not elsewhere", () => {
  const { mentions } = annotate(
    [
      "思恭卒，弟思諫代為定難軍節度使。思諫卒，思恭孫彞昌嗣。梁開平中彞昌遇害。（《宋史·夏國傳》）",
      "思諫言邊事。（《宋史·夏國傳》）",
    ].join("\n"),
  );
  assert.deepEqual(
    names(mentions[0]!).filter((n) => n.includes("kin-or-succession")),
    [
      "思恭→person:tuoba-sigong (kin-or-succession)",
      "思諫→person:li-sijian (kin-or-succession)",
      "思諫→person:li-sijian (kin-or-succession)",
      "彞昌→person:li-yichang (kin-or-succession)",
      "彞昌→person:li-yichang (kin-or-succession)",
    ],
  );
  assert.ok(!names(mentions[1]!).some((n) => n.startsWith("思諫→")), names(mentions[1]!).join(" "));
});

// 宋史 卷四百八十五 (夏國傳上) and 長編 卷二百四十三: 何 is a surname after an office, a question word elsewhere.
test("a name of 何 is taken right after an office (副使何次公詰之), not as a question (鈐轄何異)", () => {
  const { mentions } = annotate(
    ["遣西京左藏庫副使何次公詰之。（《宋史·夏國傳》）", "總管知軍與鈐轄何異。（《長編》）"].join("\n"),
  );
  assert.ok(
    names(mentions[0]!).includes("何次公→person:provisional:何次公 (name)"),
    names(mentions[0]!).join(" "),
  );
  assert.ok(!names(mentions[1]!).some((n) => n.startsWith("何異")), names(mentions[1]!).join(" "));
});

// 宋史 卷四百八十五 (夏國傳上): the men of the 李 house of 夏州 named by their given names after an office.
test("after-office: a given name a record lists, right after an office (弟權知夏州克文來朝), and not without one", () => {
  const { mentions } = annotate(
    ["弟權知夏州克文來朝。（《宋史·夏國傳》）", "克文之言不可信。（《宋史·夏國傳》）"].join("\n"),
  );
  assert.deepEqual(
    names(mentions[0]!).filter((n) => n.startsWith("克文")),
    ["克文→person:li-kewen (after-office)"],
  );
  assert.ok(!names(mentions[1]!).some((n) => n.startsWith("克文→")), names(mentions[1]!).join(" "));
});

test("a ruler's several names are one person: 元昊, 曩霄, 兀卒, 趙元昊, 李元昊", () => {
  const { mentions } = annotate("元昊更名曩霄，稱兀卒。宋冊趙元昊，遼稱李元昊。（《宋史·夏國傳》）\n");
  const persons = mentions[0]!.filter((m) => m.kind === "person");
  assert.deepEqual(
    persons.map((m) => m.text),
    ["元昊", "曩霄", "兀卒", "趙元昊", "李元昊"].filter((n) => n !== "兀卒"),
  );
  assert.ok(persons.every((m) => m.ref === "person:yuanhao"));
  // 稱兀卒: the title named as a word is the office.
  assert.ok(mentions[0]!.some((m) => m.text === "兀卒" && m.ref === "office:wuzu"));
});

test("a variant reading becomes an alias with its source, and the variant is then found in the text", () => {
  const { tree, mentions } = annotate(
    "團練使訛乞（《長編》作鄂齊）侵環州。（《長編》一百五十五）\n鄂齊還。（《西夏書事》）\n",
  );
  assert.deepEqual(tree.data?.annotation?.aliases, [
    { ref: "person:e-qi", name: "鄂齊", type: "variant", source: "《長編》" },
  ]);
  assert.deepEqual(names(mentions[1]!), ["鄂齊→person:e-qi (alias)"]);
  // Inside the inline note nothing is annotated.
  assert.deepEqual(names(mentions[0]!), [
    "團練使→office:tuanlianshi (name)",
    "訛乞→person:e-qi (name)",
    "環州→place:huanzhou (name)",
  ]);
});

test("ambiguous aliases need a context rule: 契丹主 by the year, 虜 in a Song speaker's words, not 帝 as a verb", () => {
  const { mentions } = annotate(
    "契丹主示以元昊表狀。或謂知慶州鄭戩曰：「虜態難常。」元昊帝其國中。賊至。（《長編》一百五十四）\n",
  );
  const found = names(mentions[0]!);
  assert.ok(found.includes("契丹主→person:liao-xingzong (ruler-title-by-date)"));
  assert.ok(found.includes("虜→polity:liao (enemy-in-speech)"));
  assert.ok(!found.some((n) => n.startsWith("帝") || n.startsWith("賊")));
  // The rejected title blocks its span: no 契丹 inside 契丹主.
  assert.ok(!found.some((n) => n.startsWith("契丹→")));
});

test("a temple name that several rulers bore names the ruler of the chronicle's state: 太祖 in 長編, not 唐太宗", () => {
  const text = `${HEADING}${[
    "太祖時天下未定用李漢超等一十四人。（《長編》二百五）",
    "唐太宗手結雨衣徃伐遼東之國。（《長編》二十二）",
    "昔漢唐藝祖皆以兵定天下。（《長編》二百七十九）",
    "昔藝祖創造大業，追王四代。（《長編》二百）",
  ].join("\n")}\n`;
  const read = (state: string | null) => {
    const tree = parse(text);
    tree.meta.document.state = state;
    annotateEntries(dateEntries(tree), authority, { text });
    return tree.children.flatMap((y) => y.children.map((e) => names(e.data?.mentions ?? [])));
  };
  const song = read("宋");
  assert.ok(song[0]!.includes("太祖→person:song-taizu (temple-name-of-state)"));
  assert.ok(!song[1]!.some((n) => n.startsWith("太宗")));
  // 藝祖, the Song court's name for its founder, but not after 漢唐 (the founders of those dynasties).
  assert.ok(!song[2]!.some((n) => n.startsWith("藝祖")));
  assert.ok(song[3]!.includes("藝祖→person:song-taizu (temple-name-of-state)"), song[3]!.join(" "));
  // A chronicle of Liao (遼史 本紀) has its own 太祖; one of no known state says nothing.
  for (const state of ["遼", null])
    assert.ok(
      !read(state)
        .flat()
        .some((n) => n.startsWith("太祖")),
    );
});

test("single-character places only in an enumeration or after the full name: 環、慶, not 慶 alone", () => {
  const { mentions } = annotate("時縱兵窺伺環、慶等路。（《長編》一百五十五）\n國有大慶。（《西夏書事》）\n");
  assert.deepEqual(names(mentions[0]!), ["環→place:huanzhou (place-list)", "慶→place:qingzhou (place-list)"]);
  assert.deepEqual(names(mentions[1]!), []);
});

// 宋史 卷四百八十五 (夏國傳上) and 長編 卷一百二十七 (KR2b0019_131): forts and prefectures listed without marks.
test("place-list: places listed without marks up to 諸 or 等 and their unit (破安遠塞門永平諸砦, 雄覇等州), not without the unit", () => {
  const { mentions } = annotate(
    [
      "破安遠塞門永平諸砦。（《宋史·夏國傳》）",
      "河北鎮瀛莫雄覇等州通判。（《長編》）",
      "雄覇一方。（《長編》）",
    ].join("\n"),
  );
  const places = (k: number) => names(mentions[k]!).filter((n) => n.includes("place:"));
  for (const fort of ["塞門→place:saimen-zhai", "永平→place:yongping-zhai"])
    assert.ok(
      places(0).some((n) => n.startsWith(fort)),
      places(0).join(" "),
    );
  assert.ok(places(1).includes("雄→place:xiongzhou (place-list)"), places(1).join(" "));
  assert.ok(places(1).includes("覇→place:bazhou (place-list)"), places(1).join(" "));
  assert.deepEqual(places(2), []);
});

// 長編 卷一百九十 (KR2b0019_194): 吕溱 demoted to govern 和州, after 王知和 was named.
test("a given name that opens with 知 is no person before a place's unit (降知和州), and is one elsewhere", () => {
  const { mentions } = annotate(
    "知濠州禮賔副使王知和為均州都監，溱既奪兩官降知和州。知和言邊事。（《長編》一百九十）\n",
  );
  const given = names(mentions[0]!).filter((n) => n.startsWith("知和→"));
  assert.equal(given.length, 1, names(mentions[0]!).join(" "));
});

test("a given name after a list's full name takes its surname: 野利旺榮、遇乞", () => {
  const { mentions } = annotate("元昊既殺野利旺榮、遇乞。（《長編》一百三十九）\n");
  assert.ok(names(mentions[0]!).includes("遇乞→person:yeli-yuqi (surname-list)"));
});

test("rules find persons the authority does not know, and they become provisional persons", () => {
  const { tree, mentions } = annotate(
    [
      "右正言李琮使延州。（《長編》一百三十九）",
      "遣張文顯如宋議和。\n文顯至延州。（《長編》一百四十）",
      "韓縝言：「賊至矣。」以周沆知慶州。（《長編》一百五十）",
    ].join("\n"),
  );
  assert.deepEqual(
    tree.data?.annotation?.provisional.map((p) => [p.id, p.rule]),
    [
      ["person:provisional:李琮", "office-name"],
      ["person:provisional:張文顯", "envoy"],
      ["person:provisional:韓縝", "speech"],
      ["person:provisional:周沆", "governs"],
    ],
  );
  const first = mentions[0]!.find((m) => m.text === "李琮") as EntityMention;
  assert.equal(first.provisional, true);
  assert.ok(names(mentions[1]!).includes("文顯→person:provisional:張文顯 (short-form)"));
  // 韓縝 is Song-less (no state), so 賊 in his words stays unresolved.
  assert.ok(!names(mentions[2]!).some((n) => n.startsWith("賊")));
});

test("the closing citation is left alone but its editor's notes are annotated", () => {
  const { mentions } = annotate("獻俘契丹。（《宋史·鄭戩傳》。按鄭戩，范仲淹所薦。）\n");
  assert.deepEqual(
    mentions[0]!.map((m) => `${m.field}:${m.text}`),
    ["headline:契丹", "note1:鄭戩", "note1:范仲淹"],
  );
});

test("offsets count UTF-16 code units: a name after a character outside the BMP", () => {
  const { text, mentions } = annotate("韓𤦺與范仲淹議。（《長編》一百三十九）\n");
  const [hanqi, fan] = mentions[0]!;
  assert.equal(hanqi?.text, "韓𤦺");
  assert.equal(hanqi!.end - hanqi!.start, 3);
  assert.equal(fan?.text, "范仲淹");
  assert.equal(text.slice(fan!.start, fan!.end), "范仲淹");
  assert.equal(fan!.start, hanqi!.end + 1);
});

test("simplified input is matched through folding", () => {
  const { mentions } = annotate("宋以郑戬知庆州。（《宋史·郑戬传》）\n");
  assert.deepEqual(
    mentions[0]!.filter((m) => m.kind !== "office").map((m) => `${m.text}→${m.ref}`),
    ["宋→polity:song", "郑戬→person:zheng-jian", "庆州→place:qingzhou"],
  );
});

test("the annotated tree survives JSON.parse(JSON.stringify(tree)) unchanged", () => {
  const { tree } = annotate("宋遣保安軍判官邵良佐來，許冊封為夏國主，歲賜絹十萬匹。（《長編》一百四十）\n");
  assert.deepEqual(JSON.parse(JSON.stringify(tree)), tree);
});

test("an empty document and an entry without names annotate to nothing", () => {
  const empty = annotateEntries(parse(""), authority);
  assert.deepEqual(empty.data?.annotation, { provisional: [], aliases: [] });
  const { mentions } = annotate("是歲，大旱。\n");
  assert.deepEqual(mentions, [[]]);
});

test("a raid and its repulse are read within a clause's reach, even in unpunctuated text", () => {
  const events = (body: string) =>
    annotate(body).tree.children.flatMap((y) => y.children.flatMap((e) => e.data?.events ?? []));
  // The sample's line 25: the 團練使 訛疥 raided 環州 and was taken by 薛乞 of the 蘇家族.
  const taken = events("團練使訛疥侵環州，為蘇家族薛乞所執。（《西夏書事》）\n");
  assert.deepEqual(
    taken.filter((e) => e.rule === "raid-repulsed").map((e) => e.text),
    ["團練使訛疥侵環州，為蘇家族薛乞所執"],
  );
  // 長編 卷一百五十三 (the memorial of 歐陽修 and others), unpunctuated as the Kanripo text is:
  // 侵 opens it and 為…所獲 closes it 276 characters later, with no raid between.
  const memorial =
    "事日夜㳺說元昊使其侵取漢地而以漢人守之則富貴功名衣食嗜好如其意乃知非獨元昊志在侵漢實漢之叛人日夜為賊謀也" +
    "朝廷若從其和則契丹要功下視中國若拒絶之則元昊今秋必復大舉契丹㝷亦遣使問所以拒絶元昊之故或便稱兵塞外張勢脇" +
    "我國家必於陜西選將調兵移於河北河北未戰而西陲已虛元昊乗虛而來必得志於關輔此二敵交結之勢何以禦之臣等思和與" +
    "不和俱為大患然則為今之謀者莫若擇帥練兵日計用武之䇿以和好為權宜以戰守為實務彼知我有謀有備不敢輕舉而盟約可" +
    "固如不我知輕負盟約我則乗彼之驕可困可擊未必能為中國之害試畫一言之其一曰臣等觀西戎蓄禍積有歲年元昊外倚契丹" +
    "屢乘戰勝而乃輙求通順寔圗休息所獲";
  assert.deepEqual(
    events(`${memorial}。（《長編》）\n`).filter((e) => e.rule === "raid-repulsed"),
    [],
  );
});

test("names the person rules find in later entries are found in an earlier entry, however many there are", () => {
  // 44 persons, each appointed in an entry of their own (以X為殿中丞, which the person rules read)
  // and all listed in the first entry, where nothing but the later entries says they are names.
  // Enough names that the document's names are read with both of its automata.
  const names = [..."甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"].flatMap((a) => [`張${a}鼎`, `張${a}鼐`]);
  const list = `慶曆三年\n正月，${names.join("、")}等上言。\n`;
  const text = list + names.map((n) => `二月，以${n}為殿中丞。\n`).join("");
  const persons = (source: string) => {
    const tree = annotateEntries(dateEntries(parse(source)), authority, { text: source });
    const first = tree.children[0]!.children[0]!;
    return (first.data?.mentions ?? []).filter((m) => m.kind === "person").map((m) => m.text);
  };
  assert.deepEqual(persons(text), names);
  assert.deepEqual(persons(list), [], "the list alone names no one the rules can tell");
});

// 遼史 卷十九 (重熙十三年): 蕭格 is the 四庫 spelling of 蕭革, and the next entry calls him 格.
test("a one-character given name of a spelling the record lists names the person in the entries after", () => {
  const { mentions } = annotate(
    ["詔北院樞宻副使蕭格迓之。（《遼史》）", "格言元昊親率党項三部來。（《遼史》）"].join("\n"),
  );
  assert.ok(names(mentions[0]!).includes("蕭格→person:xiao-ge (alias)"), names(mentions[0]!).join(" "));
  assert.ok(
    names(mentions[1]!).includes("格→person:xiao-ge (given-name-recent)"),
    names(mentions[1]!).join(" "),
  );
});
