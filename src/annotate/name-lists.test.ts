/**
 * Names listed with nothing between them (name-lists.ts), from the lists of 遼史 卷十九 (興宗本紀二,
 * KR2a0033_019) and 長編.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cutNames, nameRun } from "./name-lists.ts";

describe("cutNames", () => {
  it("cuts a run into the one way of surnamed names it allows", () => {
    // 宋遣梁適張從一富弼趙日定來賀 (重熙十年正月): four envoys of Song.
    assert.deepEqual(cutNames("梁適張從一富弼趙日定", new Map()), [2, 3, 2, 3]);
    // 以蕭寧耶律坦崔禹稱馬世良耶律仁先劉六符充賀宋生辰使副: the clan name 耶律 and four Han names.
    assert.deepEqual(cutNames("蕭寧耶律坦崔禹稱馬世良耶律仁先劉六符", new Map()), [2, 3, 3, 3, 4, 3]);
  });

  it("takes a known name whole, whatever its surname", () => {
    // 訛 is no surname of the table: a known 訛龐 is taken whole.
    assert.equal(cutNames("訛龐張從一", new Map()), null);
    assert.deepEqual(cutNames("訛龐張從一", new Map([[0, [2]]])), [2, 3]);
  });

  it("takes the cut of the most common surnames, and none when two are as good, or none cuts, or one name fills it", () => {
    // 張沔侯宗亮 … 張沔|侯宗亮 or 張沔侯|宗亮: 侯 is the more common surname.
    assert.deepEqual(cutNames("張沔侯宗亮", new Map()), [2, 3]);
    // 王甲王王乙 … 王甲|王王乙 and 王甲王|王乙 are as good: none.
    assert.equal(cutNames("王甲王王乙", new Map()), null);
    // 常平錢斛: 常平|錢斛 is one cut, but 錢斛 is goods; the rule refuses it by its last character.
    assert.deepEqual(cutNames("常平錢斛", new Map()), [2, 2]);
    // 一 is no surname: nothing cuts 一富弼趙日.
    assert.equal(cutNames("一富弼趙日", new Map()), null);
    // Shorter than two names.
    assert.equal(cutNames("富弼", new Map()), null);
  });
});

describe("nameRun", () => {
  it("reads the characters of names across a printed line, and stops at a verb", () => {
    const text = "遣李臨安¶\n鼎齎劄子";
    const { offsets, end } = nameRun(text, 1);
    assert.deepEqual(offsets.map((o) => text[o]).join(""), "李臨安鼎");
    assert.equal(text[end], "齎");
  });
});
