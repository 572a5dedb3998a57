import assert from "node:assert/strict";
import { test } from "node:test";
import { loadAuthority } from "./authority/index.ts";
import { compileDictionary } from "./dictionary.ts";
import type { Segment } from "./internal/segments.ts";
import { CandidatePool, findCandidates, recognizeEntry } from "./recognize.ts";

const dictionary = compileDictionary(loadAuthority());

function headline(text: string): Segment {
  return { field: "headline", start: 0, text, excluded: [], quotes: [] };
}

function recognize(segment: Segment, pool: CandidatePool) {
  const candidates = findCandidates(segment, 0, { dictionary, documentNames: null, pool });
  return recognizeEntry(
    [segment],
    {
      dictionary,
      documentNames: null,
      year: 1044,
      namedBefore: new Set(),
      nameOf: (id) => dictionary.records.get(id)?.name,
    },
    [candidates],
  ).mentions.map((m) => [m.text, m.ref, m.rule]);
}

test("candidates come by start, the longest first at one start", () => {
  const c = findCandidates(headline("夏國主曩霄遣使"), 0, { dictionary, documentNames: null });
  for (let k = 1; k < c.length; k++) {
    const [a, b] = [c[k - 1]!, c[k]!];
    assert.ok(a.start < b.start || (a.start === b.start && a.end > b.end), `${a.text} before ${b.text}`);
  }
  assert.ok(c.some((x) => x.text === "曩霄"));
});

test("a pool's candidates, taken again for the next entry, carry nothing of the last one over", () => {
  const pool = new CandidatePool();
  const first = findCandidates(headline("契丹遣使"), 0, { dictionary, documentNames: null, pool });
  for (const c of first) c.covered = true;
  pool.release();
  const again = findCandidates(headline("范仲淹言"), 0, { dictionary, documentNames: null, pool });
  const before = new Set(first);
  assert.equal(
    again.filter((c) => before.has(c)).length,
    Math.min(first.length, again.length),
    "the objects are reused",
  );
  assert.ok(again.some((c) => c.text === "范仲淹"));
  for (const c of again) {
    assert.equal(c.covered, false);
    assert.equal(c.decision, undefined);
    assert.equal(c.personDecision, undefined);
  }
});

test("entries read one after another from one pool give what each gives alone", () => {
  const texts = ["范仲淹知延州", "元昊遣使來", "契丹遣使如夏州", "仲淹言"];
  const alone = texts.map((t) => recognize(headline(t), new CandidatePool()));
  const pool = new CandidatePool();
  const shared = texts.map((t) => {
    pool.release();
    return recognize(headline(t), pool);
  });
  assert.deepEqual(shared, alone);
  assert.deepEqual(alone[0], [
    ["范仲淹", "person:fan-zhongyan", "name"],
    ["知延州", "office:zhizhou", "office-pattern"],
    ["延州", "place:yanzhou", "inside-office"],
  ]);
});
