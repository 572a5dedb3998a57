import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertRebuilt } from "../../test/support/rebuilt-table.ts";
import { BRANCHES, STEMS } from "./ganzhi.ts";
import {
  DATE_NUMERALS,
  decodeVariantTable,
  eraSpellings,
  isDateCharacter,
  readBranch,
  readGanzhi,
  readNumeralChar,
  readStem,
  readStemAt,
  standardCandidates,
} from "./variants.ts";

// Era names as the calendar (data/calendar, DDBC) spells them; the written forms below are the
// 四庫全書 spellings of the Kanseki Repository texts in corpus/ (乾徳五年, 開寳中, 雍熈二年, 慶厯 and
// 慶歴 in 續資治通鑑長編) and simplified forms a user may paste.
const ERAS = new Set(["乾德", "開寶", "雍熙", "慶曆", "寶元", "明道", "至和", "致和", "天授禮法延祚"]);
const isEra = (name: string): boolean => ERAS.has(name);

describe("standardCandidates", () => {
  it("reads the 四庫全書 forms as the standard characters the tables give", () => {
    // hydzd-variants: 德,hydzd/variant,徳 · 明,hydzd/variant,眀 · 歲,hydzd/variant,嵗;
    // twedu-variants: 寶,twedu/variant,寳 · 熙,twedu/variant,熈.
    assert.equal(standardCandidates("徳")[0], "德");
    assert.equal(standardCandidates("寳")[0], "寶");
    assert.equal(standardCandidates("熈")[0], "熙");
    assert.equal(standardCandidates("眀")[0], "明");
    assert.equal(standardCandidates("嵗")[0], "歲");
  });

  it("reads 歴 and 厯 as 曆, 歴 directly (Unihan) and 厯 through 歷 (教育部, then 漢語大字典)", () => {
    // Unihan: U+6B74 歴 kSemanticVariant U+66C6 曆; twedu: 歷,twedu/variant,厯; hydzd: 曆,hydzd/variant,歷.
    assert.ok(standardCandidates("歴").includes("曆"));
    assert.ok(standardCandidates("厯").includes("曆"));
    assert.deepEqual(standardCandidates("厯").slice(0, 1), ["歷"]);
  });

  it("keeps every candidate of a character that stands for several", () => {
    // hydzd: 卯,hydzd/variant,夘 and 夗,hydzd/variant,夘; 以,hydzd/variant,已 and cjkvi: 己,cjkvi/variant,已.
    assert.equal(standardCandidates("夘")[0], "卯");
    assert.ok(standardCandidates("夘").includes("夗"));
    assert.deepEqual([...standardCandidates("已")].sort(), ["以", "己"]);
  });

  it("reads simplified forms as traditional ones", () => {
    // hydzd: 慶,hydzd/simplified,庆 · 寶,hydzd/simplified,宝 · 曆,hydzd/simplified,历.
    assert.deepEqual(standardCandidates("庆"), ["慶"]);
    assert.equal(standardCandidates("宝")[0], "寶");
    assert.ok(standardCandidates("历").includes("曆"));
  });

  it("puts a date character first, before the date characters it may also stand for", () => {
    assert.deepEqual(standardCandidates("德"), ["德"]);
    assert.deepEqual(standardCandidates("歷"), ["歷", "曆"]);
    assert.equal(isDateCharacter("曆"), true);
    assert.equal(isDateCharacter("厯"), false);
  });

  it("gives a character no table relates to a date character only itself", () => {
    assert.deepEqual(standardCandidates("的"), ["的"]);
    assert.deepEqual(standardCandidates("𠀀"), ["𠀀"]);
    assert.deepEqual(standardCandidates(""), []);
    assert.deepEqual(standardCandidates("德明"), []);
  });
});

describe("readStem and readBranch", () => {
  it("read every stem and branch as itself", () => {
    for (const s of STEMS) assert.equal(readStem(s), s);
    for (const b of BRANCHES) assert.equal(readBranch(b), b);
  });

  it("let the position decide: 已 is 己 as a stem and 巳 as a branch", () => {
    assert.equal(readStem("已"), "己");
    assert.equal(readBranch("已"), "巳");
  });

  it("read 夘 as the branch 卯 and as no stem", () => {
    assert.equal(readBranch("夘"), "卯");
    assert.equal(readStem("夘"), null);
  });

  it("read the look-alikes 戊 and 戌 across the positions (non-cognates.txt)", () => {
    assert.equal(readStem("戌"), "戊");
    assert.equal(readBranch("戊"), "戌");
    assert.equal(readStem("戍"), "戊");
    assert.equal(readBranch("戍"), "戌");
  });

  it("read what is no stem or branch, nor like one, as null", () => {
    for (const c of ["年", "的", "卯", "亥", "", "甲子"]) assert.equal(readStem(c), null, c);
    for (const c of ["年", "的", "甲", "癸", "", "甲子"]) assert.equal(readBranch(c), null, c);
  });

  it("read the stem at an offset of a text as readStem reads the character there", () => {
    // 長編 writes 已 for 己 and 戌 for 戊 in days; 夘 and 年 are no stem.
    const text = "夏四月已亥朔戌午春正月甲子夘年";
    const read = [...text].map((_, i) => readStemAt(text, i));
    assert.deepEqual(read, [...text].map(readStem));
    assert.deepEqual(
      read.map((r, i) => (r === null ? null : `${i}${r}`)).filter((r) => r !== null),
      ["3己", "6戊", "11甲"],
    );
    assert.equal(readStemAt(text, text.length), null, "past the end");
  });
});

describe("readGanzhi", () => {
  it("reads the days of 續資治通鑑長編 written with variants", () => {
    assert.equal(readGanzhi("丁夘"), "丁卯");
    assert.equal(readGanzhi("已巳"), "己巳");
    assert.equal(readGanzhi("乙已"), "乙巳");
    assert.equal(readGanzhi("癸已"), "癸巳");
    assert.equal(readGanzhi("已夘"), "己卯");
  });

  it("reads the sixty pairs as themselves", () => {
    for (let i = 0; i < 60; i++) {
      const pair = `${STEMS[i % 10]}${BRANCHES[i % 12]}`;
      assert.equal(readGanzhi(pair), pair);
    }
  });

  it("rejects a stem and a branch of different parity, and what is not two characters", () => {
    assert.equal(readGanzhi("甲丑"), null);
    assert.equal(readGanzhi("夘夘"), null);
    assert.equal(readGanzhi("丁"), null);
    assert.equal(readGanzhi("丁卯日"), null);
    assert.equal(readGanzhi("年月"), null);
  });
});

describe("readNumeralChar", () => {
  it("reads the numeral variants of numeric-variants.txt", () => {
    // 一,cjkvi/numeric,壹 · 一,cjkvi/numeric,弌 · 二,cjkvi/numeric,貳 · 三,cjkvi/numeric,參 · 十,cjkvi/numeric,拾.
    assert.equal(readNumeralChar("壹"), "一");
    assert.equal(readNumeralChar("弌"), "一");
    assert.equal(readNumeralChar("貳"), "二");
    assert.equal(readNumeralChar("參"), "三");
    assert.equal(readNumeralChar("拾"), "十");
  });

  it("reads a numeral as itself and anything else as null", () => {
    for (const n of DATE_NUMERALS) assert.equal(readNumeralChar(n), n);
    for (const c of ["年", "夘", "的", "", "十二"]) assert.equal(readNumeralChar(c), null, c);
  });
});

describe("eraSpellings", () => {
  it("finds the era names the 四庫全書 texts write with variants", () => {
    assert.deepEqual(eraSpellings("乾徳", isEra), ["乾德"]);
    assert.deepEqual(eraSpellings("開寳", isEra), ["開寶"]);
    assert.deepEqual(eraSpellings("雍熈", isEra), ["雍熙"]);
    assert.deepEqual(eraSpellings("慶厯", isEra), ["慶曆"]);
    assert.deepEqual(eraSpellings("慶歴", isEra), ["慶曆"]);
    assert.deepEqual(eraSpellings("眀道", isEra), ["明道"]);
  });

  it("finds the era names pasted in simplified characters", () => {
    assert.deepEqual(eraSpellings("庆历", isEra), ["慶曆"]);
    assert.deepEqual(eraSpellings("宝元", isEra), ["寶元"]);
  });

  it("puts the written form first when it is an era name itself", () => {
    assert.deepEqual(eraSpellings("慶曆", isEra), ["慶曆"]);
    // 至 and 致 are variants in 漢語大字典 (致,hydzd/variant,至): both names exist.
    assert.deepEqual(eraSpellings("至和", isEra), ["至和", "致和"]);
    assert.deepEqual(eraSpellings("天授禮法延祚", isEra), ["天授禮法延祚"]);
  });

  it("finds nothing for an unknown name, an empty one, or one that is too long", () => {
    assert.deepEqual(eraSpellings("某某", isEra), []);
    assert.deepEqual(eraSpellings("夘年", isEra), []);
    assert.deepEqual(eraSpellings("", isEra), []);
    // Past six characters only the written form is tried.
    assert.deepEqual(
      eraSpellings("慶厯慶厯慶厯慶", (name) => name === "慶曆慶曆慶曆慶"),
      [],
    );
    assert.deepEqual(
      eraSpellings("慶厯慶厯慶厯慶", () => true),
      ["慶厯慶厯慶厯慶"],
    );
  });

  it("bounds its work whatever the name", () => {
    let calls = 0;
    eraSpellings("历历历历历历", () => {
      calls++;
      return false;
    });
    assert.ok(calls > 0 && calls <= 4096, `${calls} spellings tried`);
  });
});

describe("the table", () => {
  it("reports a malformed row with its line", () => {
    assert.throws(() => decodeVariantTable("# x\n夘\t卯\tcousin\tnone\n", "t.tsv"), /t\.tsv:2:/);
    assert.throws(() => decodeVariantTable("夘夘\t卯\tvariant\tx\n", "t.tsv"), /t\.tsv:1:/);
  });

  it("is what scripts/build-variants.ts derives from the tables", (t) => {
    assertRebuilt(t, "build-variants.ts", "data/variants/date-variants.tsv");
  });
});
