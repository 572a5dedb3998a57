/**
 * "Cite this entry" without a browser: the permalink names work, juan and entry (or the file) and
 * resolves back to the document; the citation's dates are the month's Julian days by
 * lunar-javascript, its era the calendar's spelling, romanised as the references write it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { jdnToJulian } from "../../src/calendar/jdn.ts";
import { lunarMonths } from "../../src/calendar/test-support/lunar-javascript.ts";
import { citation, findCited, permalinkPath } from "../../web/src/cite.ts";

const CHANGBIAN_139 = {
  id: 2,
  name: "KR2b0019_143.txt",
  work: "續資治通鑑長編",
  author: "李燾",
  juan: 139,
  juanLabel: "卷一百三十九",
};
const SAMPLE = {
  id: 1,
  name: "xixia-ji-1043-1044.txt",
  work: null,
  author: null,
  juan: null,
  juanLabel: null,
};

const iso = (jdn: number) => {
  const d = jdnToJulian(jdn);
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
};

describe("cite this entry", () => {
  test("the permalink names the work, juan and entry, or the file, and finds its document again", () => {
    assert.deepEqual(permalinkPath(CHANGBIAN_139, "e13"), ["cite", "續資治通鑑長編", "139", "e13"]);
    assert.deepEqual(permalinkPath(SAMPLE, "e9"), ["cite", "xixia-ji-1043-1044.txt", "e9"]);
    // Stored again under other ids, the same work and juan and file are found.
    const documents = [
      { ...SAMPLE, id: 7 },
      { ...CHANGBIAN_139, id: 12 },
    ];
    assert.equal(findCited(documents, ["續資治通鑑長編", "139", "e13"])?.document.id, 12);
    assert.equal(findCited(documents, ["xixia-ji-1043-1044.txt", "e9"])?.document.id, 7);
    assert.equal(findCited(documents, ["續資治通鑑長編", "140", "e13"]), null);
    assert.equal(findCited(documents, ["e13"]), null);
  });

  test("an entry dated to a month: the sample's 夏四月 of 天授禮法延祚六年 (1043)", () => {
    const month = lunarMonths(1043).find((m) => m.getMonth() === 4)!;
    const start = month.getFirstJulianDay();
    const end = start + month.getDayCount() - 1;
    const [first, last] = [jdnToJulian(start), jdnToJulian(end)];
    const entry = {
      localId: "e9",
      year: {
        label: "西夏稱天授禮法延祚六年",
        state: "西夏",
        era: "天授禮法延祚",
        number: 6,
        ganzhi: null,
        ce: null,
      },
      date: {
        text: "夏四月",
        month: 4,
        leap: false,
        day: null,
        season: "夏",
        julian: { start: iso(start), end: iso(end) },
        concurrent: [],
      },
    } as unknown as Parameters<typeof citation>[0];
    const cite = citation(entry, SAMPLE, "http://127.0.0.1:8080/");
    assert.equal(cite.permalink, "http://127.0.0.1:8080/#/cite/xixia-ji-1043-1044.txt/e9");
    assert.equal(
      cite.chinese,
      `xixia-ji-1043-1044.txt，天授禮法延祚六年四月條（${first.year}年${first.month}月${first.day}日至${last.month}月${last.day}日）。Biannian, ${cite.permalink}`,
    );
    // 天授禮法延祚 is Tianshou lifa yanzuo (Wilkinson, Chinese History: A New Manual, the Xi Xia reign titles).
    assert.match(
      cite.english,
      /^xixia-ji-1043-1044\.txt, Tianshou lifa yanzuo 6\/4 \(May 12–June 9, 1043, Julian calendar\)/,
    );
    assert.deepEqual([first.month, first.day, last.month, last.day], [5, 12, 6, 9]);
  });

  test("a 遼 era read with an apostrophe, and a variant spelling cited as the calendar's", () => {
    const entry = {
      localId: "e3",
      year: { label: "大安三年", state: "遼", era: "大安", number: 3, ganzhi: null, ce: null },
      date: {
        month: 5,
        leap: true,
        day: "甲子",
        julian: { start: "1087-07-01", end: "1087-07-01" },
        concurrent: [],
      },
    } as unknown as Parameters<typeof citation>[0];
    const document = {
      id: 3,
      name: "KR2a0033_024.txt",
      work: "遼史",
      author: "脫脫",
      juan: 24,
      juanLabel: "卷二十四",
    };
    const cite = citation(entry, document, "http://h/");
    assert.equal(
      cite.english,
      "Tuotuo 脫脫, Liao shi 遼史, juan 24, Da'an 3/intercalary 5/jiazi (July 1, 1087, Julian calendar), Biannian, http://h/#/cite/%E9%81%BC%E5%8F%B2/24/e3.",
    );
    assert.match(cite.chinese, /^脫脫《遼史》卷二十四，大安三年閏五月甲子條（1087年7月1日）。/);
    // 長編 writes 慶歴 for 慶曆: the concurrent date of the same year gives the calendar's spelling.
    const variant = {
      localId: "e1",
      year: { label: "慶歴三年", state: null, era: "慶歴", number: 3, ganzhi: null, ce: null },
      date: {
        month: 1,
        leap: false,
        day: "庚午",
        julian: { start: "1043-02-13", end: "1043-02-13" },
        concurrent: [
          { state: "遼", era: "重熙", year: 12, month: 1, leap: false, day: 1, label: "重熙十二年正月一日" },
          { state: "北宋", era: "慶曆", year: 3, month: 1, leap: false, day: 1, label: "慶曆三年正月一日" },
        ],
      },
    } as unknown as Parameters<typeof citation>[0];
    assert.match(
      citation(variant, CHANGBIAN_139, "http://h/").chinese,
      /，慶曆三年正月庚午條（1043年2月13日）。/,
    );
  });
});
