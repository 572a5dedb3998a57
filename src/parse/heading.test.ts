import assert from "node:assert/strict";
import { test } from "node:test";
import { readYearHeading } from "./heading.ts";

test("reads a state's reckoning, its era and year", () => {
  assert.deepEqual(readYearHeading("西夏稱天授禮法延祚六年"), {
    state: "西夏",
    era: "天授禮法延祚",
    number: 6,
    ganzhi: null,
    ce: null,
  });
});

test("reads 元年 as year one and a bare era heading", () => {
  assert.deepEqual(readYearHeading("慶曆元年"), {
    state: null,
    era: "慶曆",
    number: 1,
    ganzhi: null,
    ce: null,
  });
  assert.equal(readYearHeading("天授禮法延祚十一年")?.number, 11);
});

test("reads a sexagenary year and a Western year in parentheses", () => {
  assert.deepEqual(readYearHeading("慶曆三年（癸未，1043）"), {
    state: null,
    era: "慶曆",
    number: 3,
    ganzhi: "癸未",
    ce: 1043,
  });
});

test("is not fooled by sentences", () => {
  assert.equal(readYearHeading("兩失和好，遂歷七年"), null);
  assert.equal(readYearHeading("遣使如宋請和。"), null);
  assert.equal(readYearHeading("年"), null);
});
