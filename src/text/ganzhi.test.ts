import assert from "node:assert/strict";
import { test } from "node:test";
import { ganzhiIndex, ganzhiName, isGanzhi } from "./ganzhi.ts";

// The cycle as printed in any almanac: the first decade, and where the last pairs fall.
const FIRST_DECADE = ["甲子", "乙丑", "丙寅", "丁卯", "戊辰", "己巳", "庚午", "辛未", "壬申", "癸酉"];

test("names the sixty pairs in the almanac's order", () => {
  assert.deepEqual(
    FIRST_DECADE.map((_, i) => ganzhiName(i)),
    FIRST_DECADE,
  );
  assert.equal(ganzhiName(10), "甲戌");
  assert.equal(ganzhiName(59), "癸亥");
  assert.equal(ganzhiName(60), "甲子");
  assert.equal(ganzhiName(-1), "癸亥");
});

test("every pair's index names it back, and only the sixty are pairs", () => {
  for (let i = 0; i < 60; i++) assert.equal(ganzhiIndex(ganzhiName(i)), i);
  // 慶曆三年正月 began on a 庚午 day; 八月壬戌 is the 59th pair.
  assert.equal(ganzhiIndex("庚午"), 6);
  assert.equal(ganzhiIndex("壬戌"), 58);
  // A yang stem never pairs with a yin branch.
  assert.equal(ganzhiIndex("甲丑"), null);
  assert.equal(isGanzhi("甲丑"), false);
  assert.equal(isGanzhi("庚午日"), false);
  assert.equal(isGanzhi(""), false);
});
