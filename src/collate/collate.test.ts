import assert from "node:assert/strict";
import { test } from "node:test";
import { readChronicle } from "../pipeline.ts";
import { resolveCitations } from "./citations.ts";
import { collatedEntries } from "./entries.ts";
import { findParallels } from "./parallels.ts";
import { namesSignal, type Profile } from "./signals.ts";

const read = (name: string, text: string) => {
  const { tree, records } = readChronicle(text);
  return collatedEntries(name, tree.meta.document, records, name);
};

// Two chronicles of the same months, as a user might hold them: the second writes 茶三斤 for
// 茶三萬斤, puts the raid in 九月, and spells 訛疥 as its variant 鄂特結.
const A = read(
  "a.txt",
  "西夏稱天授禮法延祚六年\n夏四月，宋遣邵良佐來，許冊封為夏國主，歲賜絹十萬匹、茶三萬斤。（《長編》一百四十）\n秋七月，團練使訛疥（《長編》作鄂特結）侵環州，為蘇家族薛乞所執。（《長編》一百五十五）\n",
);
const B = read(
  "b.txt",
  "慶曆三年\n夏四月，宋遣邵良佐使夏國，許冊封為夏國主，歲賜絹十萬匹、茶三斤。\n九月，鄂特結侵環州，為蘇家族薛乞所執。\n冬十月，遣使如契丹。\n",
);

test("accounts of one event in two chronicles are grouped, with what differs: quantity, date, name", () => {
  const groups = findParallels([...A, ...B]);
  assert.equal(groups.length, 2);
  const [treaty, raid] = groups;
  assert.deepEqual(
    treaty!.entries.map((e) => `${e.document}:${e.id}`),
    ["a.txt:e1", "b.txt:e1"],
  );
  const tea = treaty!.differences.find((d) => d.kind === "quantity")!;
  assert.deepEqual(tea.values, ["茶三萬斤", "茶三斤"]);
  assert.ok(!treaty!.differences.some((d) => d.kind === "date"));
  assert.deepEqual(
    raid!.entries.map((e) => `${e.document}:${e.id}`),
    ["a.txt:e2", "b.txt:e2"],
  );
  const date = raid!.differences.find((d) => d.kind === "date")!;
  assert.match(date.text, /month/u);
  assert.deepEqual(date.values, ["北宋 慶曆三年七月", "北宋 慶曆三年九月"]);
  const name = raid!.differences.find((d) => d.kind === "name")!;
  assert.deepEqual(name.values, ["訛疥", "鄂特結"]);
  assert.equal(name.knownAliases, true);
  for (const g of groups) assert.ok(g.score > 0 && g.score <= 1);
});

test("an entry with no account elsewhere stays alone, and one chronicle is never paired with itself", () => {
  const groups = findParallels([...A, ...B]);
  assert.ok(!groups.some((g) => g.entries.some((e) => e.document === "b.txt" && e.id === "e3")));
  assert.deepEqual(findParallels(A), []);
});

test("a citation names the documents of its work and juan, and the passage that tells the event", () => {
  const juan = read(
    "KR2b0019_144.txt",
    "# -*- mode: mandoku-view; -*-\n#+TITLE: 續資治通鑑長編\n#+PROPERTY: ID KR2b0019\n#+PROPERTY: JUAN 卷一百四十\n<pb:KR2b0019_WYG_144-1a>¶\n慶歴三年夏四月癸卯著作佐郎簽書保安軍判官事邵良佐假著作郎使夏州許冊封為夏國主嵗賜絹十萬匹茶三萬斤¶\n甲辰詔河北轉運司修城¶\n",
  );
  const docs = [
    {
      document: "KR2b0019_144.txt",
      documentTitle: "長編 卷一百四十",
      info: juan[0]!.info,
      section: null,
      entries: juan,
    },
  ];
  const [resolved] = resolveCitations(A[0]!, docs);
  assert.deepEqual(
    resolved!.documents.map((d) => d.documentTitle),
    ["長編 卷一百四十"],
  );
  assert.equal(resolved!.passages[0]!.entry.id, "e1");
  assert.ok(!resolved!.passages.some((p) => p.entry.id === "e2"));
  // 卷一百五十五 is not among them: its citation resolves to nothing.
  const [unstored] = resolveCitations(A[1]!, docs);
  assert.deepEqual(unstored!.documents, []);
  assert.deepEqual(unstored!.passages, []);
});

test("a citation of 《遼史·西夏外紀》 resolves to the juan of the 外紀 (卷一百十五, 二國外紀)", async () => {
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(new URL("../../corpus/liaoshi/KR2a0033_115.txt", import.meta.url), "utf8");
  const juan = read("KR2a0033_115.txt", text);
  const citing = read("c.txt", "慶曆四年\n冬十月，元昊請降於契丹，上表謝罪。（《遼史·西夏外紀》）\n");
  const docs = [
    {
      document: "KR2a0033_115.txt",
      documentTitle: "遼史 卷一百十五",
      info: juan[0]!.info,
      section: "二國外紀",
      entries: juan,
    },
  ];
  const [resolved] = resolveCitations(citing[0]!, docs);
  assert.deepEqual(
    resolved!.documents.map((d) => d.document),
    ["KR2a0033_115.txt"],
  );
});

test("a person only one account names weighs half when no record confirms him", () => {
  const profile = (refs: string[]) =>
    ({ names: new Map(refs.map((r) => [r, new Set<string>()])) }) as unknown as Profile;
  const even = () => 4;
  // 党項 shared; the other account names a man the records hold, or one the rules found.
  const shared = profile(["polity:dangxiang"]);
  const recorded = namesSignal(shared, profile(["polity:dangxiang", "person:xiao-hui"]), even);
  const found = namesSignal(shared, profile(["polity:dangxiang", "person:provisional:耶律果實"]), even);
  assert.equal(recorded, 1);
  assert.equal(found, 1);
  const alone = profile(["polity:dangxiang", "polity:xixia"]);
  assert.equal(namesSignal(alone, profile(["polity:dangxiang", "person:xiao-hui"]), even), 0.5);
  assert.equal(namesSignal(alone, profile(["polity:dangxiang", "person:provisional:耶律果實"]), even), 4 / 6);
});
