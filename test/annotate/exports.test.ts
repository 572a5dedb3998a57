import assert from "node:assert/strict";
import { test } from "node:test";
import * as annotate from "../../src/annotate/index.ts";

test("the annotate module exports exactly its public API", () => {
  assert.deepEqual(Object.keys(annotate).sort(), [
    "ALIAS_TYPES",
    "AhoCorasick",
    "Authority",
    "AuthorityError",
    "BUNDLED_AUTHORITY_DIR",
    "BUNDLED_FILES",
    "CONTEXT_RULES",
    "EVENT_RULES",
    "GROWN_FILES",
    "PERSON_RULES",
    "PROVISIONAL_PREFIX",
    "RECORD_KINDS",
    "SHORT_RULES",
    "annotateEntries",
    "compileDictionary",
    "entitySummaries",
    "findQuantities",
    "importCbdb",
    "linkCbdb",
    "loadAuthority",
    "parseAuthorityText",
    "placeLocation",
    "summarizeMentions",
  ]);
});

test("every rule table names its rules once and documents them", () => {
  for (const table of [annotate.CONTEXT_RULES, annotate.SHORT_RULES, annotate.PERSON_RULES]) {
    const names = table.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    for (const rule of table) assert.ok(rule.description.length > 20, rule.name);
  }
  const events = annotate.EVENT_RULES.map((r) => r.name);
  assert.equal(new Set(events).size, events.length);
});
