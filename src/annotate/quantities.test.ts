import assert from "node:assert/strict";
import { test } from "node:test";
import { loadAuthority } from "./authority/index.ts";
import { findQuantities } from "./quantities.ts";

const authority = loadAuthority();
const pick = (text: string) =>
  findQuantities(text, authority).map(
    ({ raw, amount, commodity, commodities, unit, approximate, start, end }) => ({
      raw,
      amount,
      commodity,
      commodities,
      unit,
      approximate,
      start,
      end,
    }),
  );

test("goods with a numeral and a unit: 絹十萬匹、茶三萬斤", () => {
  assert.deepEqual(pick("歲賜絹十萬匹、茶三萬斤"), [
    {
      raw: "絹十萬匹",
      amount: 100_000,
      commodity: "commodity:juan",
      commodities: ["commodity:juan"],
      unit: "unit:pi",
      approximate: false,
      start: 2,
      end: 6,
    },
    {
      raw: "茶三萬斤",
      amount: 30_000,
      commodity: "commodity:cha",
      commodities: ["commodity:cha"],
      unit: "unit:jin",
      approximate: false,
      start: 7,
      end: 11,
    },
  ]);
});

test("銀二萬兩: 兩 after a numeral is the unit, not the digit two", () => {
  assert.deepEqual(pick("銀二萬兩、絹二萬匹")[0], {
    raw: "銀二萬兩",
    amount: 20_000,
    commodity: "commodity:yin",
    commodities: ["commodity:yin"],
    unit: "unit:liang",
    approximate: false,
    start: 0,
    end: 4,
  });
});

test("a bare amount after a list of goods: 銀、綺、絹、茶二十五萬五千", () => {
  assert.deepEqual(pick("凡歲賜銀、綺、絹、茶二十五萬五千，乞如常數。"), [
    {
      raw: "銀、綺、絹、茶二十五萬五千",
      amount: 255_000,
      commodity: null,
      commodities: ["commodity:yin", "commodity:qi", "commodity:juan", "commodity:cha"],
      unit: null,
      approximate: false,
      start: 3,
      end: 16,
    },
  ]);
});

test("troops and households: 騎兵十萬, 五百戶", () => {
  assert.deepEqual(
    pick("契丹主親將騎兵十萬出金肅城").map((q) => [q.raw, q.amount, q.unit]),
    [["騎兵十萬", 100_000, "unit:qi-rider"]],
  );
  assert.deepEqual(
    pick("徙民五百戶，建河清軍").map((q) => [q.raw, q.amount, q.unit]),
    [["五百戶", 500, "unit:hu-household"]],
  );
});

test("餘 makes an approximate amount, counted from below: 十餘萬人, 二千餘里", () => {
  assert.deepEqual(
    pick("故夏眾動號十餘萬人。東至麟、府，西至原、渭，二千餘里").map((q) => [q.raw, q.amount, q.approximate]),
    [
      ["十餘萬人", 100_000, true],
      ["二千餘里", 2000, true],
    ],
  );
});

test("a payment followed by its amount: 歲賜二十五萬, 增歲賜至三十萬", () => {
  assert.deepEqual(
    pick("況朝廷已許歲賜二十五萬。又乞增歲賜至三十萬。").map((q) => [q.raw, q.amount]),
    [
      ["歲賜二十五萬", 250_000],
      ["歲賜至三十萬", 300_000],
    ],
  );
});

test("indefinite amounts, ordinals and dates are not quantities", () => {
  assert.deepEqual(pick("西鹽數萬石，契丹兵三路濟河，十二月，一百三十九"), []);
});

test("a list of goods starts after a verb of giving, not inside a longer name (銀鞍勒馬、銀二萬兩)", () => {
  assert.deepEqual(
    pick("仍賜對衣、黃金帶、銀鞍勒馬、銀二萬兩").map((q) => [q.raw, q.commodities]),
    [["銀二萬兩", ["commodity:yin"]]],
  );
});

test("萬 alone is ten thousand: 萬人屯涇州", () => {
  assert.deepEqual(
    pick("萬人屯涇州").map((q) => [q.raw, q.amount, q.unit]),
    [["萬人", 10_000, "unit:ren"]],
  );
});

test("bare numerals (三年, 十月, 二人) are no quantities, and the search goes on after them", () => {
  assert.deepEqual(
    pick("三年十月，遣使二人，賜絹十萬匹、銀五兩，以二萬屯渭州").map(({ raw, start, end }) => ({
      raw,
      start,
      end,
    })),
    [
      { raw: "二人", start: 7, end: 9 },
      { raw: "絹十萬匹", start: 11, end: 15 },
      { raw: "銀五兩", start: 16, end: 19 },
      { raw: "二萬", start: 21, end: 23 },
    ],
  );
});
