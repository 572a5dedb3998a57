import assert from "node:assert/strict";
import { test } from "node:test";
import { isSurnameStart, surnameLengthAt, surnameOf } from "./surnames.ts";

test("reads a one-character surname where a name starts (右正言梁適 → 梁)", () => {
  assert.equal(surnameLengthAt("右正言梁適", 3), 1);
  assert.equal(surnameOf("梁適"), "梁");
});

test("reads a two-character surname or clan name only with a character after it", () => {
  assert.equal(surnameLengthAt("以耶律宗睦為", 1), 2);
  assert.equal(surnameOf("歐陽修"), "歐陽");
  // 歐陽 alone is no name; 歐 is a surname of its own.
  assert.equal(surnameOf("歐陽"), "歐");
  assert.equal(surnameLengthAt("知歐陽", 1), 1);
});

test("finds no surname in a Tangut name, past the end of the text or in punctuation", () => {
  assert.equal(surnameOf("訛疥"), null);
  assert.equal(surnameLengthAt("梁適", 2), 0);
  assert.equal(surnameLengthAt("，梁適", 0), 0);
  assert.equal(isSurnameStart("，".charCodeAt(0)), false);
  assert.equal(isSurnameStart("野".charCodeAt(0)), true);
});
