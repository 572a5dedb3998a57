import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeChronicle, EncodingError } from "./decode.ts";

const SAMPLE = "西夏稱天授禮法延祚六年\n春正月，契丹遣使來議與宋和。";

test("decodes UTF-8 with and without a byte-order mark", () => {
  const bytes = new TextEncoder().encode(SAMPLE);
  assert.deepEqual(decodeChronicle(bytes), { text: SAMPLE, encoding: "utf-8", bom: false });
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
  assert.deepEqual(decodeChronicle(withBom), { text: SAMPLE, encoding: "utf-8", bom: true });
});

test("decodes UTF-16LE with a byte-order mark", () => {
  const body = Buffer.from(SAMPLE, "utf16le");
  const bytes = new Uint8Array([0xff, 0xfe, ...body]);
  assert.equal(decodeChronicle(bytes).text, SAMPLE);
});

test("detects GB18030 (simplified text in GBK bytes)", () => {
  // 契丹遣使来议和。 in GBK, bytes from the GB2312 code table.
  const bytes = new Uint8Array([
    0xc6, 0xf5, 0xb5, 0xa4, 0xc7, 0xb2, 0xca, 0xb9, 0xc0, 0xb4, 0xd2, 0xe9, 0xba, 0xcd, 0xa1, 0xa3,
  ]);
  assert.deepEqual(decodeChronicle(bytes), { text: "契丹遣使来议和。", encoding: "gb18030", bom: false });
});

test("detects Big5 (traditional text)", () => {
  // 契丹遣使來議和。 in Big5, bytes from the Big5 code table.
  const bytes = new Uint8Array([
    0xab, 0xb4, 0xa4, 0xa6, 0xbb, 0xba, 0xa8, 0xcf, 0xa8, 0xd3, 0xc4, 0xb3, 0xa9, 0x4d, 0xa1, 0x43,
  ]);
  assert.deepEqual(decodeChronicle(bytes), { text: "契丹遣使來議和。", encoding: "big5", bom: false });
});

test("refuses bytes that are no Chinese text, saying where UTF-8 broke", () => {
  const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x63, 0xff, 0xfe, 0xfd, 0x80, 0x81]);
  assert.throws(
    () => decodeChronicle(bytes),
    (error: unknown) => error instanceof EncodingError && error.line === 2 && error.column === 3,
  );
});
