import assert from "node:assert/strict";
import { test } from "node:test";
import { reckoningState } from "./reckoning.ts";

const song = { state: "北宋", era: "寶元" };
const liao = { state: "遼", era: "重熙" };

test("a heading's era in a variant spelling is the era of the state whose calendar has it", () => {
  // 長編 卷一百二十八 heads its year 寳元二年 (寳 for 寶); the calendar writes 寶元.
  assert.equal(reckoningState({ state: null, era: "寳元" }, [liao, song]), "北宋");
  assert.equal(reckoningState({ state: null, era: "慶厯" }, [{ state: "北宋", era: "慶曆" }]), "北宋");
});

test("an era no state's concurrent date carries gives no state", () => {
  assert.equal(reckoningState({ state: null, era: "寳元" }, [liao]), null);
  assert.equal(reckoningState({ state: null, era: "天聖" }, [song, liao]), null);
});
