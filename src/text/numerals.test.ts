import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatChineseNumber, parseChineseNumber } from "./numerals.ts";

test("parses the juan numbers the sample cites", () => {
  assert.equal(parseChineseNumber("一百三十九"), 139);
  assert.equal(parseChineseNumber("一百四十九"), 149);
  assert.equal(parseChineseNumber("一百五十"), 150);
  assert.equal(parseChineseNumber("一百五十五"), 155);
});

test("parses amounts with 萬", () => {
  assert.equal(parseChineseNumber("二十五萬五千"), 255_000);
  assert.equal(parseChineseNumber("十萬"), 100_000);
  assert.equal(parseChineseNumber("三萬"), 30_000);
  assert.equal(parseChineseNumber("二十五萬"), 250_000);
  assert.equal(parseChineseNumber("一千零五"), 1005);
  assert.equal(parseChineseNumber("三十萬"), 300_000);
});

test("reads 元 and 正 as one, 十 alone as ten, 廿 as twenty", () => {
  assert.equal(parseChineseNumber("元"), 1);
  assert.equal(parseChineseNumber("正"), 1);
  assert.equal(parseChineseNumber("十"), 10);
  assert.equal(parseChineseNumber("十二"), 12);
  assert.equal(parseChineseNumber("廿三"), 23);
  assert.equal(parseChineseNumber("七"), 7);
});

test("reads positional numerals", () => {
  assert.equal(parseChineseNumber("一四九"), 149);
  assert.equal(parseChineseNumber("二〇一五"), 2015);
});

test("rejects what is not a numeral", () => {
  for (const bad of ["", "年", "十十", "百十百", "三四五十", "萬", "一百年", "abc"]) {
    assert.equal(parseChineseNumber(bad), null, bad);
  }
});

test("formats and parses back every number up to a million", () => {
  assert.equal(formatChineseNumber(139), "一百三十九");
  assert.equal(formatChineseNumber(255_000), "二十五萬五千");
  assert.equal(formatChineseNumber(10), "十");
  assert.equal(formatChineseNumber(1005), "一千〇五");
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 999_999_999 }),
      (n) => parseChineseNumber(formatChineseNumber(n)) === n,
    ),
  );
});

test("never throws on arbitrary strings", () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const value = parseChineseNumber(s);
      return value === null || Number.isInteger(value);
    }),
  );
});
