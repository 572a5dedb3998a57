import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { AhoCorasick } from "./aho-corasick.ts";
import { leftmostLongest } from "./internal/spans.ts";

const spans = <T>(ac: AhoCorasick<T>, text: string) =>
  [...ac.matches(text)].map((m) => ({ start: m.start, end: m.end, values: m.values }));

test("finds every occurrence of every pattern, longest first at each end", () => {
  const ac = new AhoCorasick([
    ["元昊", "a"],
    ["趙元昊", "b"],
    ["昊", "c"],
  ]);
  assert.deepEqual(spans(ac, "宋冊命趙元昊"), [
    { start: 3, end: 6, values: ["b"] },
    { start: 4, end: 6, values: ["a"] },
    { start: 5, end: 6, values: ["c"] },
  ]);
});

test("keeps overlapping matches, and leftmostLongest picks the leftmost, longest of them", () => {
  const ac = new AhoCorasick([
    ["契丹", "polity"],
    ["契丹主", "person"],
    ["主示", "x"],
  ]);
  const all = [...ac.matches("契丹主示以")];
  assert.deepEqual(
    all.map((m) => [m.start, m.end]),
    [
      [0, 2],
      [0, 3],
      [2, 4],
    ],
  );
  assert.deepEqual(
    leftmostLongest(all).map((m) => m.values[0]),
    ["person"],
  );
});

test("collects every value registered under one pattern", () => {
  const ac = new AhoCorasick([
    ["文正", "person:fan-zhongyan"],
    ["文正", "person:sima-guang"],
  ]);
  assert.deepEqual(spans(ac, "文正"), [
    { start: 0, end: 2, values: ["person:fan-zhongyan", "person:sima-guang"] },
  ]);
});

test("counts a character outside the BMP as two code units, in patterns and text", () => {
  // 𤦺 (U+249BA, Extension B) in 韓𤦺, the 四庫 form of 韓琦.
  const ac = new AhoCorasick([
    ["韓𤦺", "person:han-qi"],
    ["𤦺", "short"],
    ["范", "short"],
  ]);
  const text = "𤦺與韓𤦺、范";
  assert.deepEqual(spans(ac, text), [
    { start: 0, end: 2, values: ["short"] },
    { start: 3, end: 6, values: ["person:han-qi"] },
    { start: 4, end: 6, values: ["short"] },
    { start: 7, end: 8, values: ["short"] },
  ]);
  assert.equal(text.slice(3, 6), "韓𤦺");
});

test("with well-formed patterns, no match starts or ends inside a character outside the BMP", () => {
  // 𤦺 is \uD852\uDDBA; 琦 and 𤦺 share no code unit, so no pattern can end between the two halves.
  const ac = new AhoCorasick([
    ["韓", "a"],
    ["𤦺", "b"],
    ["韓𤦺言", "c"],
  ]);
  for (const m of ac.matches("韓𤦺言𤦺")) {
    assert.ok(
      !/[\uDC00-\uDFFF]/.test("韓𤦺言𤦺"[m.start]!),
      `a match starts inside a character at ${m.start}`,
    );
    assert.ok(!/[\uD800-\uDBFF]/.test("韓𤦺言𤦺"[m.end - 1]!), `a match ends inside a character at ${m.end}`);
  }
});

test("matches through a normalisation of code units (simplified → traditional)", () => {
  const toTraditional = new Map([["范".charCodeAt(0), "範".charCodeAt(0)]]);
  const ac = new AhoCorasick([["範仲淹", "person"]], { normalize: (c) => toTraditional.get(c) ?? c });
  assert.deepEqual(spans(ac, "范仲淹、範仲淹"), [
    { start: 0, end: 3, values: ["person"] },
    { start: 4, end: 7, values: ["person"] },
  ]);
});

test("an empty automaton and an empty text find nothing; empty patterns are ignored", () => {
  assert.deepEqual(spans(new AhoCorasick<string>([]), "元昊"), []);
  assert.deepEqual(spans(new AhoCorasick([["", "x"]]), "元昊"), []);
  assert.deepEqual(spans(new AhoCorasick([["元昊", "x"]]), ""), []);
});

test("scan searches only the given range", () => {
  const ac = new AhoCorasick([["宋", "song"]]);
  const found: number[] = [];
  ac.scan("宋侵宋地宋", 1, 4, (start) => found.push(start));
  assert.deepEqual(found, [2]);
});

test("agrees with a naive search on random texts and patterns", () => {
  const alphabet = fc.constantFrom("元", "昊", "宋", "契", "丹", "𤦺", "a");
  const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(""));
  fc.assert(
    fc.property(
      fc.uniqueArray(word, { maxLength: 8 }),
      fc.array(alphabet, { maxLength: 40 }),
      (patterns, chars) => {
        const text = chars.join("");
        const ac = new AhoCorasick(patterns.map((p) => [p, p] as const));
        const got = [...ac.matches(text)].map((m) => `${m.start}:${m.values[0]}`).sort();
        const expected: string[] = [];
        for (const p of patterns)
          for (let i = text.indexOf(p); i !== -1; i = text.indexOf(p, i + 1)) expected.push(`${i}:${p}`);
        assert.deepEqual(got, expected.sort());
      },
    ),
  );
});

test("scanBackward with a normalisation agrees with a naive search of the normalised text", () => {
  // 范 is read as 範; 宋 and a stand in no pattern of some runs, so the scan passes over them.
  const fold = (c: number) => (c === 0x8303 ? 0x7bc4 : c);
  const normalised = (s: string) => s.replaceAll("范", "範");
  const alphabet = fc.constantFrom("範", "范", "仲", "淹", "宋", "𤦺", "a");
  const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(""));
  fc.assert(
    fc.property(
      fc.uniqueArray(word, { maxLength: 6 }),
      fc.array(alphabet, { maxLength: 40 }),
      (patterns, chars) => {
        const text = chars.join("");
        // Two automata with the same normalisation share its table: build one, scan with both.
        const other = new AhoCorasick([["仲淹", "x"]], { normalize: fold, reverse: true });
        const ac = new AhoCorasick(
          patterns.map((p) => [p, p] as const),
          { normalize: fold, reverse: true },
        );
        other.scanBackward(text, 0, text.length, () => {});
        const got: string[] = [];
        ac.scanBackward(text, 0, text.length, (start, end, values) => {
          for (const v of values) got.push(`${start}:${end}:${v}`);
        });
        const expected: string[] = [];
        const folded = normalised(text);
        for (const p of patterns) {
          const q = normalised(p);
          for (let i = folded.indexOf(q); i !== -1; i = folded.indexOf(q, i + 1))
            expected.push(`${i}:${i + q.length}:${p}`);
        }
        assert.deepEqual(got.sort(), expected.sort());
      },
    ),
  );
});
