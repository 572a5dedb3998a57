import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { readChronicle } from "../pipeline.ts";
import { loadAuthority } from "./authority/index.ts";
import { compileDictionary } from "./dictionary.ts";
import type { Segment } from "./internal/segments.ts";
import { findNewPersons } from "./person-rules.ts";
import { findCandidates } from "./recognize.ts";

// The hand-made records only: the persons grown from 長編 would know the names these tests find by rule.
const dictionary = compileDictionary(loadAuthority({ grown: false }));

/** The names the person rules find in one headline. */
function newPersons(text: string) {
  const segment: Segment = { field: "headline", start: 0, text, excluded: [], quotes: [] };
  const candidates = findCandidates(segment, 0, { dictionary, documentNames: null });
  return findNewPersons({ segment, candidates });
}

test("an envoy's name may end in 言 when the envoy's verb follows: 遣賀九言至", () => {
  assert.deepEqual(newPersons("元昊再遣賀九言至"), [{ start: 4, end: 7, name: "賀九言", rule: "envoy" }]);
});

test("言 after a name is still the speaker's verb when no envoy's verb follows: 張存言", () => {
  assert.deepEqual(newPersons("張存言：「元昊不可信。」"), [
    { start: 0, end: 2, name: "張存", rule: "speech" },
  ]);
});

test("the 長編 names the Xia envoy 賀九言 whole, and no 賀九 besides", () => {
  const url = new URL("../../corpus/changbian/KR2b0019_143.txt", import.meta.url);
  const text = readFileSync(url, "utf8");
  const start = text.indexOf("再遣賀九言至") + 2;
  const { tree, records } = readChronicle(text);
  const mentions = records.flatMap((r) => r.mentions).filter((m) => m.start === start);
  assert.deepEqual(mentions, [
    {
      kind: "person",
      start,
      end: start + 3,
      text: "賀九言",
      field: "headline",
      rule: "name",
      ref: "person:provisional:賀九言",
      form: "name",
      provisional: true,
    },
  ]);
  const names = tree.data?.annotation?.provisional.map((p) => p.name) ?? [];
  assert.ok(names.includes("賀九言"), "expected 賀九言 among the provisional persons");
  assert.ok(!names.includes("賀九"), "expected no provisional person 賀九");
});

test("a body of officials or an unnamed messenger sent is no envoy's name: 遣百僚詣館弔, 遣一介往延州", () => {
  assert.deepEqual(newPersons("廢朝遣百僚詣館弔其來使"), []);
  assert.deepEqual(newPersons("伏望遣一介往延州令龎籍力争"), []);
  assert.deepEqual(newPersons("遣左右往視之"), []);
});

test("a speaker's name broken by a printed line is not cut to its end: 議歐¶\\n陽修亦言", () => {
  assert.deepEqual(newPersons("然朝廷初無大斤議歐¶\n陽修亦言昨者西賊来通和"), []);
  assert.deepEqual(newPersons("議歐¶\n<pb:KR2b0019_WYG_153-10a>¶\n陽修亦言"), []);
  // At the start of the text, or after punctuation across the line, the name stands alone.
  assert.deepEqual(newPersons("初無大斤議。¶\n張存亦言"), [
    { start: 8, end: 10, name: "張存", rule: "speech" },
  ]);
});

test("the 長編 juan 153 has no provisional persons 陽修, 百僚 or 一介", () => {
  const url = new URL("../../corpus/changbian/KR2b0019_153.txt", import.meta.url);
  const { tree } = readChronicle(readFileSync(url, "utf8"));
  const names = tree.data?.annotation?.provisional.map((p) => p.name) ?? [];
  for (const wrong of ["陽修", "百僚", "一介"])
    assert.ok(!names.includes(wrong), `expected no provisional ${wrong}`);
});
