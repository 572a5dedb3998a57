/**
 * The annotator against the hand-made gold annotation of 18 entries of the sample
 * (test/fixtures/gold-annotations.json; conventions in gold-annotations.md).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { readChronicle } from "../../src/pipeline.ts";
import { formatScores, readGold, scoreEvents, scoreMentions } from "./gold-scoring.ts";

const SAMPLE = readFileSync(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url), "utf8");
const TARGETS = { person: [0.95, 0.9], place: [0.95, 0.9], polity: [0.95, 0.9] } as const;

test("persons, places and polities reach 0.95 precision and 0.9 recall on the gold entries", () => {
  const { tree } = readChronicle(SAMPLE);
  const { scores, mismatches } = scoreMentions(tree, readGold());
  console.log(`\n${formatScores(scores)}`);
  for (const m of mismatches) console.log(`  ${m.what} ${m.entry} ${m.field} ${m.text} (${m.kind} ${m.ref})`);
  for (const [kind, [precision, recall]] of Object.entries(TARGETS)) {
    const score = scores.find((s) => s.kind === kind)!;
    assert.ok(score.precision >= precision, `${kind} precision ${score.precision.toFixed(3)} < ${precision}`);
    assert.ok(score.recall >= recall, `${kind} recall ${score.recall.toFixed(3)} < ${recall}`);
  }
});

test("most gold events are found with their type, field and roles", () => {
  const { tree } = readChronicle(SAMPLE);
  const score = scoreEvents(tree, readGold());
  console.log(
    `\nevents: ${score.matched}/${score.gold} gold events matched by type and field (${score.predicted} predicted); ` +
      `${score.rolesAgreeing}/${score.rolesCompared} id roles agree`,
  );
  assert.ok(score.matched / score.gold >= 0.8, `only ${score.matched} of ${score.gold} gold events found`);
  assert.ok(score.rolesAgreeing / score.rolesCompared >= 0.8, "too few roles agree with the gold");
});

test("every gold mention of the sample is found in its field, and the gold headlines match the parser's", () => {
  const { tree } = readChronicle(SAMPLE);
  // scoreMentions throws on a headline or an occurrence that does not line up.
  assert.doesNotThrow(() => scoreMentions(tree, readGold()));
});
