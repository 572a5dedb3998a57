import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { lunarJs, lunarMonths, solarJdn } from "../../src/calendar/test-support/lunar-javascript.ts";
import { readChronicle } from "../../src/pipeline.ts";

const text = readFileSync(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url), "utf8");
// Written by hand from the text: every entry's year heading and month.
const outline: { year: string; month: number | null }[] = JSON.parse(
  readFileSync(new URL("../fixtures/xixia-outline.json", import.meta.url), "utf8"),
);
// 天授禮法延祚六年 is 慶曆三年 (1043) and 七年 is 慶曆四年 (1044): corpus/README and 宋史·夏國傳.
const LUNAR_YEAR: Record<string, number> = { 西夏稱天授禮法延祚六年: 1043, 西夏稱天授禮法延祚七年: 1044 };

/** The month's first and last day by lunar-javascript (the Song calendar, which Xia followed). */
function monthRange(year: number, month: number): { start: number; end: number } {
  const m = lunarMonths(year).find((x) => x.getMonth() === month)!;
  return { start: m.getFirstJulianDay(), end: m.getFirstJulianDay() + m.getDayCount() - 1 };
}

function yearRange(year: number): { start: number; end: number } {
  const months = lunarMonths(year);
  const last = months[months.length - 1]!;
  return { start: months[0]!.getFirstJulianDay(), end: last.getFirstJulianDay() + last.getDayCount() - 1 };
}

test("every entry of the sample gets the range of its month, or of its year for 是歲", () => {
  const { records } = readChronicle(text);
  assert.equal(records.length, outline.length);
  records.forEach((record, i) => {
    const expected = outline[i]!;
    const year = LUNAR_YEAR[expected.year]!;
    const range = expected.month === null ? yearRange(year) : monthRange(year, expected.month);
    assert.deepEqual(record.date.jdn, range, `${record.id} ${record.headline}`);
  });
});

test("the year headings resolve to 1043 and 1044 through the era table", () => {
  const { tree } = readChronicle(text);
  const years = tree.children.map((y) => y.heading?.data?.date?.julian.start.slice(0, 4));
  assert.deepEqual(years, ["1043", "1044"]);
});

test("the first entry carries the Song, Liao and Xia reign dates of its first day", () => {
  const [first] = readChronicle(text).records;
  const labels = first!.date.concurrent.map((c) => `${c.era}${c.year}年${c.month}月${c.day}日`).sort();
  assert.deepEqual(labels, ["天授禮法延祚6年1月1日", "慶曆3年1月1日", "重熙12年1月1日"]);
  // 慶曆三年正月一日 by lunar-javascript, in the Julian calendar.
  const solar = lunarJs.Lunar.fromYmd(1043, 1, 1).getSolar();
  const iso = `${solar.getYear()}-${String(solar.getMonth()).padStart(2, "0")}-${String(solar.getDay()).padStart(2, "0")}`;
  assert.equal(first!.date.julian?.start, iso);
});

test("a sexagenary day inside an editor's note resolves within its month", () => {
  const { tree } = readChronicle(text);
  const notes = tree.children.flatMap((y) => y.children.flatMap((e) => e.sources?.notes ?? []));
  const dated = notes.flatMap((n) => n.data?.dates ?? []).map((d) => ({ text: d.text, jdn: d.jdn.start }));
  // 按《長編》八月壬戌 (1043) and 十一月乙酉 (1043), found by their 干支 in lunar-javascript.
  const find = (month: number, ganzhi: string) => {
    for (let day = 1; day <= 30; day++) {
      const lunar = lunarJs.Lunar.fromYmd(1043, month, day);
      if (lunar.getDayInGanZhi() === ganzhi) return solarJdn(lunar.getSolar());
    }
    throw new Error(`no ${ganzhi} in month ${month}`);
  };
  assert.deepEqual(dated, [
    { text: "八月壬戌", jdn: find(8, "壬戌") },
    { text: "十一月乙酉", jdn: find(11, "乙酉") },
  ]);
});

test("the sample dates without a problem", () => {
  const { tree } = readChronicle(text);
  assert.deepEqual(
    tree.messages.filter((m) => m.ruleId.startsWith("date-")),
    [],
  );
});

test("the 長編 items are dated to the day and fall in the sample's months", () => {
  const juan139 = readFileSync(new URL("../../corpus/changbian/KR2b0019_143.txt", import.meta.url), "utf8");
  const juan149 = readFileSync(new URL("../../corpus/changbian/KR2b0019_153.txt", import.meta.url), "utf8");
  const first = readChronicle(juan139).records[0]!;
  // 慶歴三年春正月庚午朔: lunar-javascript's 慶曆三年正月初一 is a 庚午 day.
  const newYear = lunarJs.Lunar.fromYmd(1043, 1, 1);
  assert.equal(newYear.getDayInGanZhi(), "庚午");
  assert.deepEqual(first.date.jdn, {
    start: solarJdn(newYear.getSolar()),
    end: solarJdn(newYear.getSolar()),
  });
  // The last item of juan 149 is 己丑 of 慶曆四年五月.
  const last = readChronicle(juan149).records.at(-1)!;
  let jiChou = 0;
  for (let day = 1; day <= 30 && jiChou === 0; day++) {
    const lunar = lunarJs.Lunar.fromYmd(1044, 5, day);
    if (lunar.getDayInGanZhi() === "己丑") jiChou = solarJdn(lunar.getSolar());
  }
  assert.deepEqual(last.date.jdn, { start: jiChou, end: jiChou });
  // Every 長編 item lies within a month the sample has entries for (正月, 二月 of 1043; 五月 of 1044).
  const sample = readChronicle(text).records.filter((r) => r.date.month !== null);
  const items = [...readChronicle(juan139).records, ...readChronicle(juan149).records];
  for (const item of items) {
    const together = sample.filter(
      (s) => s.date.jdn!.start <= item.date.jdn!.start && item.date.jdn!.end <= s.date.jdn!.end,
    );
    assert.ok(together.length > 0, `${item.id} ${item.date.text} has no sample entry of its month`);
  }
});
