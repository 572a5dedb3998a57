import assert from "node:assert/strict";
import { test } from "node:test";
import { codeUnitSet } from "./code-units.ts";

test("marks exactly the code units of its characters", () => {
  const stems = codeUnitSet("甲乙丙丁戊己庚辛壬癸");
  assert.equal(stems.length, 0x10000);
  assert.equal(
    stems.reduce((n, v) => n + v, 0),
    10,
  );
  assert.equal(stems["庚".charCodeAt(0)], 1);
  assert.equal(stems["午".charCodeAt(0)], 0);
  // A character outside the BMP marks its two surrogates.
  const ext = codeUnitSet("𤦺");
  assert.deepEqual([ext[0xd852], ext[0xddba], ext.reduce((n, v) => n + v, 0)], [1, 1, 2]);
});
