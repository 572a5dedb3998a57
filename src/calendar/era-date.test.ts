/**
 * Era dates against facts printed in the sources and lunar-javascript; never against values the
 * calendar itself computed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveEraDate } from "./era-date.ts";
import { CalendarError, type CalendarErrorCode } from "./errors.ts";
import { convertDate } from "./expression.ts";
import { lunarJs, lunarMonths } from "./test-support/lunar-javascript.ts";

const month = (year: number, number: number) => {
  const m = lunarMonths(year).find((x) => x.getMonth() === number);
  if (!m) throw new Error(`lunar-javascript has no month ${number} in ${year}`);
  return {
    start: m.getFirstJulianDay(),
    end: m.getFirstJulianDay() + m.getDayCount() - 1,
    days: m.getDayCount(),
  };
};

const fails = (code: CalendarErrorCode, run: () => unknown): void => {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof CalendarError, String(e));
    assert.equal(e.code, code, e.message);
    return true;
  });
};

describe("era dates: facts from the sources", () => {
  it("1042 has 閏九月: 慶曆二年閏九月", () => {
    assert.deepEqual(convertDate("慶曆二年閏九月").jdn, {
      start: month(1042, -9).start,
      end: month(1042, -9).end,
    });
  });

  it("1048 has 閏正月: 慶曆八年閏正月, distinct from 正月", () => {
    assert.equal(convertDate("慶曆八年閏正月").jdn.start, month(1048, -1).start);
    assert.equal(convertDate("慶曆八年正月").jdn.start, month(1048, 1).start);
  });

  it("慶曆元年 = 康定二年 = 1041 (the year of the change belongs to both)", () => {
    const a = convertDate("慶曆元年");
    const b = convertDate("康定二年");
    assert.deepEqual(a.jdn, b.jdn);
    assert.deepEqual(a.jdn, { start: month(1041, 1).start, end: month(1041, 12).end });
    assert.equal(a.civilYear?.ce, 1041);
    assert.equal(a.civilYear?.ganzhi, "辛巳");
    assert.ok(a.warnings.some((w) => w.includes("慶曆 begins within")));
  });

  it("寶元元年正月 (retroactive) = 景祐五年正月", () => {
    const retro = convertDate("寶元元年正月");
    assert.deepEqual(retro.jdn, convertDate("景祐五年正月").jdn);
    assert.equal(retro.jdn.start, month(1038, 1).start);
    assert.ok(retro.warnings.some((w) => w.includes("retroactive")));
    assert.ok(retro.concurrent.some((c) => c.state === "北宋" && c.era === "景祐" && c.year === 5));
  });

  it("慶曆三年四月 is the fourth month of 1043; its ninth day is 1043-05-20 (Julian)", () => {
    const r = convertDate("慶曆三年四月");
    assert.deepEqual(r.jdn, { start: month(1043, 4).start, end: month(1043, 4).end });
    const day = convertDate("慶曆三年四月九日");
    assert.deepEqual(day.julian, { start: "1043-05-20", end: "1043-05-20" });
    assert.equal(convertDate("慶曆三年四月初九").jdn.start, day.jdn.start);
  });

  it("天授禮法延祚六年 (西夏) is 1043", () => {
    const r = convertDate("天授禮法延祚六年十二月");
    assert.deepEqual(r.jdn, { start: month(1043, 12).start, end: month(1043, 12).end });
    assert.equal(convertDate("天授禮法延祚六年").civilYear?.ce, 1043);
  });

  it("Liao 重熙十三年十一月 begins a day after Song 慶曆四年十一月 (1044)", () => {
    const song = convertDate("慶曆四年十一月");
    const liao = convertDate("重熙十三年十一月", { state: "遼" });
    assert.equal(song.jdn.start, month(1044, 11).start);
    assert.equal(liao.jdn.start, song.jdn.start + 1);
    assert.equal(liao.jdn.end, song.jdn.end);
  });

  it("a 干支 day: 慶曆三年八月壬戌 is the month's day whose 干支 is 壬戌", () => {
    const r = convertDate("慶曆三年八月壬戌");
    assert.equal(r.ganzhi, "壬戌");
    const m = month(1043, 8);
    assert.ok(r.jdn.start >= m.start && r.jdn.start <= m.end);
  });

  it("朔 and 晦 are the first and last days; X朔 checks the first day's 干支", () => {
    const m = month(1043, 4);
    assert.equal(convertDate("慶曆三年四月朔").jdn.start, m.start);
    assert.equal(convertDate("慶曆三年四月晦").jdn.start, m.end);
  });

  it("a season: 慶曆三年秋 = months 7–9", () => {
    assert.deepEqual(convertDate("慶曆三年秋").jdn, { start: month(1043, 7).start, end: month(1043, 9).end });
  });

  it("Western Xia months reckoned by Liao starts are given as an alternative where they differ (1039)", () => {
    const r = resolveEraDate({ era: "天授禮法延祚", year: 2, month: 6 });
    assert.equal(r.jdn.start, month(1039, 6).start); // Song start
    assert.equal(r.alternatives[0]?.source, "liao-calendar");
    assert.equal(r.alternatives[0]?.jdn.start, month(1039, 6).start + 1);
    assert.equal(convertDate("重熙八年六月").jdn.start, month(1039, 6).start + 1);
  });

  it("a name several states used is resolved by state or year", () => {
    assert.equal(resolveEraDate({ era: "天慶", year: 5, state: "遼" }).civilYear?.ce, 1115);
    assert.equal(resolveEraDate({ era: "天慶", year: 5, state: "夏" }).civilYear?.ce, 1198);
    assert.equal(resolveEraDate({ era: "天慶", year: 5 }, { near: 1120 }).civilYear?.ce, 1115);
    assert.equal(resolveEraDate({ era: "大安", year: 3, state: "金" }).civilYear?.ce, 1211);
    assert.equal(resolveEraDate({ era: "大安", year: 3, state: "契丹" }).civilYear?.ce, 1087);
  });

  it("a state or ruler may stand before the era", () => {
    assert.equal(convertDate("宋仁宗慶曆三年四月").jdn.start, month(1043, 4).start);
    assert.equal(convertDate("西夏天授禮法延祚六年四月").jdn.start, month(1043, 4).start);
    assert.equal(convertDate("遼 重熙十二年 四月").jdn.start, month(1043, 4).start);
  });
});

describe("era dates: errors instead of wrong dates", () => {
  it("unknown era", () => {
    fails("unknown-era", () => convertDate("某某三年"));
    fails("unknown-era", () => resolveEraDate({ era: "某某", year: 3 }));
  });

  it("a year past the era's last (慶曆 has eight years)", () => {
    fails("year-out-of-range", () => convertDate("慶曆九年"));
  });

  it("a leap month the year did not have", () => {
    fails("no-such-leap-month", () => convertDate("慶曆三年閏九月"));
    fails("no-such-leap-month", () => convertDate("慶曆二年閏八月"));
  });

  it("a day past the month's length", () => {
    const days = month(1043, 4).days;
    fails("day-out-of-range", () => resolveEraDate({ era: "慶曆", year: 3, month: 4, day: days + 1 }));
    fails("day-out-of-range", () => resolveEraDate({ era: "慶曆", year: 3, month: 4, day: 0 }));
  });

  it("a 干支 that does not fall in the month, and a bad 干支", () => {
    // The 干支 of 九月初一 follows the last day of 八月; a month has at most 30 days, so it recurs only
    // 60 days after: it cannot fall in 八月.
    const next = lunarJs.Lunar.fromYmd(1043, 9, 1).getDayInGanZhi();
    fails("ganzhi-not-in-month", () => convertDate(`慶曆三年八月${next}`));
    assert.equal(convertDate(`慶曆三年九月${next}`).jdn.start, month(1043, 9).start);
    fails("bad-ganzhi", () => resolveEraDate({ era: "慶曆", year: 3, month: 8, day: "甲丑" }));
  });

  it("ambiguous names without context list the candidates", () => {
    assert.throws(
      () => convertDate("大安三年"),
      (e: unknown) => {
        assert.ok(e instanceof CalendarError);
        assert.equal(e.code, "ambiguous-era");
        const states = e.candidates.map((c) => c.state);
        for (const s of ["遼", "西夏", "金"]) assert.ok(states.includes(s), states.join());
        return true;
      },
    );
  });

  it("a state that did not use the era, and an unknown state", () => {
    fails("era-not-in-state", () => convertDate("慶曆三年", { state: "遼" }));
    fails("unknown-state", () => convertDate("慶曆三年", { state: "某國" }));
  });

  it("a day with no month; a month past twelve; text that is not a date", () => {
    fails("day-without-month", () => resolveEraDate({ era: "慶曆", year: 3, day: 9 }));
    fails("bad-expression", () => convertDate("慶曆三年十三月"));
    fails("bad-expression", () => convertDate("hello"));
  });
});
