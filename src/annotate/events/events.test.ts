import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { dateEntries } from "../../date/index.ts";
import { parse } from "../../parse/index.ts";
import { annotateEntries } from "../annotate-entries.ts";
import { loadAuthority } from "../authority/index.ts";
import { compileDictionary } from "../dictionary.ts";
import { entrySegments } from "../internal/segments.ts";
import { compileRules } from "./compiled.ts";
import { eventsOfEntry } from "./matching.ts";
import type { EventRule } from "./rule.ts";
import { EVENT_RULES } from "./rules.ts";
import { MAX_SENTENCE } from "./tagging.ts";

const authority = loadAuthority();
const HEADING = "西夏稱天授禮法延祚六年\n";

/** `rule: text` for the events of the first entry of a one-entry chronicle. */
function eventsOf(body: string): string[] {
  const text = HEADING + body;
  const tree = annotateEntries(dateEntries(parse(text)), authority, { text });
  const entry = tree.children[0]!.children[0]!;
  return (entry.data?.events ?? []).map((e) => `${e.rule}: ${e.text}`);
}

test("every character a rule requires is one its pattern reads", () => {
  for (const rule of EVENT_RULES)
    for (const group of rule.requires ?? [])
      for (const c of group)
        assert.ok(rule.pattern.includes(c), `expected ${c} in the pattern of ${rule.name}`);
});

test("an embassy is read when the required 來 follows 遣, and not without it", () => {
  assert.deepEqual(eventsOf("二月，契丹遣耶律敵烈來議和。（《遼史·興宗紀》）\n"), [
    "embassy-come: 契丹遣耶律敵烈來議和",
  ]);
  assert.deepEqual(eventsOf("二月，契丹遣耶律敵烈。（《遼史·興宗紀》）\n"), []);
});

/** A rule that never matches the texts: its trigger and required character are of the Private Use Area. */
function filler(i: number): EventRule {
  const c = String.fromCharCode(0xe100 + i);
  return {
    name: `filler-${i}`,
    type: "gift",
    triggers: c,
    requires: [c],
    needs: [],
    pattern: `${c}{P}`,
    roles: () => ({}),
  };
}

test("a table of more than 32 rules and 32 groups of required characters reads as the rules in it", () => {
  const wide = compileRules([...Array.from({ length: 40 }, (_, i) => filler(i)), ...EVENT_RULES]);
  assert.equal(wide.ruleWords, 3);
  assert.ok(wide.groupWords > 1);
  const text = readFileSync(new URL("../../../corpus/xixia-ji-1043-1044.txt", import.meta.url), "utf8");
  const tree = annotateEntries(dateEntries(parse(text)), authority, { text });
  const dictionary = compileDictionary(authority);
  let events = 0;
  for (const year of tree.children) {
    const state = year.heading?.state;
    const chronicleState = state ? (dictionary.polityOfState.get(state) ?? null) : null;
    for (const entry of year.children) {
      const found = eventsOfEntry(
        entry,
        entrySegments(entry, text),
        entry.data!.mentions!,
        {
          dictionary,
          chronicleState,
        },
        wide,
      );
      assert.deepEqual(found, entry.data!.events, entry.id);
      events += found.length;
    }
  }
  assert.ok(events > 50, `expected the sample's events, got ${events}`);
});

test("a run longer than the longest sentence read is read in pieces, each with its events", () => {
  // An embassy, then text without a sentence end past MAX_SENTENCE, then the embassy again: both
  // are read, no event reaches over the cut, and the regular expressions do not run out of stack.
  const embassy = "契丹遣耶律敵烈來議和";
  const text = `${HEADING}二月，${embassy}${"之".repeat(MAX_SENTENCE + 10)}${embassy}。\n`;
  const tree = annotateEntries(dateEntries(parse(text)), authority, { text });
  const events = tree.children[0]!.children[0]!.data?.events ?? [];
  assert.deepEqual(
    events.map((e) => e.type),
    ["embassy", "embassy"],
  );
  for (const e of events)
    assert.ok(e.end - e.start <= MAX_SENTENCE, `an event of ${e.end - e.start} characters`);
  assert.ok(events[0]!.text.startsWith(embassy));
  assert.ok(events[1]!.text.endsWith(embassy.slice(2)));
});
