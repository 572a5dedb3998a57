/**
 * Song months 960–1279 against lunar-javascript, a reference independent of the DDBC table the
 * calendar is built from. They agree everywhere except 天聖九年九月 (1031), which DDBC starts a
 * day earlier; the calendar keeps the other reading as an alternative.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concurrentAt } from "./concurrent.ts";
import { resolveEraDate } from "./era-date.ts";
import { CalendarError } from "./errors.ts";
import { lunarJs, lunarMonths, solarJdn } from "./test-support/lunar-javascript.ts";
import type { ConcurrentDate } from "./types.ts";

const SONG = new Set(["北宋", "南宋"]);
const songLabel = (jdn: number): ConcurrentDate | undefined =>
  concurrentAt(jdn).find((c) => SONG.has(c.state) && !c.source);
/** Months where DDBC and lunar-javascript differ, by their first day in lunar-javascript. */
const DISPUTED_1031 = new Set([2097863, 2097893]);

describe("Song months 960–1279 agree with lunar-javascript", () => {
  it("every month's first and last day, leap months and lengths", () => {
    let checked = 0;
    for (let year = 960; year <= 1279; year++) {
      for (const ref of lunarMonths(year)) {
        if (DISPUTED_1031.has(ref.getFirstJulianDay())) continue;
        const month = Math.abs(ref.getMonth());
        const leap = ref.getMonth() < 0;
        const first = ref.getFirstJulianDay();
        const last = first + ref.getDayCount() - 1;
        for (const [jdn, day] of [
          [first, 1],
          [last, ref.getDayCount()],
        ] as const) {
          const label = songLabel(jdn);
          if (!label) continue; // before 建隆 or after 祥興
          assert.deepEqual(
            { month: label.month, leap: label.leap, day: label.day },
            { month, leap, day },
            `${year} month ${ref.getMonth()} day ${day}: ${label.label}`,
          );
          checked++;
        }
      }
    }
    assert.ok(checked > 7500, `checked ${checked} month ends`);
  });

  it("天聖九年八月 and 九月 (1031): DDBC one day early, lunar-javascript's start kept as the alternative", () => {
    const ref = lunarMonths(1031).find((m) => m.getMonth() === 9)!;
    const ninth = resolveEraDate({ era: "天聖", year: 9, month: 9 });
    assert.equal(ninth.jdn.start, ref.getFirstJulianDay() - 1);
    assert.equal(ninth.alternatives[0]?.jdn.start, ref.getFirstJulianDay());
    assert.equal(ninth.alternatives[0]?.jdn.end, ref.getFirstJulianDay() + ref.getDayCount() - 1);
    assert.ok(ninth.warnings.some((w) => w.includes("disputed")));
    const eighth = resolveEraDate({ era: "天聖", year: 9, month: 8 });
    assert.equal(eighth.alternatives[0]?.jdn.end, ref.getFirstJulianDay() - 1);
  });

  it("era dates with numbered and 干支 days convert to lunar-javascript's days (every third year)", () => {
    let conversions = 0;
    for (let year = 960; year <= 1279; year += 3) {
      const months = lunarMonths(year);
      const ref = months[(year * 7) % months.length]!;
      if (DISPUTED_1031.has(ref.getFirstJulianDay())) continue;
      const day = 1 + ((year * 13) % ref.getDayCount());
      const lunar = lunarJs.Lunar.fromYmd(year, ref.getMonth(), day);
      const expected = solarJdn(lunar.getSolar());
      const label = songLabel(ref.getFirstJulianDay() + 14);
      if (!label) continue;
      const query = {
        era: label.era,
        year: label.year,
        month: Math.abs(ref.getMonth()),
        leap: ref.getMonth() < 0,
      };
      const byNumber = resolveEraDate({ ...query, day, state: "宋" }, { near: year });
      assert.equal(byNumber.jdn.start, expected, `${label.era}${label.year}年 ${ref.getMonth()}/${day}`);
      const byGanzhi = resolveEraDate({ ...query, day: lunar.getDayInGanZhi(), state: "宋" }, { near: year });
      assert.equal(byGanzhi.jdn.start, expected);
      assert.equal(byGanzhi.ganzhi, lunar.getDayInGanZhi());
      conversions += 2;
    }
    assert.ok(conversions >= 200, `${conversions} conversions`);
  });

  it("leap months: each year's leap month converts, a leap month the year lacks is an error", () => {
    let leapYears = 0;
    for (let year = 961; year <= 1278; year++) {
      const leapMonth = lunarJs.LunarYear.fromYear(year).getLeapMonth();
      const months = lunarMonths(year);
      const label = songLabel(months[0]!.getFirstJulianDay() + 60);
      if (!label) continue;
      if (leapMonth > 0) {
        const ref = months.find((m) => m.getMonth() === -leapMonth)!;
        const r = resolveEraDate({
          era: label.era,
          year: label.year,
          month: leapMonth,
          leap: true,
          state: "宋",
        });
        assert.equal(r.jdn.start, ref.getFirstJulianDay(), `${year} 閏${leapMonth}`);
        assert.equal(r.jdn.end - r.jdn.start + 1, ref.getDayCount());
        leapYears++;
      } else {
        assert.throws(
          () => resolveEraDate({ era: label.era, year: label.year, month: 6, leap: true, state: "宋" }),
          (e: unknown) => e instanceof CalendarError && e.code === "no-such-leap-month",
        );
      }
    }
    assert.ok(leapYears > 100, `${leapYears} leap years`);
  });
});
