/**
 * Chronicles in other forms than the sample: a 西夏書事-style 綱目 text without citations, a web
 * copy with one sentence a line, a 正史 本紀 in run-on Kanripo text. The expected entries are read
 * from the texts; the expected months come from lunar-javascript's tables, not from this code.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { lunarMonths } from "../../src/calendar/test-support/lunar-javascript.ts";
import { readChronicle } from "../../src/pipeline.ts";

/** The first and last day (JDN) of a lunar month of the Song calendar, by lunar-javascript. */
function month(year: number, m: number): { start: number; end: number } {
  const found = lunarMonths(year).find((x) => x.getMonth() === m)!;
  return { start: found.getFirstJulianDay(), end: found.getFirstJulianDay() + found.getDayCount() - 1 };
}

const read = (text: string) => readChronicle(text, undefined, { annotate: false });

// The 西夏書事 form: a heading that shares its line with the first entry and gives two states'
// years, simplified characters, headlines without citations, a headline without a date, two
// dated headlines on one line, and 按 and 附 paragraphs.
const OUTLINE = [
  "景祐二年契丹重熙四年。春正月,元昊改元廣運。",
  "元昊既襲封，欲自為一國，以父德明所用年號避宋諱，乃改元曰廣運，示其國人不復奉宋正朔，其下皆稱其號，而邊臣未之知也。",
  "遣使如契丹。",
  "按：廣運，《宋史·夏國傳》作開運，今從《長編》。",
  "夏四月，攻唃廝囉。",
  "庆历三年、夏天授礼法延祚六年秋七月，请契丹兵入寇。",
  "使臣张延寿还。八月，以兵掠秦州。",
  "附：是役也，元昊自將，號十萬，實不過五六萬人，諸將畏之，不敢出戰，故得大掠而還，邊人苦之。",
].join("\n");

test("the 西夏書事 form: headings on the entry's line, every headline an entry, 按 and 附 as notes", () => {
  const { tree, records } = read(OUTLINE);
  assert.deepEqual(
    records.map((r) => r.headline),
    ["元昊改元廣運。", "遣使如契丹。", "攻唃廝囉。", "请契丹兵入寇。", "使臣张延寿还。", "以兵掠秦州。"],
  );
  assert.deepEqual(
    tree.children.map((y) => [y.heading?.era, y.heading?.number]),
    [
      ["景祐", 2],
      ["庆历", 3],
    ],
  );
  // The long paragraph is the first entry's detail; the 按 and 附 paragraphs are notes, not details.
  assert.equal(records[0]!.details.length, 1);
  assert.deepEqual(records[1]!.details, []);
  assert.deepEqual(records[1]!.notes, ["按：廣運，《宋史·夏國傳》作開運，今從《長編》。"]);
  assert.equal(records[5]!.notes.length, 1);
  assert.ok(records[5]!.notes[0]!.startsWith("附："));
  // 景祐二年 is 1035, 慶曆三年 1043 (宋史·仁宗本紀).
  const expected = [
    month(1035, 1),
    month(1035, 1), // 遣使如契丹 carries 春正月
    month(1035, 4),
    month(1043, 7),
    month(1043, 7),
    month(1043, 8),
  ];
  assert.deepEqual(
    records.map((r) => r.date.jdn),
    expected,
  );
});

test("a headline that is not one still never swallows the next year", () => {
  const { records } = read("景祐二年。春正月,元昊改元廣運。\n景祐三年。冬十二月，元昊遣使上表。\n");
  assert.deepEqual(
    records.map((r) => r.date.jdn),
    [month(1035, 1), month(1036, 12)],
  );
});

// A web copy: one sentence a line, citations on lines of their own, one across two lines.
const WEB = [
  "西夏稱天授禮法延祚六年",
  "春正月，契丹遣同知析津府事耶律敵烈、樞密院都承旨王惟吉來議與宋和。",
  "(《遼史·興宗本紀》)",
  "宋建渭州籠竿城為德順軍。",
  "初，曹瑋開山外地，置籠竿、羊牧隆城、靜邊、得勝四寨。",
  "其後，將帥失撫禦，稍稍侵削。",
  "(《長編》一百三",
  "十九)",
  "二月，遣使如契丹，賀加上尊號。",
  "(《遼史·興宗本紀》)",
].join("\n");

test("a web copy with citations on lines of their own, one running across two lines, keeps every entry", () => {
  const { records } = read(WEB);
  assert.deepEqual(
    records.map((r) => r.headline),
    [
      "契丹遣同知析津府事耶律敵烈、樞密院都承旨王惟吉來議與宋和。",
      "宋建渭州籠竿城為德順軍。",
      "遣使如契丹，賀加上尊號。",
    ],
  );
  assert.equal(records[1]!.details.length, 2);
  assert.deepEqual(
    records.map((r) => r.citations.map((c) => c.work)),
    [["遼史"], ["長編"], ["遼史"]],
  );
  assert.deepEqual(
    records.map((r) => r.date.jdn),
    [month(1043, 1), month(1043, 1), month(1043, 2)],
  );
});

test("a 本紀 in run-on text: items open at each day, years carry the era of the ruler, 閏月 is a leap month", () => {
  const text = readFileSync(new URL("../../corpus/liaoshi/KR2a0033_019.txt", import.meta.url), "utf8");
  const { tree, records } = read(text);
  assert.equal(tree.meta.document.title, "遼史 卷十九 興宗本紀二");
  // The juan opens 十年春正月辛亥朔宋遣梁適…來賀甲子復遣吳育馮戴來賀永夀節二月庚辰朔…
  assert.deepEqual(
    records.slice(0, 3).map((r) => [r.date.text, r.headline.slice(0, 6)]),
    [
      ["春正月辛亥朔", "宋遣梁適張從"],
      ["甲子", "復遣吳育馮戴"],
      ["二月庚辰朔", "詔博囉滿逹勒"],
    ],
  );
  // 重熙十年 is 1041; 正月 began on 辛亥 (the text says 辛亥朔): day 1 of the month.
  assert.equal(records[0]!.year.era, "重熙");
  assert.deepEqual(records[0]!.date.jdn, { start: month(1041, 1).start, end: month(1041, 1).start });
  // Every item is dated, each to the day it writes.
  assert.equal(records.filter((r) => r.date.jdn === null).length, 0);
  assert.deepEqual([...new Set(records.map((r) => r.year.number))], [10, 11, 12, 13, 14, 15]);
  // …和好始定閏月癸未耶律仁先遣人報宋…: 重熙十一年 (1042) had a leap ninth month (lunar-javascript: -9).
  const leap = records.find((r) => r.date.text === "閏月癸未")!;
  assert.equal(leap.date.month, 9);
  assert.equal(leap.date.leap, true);
  const leapMonth = month(1042, -9);
  assert.ok(leap.date.jdn!.start >= leapMonth.start && leap.date.jdn!.end <= leapMonth.end);
});

// A punctuated 本紀 as a web copy gives it (遼史 卷十九, punctuated for this test): a title block,
// days that open items inside a paragraph, and years written without their era.
const ANNAL = [
  "遼史卷十九",
  "本紀第十九",
  "興宗二",
  "十年春正月辛亥朔，宋遣梁適、張從一、富弼、趙日定來賀。甲子，復遣吳育、馮戴來賀永壽節。二月庚辰朔，詔博囉滿達勒歸哈斯罕戶之沒入者使復業。",
  "十二月丙子朔，宋遣劉沆、王整來賀應聖節。乙未，置塔卓卜酋長。丁酉，議伐宋，詔諭諸道。",
  "十一年春正月戊申，奉迎皇太后于內殿。庚戌，遣南院宣徽使蕭特默、翰林學士劉六符使宋。二月壬寅，如鴛鴦濼。",
].join("\n");

test("a punctuated 本紀: its title block names it, each day opens an item, 十一年 continues 重熙", () => {
  const { tree, records } = read(ANNAL);
  assert.equal(tree.meta.document.work, "遼史");
  assert.equal(tree.meta.document.juan, 19);
  assert.equal(tree.meta.document.ruler, "興宗");
  assert.deepEqual(
    records.map((r) => [r.year.number, r.date.text]),
    [
      [10, "春正月辛亥朔"],
      [10, "甲子"],
      [10, "二月庚辰朔"],
      [10, "十二月丙子朔"],
      [10, "乙未"],
      [10, "丁酉"],
      [11, "春正月戊申"],
      [11, "庚戌"],
      [11, "二月壬寅"],
    ],
  );
  assert.ok(records.every((r) => r.year.era === "重熙"));
  // 重熙十年正月 began on 辛亥 (1041), 重熙十一年 is 1042: lunar-javascript's months.
  assert.deepEqual(records[0]!.date.jdn, { start: month(1041, 1).start, end: month(1041, 1).start });
  assert.ok(
    records[6]!.date.jdn!.start >= month(1042, 1).start && records[6]!.date.jdn!.end <= month(1042, 1).end,
  );
});

test("a simplified 西夏書事 juan: its title and span lines hold no entry, 辽 is a state of the heading", () => {
  const text = [
    "西夏书事卷十二",
    "起景祐元年正月，尽二年十二月。",
    "景祐二年、辽重熙四年春正月，元昊改元广运。",
    "是岁，元昊攻唃厮啰。",
  ].join("\n");
  const { tree, records } = read(text);
  assert.equal(tree.meta.document.juan, 12);
  assert.deepEqual(
    records.map((r) => [r.year.label, r.date.text, r.headline]),
    [
      ["景祐二年、辽重熙四年", "春正月", "元昊改元广运。"],
      ["景祐二年、辽重熙四年", "是岁", "元昊攻唃厮啰。"],
    ],
  );
  assert.deepEqual(records[0]!.date.jdn, month(1035, 1));
});

test("a Kanripo file of front matter (目録, 提要, 原表) is one undated passage, a juan of annals is not", () => {
  const read = (n: string) => readChronicle(readFileSync(`corpus/changbian/KR2b0019_${n}.txt`, "utf8"));
  // 目録上 lists 巻一 … with the span of each (起太祖建隆元年正月盡是年十二月): no item of annals.
  for (const n of ["001", "003"]) {
    const { tree, records } = read(n);
    assert.equal(records.length, 1, `KR2b0019_${n}: one passage`);
    assert.equal(records[0]!.date.jdn, null);
    assert.ok(tree.messages.some((m) => m.ruleId === "kanripo-front-matter"));
  }
  // 卷一 opens with 建隆元年春正月辛丑朔: a juan of annals, read item by item.
  const juan = read("005");
  assert.ok(juan.records.length > 100);
  assert.ok(!juan.tree.messages.some((m) => m.ruleId === "kanripo-front-matter"));
});
