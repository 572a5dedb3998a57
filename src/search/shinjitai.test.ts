/**
 * The Japanese forms that 四庫全書 texts write (data/variants/shinjitai.tsv): folded with the
 * forms they stand for, except where the form is a character of Chinese in its own right.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertRebuilt } from "../../test/support/rebuilt-table.ts";
import { decodeShinjitai, fold } from "./fold.ts";

describe("Japanese forms of characters", () => {
  it("fold with the forms they stand for, as 長編 writes them", () => {
    // 卷二百四十一 (KR2b0019_245) writes 曽布 and 曽孝寛 for 曾布 and 曾孝寬; 卷八十六 (KR2b0019_090)
    // writes 王懐信, 卷八十一 (KR2b0019_085) 王懷信.
    assert.equal(fold("曽布"), fold("曾布"));
    assert.equal(fold("曽孝寛"), fold("曾孝寬"));
    assert.equal(fold("王懐信"), fold("王懷信"));
    assert.equal(fold("黙"), fold("默"));
    assert.equal(fold("頴"), fold("穎"));
    assert.equal(fold("増"), fold("增"));
  });

  it("leave alone forms that are characters of Chinese in their own right", () => {
    // 予 (I; to give) is not 豫, 併 is not 倂, 郎 is not 郞, 沪 (the simplified 滬) is not 濾.
    assert.notEqual(fold("予"), fold("豫"));
    assert.equal(fold("沪"), fold("滬"));
    assert.notEqual(fold("沪"), fold("濾"));
    assert.notEqual(fold("欠"), fold("缺"));
    assert.notEqual(fold("芸"), fold("藝"));
  });

  it("report a malformed row with its line", () => {
    assert.throws(() => decodeShinjitai("# x\n曽曽\t曾\tx\n", "t.tsv"), /t\.tsv:2:/);
    assert.throws(() => decodeShinjitai("曽\n", "t.tsv"), /t\.tsv:1:/);
    assert.equal(decodeShinjitai("曽\t曾\tx\n").get("曽"), "曾");
  });

  it("are what scripts/build-shinjitai.ts derives from OpenCC and the variant tables", (t) => {
    assertRebuilt(t, "build-shinjitai.ts", "data/variants/shinjitai.tsv");
  });
});
