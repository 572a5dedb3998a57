import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "../../src/parse/index.ts";
import type { ChronicleTree } from "../../src/parse/types.ts";

const juan139 = readFileSync(new URL("../../corpus/changbian/KR2b0019_143.txt", import.meta.url), "utf8");
const juan149 = readFileSync(new URL("../../corpus/changbian/KR2b0019_153.txt", import.meta.url), "utf8");

const entries = (tree: ChronicleTree) => tree.children.flatMap((y) => y.children);

test("recognises a Kanripo file and reads its header and page markers", () => {
  const tree = parse(juan139);
  assert.equal(tree.meta.format, "kanripo");
  assert.equal(tree.meta.properties.TITLE, "續資治通鑑長編");
  assert.equal(tree.meta.juan, 139);
  assert.deepEqual(tree.meta.pages[0], {
    id: "KR2b0019_WYG_143-1a",
    page: 1,
    side: "a",
    offset: juan139.indexOf("<pb:"),
  });
  assert.equal(parse(juan149).meta.juan, 149);
});

test("finds the days that open the items of juan 139, in order, and no day named inside an item", () => {
  // Read off the text: every sexagenary day that opens an item (以甲戌燕契丹使 names a day inside one).
  const days = entries(parse(juan139))
    .filter((e) => e.date.own)
    .map((e) => `${e.dateNode!.month ?? ""}${e.dateNode!.day}`);
  assert.deepEqual(days, [
    "1庚午",
    "辛未",
    "丙子",
    "丁丑",
    "戊寅",
    "辛巳",
    "戊子",
    "庚寅",
    "辛卯",
    "壬辰",
    "癸巳",
    "甲午",
    "乙未",
    "丙申",
    "2己亥",
    "癸卯",
    "乙巳",
    "丙午",
    "庚戌",
    "乙卯",
    "辛酉",
    "癸亥",
    "甲子",
  ]);
});

test("reads the year heading inside the first item and keeps the month for later days", () => {
  const tree = parse(juan139);
  const heading = tree.children[0]!.heading!;
  assert.deepEqual([heading.label, heading.era, heading.number], ["慶歴三年", "慶歴", 3]);
  const all = entries(tree);
  assert.equal(all[0]!.dateNode!.text, "春正月庚午朔");
  assert.equal(all[0]!.headline.value.slice(0, 6), "御大慶殿受朝");
  const feb = all.find((e) => e.dateNode?.day === "己亥")!;
  assert.deepEqual([feb.date.month, feb.dateNode!.text], [2, "二月己亥朔"]);
  const after = all[all.indexOf(feb) + 1]!;
  assert.deepEqual([after.date.month, after.date.day], [2, "癸卯"]);
});

test("items after a full-width space on the same day keep the day", () => {
  const all = entries(parse(juan139));
  const sansi = all.find((e) => e.headline.value.startsWith("三司言在京營繕"))!;
  assert.deepEqual([sansi.date.day, sansi.date.own], ["丙子", false]);
});

test("gives each entry its page, side and printed line", () => {
  const all = entries(parse(juan139));
  // 慶歴三年春正月庚午朔 is the fifth printed line of page 1a (after the title lines and 仁宗).
  assert.deepEqual(all[0]!.locus, { juan: 139, page: 1, side: "a", line: 5 });
  const bingzi = all.find((e) => e.dateNode?.day === "丙子")!;
  assert.deepEqual(bingzi.locus, { juan: 139, page: 1, side: "b", line: 1 });
});

test("joins a small note's two columns and its continuation on the next printed line", () => {
  const glosses = entries(parse(juan139)).flatMap((e) => e.headline.children.map((g) => g.value));
  assert.ok(glosses.includes("此據劉敞所作王堯臣行状歐陽修墓誌銘"), "note across two printed lines");
  assert.ok(glosses.includes("按出兵下原本脱二十八字查宋史増入"), "two printed lines, two columns each");
  assert.ok(glosses.some((g) => g.startsWith("此據龐籍附𫝊正𫝊及司馬光墓誌")));
});

test("headline values read without page markers, line marks or column slashes, and positions cover them", () => {
  const all = entries(parse(juan139));
  for (const e of all) {
    const { value, position } = e.headline;
    assert.ok(!/[¶<>/]/u.test(value), e.id);
    const raw = juan139.slice(position.start.offset, position.end.offset);
    // The value is the raw text with the markers taken out: a subsequence of it.
    let k = 0;
    for (const c of raw) if (k < value.length && value.startsWith(c, k)) k += c.length;
    assert.equal(k, value.length, `${e.id} value is not read from its position`);
  }
});

test("juan joined into one file: each juan's year heading opens its year, and no header or title line is read as text", () => {
  // 卷三十五 (KR2b0019_039) opens 淳化五年; 卷三十六 (KR2b0019_040) goes on in it, its first line
  // misprinted 淳熈五年 (the era of 1174–1189); 卷三十七 (KR2b0019_041) opens 至道元年.
  const read = (n: string) =>
    readFileSync(new URL(`../../corpus/changbian/KR2b0019_${n}.txt`, import.meta.url), "utf8");
  const joined = ["039", "040", "041"].map(read).join("\n");
  const tree = parse(joined);
  assert.deepEqual(
    tree.children.map((y) => y.heading?.label),
    ["淳化五年", "至道元年"],
  );
  const all = entries(tree);
  const alone = ["039", "040", "041"].map((n) => entries(parse(read(n))));
  // Each juan's entries, and the juan of each in its locus.
  for (const [k, juan] of [35, 36, 37].entries()) {
    const own = all.filter((e) => e.locus?.juan === juan);
    assert.equal(own.length, alone[k]!.length, `卷${juan}`);
  }
  for (const e of all) {
    assert.ok(!/欽定四庫全書|續資治通鑑長編巻|李燾/u.test(e.headline.value), e.headline.value.slice(-40));
    assert.ok(!e.headline.value.includes("#+"), e.id);
  }
  // Read alone, the juan's ruler line (太宗) tells the misprint: 淳熙 was 孝宗's era, and 淳化 is
  // the one of 太宗's written alike; the heading keeps what the text writes.
  const alone40 = parse(read("040"));
  assert.equal(alone40.children[0]!.heading?.label, "淳熈五年");
  assert.equal(alone40.children[0]!.heading?.era, "淳化");
  assert.deepEqual(
    alone40.messages.filter((m) => m.ruleId === "era-of-another-ruler").map((m) => m.reason),
    ["淳熈五年 is no year of 太宗's: read as 淳化五年, his era written alike"],
  );
  // A juan of 太宗 opening with 淳化五年 needs no such reading.
  assert.equal(parse(read("039")).messages.filter((m) => m.ruleId === "era-of-another-ruler").length, 0);
});

test("juan joined into one file: a juan that opens with the year in force again keeps its months and days", () => {
  // 卷八十七 (KR2b0019_091) ends in the eighth month of 大中祥符九年; 卷八十八 (KR2b0019_092) opens
  // `大中祥符九年九月壬寅朔` and goes on by days (癸卯, 甲辰 …) of that ninth month.
  const read = (n: string) =>
    readFileSync(new URL(`../../corpus/changbian/KR2b0019_${n}.txt`, import.meta.url), "utf8");
  const tree = parse([read("091"), read("092")].join("\n"));
  assert.deepEqual(
    tree.children.map((y) => y.heading?.label),
    ["大中祥符九年"],
  );
  const own = entries(tree).filter((e) => e.locus?.juan === 88);
  assert.equal(own.length, entries(parse(read("092"))).length);
  assert.equal(own[0]!.date?.month, 9);
  assert.equal(own[0]!.date?.day, "壬寅");
  assert.equal(own[1]!.date?.day, "癸卯");
});
