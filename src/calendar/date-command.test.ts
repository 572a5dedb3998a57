import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CommandIO } from "../cli/command.ts";
import { UsageError } from "../cli/command.ts";
import { dateCommand } from "../cli/commands/date.ts";
import { CalendarError } from "./errors.ts";
import type { DateResolution } from "./types.ts";

async function runDate(...args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const io: CommandIO = {
    out: (text) => {
      chunks.push(text);
    },
    err: () => {},
    isTTY: false,
  };
  const code = await dateCommand.run(args, io);
  return { code, out: chunks.join("") };
}

describe("biannian date", () => {
  it("JSON for a month: ISO ranges, JDN range and concurrent labels as integers", async () => {
    const { code, out } = await runDate("慶曆三年四月", "--format", "json");
    assert.equal(code, 0);
    const r = JSON.parse(out) as DateResolution;
    assert.deepEqual(r.julian, { start: "1043-05-12", end: "1043-06-09" });
    assert.equal(typeof r.gregorian.start, "string");
    assert.equal(r.jdn.end - r.jdn.start + 1, 29);
    const song = r.concurrent.find((c) => c.state === "北宋");
    assert.deepEqual(
      { era: song?.era, year: song?.year, month: song?.month, leap: song?.leap, day: song?.day },
      { era: "慶曆", year: 3, month: 4, leap: false, day: 1 },
    );
  });

  it("text for a Western date lists every state's label", async () => {
    const { out } = await runDate("1043-05-20");
    assert.match(out, /北宋 慶曆三年四月九日/);
    assert.match(out, /遼 重熙十二年四月九日/);
    assert.match(out, /西夏 天授禮法延祚六年四月九日/);
  });

  it("--state chooses the state", async () => {
    const { out } = await runDate("重熙十三年十一月", "--state", "遼", "--format=json");
    const r = JSON.parse(out) as DateResolution;
    assert.equal(r.label, "遼 重熙十三年十一月");
  });

  it("--help, a missing date, and a date that does not exist", async () => {
    assert.match((await runDate("--help")).out, /Usage: biannian date/);
    await assert.rejects(runDate(), UsageError);
    await assert.rejects(runDate("--format", "xml", "1043"), UsageError);
    await assert.rejects(runDate("慶曆九年"), CalendarError);
    await assert.rejects(runDate("慶曆三年閏九月"), CalendarError);
  });
});
