import assert from "node:assert/strict";
import { test } from "node:test";
import { loadCalendar } from "../calendar/index.ts";
import { dateEntries } from "../date/index.ts";
import { parse } from "../parse/index.ts";
import { annotateEntries } from "./annotate-entries.ts";
import { loadAuthority } from "./authority/index.ts";
import type { EntityMention } from "./types.ts";

const authority = loadAuthority();
const calendar = loadCalendar();

/** The names of each entry of a small chronicle, as `text→ref (rule)`. */
function names(text: string): string[][] {
  const tree = annotateEntries(dateEntries(parse(text), calendar), authority, { text });
  return tree.children.flatMap((y) =>
    y.children.map((e) =>
      (e.data?.mentions ?? [])
        .filter((m): m is EntityMention => m.kind !== "quantity" && m.kind !== "office")
        .map((m) => `${m.text}→${m.ref} (${m.rule})`),
    ),
  );
}

test("a list that shares its 州 names prefectures, not a circuit or a state", () => {
  const [a, b, c] = names(
    "慶曆三年\n賜陝西及麟府石三州軍士緡錢。（《長編》一百二十五）\n元昊取靈、夏二州。（《長編》一百二十五）\n元昊以靈、夏兵入寇。（《長編》一百二十五）\n",
  );
  assert.deepEqual(
    a!.filter((n) => n.includes("shared-zhou")),
    ["麟→place:linzhou (shared-zhou)", "府→place:fuzhou (shared-zhou)", "石→place:shizhou (shared-zhou)"],
  );
  assert.ok(b!.includes("夏→place:xiazhou (shared-zhou)"), b!.join(" "));
  assert.ok(c!.includes("夏→place:xiazhou (shared-zhou)"), c!.join(" "));
  assert.ok(!c!.some((n) => n.startsWith("夏→polity")));
});

// 宋史 卷四百八十五 (夏國傳上): lists of Xia's prefectures whose records list no short form, and
// a list broken by a printed line's end.
test("a list that shares its 州 takes a prefecture's first character, across a printed line's end", () => {
  // A Kanripo juan, where a printed line ends inside the list.
  const [a] = names(
    "#+TITLE: 宋史\n#+PROPERTY: JUAN 卷四百八十五\n<pb:KR2a0032_WYG_485-1a>¶\n　　　　外國一¶\n景德元年拓跋思恭鎭夏州統銀夏綏宥靜¶\n五州地德明遣兵攻瓜沙肅三州¶\n",
  );
  assert.deepEqual(
    a!.filter((n) => n.includes("shared-zhou")),
    [
      "銀→place:yinzhou-xia (shared-zhou)",
      "夏→place:xiazhou (shared-zhou)",
      "綏→place:suizhou-xia (shared-zhou)",
      "宥→place:youzhou-xia (shared-zhou)",
      "靜→place:jingzhou-xia (shared-zhou)",
      "瓜→place:guazhou (shared-zhou)",
      "沙→place:shazhou (shared-zhou)",
      "肅→place:suzhou-xia (shared-zhou)",
    ],
  );
  // 宋史 卷四百八十六 (元祐元年): the campaign against 靈州 and 夏州.
  const [c] = names("元祐元年\n司馬光言靈夏之役本由我起。（《宋史》）\n");
  assert.ok(
    c!.includes("靈→place:lingzhou (shared-zhou)") && c!.includes("夏→place:xiazhou (shared-zhou)"),
    c!.join(" "),
  );
  // 平 is taken from 平州 only: without 州 after it or a verb before it, 平夏兵 is no list.
  const [b] = names("景德元年\n元昊以平夏兵入寇。（《宋史》）\n");
  assert.ok(!b!.some((n) => n.includes("shared-zhou")), b!.join(" "));
});

test("circuits are places of their own: 環慶 is the circuit, not 環州", () => {
  const [a] = names("慶曆三年\n詔環慶等路經略司備邊。（《長編》一百四十）\n");
  assert.ok(a!.includes("環慶→place:huanqing-lu (alias)"), a!.join(" "));
  assert.ok(!a!.some((n) => n.includes("huanzhou")));
});

test("a one-character name is taken only where its context says so", () => {
  const [a, b, c] = names(
    "慶曆三年\n元昊屯兵入吳朝谷。（《長編》一百四十）\n契丹窺邊趙、魏。（《長編》一百四十）\n副都部署夏元亨獨曰此行間耳。（《長編》一百四十）\n",
  );
  assert.ok(!a!.some((n) => n.startsWith("吳→")), a!.join(" "));
  assert.ok(b!.includes("趙→place:zhao (name)") && b!.includes("魏→place:wei-hebei (name)"), b!.join(" "));
  assert.ok(!c!.some((n) => n.startsWith("夏→")), c!.join(" "));
});

// 宋史 卷四百八十五 (KR2a0032_485 e2): a state's name after an office, before a word of its time.
test("a state's name after an office is kept before 初 or 末 (加太傅宋初加太尉), not as a surname", () => {
  const [a, b] = names("顯德元年\n恭帝初加太傅宋初加太尉。（《宋史》）\n命副都部署宋守信。（《長編》）\n");
  assert.ok(a!.includes("宋→polity:song (name)"), a!.join(" "));
  assert.ok(!b!.some((n) => n.startsWith("宋→")), b!.join(" "));
});

// 遼史 卷十九 (重熙十一年, 十二年): noble titles of old states, and the Xia ruler's title.
test("the old state of a noble title is the man's rank, not a place; a state of the time keeps its name", () => {
  const [a, b, c] = names(
    "重熙十一年\n以吳國王蕭孝穆為南院樞宻使封楚王韓國王蕭惠北府宰相。（《遼史》）\n皇太弟重元進封燕趙國王。（《遼史》）\n元昊上表夏國王。（《遼史》）\n",
  );
  assert.ok(!a!.some((n) => /^(吳|吳國|楚)→/.test(n)), a!.join(" "));
  assert.ok(
    a!.some((n) => n.startsWith("蕭孝穆→")),
    a!.join(" "),
  );
  assert.ok(!b!.some((n) => /^(燕|趙)→/.test(n)), b!.join(" "));
  assert.ok(
    c!.some((n) => n.startsWith("夏國→polity:xixia")),
    c!.join(" "),
  );
});

test("a troop count is no person", () => {
  const [a] = names("慶曆三年\n元昊遣數千騎至延州。（《長編》一百四十）\n");
  assert.ok(!a!.some((n) => n.includes("數千騎")), a!.join(" "));
});

test("the one-character given name of a person named in the entry, before a verb", () => {
  const [a] = names("康定元年\n劉平與賊戰平曰戰方急。（《長編》一百二十六）\n");
  assert.ok(a!.includes("平→person:liu-ping (given-name-context)"), a!.join(" "));
});

test("a name broken across printed lines of a Kanripo file is one mention, written without the layout", () => {
  const text = [
    "#+TITLE: 續資治通鑑長編",
    "#+PROPERTY: JUAN 卷一百二十六",
    "<pb:KR2b0019_WYG_130-1a>¶",
    "康定元年春正月丙辰朔遣使如契¶",
    "<pb:KR2b0019_WYG_130-1b>¶",
    "丹議事¶",
    "",
  ].join("\n");
  const tree = annotateEntries(dateEntries(parse(text), calendar), authority, { text });
  const m = tree.children[0]!.children[0]!.data!.mentions!.find((x) => x.kind === "polity")!;
  assert.equal(m.text, "契丹");
  assert.equal(text.slice(m.start, m.end), "契¶\n<pb:KR2b0019_WYG_130-1b>¶\n丹");
});

test("names written in simplified characters link to the same records", () => {
  const [a] = names("庆历三年\n韩琦、范仲淹言泾原路事。（《长编》一百四十）\n");
  assert.ok(a!.includes("韩琦→person:han-qi (name)"), a!.join(" "));
  assert.ok(a!.includes("范仲淹→person:fan-zhongyan (name)"), a!.join(" "));
  assert.ok(a!.includes("泾原路→place:jingyuan-lu (name)"), a!.join(" "));
});

test("a person grown from 長編 is provisional and named only near the years he was found in", () => {
  const grown = authority.ofKind("person").find((p) => p.name === "范雍" && p.found !== undefined)!;
  assert.ok(grown.provisional);
  const near = annotateEntries(
    dateEntries(parse("康定元年\n范雍奏事。（《長編》一百二十六）\n"), calendar),
    authority,
  );
  const m = near.children[0]!.children[0]!.data!.mentions!.find((x) => x.kind === "person") as EntityMention;
  assert.equal(m.ref, grown.id);
  assert.equal(m.provisional, true);
  const far = names("元豐五年\n范雍奏事。（《長編》三百二十六）\n");
  assert.ok(!far[0]!.some((n) => n.includes(grown.id)), far[0]!.join(" "));
});

// 長編 卷二百二 (治平元年, 1064): 英宗 on 程戡's plea for 髙遵教; 髙瓊 (grown from 1000–1006) died
// in 1006. 卷一百七十八 (至和二年, 1055): 韓琦 recalls 潘美 (grown from 963–987) without a word of kin.
test("a grown person's name of two characters long after his years: named before a word of kinship only", () => {
  const [a, b] = names(
    "治平元年\n延州都監髙遵教卒戡數言其能績乞加贈恤此髙瓊族子朕知其為庸人也。（《長編》二百二）\n先是潘美帥河東避契丹。（《長編》一百七十八）\n",
  );
  assert.ok(
    a!.some((n) => n.startsWith("髙瓊→person:cb-gao-qiong")),
    a!.join(" "),
  );
  assert.ok(!b!.some((n) => n.startsWith("潘美")), b!.join(" "));
});

// 長編 卷二百一十三 (熙寧三年, KR2b0019_217 e24): `移市易司於古渭寨`, then `兼市易就古渭`; 卷一百三十九
// (KR2b0019_143): `原州彭陽縣` beside the fort 彭陽城 is the county; `寜逺將軍` (卷一百一) a title.
test("a fort's name without its 寨 after the full name in the entry; not before another place's last character", () => {
  const [a, b] = names(
    "熙寧三年\n詔陜西轉運司詳度移市易司於古渭寨利害以聞。易乃不然兼市易就古渭則秦州酒稅課利必减。（《長編》二百一十三）\n築彭陽城，後巉其東北接原州彭陽縣及本州長武寨。（《長編》一百三十九）\n",
  );
  assert.ok(a!.includes("古渭→place:guwei-zhai (short-form)"), a!.join(" "));
  assert.ok(!b!.some((n) => n.startsWith("彭陽→")), b!.join(" "));
});

// 長編 卷一百十五 (KR2b0019_119), 卷一百三十四 (KR2b0019_138), 卷一百十六 (KR2b0019_120): forts named
// without their 寨 and without their full name in the entry.
test("a fort's short form after a verb of war, before its forts or troops, or after its prefecture; not an era", () => {
  const [a, b, c, d] = names(
    "景祐元年\n領兵入夏州界攻破後橋新修諸堡。（《長編》一百十五）\n以僃契丹河南洪州白豹安鹽州。（《宋史》）\n又詔諸路按察官取乾興赦前配隸者。（《長編》一百十六）\n京東西河北轉運使言。（《長編》一百十六）\n",
  );
  assert.ok(a!.includes("後橋→place:houqiao-zhai (place-short-taken)"), a!.join(" "));
  assert.ok(b!.includes("白豹→place:baibao-cheng (place-short-taken)"), b!.join(" "));
  assert.ok(!c!.some((n) => n.startsWith("乾興→")), c!.join(" "));
  // 京東, 京西 and 河北 share their 京 and 河: no 西河 beside the circuit 京東.
  assert.ok(!d!.some((n) => n.startsWith("西河→")), d!.join(" "));
});

// 宋史 卷四百八十五 (KR2a0032_485 e5): `畧太原境`; 長編 卷七 (KR2b0019_011): `流入大名境`; 卷一百七十二
// (KR2b0019_152) and 卷一百八十二 (KR2b0019_066): `開封縣`, `江寜縣` are the counties of the seats.
test("a prefecture's name without its 府 before 境 is the prefecture; before 縣 it is no short form", () => {
  const [a, b, c, d] = names(
    "太平興國三年\n率蕃漢列陣渡河畧太原境以張軍勢。（《宋史》）\n河決澶州觀城流入大名境壊民廬舍。（《長編》七）\n賛善大夫杜術開封縣主簿楊文。（《長編》一百七十二）\n知開封府某言開封縣保正。（《長編》三百三十六）\n",
  );
  assert.ok(a!.includes("太原→place:taiyuan-fu (place-short-taken)"), a!.join(" "));
  assert.ok(b!.includes("大名→place:daming-fu (place-short-taken)"), b!.join(" "));
  assert.ok(!c!.some((n) => n.startsWith("開封→")), c!.join(" "));
  // The full name in the entry does not make the county the prefecture either.
  assert.ok(!d!.some((n) => n.startsWith("開封→")), d!.join(" "));
});

// 宋史 卷四百八十五 (KR2a0032_485 e14) and 長編 卷一百五十一 (KR2b0019_155): a list of places
// without marks; 招安 before a prefecture is the verb (to win over), not the fort 招安寨.
test("a fort's short form right before a prefecture named in full (鎭戎原州); not 招安, a verb", () => {
  const [a, b] = names(
    "景祐元年\n以備環慶鎭戎原州。（《宋史》）\n降敕牓招安保州叛軍。（《長編》一百五十一）\n",
  );
  assert.ok(a!.includes("鎭戎→place:zhenrong-jun (place-short-taken)"), a!.join(" "));
  assert.ok(!b!.some((n) => n.startsWith("招安→")), b!.join(" "));
});

// 長編 卷四百九十四 (KR2b0019_498): 安逺將軍 is a general's title, not the fort 安逺寨.
test("a fort's short form before 將軍 is a title, not the place (為安逺將軍)", () => {
  const [a] = names("元符元年\n以古等四人為安逺將軍龍延會為懐化將軍。（《長編》四百九十四）\n");
  assert.ok(!a!.some((n) => n.startsWith("安逺→")), a!.join(" "));
});

// 長編 卷五十四 (KR2b0019_058) and 卷二十 (KR2b0019_024): the 州 the list shares is on the next printed line.
test("a list that shares its 州 across a printed line names prefectures (環慶二¶州, 忻代等¶州)", () => {
  const all = names(
    "#+TITLE: 續資治通鑑長編\n#+PROPERTY: ID KR2b0019\n#+PROPERTY: JUAN 卷五十四\n<pb:KR2b0019_WYG_058-1a>¶\n　　真宗¶\n咸平六年令輦運鎮戎軍糧草環慶二¶\n州即中途　分命常参官八人知忻代等¶\n州¶\n",
  ).flat();
  for (const n of [
    "環→place:huanzhou (shared-zhou)",
    "慶→place:qingzhou (shared-zhou)",
    "忻→place:xinzhou (shared-zhou)",
    "代→place:daizhou (shared-zhou)",
  ])
    assert.ok(all.includes(n), all.join(" "));
  assert.ok(!all.some((n) => n.startsWith("環慶→")), all.join(" "));
});

// 遼史 卷十九 (KR2a0033_019 e24): the words after the short form are on the next printed line.
test("a place's short form before 以南 read across a printed line: 瓦橋¶以南", () => {
  const liao = names(
    "#+TITLE: 遼史\n#+PROPERTY: ID KR2a0033\n#+PROPERTY: JUAN 卷十九\n<pb:KR2a0033_WYG_019-1a>¶\n　　興宗本紀二¶\n重熙十一年三月庚戌遣劉六符使宋取晉陽及瓦橋¶\n以南十縣地¶\n",
  ).flat();
  assert.ok(liao.includes("瓦橋→place:wagiao-guan (place-short-taken)"), liao.join(" "));
});

// 遼史 卷十九 (重熙十三年) and 長編: 西京 is Liao's 大同府 in a chronicle of 遼, the Song's 河南府 in one of 宋.
test("a name that places of several states bore names the place of the chronicle's state", () => {
  const liao = names(
    "#+TITLE: 遼史\n#+PROPERTY: ID KR2a0033\n#+PROPERTY: JUAN 卷十九\n<pb:KR2a0033_WYG_019-1a>¶\n　　興宗本紀二¶\n重熙十三年十一月丁亥改雲州為西京辛巳幸西京以西京留守耶律瑪魯為漢人行宫都部署¶\n",
  ).flat();
  assert.ok(liao.includes("西京→place:datong-fu (alias)"), liao.join(" "));
  assert.ok(!liao.some((n) => n.includes("henan-fu")), liao.join(" "));
  const song = names(
    "#+TITLE: 續資治通鑑長編\n#+PROPERTY: ID KR2b0019\n#+PROPERTY: JUAN 卷一百五十\n<pb:KR2b0019_WYG_154-1a>¶\n　　仁宗¶\n慶曆四年五月戊午以西京留守王曙為樞密使幸西京¶\n",
  ).flat();
  assert.ok(
    song.some((n) => n.startsWith("西京→place:henan-fu")),
    song.join(" "),
  );
  assert.ok(!song.some((n) => n.includes("datong-fu")), song.join(" "));
});

// 宋史 卷四百八十五 (夏國傳上) writes 甘 as 丼 (甘州 records 丼州 as its variant); 長編 卷一百二十一
// writes 靜 and 涼 as 静 and 凉 in the same list (here without its 㑹, whose short form is read only
// before 州 or after a verb: 勘㑹 is to examine); 長編 卷九十八 names 平涼 (平凉), one town.
test("a list of prefectures reads the characters its transcription writes for theirs, and a town's name stays one", () => {
  const [a, b, c] = names(
    "慶曆元年\n元昊既悉有夏銀綏宥靜靈鹽㑹勝丼凉瓜沙肅而洪定威龍皆即堡鎭號州\n元昊遂有夏銀綏静宥靈鹽勝甘凉瓜沙肅之地\n而有平凉之行蠻又侵擾\n",
  );
  const listed = (names: string[]) =>
    names.filter((n) => n.includes("shared-zhou")).map((n) => n.slice(0, n.indexOf(" ")));
  const xia = ["夏→place:xiazhou", "銀→place:yinzhou-xia", "綏→place:suizhou-xia"];
  const west = [
    "勝→place:shengzhou-xia",
    "凉→place:liangzhou",
    "瓜→place:guazhou",
    "沙→place:shazhou",
    "肅→place:suzhou-xia",
  ];
  for (const n of [...xia, "丼→place:ganzhou", ...west])
    assert.ok(listed(a!).includes(n), `${n}: ${a!.join(" ")}`);
  for (const n of [...xia, "静→place:jingzhou-xia", "甘→place:ganzhou", ...west])
    assert.ok(listed(b!).includes(n), `${n}: ${b!.join(" ")}`);
  assert.deepEqual(c, ["平凉→place:pingliang-xian (alias)"]);
});
