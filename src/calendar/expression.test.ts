import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CalendarError } from "./errors.ts";
import { parseDateExpression, parseEraDate } from "./expression.ts";

describe("date expressions", () => {
  it("era, year, month and 干支 day", () => {
    assert.deepEqual(parseEraDate("慶曆三年八月壬戌"), {
      era: "慶曆",
      year: 3,
      month: 8,
      monthName: null,
      leap: false,
      day: "壬戌",
    });
  });

  it("元年, 正月, 閏, 十有二月, 廿, 初", () => {
    assert.deepEqual(parseEraDate("寶元元年正月"), {
      era: "寶元",
      year: 1,
      month: 1,
      monthName: "正",
      leap: false,
    });
    assert.equal(parseEraDate("慶曆二年閏九月").leap, true);
    assert.equal(parseEraDate("慶曆八年閏正月").monthName, "正");
    assert.equal(parseEraDate("慶曆三年十有二月").month, 12);
    assert.equal(parseEraDate("慶曆三年四月廿三日").day, 23);
    assert.equal(parseEraDate("慶曆三年四月初九").day, 9);
    assert.equal(parseEraDate("慶曆三年四月二十九日").day, 29);
  });

  it("long era names, eras containing numerals, a state before the era", () => {
    assert.equal(parseEraDate("天授禮法延祚六年十二月").era, "天授禮法延祚");
    assert.equal(parseEraDate("大中祥符五年").era, "大中祥符");
    assert.equal(parseEraDate("建中靖國元年").era, "建中靖國");
    assert.equal(parseEraDate("太平興國二年").era, "太平興國");
    assert.equal(parseEraDate("重熙十三年十一月").year, 13);
    assert.equal(parseEraDate("遼重熙十三年十一月").era, "遼重熙");
  });

  it("seasons, 是歲, 朔 and 晦, X朔", () => {
    assert.equal(parseEraDate("慶曆三年秋").season, "秋");
    assert.equal(parseEraDate("慶曆三年冬十月").month, 10);
    assert.deepEqual(parseEraDate("慶曆三年是歲"), { era: "慶曆", year: 3 });
    assert.equal(parseEraDate("慶曆三年四月朔").day, "朔");
    assert.equal(parseEraDate("慶曆三年四月晦").day, "晦");
    const q = parseEraDate("慶曆三年四月壬戌朔");
    assert.equal(q.day, 1);
    assert.equal(q.firstDayGanzhi, "壬戌");
  });

  it("Western dates", () => {
    assert.deepEqual(parseDateExpression("1043-05-20"), {
      kind: "western",
      parts: { year: 1043, month: 5, day: 20 },
    });
    assert.deepEqual(parseDateExpression("1043"), {
      kind: "western",
      parts: { year: 1043, month: null, day: null },
    });
    assert.deepEqual(parseDateExpression("-0099"), {
      kind: "western",
      parts: { year: -99, month: null, day: null },
    });
  });

  it("not dates", () => {
    assert.throws(() => parseEraDate("慶曆"), CalendarError);
    assert.throws(() => parseEraDate("慶曆三年閏"), CalendarError);
    assert.throws(() => parseEraDate("慶曆三年八月甲丑"), CalendarError);
  });
});
