/**
 * The era carries from one juan of a work to the next at ingest: a juan that opens with a year
 * without its era (`十年春正月` in a 本紀) continues the juan before it, whether that juan was read
 * in the same run or skipped as unchanged.
 */
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { lunarMonths } from "../../src/calendar/test-support/lunar-javascript.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { cli } from "../cli/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-carry-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A Kanripo juan of 遼史 with no ruler line, so that only the juan before can give the era. */
const juan = (n: number, label: string, body: string) =>
  [
    "# -*- mode: mandoku-view; -*-",
    "#+TITLE: 遼史",
    "#+PROPERTY: ID KR2a0033",
    `#+PROPERTY: JUAN 卷${label}`,
    `<pb:KR2a0033_WYG_0${n}-1a>¶`,
    "欽定四庫全書¶",
    `　遼史卷${label}¶`,
    `${body}¶`,
    "",
  ].join("\n");

test("a juan that opens with 十年 continues the era of the juan before, read or skipped", async () => {
  const corpus = join(dir, "liaoshi");
  mkdirSync(corpus);
  // 重熙九年 (1040) ends juan 18 here; juan 19 opens 十年春正月辛亥朔 as 遼史 卷十九 does.
  writeFileSync(join(corpus, "KR2a0033_018.txt"), juan(18, "十八", "重熙九年春正月丁巳朔宋遣使來賀"));
  writeFileSync(
    join(corpus, "KR2a0033_019.txt"),
    juan(19, "十九", "十年春正月辛亥朔宋遣梁適張從一富弼趙日定來賀"),
  );
  const db = join(dir, "carry.db");
  const first = await cli("ingest", "--db", db, corpus);
  assert.equal(first.code, 0, first.err);
  // 重熙十年正月 began on 辛亥 = the first day of 1041's first month (lunar-javascript).
  const m = lunarMonths(1041).find((x) => x.getMonth() === 1)!;
  const expected = { start: m.getFirstJulianDay(), end: m.getFirstJulianDay() };
  const dateOfJuan19 = async () => {
    const store = await openSqliteStore(db);
    try {
      const doc = (await store.listDocuments()).find((d) => d.juan === 19)!;
      const entries = await store.listEntries({ documentId: doc.id }, { limit: 10, offset: 0 });
      return entries.results[0]!.date;
    } finally {
      await store.close();
    }
  };
  assert.deepEqual((await dateOfJuan19()).jdn, expected);
  // Juan 19 changes, juan 18 does not: the era still comes from juan 18, read again for it.
  appendFileSync(join(corpus, "KR2a0033_019.txt"), "甲子復遣吳育馮戴來賀永夀節¶\n");
  const second = await cli("ingest", "--db", db, corpus);
  assert.equal(second.code, 0, second.err);
  assert.match(second.err + second.out, /1 replaced, 1 unchanged/u);
  assert.deepEqual((await dateOfJuan19()).jdn, expected);
});
