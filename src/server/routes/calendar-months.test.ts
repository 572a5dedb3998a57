import assert from "node:assert/strict";
import { test } from "node:test";
import { monthsBetween } from "./calendar-months.ts";

test("months run on past the end of a state's calendar: 北宋's ends in 1127, 南宋's goes on", () => {
  // JDN 2132000 is in 宣和 (1125); 2133200 in 建炎二年 (1128).
  const { reference, months } = monthsBetween(2132000, 2133200);
  assert.equal(reference, "北宋");
  for (let k = 1; k < months.length; k++)
    assert.equal(months[k]!.start, months[k - 1]!.end + 1, `no gap or overlap before month ${k}`);
  assert.ok(months[0]!.labels.some((l) => l.state === "北宋" && l.era === "宣和"));
  const last = months[months.length - 1]!;
  assert.ok(last.end >= 2133200 && last.start <= 2133200);
  assert.ok(
    last.labels.some((l) => l.state === "南宋" && l.yearLabel === "建炎二年"),
    JSON.stringify(last.labels),
  );
});
