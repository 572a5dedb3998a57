/**
 * The grow script's helpers: the ids a person grown again keeps (readers' corrections are stored
 * by id), and where 長編 writes a name the rules found once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { keptRecord, newId, slugOf } from "../../scripts/grow-persons-ids.ts";
import { WrittenNames } from "../../scripts/grow-persons-written.ts";

test("a person grown again keeps the id of the record of its name whose years it overlaps or nears", () => {
  // Two men named 王貴 in 長編: one of the 980s–1000s, one of the 1040s–1050s.
  const records = [
    { id: "person:cb-wang-gui", found: { years: [986, 1001] } },
    { id: "person:cb-wang-gui-1040", found: { years: [1040, 1052] } },
  ];
  const none = new Set<string>();
  // The first year moved back (the rules now find him in an earlier juan): the same id.
  assert.equal(keptRecord(records, [979, 1001], 30, none)?.id, "person:cb-wang-gui");
  assert.equal(keptRecord(records, [1043, 1060], 30, none)?.id, "person:cb-wang-gui-1040");
  // Years next to neither record's, within the gap: the nearer one.
  assert.equal(keptRecord(records, [1020, 1025], 30, none)?.id, "person:cb-wang-gui-1040");
  // Far from both: a new person.
  assert.equal(keptRecord(records, [1095, 1099], 30, none), undefined);
  // A record already taken by another group of the name is not given twice.
  assert.equal(keptRecord(records, [986, 990], 30, new Set(["person:cb-wang-gui"])), undefined);
  assert.equal(keptRecord(undefined, [986, 990], 30, none), undefined);
});

test("a new grown person's id comes from its name, then its first year, then its characters", () => {
  assert.equal(slugOf("劉几"), "liu-ji");
  assert.equal(slugOf("万俟政"), "moqi-zheng");
  assert.equal(newId("liu-ji", "劉几", 1065, new Set()), "person:cb-liu-ji");
  // 曹佾 and 曹儀 read alike (cao yi).
  const used = new Set(["person:cb-cao-yi"]);
  assert.equal(newId("cao-yi", "曹佾", 1054, used), "person:cb-cao-yi-1054");
  used.add("person:cb-cao-yi-1054");
  assert.equal(newId("cao-yi", "曹儀", 1054, used), "person:cb-cao-yi-1054-66f9-5100");
});

test("the entries of some years that write a name, not inside a longer one", () => {
  // The first three from 長編 卷205 e5 (1065) and 卷208 e54 (1066); the others written to try the
  // years, a longer name and the bounds of an entry.
  const written = new WrittenNames([
    { text: "東上閤門使嘉州團練使劉几知鄜州", year: 1065 },
    { text: "詔几赴永興軍聼劾", year: 1065 },
    { text: "上召西上閤門使劉几問之曰大順天險", year: 1066 },
    { text: "劉几劉几", year: 1066 },
    { text: "以劉几為秘書監", year: 1090 },
    { text: "劉几道言", year: 1066 },
  ]);
  const never = () => false;
  assert.equal(written.entriesWriting(["劉几"], 1045, 1086, never), 4);
  assert.equal(written.entriesWriting(["劉几"], 1045, 1100, never), 5);
  // 劉几道, were it a longer name: that entry does not count.
  assert.equal(
    written.entriesWriting(["劉几"], 1045, 1086, (_, after) => after === "道"),
    3,
  );
  // No name runs across two entries.
  assert.equal(
    new WrittenNames([
      { text: "劉", year: 1066 },
      { text: "几", year: 1066 },
    ]).entriesWriting(["劉几"], 1000, 1100, never),
    0,
  );
});

test("the character that follows a name most often: a name cut short goes on the same way", () => {
  // The first two from 遼史 卷十九 (1042), which writes 耶律仁先 whole; the third written to try it.
  const written = new WrittenNames([
    { text: "遣北院樞宻副使耶律仁先漢人行宫副部署劉六符", year: 1042 },
    { text: "閏月癸未耶律仁先遣人報宋", year: 1042 },
    { text: "耶律仁言", year: 1043 },
  ]);
  assert.deepEqual(written.mostFollowing(["耶律仁"]), { char: "先", share: 2 / 3 });
  assert.deepEqual(written.mostFollowing(["蕭孝穆"]), { char: "", share: 0 });
});
