import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { formatChineseNumber } from "../text/numerals.ts";
import { concurrentAt } from "./concurrent.ts";
import { resolveEraDate } from "./era-date.ts";
import { listEras } from "./eras.ts";
import { CalendarError } from "./errors.ts";
import { convertDate, parseEraDate } from "./expression.ts";
import { jdnToJulian } from "./jdn.ts";
import { loadCalendar } from "./model.ts";
import type { ConcurrentDate } from "./types.ts";

const calendar = loadCalendar();
/** The first and last day any state of the month table covers. */
const FIRST = Math.min(...calendar.states.map((s) => s.first));
const LAST = Math.max(...calendar.states.map((s) => s.last));
const anyDay = fc.integer({ min: FIRST, max: LAST });

/**
 * Civil years (state and index) in which a month number comes twice: 104 BCE, when 太初元年 ran
 * from a 十月 to the next, and 762, when 寶應 went back from months named by branch (建子月 = 1)
 * to numbers (建巳月 = 四月). A label there can mean two days; see the last test.
 */
const REPEATING_YEARS = new Set(
  calendar.states.flatMap((state) =>
    state.years
      .filter((year) => {
        const keys = year.months.map((m) => `${m.month}:${m.leap}`);
        return new Set(keys).size < keys.length;
      })
      .map((year) => `${state.id}:${year.index}`),
  ),
);

/**
 * A state's own labels of a day with an era name. Reigns without one (`（無年號）`) are labelled
 * by the ruler (始皇帝二十七年), which is not an era the resolver knows.
 */
function namedLabels(jdn: number): ConcurrentDate[] {
  return concurrentAt(jdn, calendar).filter((c) => c.source === undefined && !c.era.startsWith("（"));
}

describe("era dates round-trip over the whole month table", () => {
  it("the table spans 221 BCE to 1912", () => {
    assert.equal(jdnToJulian(FIRST).year, -220);
    assert.ok(jdnToJulian(LAST).year >= 1912, String(jdnToJulian(LAST).year));
  });

  it("every state's label of a day resolves back to that day", () => {
    let labels = 0;
    fc.assert(
      fc.property(anyDay, (jdn) => {
        const near = jdnToJulian(jdn).year;
        for (const c of namedLabels(jdn)) {
          labels++;
          const back = resolveEraDate(
            { era: c.era, year: c.year, month: c.month, leap: c.leap, day: c.day, state: c.state },
            { near },
            calendar,
          );
          assert.equal(back.jdn.start, back.jdn.end, `${c.state} ${c.label} is one day`);
          assert.equal(back.jdn.start, jdn, `${c.state} ${c.label}`);
        }
      }),
      { numRuns: 2000 },
    );
    assert.ok(labels >= 2000, `${labels} labels`);
  });

  it("the written label reads back as that day (臘月 and 正月 included)", () => {
    fc.assert(
      fc.property(anyDay, (jdn) => {
        for (const c of namedLabels(jdn)) {
          // A label without an era name is not an era date.
          if (c.era === "") continue;
          const read = parseEraDate(c.label, calendar);
          assert.deepEqual([read.era, read.year], [c.era, c.year], c.label);
          const back = resolveEraDate({ ...read, state: c.state }, { near: jdnToJulian(jdn).year }, calendar);
          assert.deepEqual([back.jdn.start, back.jdn.end], [jdn, jdn], `${c.state} ${c.label}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back every 後九月, the leap month of the early Han calendar", () => {
    let checked = 0;
    for (const state of calendar.states)
      for (const year of state.years)
        for (const month of year.months) {
          if (month.name !== "後九") continue;
          for (const c of namedLabels(month.start).filter((l) => l.state === state.id)) {
            assert.match(c.label, /後九月/);
            const read = parseEraDate(c.label, calendar);
            const back = resolveEraDate({ ...read, state: c.state }, {}, calendar);
            assert.equal(back.jdn.start, month.start, c.label);
            checked++;
          }
        }
    // The table names the leap month 後九月 in the Qin and early Han years before 104 BCE.
    assert.ok(checked >= 10, `${checked} labels`);
  });

  it("reads any era name with any numbers, and any text, as a date or a CalendarError", () => {
    const era = fc.constantFrom(...new Set(listEras(calendar).map((e) => e.name)));
    const numeral = (max: number) => fc.integer({ min: 1, max }).map(formatChineseNumber);
    const dated = fc
      .tuple(
        fc.constantFrom("", "宋", "遼", "夏", "金", "唐"),
        era,
        fc.oneof(numeral(12), fc.constant("元")),
        fc.constantFrom("", "閏", "後"),
        fc.oneof(numeral(13), fc.constantFrom("正", "臘", "")),
        fc.oneof(
          numeral(31).map((d) => `${d}日`),
          fc.constantFrom("", "甲子", "壬戌朔", "晦", "朔"),
        ),
      )
      .map(([state, name, year, leap, month, day]) =>
        month === "" ? `${state}${name}${year}年` : `${state}${name}${year}年${leap}${month}月${day}`,
      );
    const text = fc.oneof(dated, fc.string({ unit: "binary", maxLength: 30 }));
    let dates = 0;
    fc.assert(
      fc.property(text, (t) => {
        const started = performance.now();
        try {
          const result = convertDate(t, {}, calendar);
          assert.ok(result.jdn.start <= result.jdn.end, t);
          dates++;
        } catch (error) {
          if (!(error instanceof CalendarError)) throw error;
          assert.match(error.message, /\S/);
        }
        assert.ok(performance.now() - started < 1000, `${t} took too long`);
      }),
      { numRuns: 2000 },
    );
    // Most combinations are no date (a year past the era, a name several states used): some are.
    assert.ok(dates > 20, `${dates} texts were dates`);
  });

  it("a label of a year with a month number twice resolves to the day that has it", () => {
    assert.ok(REPEATING_YEARS.size >= 2, `${REPEATING_YEARS.size} such years`);
    // 太初元年十月一日 (西漢) is the second 十月 of 104 BCE; the first was 元封七年十月一日.
    assert.equal(
      resolveEraDate({ era: "太初", year: 1, month: 10, day: 1, state: "西漢" }).jdn.start,
      1683755,
    );
    // 寶應元年五月一日 (唐, 762) is JDN 1999526; the month numbered five before it is 肅宗二年辰月.
    assert.equal(resolveEraDate({ era: "寶應", year: 1, month: 5, day: 1, state: "唐" }).jdn.start, 1999526);
    // Every month of every such year reads back from its own label.
    let checked = 0;
    for (const state of calendar.states)
      for (const year of state.years) {
        if (!REPEATING_YEARS.has(`${state.id}:${year.index}`)) continue;
        for (const month of year.months)
          for (const c of namedLabels(month.start).filter((l) => l.state === state.id)) {
            const back = resolveEraDate(
              { era: c.era, year: c.year, month: c.month, leap: c.leap, day: c.day, state: c.state },
              { near: jdnToJulian(month.start).year },
              calendar,
            );
            assert.equal(back.jdn.start, month.start, `${c.state} ${c.label}`);
            checked++;
          }
      }
    assert.ok(checked >= 20, `${checked} months`);
  });
});
