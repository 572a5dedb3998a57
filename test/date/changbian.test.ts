/**
 * The whole 續資治通鑑長編 (520 juan, corpus/changbian) read and dated as `biannian ingest` reads
 * it. The thresholds are the project's goals for a real chronicle; the spot checks are read from
 * the juan themselves and dated by lunar-javascript.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadCalendar } from "../../src/calendar/index.ts";
import { lunarMonths } from "../../src/calendar/test-support/lunar-javascript.ts";
import type { YearContext } from "../../src/date/index.ts";
import { type AnnotatedEntryRecord, readChronicle } from "../../src/pipeline.ts";

const calendar = loadCalendar();
const juanFiles = Array.from({ length: 520 }, (_, k) => `KR2b0019_${String(k + 5).padStart(3, "0")}.txt`);

const read = () => {
  const byJuan = new Map<string, AnnotatedEntryRecord[]>();
  const messages: string[] = [];
  let last: { juan: number; year: YearContext } | null = null;
  for (const name of juanFiles) {
    const text = readFileSync(new URL(`../../corpus/changbian/${name}`, import.meta.url), "utf8");
    const result = readChronicle(text, calendar, {
      annotate: false,
      carry: (d) => (last && d.juan !== null && last.juan === d.juan - 1 ? last.year : undefined),
    });
    const juan = result.tree.meta.document.juan;
    if (juan !== null && result.lastYear) last = { juan, year: result.lastYear };
    byJuan.set(name, result.records);
    for (const m of result.tree.messages) messages.push(m.ruleId);
  }
  return { byJuan, messages };
};

test("the whole 長編: at least 99.5 % of entries dated, no era left unknown or ambiguous", () => {
  const { byJuan, messages } = read();
  const records = [...byJuan.values()].flat();
  const dated = records.filter((r) => r.date.jdn !== null).length;
  assert.ok(records.length > 30_000, `${records.length} entries`);
  assert.ok(dated / records.length >= 0.995, `${dated} of ${records.length} dated`);
  assert.equal(messages.filter((m) => m === "date-unknown-era").length, 0);
  assert.equal(messages.filter((m) => m === "date-ambiguous-era").length, 0);
});

test("juan of 長編 open on the day they write, in variant forms too", () => {
  const { byJuan } = read();
  const first = (name: string) => byJuan.get(name)![0]!;
  const monthStart = (year: number, month: number) =>
    lunarMonths(year)
      .find((m) => m.getMonth() === month)!
      .getFirstJulianDay();
  // 卷一 opens 建隆元年春正月辛丑朔 (960); 卷一百三十九 慶歴三年春正月庚午朔 (1043).
  assert.deepEqual(first("KR2b0019_005.txt").date.jdn, {
    start: monthStart(960, 1),
    end: monthStart(960, 1),
  });
  assert.deepEqual(first("KR2b0019_143.txt").date.jdn, {
    start: monthStart(1043, 1),
    end: monthStart(1043, 1),
  });
  // 卷一百四十九 (慶曆四年五月) writes 丙戍 for the day 丙戌: 元昊始稱臣, an item of its own.
  const submission = byJuan.get("KR2b0019_153.txt")!.find((r) => r.headline.startsWith("元昊始稱臣"))!;
  assert.equal(submission.date.day, "丙戌");
  assert.equal(submission.date.month, 5);
});
