import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  type CalendarData,
  decodeCalendarData,
  encodeCalendarData,
  standardMonthName,
} from "./data-format.ts";

describe("calendar data file", () => {
  it("carries the DILA/DDBC attribution and the CC BY-SA 3.0 licence in its header", () => {
    const text = readFileSync(new URL("../../data/calendar/chinese-calendar.tsv", import.meta.url), "utf8");
    const header = text.slice(0, 2000);
    assert.match(header, /DILA\/DDBC Time Authority Database/);
    assert.match(header, /Dharma Drum Buddhist College/);
    assert.match(header, /CC BY-SA 3\.0/);
    assert.ok(Buffer.byteLength(text) < 2 * 1024 * 1024);
  });

  it("round-trips every record type", () => {
    const data: CalendarData = {
      header: ["a header", ""],
      sources: [{ id: "src", description: "a source" }],
      states: [
        {
          id: "北宋",
          names: ["北宋"],
          years: [
            {
              ce: 1042,
              months: [
                { start: 100, length: 29, month: 9, leap: 0, name: "九", partial: false },
                { start: 129, length: 30, month: 9, leap: 1, name: "閏九", partial: false },
                { start: 159, length: 12, month: 11, leap: 0, name: "正", partial: true },
              ],
            },
          ],
        },
      ],
      eras: [
        {
          id: 483,
          state: "北宋",
          ruler: "仁宗",
          names: ["慶曆", "庆历"],
          segments: [{ year: 2, first: 100, last: 170, parallel: false }],
        },
      ],
      alternatives: [{ state: "北宋", start: 129, altStart: 130, altEnd: 158, source: "src" }],
      disputes: [{ state: "北宋", ce: 1042, month: null, source: "src", note: "a note" }],
      notes: [{ era: 483, note: "an era note" }],
    };
    assert.deepEqual(decodeCalendarData(encodeCalendarData(data)), data);
  });

  it("month names", () => {
    assert.equal(standardMonthName(1, 0), "正");
    assert.equal(standardMonthName(1, 1), "閏正");
    assert.equal(standardMonthName(12, 0), "十二");
    assert.equal(standardMonthName(9, 2), "後九");
    assert.equal(standardMonthName(-1, 0), "臘");
  });

  it("malformed lines name their line", () => {
    assert.throws(() => decodeCalendarData("S\t北宋\t北宋\nY\t北宋\t1\t2\tnonsense\n"), /line 2/);
    assert.throws(() => decodeCalendarData("Q\tx\n"), /line 1/);
  });
});
