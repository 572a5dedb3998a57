/**
 * Eras that several states used, resolved as a historian does: by the document's own state, then
 * by continuity with the year before; left undated, with a message, only where nothing decides.
 * The Western years come from the standard era tables (萬國鼎《中國歷史紀年表》, and 宋史·遼史·金史
 * 本紀 for when each era was proclaimed), not from this code.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { listEras, loadCalendar } from "../../src/calendar/index.ts";
import { dateEntries } from "../../src/date/index.ts";
import { parse } from "../../src/parse/index.ts";
import { formatChineseNumber } from "../../src/text/numerals.ts";

const calendar = loadCalendar();

/** The civil year's state and Western year of the first entry under `heading`, in a document of `state`. */
function civilYear(text: string, state?: string) {
  const tree = dateEntries(parse(text), calendar, state ? { state } : {});
  const entry = tree.children.at(-1)!.children[0]!;
  return { date: entry.data?.date, error: entry.data?.dateError, messages: tree.messages };
}

test("the document's state decides an era that several states used", () => {
  const cases: [string, string, string, number][] = [
    // era year, document state, the state whose era it is, the Western year
    ["乾德二年", "宋", "北宋", 964], // 宋太祖 乾德 963–968 (前蜀 乾德 919–924)
    ["太平興國三年", "宋", "北宋", 978], // 宋太宗 976–984
    ["天禧三年", "宋", "北宋", 1019], // 宋真宗 1017–1021
    ["大安三年", "遼", "遼", 1087], // 遼道宗 1085–1094
    ["大安三年", "西夏", "西夏", 1077], // 夏惠宗 1075–1085
    ["大安三年", "金", "金", 1211], // 金衛紹王 1209–1211
    ["天慶三年", "遼", "遼", 1113], // 遼天祚帝 1111–1120
    ["天慶三年", "西夏", "西夏", 1196], // 夏桓宗 1194–1206
  ];
  for (const [era, state, expected, ce] of cases) {
    const { date, error } = civilYear(`${era}\n春正月，某事。\n`, state);
    assert.equal(error, undefined, `${era} in a ${state} document`);
    assert.equal(date?.civilYear?.state, expected, `${era} in a ${state} document`);
    assert.equal(date?.civilYear?.ce, ce, `${era} in a ${state} document`);
  }
});

test("every era several states used in 960–1279 is read as the document's state's", () => {
  const byName = new Map<string, Set<string>>();
  for (const e of listEras(calendar)) {
    if (e.parallelOnly || e.ce.end < 960 || e.ce.start > 1279) continue;
    byName.set(e.name, (byName.get(e.name) ?? new Set()).add(e.state));
  }
  const shared = [...byName].filter(([, states]) => states.size > 1);
  // 乾德, 太平興國, 天禧, 大安, 天慶 and others: more than a handful in these centuries.
  assert.ok(shared.length >= 5, `${shared.length} shared era names`);
  let checked = 0;
  for (const [name, states] of shared) {
    for (const state of states) {
      const era = listEras(calendar).find((e) => e.name === name && e.state === state && !e.parallelOnly)!;
      const year = era.years.first + 1 <= era.years.last ? era.years.first + 1 : era.years.first;
      const tree = dateEntries(parse(`${name}${formatChineseNumber(year)}年\n是歲，某事。\n`), calendar, {
        state,
      });
      assert.equal(
        tree.children[0]!.children[0]!.data?.date?.civilYear?.state,
        state,
        `${name} in a ${state} document`,
      );
      checked++;
    }
  }
  assert.ok(checked >= 10);
});

test("with no state, the year before decides: 乾德 after 建隆 is 宋's", () => {
  const { date, error, messages } = civilYear("建隆四年\n冬十一月，改元乾德。\n乾德二年\n春正月，某事。\n");
  assert.equal(error, undefined);
  assert.equal(date?.civilYear?.state, "北宋");
  assert.equal(date?.civilYear?.ce, 964);
  assert.deepEqual(
    messages.filter((m) => m.ruleId.startsWith("date-")),
    [],
  );
});

test("where nothing decides, the year stays undated and the message names the candidates", () => {
  const tree = dateEntries(parse("乾德二年\n春正月，某事。\n"), calendar);
  assert.equal(tree.children[0]!.children[0]!.data?.date, undefined);
  const error = tree.children[0]!.heading!.data?.dateError;
  assert.equal(error?.code, "ambiguous-era");
  assert.match(error!.message, /前蜀/u);
  assert.match(error!.message, /北宋/u);
});

test("a year without its era continues the era of the juan before", () => {
  const tree = dateEntries(parse("十一年\n春正月，某事。\n"), calendar, {
    carry: { era: "重熙", number: 10, ce: 1041, state: "遼" },
  });
  const entry = tree.children[0]!.children[0]!;
  assert.equal(tree.children[0]!.heading?.era, "重熙");
  assert.equal(entry.data?.date?.civilYear?.ce, 1042); // 重熙十一年 = 慶曆二年 = 1042
});
