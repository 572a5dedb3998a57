import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findMatches } from "./highlight.ts";
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseQuery, QueryError } from "./query.ts";

describe("parseQuery", () => {
  test("splits at ASCII and ideographic spaces and folds each term", () => {
    assert.deepEqual(parseQuery(" 韓琦\u3000青鹽 "), [
      { text: "韓琦", folded: "韩琦" },
      { text: "青鹽", folded: "青盐" },
    ]);
  });

  test("drops a term that folds like an earlier one", () => {
    assert.deepEqual(parseQuery("爲 為"), [{ text: "爲", folded: "为" }]);
  });

  test("refuses empty, overlong, many-term and ill-formed queries", () => {
    assert.throws(() => parseQuery(""), QueryError);
    assert.throws(() => parseQuery(" \u3000 "), /empty query/);
    assert.throws(() => parseQuery("之".repeat(MAX_QUERY_LENGTH + 1)), /limit is 200/);
    assert.throws(
      () => parseQuery(Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `${i}`).join(" ")),
      /terms/,
    );
    assert.throws(() => parseQuery("韓\uD852"), /well-formed/);
    assert.throws(() => parseQuery("\uDDBA琦"), /well-formed/);
  });

  test("accepts a non-BMP character", () => {
    assert.deepEqual(parseQuery("韓\u{249BA}"), [{ text: "韓\u{249BA}", folded: "韩琦" }]);
  });
});

describe("findMatches", () => {
  test("finds folded terms and returns offsets in the original text", () => {
    assert.deepEqual(findMatches("韓\u{249BA}、範仲淹、韓琦", parseQuery("韓琦 范仲淹")), [
      { term: 0, start: 0, end: 3 },
      { term: 1, start: 4, end: 7 },
      { term: 0, start: 8, end: 10 },
    ]);
  });

  test("does not overlap the matches of one term", () => {
    assert.deepEqual(findMatches("萬萬萬", parseQuery("萬萬")), [{ term: 0, start: 0, end: 2 }]);
  });

  test("finds nothing in a text without the term", () => {
    assert.deepEqual(findMatches("契丹遣使", parseQuery("元昊")), []);
  });
});
