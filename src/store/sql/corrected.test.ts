import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EntryAnnotations } from "../types.ts";
import { annotationsPass, compareCodePoints, correctionScope, countNamed } from "./corrected.ts";

/** 「遣伊埒摩哩來聘」 as a corrected entry might read it: 伊埒摩哩 of 遼 sent, an embassy to 宋. */
const annotations: EntryAnnotations = {
  mentions: [
    {
      kind: "polity",
      start: 0,
      end: 2,
      text: "北朝",
      field: "headline",
      rule: "name",
      ref: "polity:liao",
      form: "name",
    },
    {
      kind: "place",
      start: 5,
      end: 6,
      text: "燕",
      field: "headline",
      rule: "correction",
      ref: "place:youzhou",
      form: "name",
    },
  ],
  events: [
    {
      type: "embassy",
      field: "headline",
      rule: "dispatch",
      start: 2,
      end: 9,
      text: "遣伊埒摩哩來聘",
      roles: {
        sender: [{ ref: "polity:liao", text: "北朝", start: 0, end: 2 }],
        receiver: [{ ref: "polity:song", text: "南朝", start: 10, end: 12 }],
        purpose: [{ ref: null, text: "聘", start: 8, end: 9 }],
      },
    },
  ],
};
const entry = { id: 7, document_id: 1, local_id: "e37", ord: 36, annotations };

describe("the corrected entries in counts and filters", () => {
  test("counts an entity's mentions, and its entries by a mention or a role", () => {
    const counts = countNamed([entry, { ...entry, id: 8, local_id: "e38", ord: 37 }]);
    assert.deepEqual(
      [...counts].map(([ref, c]) => [ref, c.mentions, c.entries.size, c.text]),
      [
        ["polity:liao", 2, 2, "北朝"],
        ["place:youzhou", 2, 2, "燕"],
        ["polity:song", 0, 2, "南朝"],
      ],
    );
  });

  test("passes an entity and an event type as the SQL filter does", () => {
    assert.ok(annotationsPass(annotations, { entity: "polity:song", eventType: "embassy" }));
    assert.ok(annotationsPass(annotations, { entity: "place:youzhou" }));
    assert.ok(!annotationsPass(annotations, { entity: "place:yan" }));
    assert.ok(!annotationsPass(annotations, { eventType: "war" }));
    assert.deepEqual(correctionScope({ entity: "polity:song" }, [entry]), { corrected: [7], matching: [7] });
    assert.deepEqual(correctionScope({ eventType: "battle" }, [entry]), { corrected: [7], matching: [] });
    assert.equal(correctionScope({ era: "慶曆" }, [entry]), undefined);
    assert.equal(correctionScope({ entity: "polity:song" }, []), undefined);
  });

  test("orders by code point, as the backends' collation does", () => {
    // U+20000 is after U+FFFF by code point, before it by UTF-16 code unit.
    assert.ok(compareCodePoints("person:\u{20000}", "person:\uffff") > 0);
    assert.ok(compareCodePoints("place:yan", "place:yanzhou") < 0);
    assert.equal(compareCodePoints("polity:song", "polity:song"), 0);
  });
});
