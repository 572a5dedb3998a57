/**
 * The rules of given names alone (given-names.ts and the derived given names of dictionary.ts):
 * each with a passage of 長編 it must read and one it must not, and where they come from.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadCalendar } from "../calendar/index.ts";
import { dateEntries } from "../date/index.ts";
import { parse } from "../parse/index.ts";
import { annotateEntries } from "./annotate-entries.ts";
import { loadAuthority } from "./authority/index.ts";
import { compileDictionary } from "./dictionary.ts";
import { oneCharacterGivenName } from "./given-names.ts";
import type { EntityMention } from "./types.ts";

const authority = loadAuthority();
const calendar = loadCalendar();

/** The persons of each entry of a small chronicle, as `text→name (rule)`. */
function persons(text: string): string[][] {
  const tree = annotateEntries(dateEntries(parse(text), calendar), authority, { text });
  const nameOf = (id: string) => authority.get(id)?.name ?? id;
  return tree.children.flatMap((y) =>
    y.children.map((e) =>
      (e.data?.mentions ?? [])
        .filter((m): m is EntityMention => m.kind === "person")
        .map((m) => `${m.text}→${nameOf(m.ref)} (${m.rule})`),
    ),
  );
}

test("a one-character given name is the character after a known surname, unless the prose uses it as a word", () => {
  assert.equal(oneCharacterGivenName("范雍"), "雍");
  assert.equal(oneCharacterGivenName("万俟政"), "政");
  assert.equal(oneCharacterGivenName("范仲淹"), null);
  assert.equal(oneCharacterGivenName("吳臣"), null);
  assert.equal(oneCharacterGivenName("元昊"), null);
});

// 長編 卷一百二十六 (康定元年正月): 范雍 named in full, then 雍 alone.
test("given-name-context: 雍 before an adverb, after 范雍 in the same entry (長編 卷126)", () => {
  const [a] = persons("康定元年\n范雍聞之懼甚，及是雍復召平、元孫還軍救延州。（《長編》一百二十六）\n");
  assert.ok(a!.includes("雍→范雍 (given-name-context)"), a!.join(" "));
});

test("given-name-context: not a bare 雍 with no verb after it and no governing word before (長編 卷126)", () => {
  const [a] = persons("康定元年\n范雍聞之懼甚，而元昊詐遣人乞和雍信之不為備。（《長編》一百二十六）\n");
  assert.deepEqual(
    a!.filter((n) => n.startsWith("雍")),
    [],
  );
});

// 長編 卷二百五 (治平二年) and 卷二百七 (治平四年): 劉几 and 程戡 named in full, then alone.
test("given-name-context: a subject's time word or a commander's verb after the name, 代 before it (長編 卷205, 卷207)", () => {
  const [a, b] = persons(
    "治平二年\n東上閤門使嘉州團練使劉几知鄜州，几初權涇原副都總管，與陳述古交訟，既罷而代几者遂發几過用公使錢。（《長編》二百五）\n宣徽南院使武安節度使程戡卒戡守延州凡六年。（《長編》二百七）\n",
  );
  assert.ok(a!.includes("几→劉几 (given-name-context)"), a!.join(" "));
  assert.equal(a!.filter((n) => n.startsWith("几→")).length, 2, a!.join(" "));
  assert.ok(b!.includes("戡→程戡 (given-name-context)"), b!.join(" "));
});

// 長編 卷二百四十一 (熙寧五年十二月乙未): 曽布 named in full, then 布 retained and dismissed.
test("given-name-context: 留 before the name, 罷 after it (長編 卷241)", () => {
  const [a] = persons(
    "熙寧五年\n乙未知制誥陳繹曽布並為翰林學士初吕恵卿既除都檢正欲布罷職王安石固請留布曰得兩人協濟。（《長編》二百四十一）\n",
  );
  assert.equal(a!.filter((n) => n.startsWith("布→曾布")).length, 2, a!.join(" "));
});

// 長編 卷三十二 (淳化二年): 張觀 is named; the memorial after it speaks of 唐 貞觀初.
test("given-name-context: not the end of an era name before 初 (貞觀初, 長編 卷32)", () => {
  const [a] = persons(
    "淳化二年\n詔監察御史張觀乗傳按行諸州，因令稍増之。臣又嘗讀唐史，見貞觀初始置崇文館。（《長編》三十二）\n",
  );
  assert.ok(
    a!.some((n) => n.startsWith("張觀→")),
    a!.join(" "),
  );
  assert.ok(!a!.some((n) => n.startsWith("觀→")), a!.join(" "));
});

test("given-name-recent: 雍 in a paragraph after the one that names 范雍 (長編 卷126)", () => {
  const [a] = persons("康定元年\n范雍聞之懼甚。雍復召平、元孫還軍救延州。（《長編》一百二十六）\n");
  assert.ok(a!.includes("雍→范雍 (given-name-recent)"), a!.join(" "));
});

// 長編 卷一百二十三 (寶元二年): 韓周 escorts the Xia envoys; the next item says he saw them off.
test("given-name-recent: 周 before 復, after 韓周 in the entry before (長編 卷123)", () => {
  const [, b] = persons(
    "寶元二年\n詔許使者赴京師，勸等令韓周與俱。（《長編》一百二十三）\n卒遣之，但却其獻物，周復送至境上。（《長編》一百二十三）\n",
  );
  assert.ok(b!.includes("周→韓周 (given-name-recent)"), b!.join(" "));
});

// 長編 卷二百二十 (熙寧四年): 詔光禄寺丞楊蟠 names an office, not 司馬光.
test("given-name-recent: not after 詔, which opens an office (詔光禄寺丞, 長編 卷220)", () => {
  const [, b] = persons(
    "熙寧四年\n司馬光言青苗事。（《長編》二百二十）\n詔光禄寺丞楊蟠乘驛同逐路提舉。（《長編》二百二十）\n",
  );
  assert.deepEqual(
    b!.filter((n) => n.startsWith("光")),
    [],
  );
});

test("given-name-recent: not after a surname (常平 is a word: 提舉永興軍路常平等事, 長編 卷503)", () => {
  const [, b] = persons(
    "元符元年\n常平言事。（《長編》五百三）\n提舉永興軍路常平等事蔡肇言奉旨體訪。（《長編》五百三）\n",
  );
  assert.ok(!b!.some((n) => n.startsWith("平→")), b!.join(" "));
});

// 長編 卷二百一十 (熙寧三年四月): 安石 after 王安石, though 陳安石 and 費安石 share the given name.
test("a two-character given name is every person's of that name, and the one named in full takes it (長編 卷210)", () => {
  const dictionary = compileDictionary(authority);
  const owners = (dictionary.senses.get("安石") ?? []).map((s) => authority.get(s.id)?.name);
  assert.ok(owners.includes("王安石") && owners.includes("陳安石"), owners.join(" "));
  const [a] = persons("熙寧三年\n王安石獨進曰：向寶素壞王韶事。安石曰：寶既為官長。（《長編》二百一十）\n");
  assert.ok(a!.includes("安石→王安石 (short-form)"), a!.join(" "));
});

test("a two-character given name is not taken where no person of it is named (長編 卷210)", () => {
  const [a] = persons("熙寧三年\n安石曰：寶既為官長。（《長編》二百一十）\n");
  assert.ok(!a!.some((n) => n.startsWith("安石")), a!.join(" "));
});

// The sample (西夏紀, 慶曆四年): 歐陽修 is named in the entries before one that says `今若遂不修復`.
test("given-name-recent: not a character that makes a word with the verb after it (修復, the sample)", () => {
  const [, b] = persons(
    "慶曆四年\n歐陽修言西事。（《長編》一百五十）\n今若遂不修復，則斥堠至迫而邊民不安。（《長編》一百五十）\n",
  );
  assert.ok(!b!.some((n) => n.startsWith("修→")), b!.join(" "));
  const [, c] = persons("慶曆四年\n歐陽修言西事。（《長編》一百五十）\n修又言邊事。（《長編》一百五十）\n");
  assert.ok(c!.includes("修→歐陽修 (given-name-recent)"), c!.join(" "));
});

// 長編 卷一百二十六 (康定元年正月): 劉平 and 石元孫 named in e5; e7 lists them by their given
// names, with no mark between: `至萬安鎮平元孫領騎兵先發`.
test("given-name-recent: 平 right before 元孫, another person's name written short (長編 卷126)", () => {
  const [, b] = persons(
    "康定元年\n雍先以檄召鄜延環慶副都部署劉平於慶州，使至保安與鄜延副都部署石元孫合軍趨土門。（《長編》一百二十六）\n至萬安鎮平元孫領騎兵先發。（《長編》一百二十六）\n",
  );
  assert.ok(b!.includes("平→劉平 (given-name-recent)"), b!.join(" "));
});

// Written to try the rule, in the words of 長編: beside a full name, the character may be a verb
// that governs it (平 of 平王安石之議, to settle), so only a name written short makes a list.
test("given-name-context: not before a full name (a verb may govern it)", () => {
  const [a] = persons("熙寧七年\n劉平言邊事，且謂不可平王安石之議。\n");
  assert.ok(!a!.some((n) => n.startsWith("平→")), a!.join(" "));
});

// 長編 卷二百五 (治平四年): 韓琦 asks that the two memorials of 何亮 and 劉平 be sent: `并亮平二奏`,
// each given name beside the other.
test("given-name-context: two given names side by side (并亮平二奏, 長編 卷205)", () => {
  const [a] = persons(
    "治平四年\n琦又言本朝何亮劉平各言西事亮謂靈武不可棄平之所陳雖與四策稍異願并亮平二奏付京使。（《長編》二百五）\n",
  );
  assert.ok(a!.includes("亮→person:provisional:何亮 (given-name-context)"), a!.join(" "));
  assert.equal(a!.filter((n) => n.startsWith("平→劉平")).length, 1, a!.join(" "));
});

// 宋史 卷四百八十五 (夏國傳上): 武戡 named in full, then 戡 alone before 走 (to flee).
test("given-name-context: a verb of narrative after the name (宋史 卷485: 戡走), not without the full name before", () => {
  const [a, b] = persons(
    "慶曆元年\n知麟州武戡築堡于河西，夏人四面合擊，衆大潰，戡走。（《宋史·夏國傳》）\n衆大潰，戡走。（《宋史·夏國傳》）\n",
  );
  assert.ok(a!.includes("戡→person:provisional:武戡 (given-name-context)"), a!.join(" "));
  assert.deepEqual(
    b!.filter((n) => n.startsWith("戡→")),
    [],
  );
});
