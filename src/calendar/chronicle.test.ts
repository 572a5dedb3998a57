import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveChronicleDate } from "./chronicle.ts";
import { CalendarError } from "./errors.ts";
import { lunarJs, lunarMonths, solarJdn } from "./test-support/lunar-javascript.ts";

const none = { month: null, leap: false, day: null } as const;
const month = (year: number, number: number) => lunarMonths(year).find((m) => m.getMonth() === number)!;

describe("resolveChronicleDate", () => {
  it("西夏 天授禮法延祚六年 is 1043; 四月九日 is 1043-05-20", () => {
    const heading = { era: "天授禮法延祚", number: 6, state: "西夏" };
    const r = resolveChronicleDate(heading, { month: 4, leap: false, day: 9 });
    assert.deepEqual(r.julian, { start: "1043-05-20", end: "1043-05-20" });
    assert.equal(r.jdn.start, solarJdn(lunarJs.Lunar.fromYmd(1043, 4, 9).getSolar()));
    assert.ok(r.concurrent.some((c) => c.state === "北宋" && c.era === "慶曆" && c.year === 3));
  });

  it("a season alone gives its three months; 是歲 (nothing) the whole year", () => {
    const heading = { era: "天授禮法延祚", number: 6, state: "夏" };
    const spring = resolveChronicleDate(heading, { ...none, season: "春" });
    assert.equal(spring.jdn.start, month(1043, 1).getFirstJulianDay());
    assert.equal(spring.jdn.end, month(1043, 4).getFirstJulianDay() - 1);
    const year = resolveChronicleDate(heading, none);
    assert.equal(year.jdn.start, month(1043, 1).getFirstJulianDay());
    assert.equal(year.jdn.end, lunarMonths(1044)[0]!.getFirstJulianDay() - 1);
    assert.equal(year.civilYear?.ce, 1043);
  });

  it("a 干支 day in a month; a season before the month is checked", () => {
    const r = resolveChronicleDate(
      { era: "慶曆", number: 3 },
      { month: 8, leap: false, day: "壬戌", season: "秋" },
    );
    assert.equal(r.ganzhi, "壬戌");
    assert.equal(r.warnings.length, 0);
    const odd = resolveChronicleDate(
      { era: "慶曆", number: 3 },
      { month: 8, leap: false, day: null, season: "春" },
    );
    assert.ok(odd.warnings.some((w) => w.includes("not in 春")));
  });

  it("the heading's Western year chooses between eras and is checked", () => {
    const r = resolveChronicleDate({ era: "天慶", number: 5, ce: 1115 }, none);
    assert.equal(r.civilYear?.state, "遼");
    const wrong = resolveChronicleDate({ era: "慶曆", number: 3, ce: 1044, ganzhi: "甲申" }, none);
    assert.equal(wrong.warnings.filter((w) => w.includes("heading gives")).length, 2);
  });

  it("a heading's state may carry the ruler (宋仁宗), or stand in the era (宋仁宗慶曆)", () => {
    const a = resolveChronicleDate({ era: "慶曆", number: 3, state: "宋仁宗" }, none);
    const b = resolveChronicleDate({ era: "宋仁宗慶曆", number: 3 }, none);
    assert.equal(a.civilYear?.ce, 1043);
    assert.deepEqual(a.jdn, b.jdn);
  });

  it("a day without a month, and a year past the era, are errors", () => {
    assert.throws(
      () => resolveChronicleDate({ era: "慶曆", number: 3 }, { month: null, leap: false, day: "壬戌" }),
      (e: unknown) => e instanceof CalendarError && e.code === "day-without-month",
    );
    assert.throws(
      () => resolveChronicleDate({ era: "慶曆", number: 9 }, none),
      (e: unknown) => e instanceof CalendarError && e.code === "year-out-of-range",
    );
  });
});
