import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse, toEntryRecords } from "../../src/parse/index.ts";

interface OutlineEntry {
  year: string;
  date: string | null;
  dateOwn: boolean;
  month: number | null;
  leap: boolean;
  headline: string;
  details: number;
  citations: { work: string; section: string | null; juan: number | null; author: string | null }[];
}

const text = readFileSync(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url), "utf8");
// Written by hand from the text (see test/fixtures/README.md), not from the parser's output.
const outline: OutlineEntry[] = JSON.parse(
  readFileSync(new URL("../fixtures/xixia-outline.json", import.meta.url), "utf8"),
);

test("finds every entry of the sample and invents none, with year, date, details and citations", () => {
  const tree = parse(text);
  const actual: OutlineEntry[] = toEntryRecords(tree).map((r) => ({
    year: r.year.label ?? "",
    date: r.date.text,
    dateOwn: r.date.own,
    month: r.date.month,
    leap: r.date.leap,
    headline: r.headline,
    details: r.details.length,
    citations: r.citations.map(({ work, section, juan, author }) => ({ work, section, juan, author })),
  }));
  assert.equal(actual.length, outline.length);
  for (let i = 0; i < outline.length; i++) assert.deepEqual(actual[i], outline[i], `entry ${i + 1}`);
});

test("reports no problems on the sample", () => {
  const problems = parse(text).messages.filter((m) => m.severity !== "info");
  assert.deepEqual(problems, []);
});

test("reads both year headings of the sample as Western Xia era years", () => {
  const headings = parse(text).children.map((y) => {
    const { label, state, era, number } = y.heading!;
    return { label, state, era, number };
  });
  assert.deepEqual(headings, [
    { label: "西夏稱天授禮法延祚六年", state: "西夏", era: "天授禮法延祚", number: 6 },
    { label: "西夏稱天授禮法延祚七年", state: "西夏", era: "天授禮法延祚", number: 7 },
  ]);
});

test("finds the variant readings of the sample", () => {
  const variants = toEntryRecords(parse(text)).flatMap((r) =>
    r.variants.map((v) => ({ entry: r.headline, ...v })),
  );
  const pairs = variants.map((v) => `${v.name}→${v.variant}|${v.source}`);
  assert.deepEqual(pairs, [
    "賀從勖→賀從勉|韓、范《文集》",
    "如定聿舍→儒鼎伊實|《通鑒綱目》",
    "訛疥→鄂特結|《長編》",
    "薛乞→實吉|《長編》",
    "呆兒族→保家族|《東都事略》",
    "呆兒族→銀甕族|《範文正言行錄》",
    "歲賜之數→二十五萬|李心傳《朝野雜記》",
    "延昌宮使高家奴→延慶宮使耶律元衡|《東都事略》、《長編》",
    "蕭胡睹→鶻突姑|《宋史·夏國傳》",
    "武英州→武延川|劉敞《俞獻卿墓誌》",
  ]);
});

test("keeps editor's notes whole, with their quotations and nested parentheses", () => {
  const records = toEntryRecords(parse(text));
  const notes = records.flatMap((r) => r.notes);
  assert.equal(notes.length, 8);
  const luYou = notes.find((n) => n.startsWith("按陸遊"));
  assert.equal(
    luYou,
    "按陸遊《老學庵筆記》：「仁宗時冊命趙元昊為夏國主，蓋用江南故事，然亦賜詔，凡言及卿字處即缺之，亦或以國主代卿字。」當時必有定製，然不盡見於《國史》也。",
  );
  const yang = notes.find((n) => n.startsWith("按《長編》八月壬戌"));
  assert.ok(yang?.endsWith("未至越州，改杭州。"));
});
