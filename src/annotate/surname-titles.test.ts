/**
 * The rule of persons called by their surname and a title (`surname-title`, surname-titles.ts):
 * each form with a passage of 長編 it must read and one it must not.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadCalendar } from "../calendar/index.ts";
import { dateEntries } from "../date/index.ts";
import { parse } from "../parse/index.ts";
import { annotateEntries } from "./annotate-entries.ts";
import { loadAuthority } from "./authority/index.ts";
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

const titled = (names: readonly string[]) => names.filter((n) => n.endsWith("(surname-title)"));

// 長編 卷一百九十五 (嘉祐六年閏八月): 韓琦 becomes first minister while 富弼 mourns; he is told to
// keep the post for 富公.
test("surname-title 公: 富公 after 富弼, before a verb or a particle (長編 卷195)", () => {
  const [a] = persons(
    "嘉祐六年\n上既許富弼終䘮乃遷𤦺首相或謂𤦺曰富公服除當還舊物公獨不可辭昭文以待富公邪。（《長編》一百九十五）\n",
  );
  assert.deepEqual(titled(a!), ["富公→富弼 (surname-title)", "富公→富弼 (surname-title)"]);
});

// 長編 卷二百八十二 (熙寧十年五月): 髙公繪 and 髙公紀 promoted together; 公 opens a given name.
test("surname-title 公: not the first character of a given name (髙公繪髙公紀, 長編 卷282)", () => {
  const [a] = persons("熙寧十年\n丁巳内殿崇班閤門通事舎人髙公繪髙公紀並遷禮賓副使。（《長編》二百八十二）\n");
  assert.deepEqual(titled(a!), []);
});

// 長編 卷二百四十五 (熙寧六年): 王公 is the word for kings and dukes, even after 王安石.
test("surname-title 公: not 王公, the prose's kings and dukes (王公設險守國, 長編 卷245)", () => {
  const [a] = persons("熙寧六年\n王安石與上論塘泊上以為王公設險守國。（《長編》二百四十五）\n");
  assert.deepEqual(titled(a!), []);
});

// 長編 卷九十六 (天禧四年): the dike named after 陳堯佐 is a thing, not the man.
test("surname-title 公: not before the name of a thing called after the man (陳公堤, 長編 卷96)", () => {
  const [a] = persons("天禧四年\n陳堯佐創木龍以殺水怒堤乃可築人號為陳公堤。（《長編》九十六）\n");
  assert.deepEqual(titled(a!), []);
});

// 長編 卷一百七十二 (皇祐四年): the people call 王德用 the black 王相公.
test("surname-title 相公: 王相公 after 王德用 (長編 卷172)", () => {
  const [a] = persons(
    "皇祐四年\n丁亥太子太師致仕王徳用為河陽三城節度使同平章事判鄭州時将相王姓者數人而閭閻婦女小兒皆號徳用黒王相公。（《長編》一百七十二）\n",
  );
  assert.deepEqual(titled(a!), ["王相公→王徳用 (surname-title)"]);
});

// 長編 卷三百五十三 (元豐八年三月), abridged (the entry names 司馬光 in full before and 光 after):
// the guards greet him as 司馬相公, a compound surname.
test("surname-title 相公: 司馬相公 after 司馬光 (長編 卷353)", () => {
  const [a] = persons(
    "元豐八年\n時程顥在洛亦勸司馬光行乃從之衛士見光皆以手加額曰此司馬相公也。（《長編》三百五十三）\n",
  );
  assert.deepEqual(titled(a!), ["司馬相公→司馬光 (surname-title)"]);
});

// Written to try the rule, in the words of 長編 卷三百五十三: two persons of the surname named
// before, the reference is no one's.
test("surname-title: not where two persons of the surname are named before it", () => {
  const [a] = persons("元豐八年\n司馬光與司馬康皆在洛衛士見之曰此司馬相公也。\n");
  assert.deepEqual(titled(a!), []);
});

// 長編 卷四百五十二 (元祐五年十二月): the empress dowager speaks of 韓忠彦 as 韓樞宻.
test("surname-title 樞密: 韓樞宻 after 韓忠彦 (長編 卷452)", () => {
  const [a] = persons(
    "元祐五年\n同知樞宻院事韓忠彦為言者所攻又諭曰昨來韓樞宻傅侍郎事過後便定奪更無人言。（《長編》四百五十二）\n",
  );
  assert.deepEqual(titled(a!), ["韓樞宻→韓忠彦 (surname-title)"]);
});

// 長編 卷一百三十七 (慶曆二年六月): `布任樞密`, 任布 held the 樞密院: 任 is the verb.
test("surname-title 樞密: not 任 before an office, which the prose writes as a verb (布任樞密, 長編 卷137)", () => {
  const [a] = persons(
    "慶曆二年\n丙午樞密副使給事中任布罷為兵部侍郎知河陽布任樞密純約自守無所補。（《長編》一百三十七）\n",
  );
  assert.deepEqual(titled(a!), []);
});

// Written to try the rule, in the words of 長編 卷三百六十一 (元豐八年): a memorial that names
// 周輔 quotes the classics' Duke of Zhou.
test("surname-title 公: not 周公, the Duke of Zhou of the classics (雖以周公之聖, 長編 卷361)", () => {
  const [a] = persons("元豐八年\n周輔無所忌憚夫人心不同雖以周公之聖召公之賢同輔成王猶有不恱。\n");
  assert.deepEqual(titled(a!), []);
});

// Written to try the rule, in the words of 長編 卷一百九十六 (嘉祐七年): 王 ends 親王 (the
// princes), and no 王樞密 follows.
test("surname-title 樞密: not a surname that ends a word (宰臣親王樞宻使, 長編 卷196)", () => {
  const [a] = persons("嘉祐七年\n王珪言乞自今除宰臣親王樞宻使有所陳請依例或降手詔。\n");
  assert.deepEqual(titled(a!), []);
});
