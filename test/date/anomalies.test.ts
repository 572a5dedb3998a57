/**
 * The sources err, and the errors are kept, not hidden: the date stays as written, the entry is
 * dated as far as the text allows, and a warning says what is wrong and what the nearest reading
 * is. Months come from lunar-javascript's tables.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { lunarMonths } from "../../src/calendar/test-support/lunar-javascript.ts";
import { readChronicle } from "../../src/pipeline.ts";

const month = (year: number, m: number) => {
  const found = lunarMonths(year).find((x) => x.getMonth() === m)!;
  return { start: found.getFirstJulianDay(), end: found.getFirstJulianDay() + found.getDayCount() - 1 };
};
const read = (text: string) => readChronicle(text, undefined, { annotate: false });

test("宋史's 皇祐元年正月甲戌朔: the month began on 甲午, so the entry keeps its month and names the nearest 甲戌", () => {
  const { tree, records } = read("皇祐元年\n春正月甲戌朔，某事。\n");
  const [entry] = records;
  assert.equal(entry!.date.text, "春正月甲戌朔");
  assert.deepEqual(entry!.date.jdn, month(1049, 1));
  // 正月 began on 甲午 (day 1), so 甲戌 would be day 41: the 11th day of 二月, which began on 甲子.
  assert.ok(entry!.date.warnings.some((w) => w.includes("皇祐元年二月十一日")));
  const problem = tree.messages.find((m) => m.ruleId === "date-ganzhi-not-in-month")!;
  assert.deepEqual([problem.place.start.line, problem.place.start.column], [2, 1]);
});

test("閏N月 in a year whose leap month is another is dated to N月 and flagged", () => {
  // 慶曆三年 (1043) had no leap month; 慶曆二年 had 閏九月.
  const { tree, records } = read("慶曆三年\n閏五月，某事。\n");
  assert.deepEqual(records[0]!.date.jdn, month(1043, 5));
  assert.ok(records[0]!.date.warnings.some((w) => w.includes("閏")));
  assert.ok(tree.messages.some((m) => m.ruleId === "date-no-such-leap-month"));
});

test("a year far from where the year before leads is flagged out of sequence and does not lead the next astray", () => {
  const { tree, records } = read(
    "淳化四年\n春正月，某事。\n淳熈五年\n五月，某事。\n至道元年\n春正月，某事。\n",
  );
  assert.ok(tree.messages.some((m) => m.ruleId === "date-out-of-sequence" && m.place.start.line === 3));
  // 至道元年 (995) follows 淳化 (990–994), not the 南宋 淳熙五年 (1178) the text slipped into.
  assert.ok(!tree.messages.some((m) => m.ruleId === "date-out-of-sequence" && m.place.start.line === 5));
  assert.deepEqual(records[2]!.date.jdn, month(995, 1));
});

test("a day not in the month carried from before but in the next: the text moved on without writing the month", async () => {
  const { readFileSync } = await import("node:fs");
  // 長編 卷一百八十 (至和二年, 1055): 丙戍 權同判流内銓劉敞言… comes after 七月's items, and the item
  // after it opens 八月戊子; 丙戌 is the first day of 八月.
  const text = readFileSync(new URL("../../corpus/changbian/KR2b0019_184.txt", import.meta.url), "utf8");
  const { tree, records } = read(text);
  const item = records.find((r) => r.headline.startsWith("權同判流内銓劉敞言"))!;
  const august = month(1055, 8);
  assert.deepEqual(item.date.jdn, { start: august.start, end: august.start });
  assert.ok(item.date.warnings.some((w) => w.includes("八月")));
  assert.ok(tree.messages.some((m) => m.ruleId === "date-month-moved-on"));
  assert.ok(
    !tree.messages.some((m) => m.ruleId === "date-ganzhi-not-in-month" && m.place.start.line === item.line),
  );
});
