/**
 * The charts' routes over the sample chronicle read through every stage: events per month (the
 * months checked against lunar-javascript's calendar), the entries behind a bar, and the ledger
 * of silk, tea and silver, whose amounts were counted by reading the sample.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { lunarMonths } from "../../src/calendar/test-support/lunar-javascript.ts";
import { createApp } from "../../src/server/app.ts";
import type { EventBar, EventChart, Ledger } from "../../src/server/routes/charts.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { annotatedInput } from "../store/fixtures.ts";

const SAMPLE = readFileSync(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url), "utf8");

/** A lunar month's first and last day (JDN) by lunar-javascript. */
function lunarMonth(year: number, month: number): { start: number; end: number } {
  const m = lunarMonths(year).find((x) => x.getMonth() === month)!;
  return { start: m.getFirstJulianDay(), end: m.getFirstJulianDay() + m.getDayCount() - 1 };
}

describe("chart routes", () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = openSqliteStore(":memory:");
    await store.putDocument(annotatedInput(SAMPLE, { path: "xixia.txt" }));
    app = createApp(store);
  });
  after(() => store.close());
  const get = async <T>(path: string): Promise<T> => {
    const response = await app.request(path);
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };

  test("the ledger: silk, tea and silver as the sample counts them, each in its own unit", async () => {
    const ledger = await get<Ledger>("/api/charts/ledger");
    const series = (name: string) =>
      ledger.series
        .filter((s) => s.name === name)
        .map((s) => ({
          unit: s.unitName,
          points: s.points.map((p) => ({ start: p.start, amount: p.amount, text: p.text })),
        }));
    // Line 13 (headline, repeated in the detail of line 14): 夏四月 of 天授禮法延祚六年 (慶曆三年, 1043),
    // 歲賜絹十萬匹、茶三萬斤. Line 73, in the entry of 十二月 of 七年 (1044, line 71): 銀二萬兩、絹二萬匹、茶三萬斤.
    const april1043 = lunarMonth(1043, 4).start;
    const december1044 = lunarMonth(1044, 12).start;
    assert.deepEqual(series("絹"), [
      {
        unit: "匹",
        points: [
          { start: april1043, amount: 100_000, text: "絹十萬匹" },
          { start: december1044, amount: 20_000, text: "絹二萬匹" },
        ],
      },
    ]);
    assert.deepEqual(series("茶"), [
      {
        unit: "斤",
        points: [
          { start: april1043, amount: 30_000, text: "茶三萬斤" },
          { start: december1044, amount: 30_000, text: "茶三萬斤" },
        ],
      },
    ]);
    assert.deepEqual(series("銀"), [
      { unit: "兩", points: [{ start: december1044, amount: 20_000, text: "銀二萬兩" }] },
    ]);
    // Lines 23 and 24 count 青鹽 in 石 and in 斛: two series, never one sum.
    assert.deepEqual(
      series("青鹽").map((s) => [s.unit, s.points.map((p) => p.text)]),
      [
        ["石", ["青鹽十萬石"]],
        ["斛", ["青鹽十萬斛"]],
      ],
    );
    // 銀、綺、絹、茶二十五萬五千 (line 46) is a sum of four goods: in no one commodity's series.
    assert.ok(ledger.series.every((s) => s.points.every((p) => !p.text.includes("二十五萬五千"))));
    const only1044 = await get<Ledger>("/api/charts/ledger?from=1044&to=1044");
    assert.deepEqual(
      only1044.series.find((s) => s.name === "絹")?.points.map((p) => p.amount),
      [20_000],
    );
  });

  test("events per month follow the lunar months of 1043–1044", async () => {
    const chart = await get<EventChart>("/api/charts/events?from=1043&to=1044&group=state");
    assert.equal(chart.reference, "北宋");
    // The months that overlap 1 January 1043 – 31 December 1044 (Julian), by lunar-javascript.
    const first = 2102014; // 1 January 1043 (Julian)
    const last = 2102014 + 365 + 366 - 1; // 31 December 1044: 1044 is a Julian leap year
    const expected = [1042, 1043, 1044, 1045]
      .flatMap((y) => lunarMonths(y))
      .map((m) => ({ start: m.getFirstJulianDay(), end: m.getFirstJulianDay() + m.getDayCount() - 1 }))
      .filter((m) => m.end >= first && m.start <= last);
    assert.deepEqual(
      chart.months.map((m) => ({ start: m.start, end: m.end })),
      expected,
    );
    const april = chart.months.find((m) => m.start === lunarMonth(1043, 4).start)!;
    assert.equal(april.label, "慶曆三年四月");
    // Every event of the sample is reckoned in 西夏's years (its headings name 西夏).
    assert.deepEqual(
      chart.keys.map((k) => k.key),
      ["西夏"],
    );
    assert.equal(
      chart.months.reduce((n, m) => n + m.total, 0) + chart.broader,
      chart.keys[0]!.total + chart.broader,
    );
  });

  test("a bar's entries: the embassies of 夏四月 1043", async () => {
    const { start } = lunarMonth(1043, 4);
    const bar = await get<EventBar>(`/api/charts/events/entries?group=type&key=embassy&jdn=${start + 3}`);
    assert.equal(bar.month.start, start);
    // Lines 13 and 15: 宋遣保安軍判官邵良佐…來 and 遣使如契丹進馬、駝, both under 夏四月.
    assert.deepEqual(
      bar.results.map((e) => [e.date.text, e.headline.slice(0, 9)]),
      [
        ["夏四月", "宋遣保安軍判官邵良"],
        ["夏四月", "遣使如契丹進馬、駝"],
      ],
    );
    const chart = await get<EventChart>("/api/charts/events?from=1043&to=1043&group=type");
    const month = chart.months.find((m) => m.start === start)!;
    assert.equal(month.counts.embassy, bar.events);
    const all = await get<EventBar>(`/api/charts/events/entries?group=type&jdn=${start}`);
    assert.equal(all.events, month.total);
  });
});
