import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { FOLD_VERSION, fold, foldChar, foldWithOffsets, VARIANTS } from "./fold.ts";

describe("fold", () => {
  test("folds traditional and simplified forms to one form", () => {
    assert.equal(fold("青鹽"), fold("青盐"));
    assert.equal(fold("範仲淹"), fold("范仲淹"));
    assert.equal(fold("爲"), fold("为"));
    assert.equal(fold("為"), fold("为"));
    assert.equal(fold("裏"), fold("里"));
    assert.equal(fold("裡"), fold("里"));
    assert.equal(fold("眾"), fold("众"));
    assert.equal(fold("衆"), fold("众"));
  });

  test("folds Kanripo-style variants", () => {
    assert.equal(fold("徳"), fold("德"));
    assert.equal(fold("歴"), fold("歷"));
    assert.equal(fold("曆"), fold("歷"));
    assert.equal(fold("嵗"), fold("歲"));
    assert.equal(fold("歳"), fold("歲"));
    assert.equal(fold("靑"), fold("青"));
    // 長編 writes 龎籍 (卷一百三十九, KR2b0019_143 line 166) and 慶厯 (卷一百四十九, KR2b0019_153
    // line 12); 龎 is 龐 in the 教育部 異體字字典, 厯 is 曆 in the CJKVI tables.
    assert.equal(fold("龎籍"), fold("龐籍"));
    assert.equal(fold("龎籍"), "庞籍");
    assert.equal(fold("慶厯"), fold("慶曆"));
    assert.equal(fold("慶厯"), "庆历");
  });

  test("folds every entry of the variant table to the fold of its target", () => {
    for (const [variant, target] of Object.entries(VARIANTS)) {
      assert.equal(foldChar(variant), foldChar(target), `${variant} → ${target}`);
    }
  });

  test("folds a character outside the BMP (𤦺, Extension B) to 琦", () => {
    assert.equal(fold("韓\u{249BA}"), fold("韓琦"));
  });

  test("folds without context: a character alone folds as it does inside a word", () => {
    assert.equal(fold("乾"), fold("乾坤")[0]);
    assert.equal(fold("乾坤"), `${fold("乾")}${fold("坤")}`);
  });

  test("folds Latin letters to lower case and full-width letters and digits to ASCII", () => {
    assert.equal(fold("ABC"), "abc");
    assert.equal(fold("Ａｂ１"), "ab1");
    assert.equal(fold("，。"), "，。");
  });

  test("keeps the number of code points and is idempotent", () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c));
    const any = fc.oneof(han, fc.constantFrom(...Object.keys(VARIANTS)), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(any, { maxLength: 20 }), (parts) => {
        const text = parts.join("");
        const folded = fold(text);
        assert.equal([...folded].length, [...text].length);
        assert.equal(fold(folded), folded);
      }),
    );
  });

  test("every CJK unified ideograph folds to a fixed point", () => {
    for (let code = 0x4e00; code <= 0x9fff; code++) {
      const folded = foldChar(String.fromCodePoint(code));
      assert.equal(foldChar(folded), folded, `U+${code.toString(16)}`);
    }
  });

  test("has a version number for the search index", () => {
    assert.ok(Number.isInteger(FOLD_VERSION) && FOLD_VERSION > 0);
  });
});

describe("foldWithOffsets", () => {
  test("maps offsets one to one when the length is kept", () => {
    const folded = foldWithOffsets("青鹽與茶");
    assert.equal(folded.text, "青盐与茶");
    for (let i = 0; i <= 4; i++) assert.equal(folded.toOriginal(i), i);
  });

  test("maps offsets after a non-BMP character that folds into the BMP", () => {
    const original = "韓\u{249BA}、範仲淹";
    const folded = foldWithOffsets(original);
    assert.equal(folded.text, "韩琦、范仲淹");
    assert.deepEqual(
      Array.from({ length: folded.text.length + 1 }, (_, i) => folded.toOriginal(i)),
      [0, 1, 3, 4, 5, 6, 7],
    );
    const at = folded.text.indexOf("范仲淹");
    assert.equal(original.slice(folded.toOriginal(at), folded.toOriginal(at + 3)), "範仲淹");
  });

  test("keeps non-BMP characters that do not fold", () => {
    const folded = foldWithOffsets("𠀀之");
    assert.equal(folded.text, "𠀀之");
    assert.equal(folded.toOriginal(2), 2);
  });
});
