/**
 * A chronicle in simplified characters is read as in traditional: the sample converted by OpenCC
 * (traditional → simplified, as a user's modern edition writes it) names the same persons, places
 * and states at the same places.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as OpenCC from "opencc-js/t2cn";
import { readChronicle } from "../../src/pipeline.ts";

const SAMPLE = readFileSync(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url), "utf8");

/** The names of a chronicle, as `kind start end`. */
function names(text: string): Set<string> {
  const { records } = readChronicle(text);
  return new Set(
    records.flatMap((r) =>
      r.mentions
        .filter((m) => m.kind === "person" || m.kind === "place" || m.kind === "polity")
        .map((m) => `${m.kind} ${m.start} ${m.end}`),
    ),
  );
}

test("the sample in simplified characters names what it names in traditional (陕西, 关中, 吴)", () => {
  const simplified = OpenCC.Converter({ from: "t", to: "cn" })(SAMPLE);
  assert.equal(simplified.length, SAMPLE.length);
  assert.notEqual(simplified, SAMPLE);
  const [traditional, converted] = [names(SAMPLE), names(simplified)];
  const missed = [...traditional].filter((k) => !converted.has(k));
  const show = (k: string) => {
    const [kind, start, end] = k.split(" ");
    return `${simplified.slice(Number(start), Number(end))} (${kind})`;
  };
  // Before the table of name variants stopped reading 陕 as 陜 and 关 as 笑, 22 were missed.
  assert.ok(missed.length <= 3, `missed in simplified: ${missed.map(show).join(" ")}`);
  assert.ok(converted.size >= traditional.size - 3);
});
