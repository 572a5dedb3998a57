import assert from "node:assert/strict";
import { test } from "node:test";
import { dateEntries } from "../../date/index.ts";
import { parse } from "../../parse/index.ts";
import { annotateEntries } from "../annotate-entries.ts";
import { loadAuthority } from "../authority/index.ts";
import { EVENT_RULES } from "./rules.ts";

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
