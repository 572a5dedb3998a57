import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concurrentAt } from "./concurrent.ts";
import { CalendarError } from "./errors.ts";
import { julianToJdn } from "./jdn.ts";
import { lunarJs, lunarMonths, solarJdn } from "./test-support/lunar-javascript.ts";
import { resolveWesternDate } from "./western.ts";

const labels = (jdn: number) =>
  concurrentAt(jdn).map((c) => `${c.state} ${c.label}${c.source ? ` [${c.source}]` : ""}`);

describe("Western dates to Chinese dates", () => {
  it("1043-05-20 (Julian) → 宋 慶曆三年四月九日, 遼 重熙十二年四月九日, 夏 天授禮法延祚六年四月九日", () => {
    const r = resolveWesternDate("1043-05-20");
    assert.equal(r.jdn.start, julianToJdn({ year: 1043, month: 5, day: 20 }));
    assert.equal(r.jdn.start, solarJdn(lunarJs.Solar.fromYmd(1043, 5, 20)));
    const lunar = lunarJs.Solar.fromYmd(1043, 5, 20).getLunar();
    assert.deepEqual([lunar.getMonth(), lunar.getDay()], [4, 9]);
    assert.deepEqual(
      r.concurrent.map((c) => `${c.state} ${c.label}`).sort(),
      ["北宋 慶曆三年四月九日", "遼 重熙十二年四月九日", "西夏 天授禮法延祚六年四月九日"].sort(),
    );
    const song = r.concurrent.find((c) => c.state === "北宋")!;
    assert.deepEqual(
      { era: song.era, year: song.year, month: song.month, leap: song.leap, day: song.day },
      { era: "慶曆", year: 3, month: 4, leap: false, day: 9 },
    );
    assert.equal(r.ganzhi, lunar.getDayInGanZhi());
  });

  it("a bare year is 1 January to 31 December of that Julian year", () => {
    const r = resolveWesternDate("1043");
    assert.deepEqual(r.julian, { start: "1043-01-01", end: "1043-12-31" });
    assert.equal(r.jdn.end - r.jdn.start + 1, 365);
    assert.ok(r.concurrentEnd?.some((c) => c.state === "北宋" && c.era === "慶曆"));
  });

  it("the 1582 switch: 1582-10-04 is Julian, 1582-10-15 Gregorian, the days between do not exist", () => {
    assert.equal(resolveWesternDate("1582-10-04").jdn.start, 2299160);
    assert.equal(resolveWesternDate("1582-10-15").jdn.start, 2299161);
    assert.equal(resolveWesternDate("1582-10-15").julian.start, "1582-10-05");
    assert.throws(() => resolveWesternDate("1582-10-10"), CalendarError);
    assert.equal(resolveWesternDate("1582-10-10", "julian").jdn.start, 2299166);
    const october = resolveWesternDate("1582-10");
    assert.equal(october.jdn.end - october.jdn.start + 1, 21);
  });

  it("JDN 2451545 = 2000-01-01: outside the Chinese data, with a warning", () => {
    const r = resolveWesternDate("2000-01-01");
    assert.equal(r.jdn.start, 2451545);
    assert.equal(r.concurrent.length, 0);
    assert.equal(r.warnings.length, 1);
  });

  it("bad dates are errors", () => {
    assert.throws(() => resolveWesternDate("1043-02-30"), CalendarError);
    assert.throws(() => resolveWesternDate("1043-13"), CalendarError);
    assert.throws(() => resolveWesternDate("May 1043"), CalendarError);
  });

  it("negative (astronomical) years: 220 BCE = -0219 is 秦 始皇帝 (27th year begins in its 10th month)", () => {
    const r = resolveWesternDate("-0219-06-01");
    assert.ok(r.julian.start.startsWith("-0219"));
    assert.ok(r.concurrent.some((c) => c.state === "秦"));
  });

  it("each state has its own months: on the first day of Song 慶曆四年十一月 Liao is still in 十月", () => {
    const first = lunarMonths(1044)
      .find((m) => m.getMonth() === 11)!
      .getFirstJulianDay();
    const at = labels(first);
    assert.ok(at.includes("北宋 慶曆四年十一月一日"), at.join());
    assert.ok(at.includes("遼 重熙十三年十月三十日"), at.join());
    // Western Xia: Song starts in the table, Liao starts by the other source.
    assert.ok(at.includes("西夏 天授禮法延祚七年十一月一日"), at.join());
    assert.ok(at.includes("西夏 天授禮法延祚七年十月三十日 [liao-calendar]"), at.join());
  });
});
