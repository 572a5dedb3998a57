import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeEra, findEras, listEras, splitEraName } from "./eras.ts";
import { findStates } from "./states.ts";

describe("eras and states", () => {
  it("every era of the table is listed with state, rulers and span", () => {
    const eras = listEras();
    // 928 era records (era_id) of the source table; records of one era under successive rulers are joined.
    assert.equal(new Set(eras.flatMap((e) => e.ids)).size, 928);
    assert.ok(eras.length > 700, `${eras.length} eras`);
    const xia = eras.find((e) => e.name === "天授禮法延祚");
    assert.equal(xia?.state, "西夏");
    assert.deepEqual(xia?.ce, { start: 1038, end: 1048 });
    const qingli = eras.find((e) => e.name === "慶曆");
    assert.deepEqual(qingli?.years, { first: 1, last: 8 });
    assert.deepEqual(qingli?.rulers, ["仁宗"]);
  });

  it("records the source splits by ruler are one era (天顯 under 太祖, 淳欽皇后 and 太宗)", () => {
    const tianxian = findEras("天顯", { state: "遼" });
    assert.equal(tianxian.length, 1);
    assert.ok(tianxian[0]!.rulers.length >= 2);
  });

  it("shared names are distinct records ranked by context", () => {
    assert.deepEqual(
      findEras("大安", { near: 1090 })
        .slice(0, 3)
        .map((e) => e.state.id),
      ["遼", "西夏", "金"],
    );
    assert.deepEqual(
      findEras("天慶").map((e) => e.state.id),
      ["遼", "西夏"],
    );
    assert.equal(describeEra(findEras("大慶", { near: 1141 })[0]!).ce.start, 1140);
  });

  it("chronicle names of states", () => {
    const ids = (name: string) => findStates(name).map((s) => s.id);
    assert.ok(ids("宋").includes("北宋") && ids("宋").includes("南宋"));
    assert.deepEqual(ids("契丹"), ["遼"]);
    assert.ok(ids("夏").includes("西夏"));
    assert.equal(ids("遼")[0], "遼");
    assert.equal(ids("金")[0], "金");
    assert.deepEqual(ids("夏國"), ["西夏"]);
    assert.deepEqual(ids("某國"), []);
  });

  it("a state or ruler before the era name", () => {
    assert.deepEqual(splitEraName("宋仁宗慶曆"), { era: "慶曆", state: "宋", ruler: "仁宗" });
    assert.deepEqual(splitEraName("西夏天授禮法延祚"), { era: "天授禮法延祚", state: "西夏", ruler: null });
    assert.equal(splitEraName("某某慶曆"), null);
  });
});
