import assert from "node:assert/strict";
import { test } from "node:test";
import { readChronicle } from "../../src/pipeline.ts";

test("reads citations in 〔〕 and 【】 and half-width parentheses like （）", () => {
  const text = [
    "慶曆三年",
    "春正月，契丹遣使來議與宋和。〔《遼史·興宗本紀》〕宋建渭州籠竿城為德順軍。【《長編》一百三十九】",
    "二月，遣使如契丹。(《遼史·興宗本紀》)",
  ].join("\n");
  const { records } = readChronicle(text);
  assert.deepEqual(
    records.map((r) => [r.headline, r.citations.map((c) => `${c.work}${c.section ?? ""}${c.juan ?? ""}`)]),
    [
      ["契丹遣使來議與宋和。", ["遼史興宗本紀"]],
      ["宋建渭州籠竿城為德順軍。", ["長編139"]],
      ["遣使如契丹。", ["遼史興宗本紀"]],
    ],
  );
});

test("dates a heading with a ruler, a sexagenary year and a Western year", () => {
  const text = "宋仁宗慶曆三年（癸未，1043）\n夏四月，宋遣保安軍判官邵良佐來。（《長編》一百四十）\n";
  const { tree, records } = readChronicle(text);
  const heading = tree.children[0]!.heading!;
  assert.deepEqual(
    [heading.era, heading.number, heading.ganzhi, heading.ce],
    ["宋仁宗慶曆", 3, "癸未", 1043],
  );
  // 慶曆三年四月 began on 1043-05-12 (Julian), as the sample's 夏四月 of 天授禮法延祚六年 did.
  assert.equal(records[0]!.date.julian?.start, "1043-05-12");
  assert.deepEqual(records[0]!.date.warnings, []);
});

test("a heading whose Western year disagrees with its era is dated and warned about", () => {
  const { records } = readChronicle("慶曆三年（癸未，1044）\n三月，獻俘契丹。（《西夏書事》）\n");
  assert.equal(records[0]!.date.julian?.start.slice(0, 4), "1043");
  assert.ok(records[0]!.date.warnings.some((w) => w.includes("1044")));
});

test("an era name that does not exist is reported, and the entries are kept undated", () => {
  const { tree, records } = readChronicle("西夏稱天授禮法延祚十九年\n三月，獻俘契丹。（《西夏書事》）\n");
  assert.equal(records.length, 1);
  assert.equal(records[0]!.date.jdn, null);
  const message = tree.messages.find((m) => m.ruleId.startsWith("date-"))!;
  assert.equal(message.place.start.line, 1);
});

test("a header-less file of one year keeps its entries, undated, with their months", () => {
  const { records } = readChronicle(
    "春正月，契丹遣使來。（《遼史·興宗本紀》）\n二月，遣使如契丹。（《遼史·興宗本紀》）\n",
  );
  assert.deepEqual(
    records.map((r) => [r.year.label, r.date.month, r.date.jdn]),
    [
      [null, 1, null],
      [null, 2, null],
    ],
  );
});
