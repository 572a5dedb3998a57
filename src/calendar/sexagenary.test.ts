import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gregorianToJdn, julianToJdn } from "./jdn.ts";
import { ganzhiIndex, ganzhiName, sexagenaryDay, sexagenaryDayIndex, sexagenaryYear } from "./sexagenary.ts";
import { lunarJs, solarJdn } from "./test-support/lunar-javascript.ts";

describe("sexagenary cycle", () => {
  it("1949-10-01 was a 甲子 day", () => {
    const jdn = gregorianToJdn({ year: 1949, month: 10, day: 1 });
    assert.equal(sexagenaryDay(jdn), "甲子");
    assert.equal(sexagenaryDayIndex(jdn), 0);
  });

  it("names and indexes: 甲子 0, 壬戌 58, 癸亥 59; mismatched pairs are not 干支", () => {
    assert.equal(ganzhiName(0), "甲子");
    assert.equal(ganzhiName(58), "壬戌");
    assert.equal(ganzhiName(60), "甲子");
    assert.equal(ganzhiIndex("壬戌"), 58);
    assert.equal(ganzhiIndex("癸亥"), 59);
    assert.equal(ganzhiIndex("甲丑"), null);
    assert.equal(ganzhiIndex("甲"), null);
    for (let i = 0; i < 60; i++) assert.equal(ganzhiIndex(ganzhiName(i)), i);
  });

  it("day 干支 agree with lunar-javascript over two millennia", () => {
    for (let year = -200; year <= 1900; year += 37) {
      const solar = lunarJs.Solar.fromYmd(year, 3, 15);
      const jdn = solarJdn(solar);
      assert.equal(
        jdn,
        year < 1583 ? julianToJdn({ year, month: 3, day: 15 }) : gregorianToJdn({ year, month: 3, day: 15 }),
      );
      assert.equal(sexagenaryDay(jdn), solar.getLunar().getDayInGanZhi(), `${year}-03-15`);
    }
  });

  it("year 干支: 1984 甲子, 1043 癸未 (as lunar-javascript gives), 4 CE 甲子, 1 BCE 庚申", () => {
    assert.equal(sexagenaryYear(1984), "甲子");
    assert.equal(sexagenaryYear(1043), lunarJs.Lunar.fromYmd(1043, 6, 1).getYearInGanZhi());
    assert.equal(sexagenaryYear(1043), "癸未");
    assert.equal(sexagenaryYear(4), "甲子");
    assert.equal(sexagenaryYear(0), "庚申");
  });
});
