/**
 * Collation scored against a gold written by reading the sample against 遼史 卷十九, 長編 卷139–158
 * and 宋史 夏國傳 (test/fixtures/parallels-gold.json): the parallel pairs found, their date
 * disagreements flagged, and the citations resolved to their passages.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { goldDocuments, scoreGold } from "./gold-support.ts";

test("the sample's parallels in 遼史, 長編 and 宋史: recall and precision at least 0.8 on the gold", () => {
  const s = scoreGold(goldDocuments());
  const recall = s.found / s.pairs;
  const precision = s.correct / s.predicted;
  process.stdout.write(
    `# parallels: recall ${s.found}/${s.pairs} (${recall.toFixed(2)}), precision ${s.correct}/${s.predicted} (${precision.toFixed(2)}); ` +
      `date disagreements flagged ${s.dateFlagged}/${s.dateDisagreements}, flagged where the gold agrees ${s.falseDateFlags}; ` +
      `citations resolved ${s.citationsFound}/${s.citations}\n# missed: ${s.missed.join("; ")}\n# wrong: ${s.wrong.join("; ")}\n`,
  );
  assert.ok(s.pairs >= 15, "a gold of at least 15 pairs");
  assert.ok(recall >= 0.8, `recall ${recall}`);
  assert.ok(precision >= 0.8, `precision ${precision}`);
  assert.ok(
    s.dateFlagged / s.dateDisagreements >= 0.8,
    `date disagreements flagged ${s.dateFlagged}/${s.dateDisagreements}`,
  );
  assert.equal(s.falseDateFlags, 0);
  assert.ok(s.citationsFound / s.citations >= 0.8, `citations ${s.citationsFound}/${s.citations}`);
});
