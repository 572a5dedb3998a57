import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse, toEntryRecords } from "../../src/parse/index.ts";
import { decodeChronicle } from "../../src/text/decode.ts";

const sample = readFileSync(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url));

test("decodes and parses a 50 MB file, finding every entry of every copy", () => {
  const copies = Math.ceil((50 * 1024 * 1024) / sample.length);
  const bytes = Buffer.concat(Array.from({ length: copies }, () => sample));
  assert.ok(bytes.length >= 50 * 1024 * 1024);
  const tree = parse(decodeChronicle(bytes).text);
  // 45 entries in each copy of the sample (see the hand-written outline).
  assert.equal(toEntryRecords(tree).length, copies * 45);
  assert.equal(tree.children.length, copies * 2);
  assert.deepEqual(
    tree.messages.filter((m) => m.severity !== "info"),
    [],
  );
});
