import assert from "node:assert/strict";
import { test } from "node:test";
import { isGanzhi, readDateOpening } from "./date.ts";

test("reads season and month", () => {
  assert.deepEqual(readDateOpening("秋七月，復遣如定聿舍等如宋議和。"), {
    text: "秋七月",
    length: 4,
    season: "秋",
    month: 7,
    leap: false,
    day: null,
    relative: null,
  });
});

test("reads a bare month, 正月 and 十二月", () => {
  assert.equal(readDateOpening("二月，遣使如契丹")?.month, 2);
  assert.equal(readDateOpening("春正月，契丹遣")?.month, 1);
  assert.equal(readDateOpening("十二月，復遣張延壽")?.month, 12);
  assert.equal(readDateOpening("十一月，與契丹平")?.month, 11);
});

test("reads a leap month and a sexagenary day", () => {
  const leap = readDateOpening("閏九月，某事")!;
  assert.deepEqual([leap.text, leap.month, leap.leap], ["閏九月", 9, true]);
  const day = readDateOpening("八月壬戌，翰林侍讀學士")!;
  assert.deepEqual([day.text, day.month, day.day], ["八月壬戌", 8, "壬戌"]);
  const first = readDateOpening("春正月庚午朔，御大慶殿")!;
  assert.deepEqual([first.month, first.day], [1, "庚午"]);
});

test("reads 是歲 and its kin", () => {
  assert.deepEqual(readDateOpening("是歲，宋命國子博士"), {
    text: "是歲",
    length: 3,
    season: null,
    month: null,
    leap: false,
    day: null,
    relative: "是歲",
  });
  assert.equal(readDateOpening("是春，某事")?.season, "春");
  assert.equal(readDateOpening("是月，某事")?.relative, "是月");
});

test("reads simplified forms", () => {
  assert.deepEqual(readDateOpening("闰九月，某事")?.leap, true);
  assert.equal(readDateOpening("是岁，某事")?.relative, "是岁");
});

test("does not read 夏人 or 夏國 (Western Xia) as the summer", () => {
  assert.equal(readDateOpening("夏人執蕭胡睹。"), null);
  assert.equal(readDateOpening("夏國唐隆鎮所居"), null);
  assert.equal(readDateOpening("夏，大旱。")?.season, "夏");
  assert.equal(readDateOpening("冬十月，侵党項。")?.month, 10);
});

test("reads no date where there is none", () => {
  for (const text of ["遣使如宋請和。", "宋建渭州籠竿城", "壬戌夜", "甲丑，", "十三月，", ""]) {
    assert.equal(readDateOpening(text), null, text);
  }
});

test("knows the sixty sexagenary pairs and no others", () => {
  assert.equal(isGanzhi("甲子"), true);
  assert.equal(isGanzhi("癸亥"), true);
  assert.equal(isGanzhi("甲丑"), false);
  let count = 0;
  for (const s of "甲乙丙丁戊己庚辛壬癸")
    for (const b of "子丑寅卯辰巳午未申酉戌亥") if (isGanzhi(s + b)) count++;
  assert.equal(count, 60);
});
