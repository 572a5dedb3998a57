import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { lunarJs, solarJdn } from "../calendar/test-support/lunar-javascript.ts";
import { erasNamed, reignRanges } from "./reigns.ts";

/** The first day of a lunar month in lunar-javascript (the tests' independent reference). */
const firstDay = (year: number, month: number) => solarJdn(lunarJs.Lunar.fromYmd(year, month, 1).getSolar());

describe("reign ranges", () => {
  // 慶曆四年 is the lunar year of 1044, from its 正月初一 to the eve of 1045's.
  const year1044 = { start: firstDay(1044, 1), end: firstDay(1045, 1) - 1 };

  test("an era year, in any spelling and in every state's reckoning, is the same days", () => {
    for (const era of ["慶曆", "慶厯", "慶歴", "庆历", "宋慶曆"])
      assert.deepEqual(reignRanges({ era, year: 4 }), [year1044], era);
    // 遼 counted 重熙 from 1032 and 西夏 天授禮法延祚 from 1038: 1044 is their 13th and 7th years.
    assert.deepEqual(reignRanges({ era: "重熙", year: 13 }), [year1044]);
    assert.deepEqual(reignRanges({ era: "遼重熙", year: 13 }), [year1044]);
    assert.deepEqual(reignRanges({ era: "天授禮法延祚", year: 7 }), [year1044]);
  });

  test("an era alone, a state alone, a state with a year", () => {
    const [qingli, ...more] = reignRanges({ era: "慶曆" })!;
    // 康定二年十一月 the era became 慶曆 (宋史·仁宗本紀), and 皇祐 began with 1049's 正月.
    assert.deepEqual(more, []);
    assert.ok(qingli!.start >= firstDay(1041, 11) && qingli!.start < firstDay(1041, 12));
    assert.equal(qingli!.end, firstDay(1049, 1) - 1);
    const liao = reignRanges({ state: "遼" })!;
    assert.ok(liao.some((r) => r.start <= year1044.start && r.end >= year1044.end));
    assert.ok(reignRanges({ state: "遼", year: 13 })!.some((r) => r.start === year1044.start));
    // 大安 was an era of 遼, 西夏 and 金 (and earlier states): several ranges.
    assert.ok(reignRanges({ era: "大安" })!.length >= 3);
    assert.deepEqual(
      erasNamed("大安")
        .map((e) => e.state.id)
        .filter((s) => ["遼", "西夏", "金"].includes(s))
        .sort(),
      ["西夏", "遼", "金"].sort(),
    );
  });

  test("nothing for unknown names, a year past the era, or 遼 with 宋's era; null without era or state", () => {
    assert.deepEqual(reignRanges({ era: "無此" }), []);
    assert.deepEqual(reignRanges({ state: "無此國" }), []);
    assert.deepEqual(reignRanges({ era: "慶曆", year: 9 }), []);
    assert.deepEqual(reignRanges({ era: "慶曆", state: "遼" }), []);
    assert.equal(reignRanges({ year: 4 }), null);
    assert.equal(reignRanges({}), null);
  });
});
