/**
 * Finding one's way, over a store of real chronicles: the sample (西夏紀, 1043–1044) and 長編
 * 卷一百四十六 to 卷一百四十九 (慶曆四年正月 to 五月): the works and their juan, the table of contents,
 * "go to" an era date, search filters in every state's reckoning and results sorted by date.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { lunarJs, solarJdn } from "../../src/calendar/test-support/lunar-javascript.ts";
import { readChronicle } from "../../src/pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import type { DocumentInput } from "../../src/store/types.ts";

const corpus = (path: string) => readFileSync(new URL(`../../corpus/${path}`, import.meta.url), "utf8");

function documentInput(text: string, path: string): DocumentInput {
  const { tree, records } = readChronicle(text);
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { corpus: "default", path, sha256, encoding: "utf-8", text, tree, records };
}

/** 長編's files 150–153 are 卷一百四十六 to 卷一百四十九 (the Kanripo numbering runs four ahead). */
const JUAN_FILES = ["150", "151", "152", "153"];

describe("navigation endpoints and reign filters", () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = openSqliteStore(":memory:");
    await store.putDocument(documentInput(corpus("xixia-ji-1043-1044.txt"), "xixia.txt"));
    for (const n of JUAN_FILES) {
      const path = `changbian/KR2b0019_${n}.txt`;
      await store.putDocument(documentInput(corpus(path), path));
    }
    app = createApp(store);
  });
  after(() => store.close());
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are read field by field.
  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const response = await app.request(path);
    return { status: response.status, body: await response.json() };
  };
  const q = encodeURIComponent;

  test("the works, each with its juan in order and the years they cover", async () => {
    const { status, body } = await get("/api/contents");
    assert.equal(status, 200);
    const [changbian, other] = body.works;
    assert.equal(changbian.work, "長編");
    assert.equal(changbian.title, "續資治通鑑長編");
    assert.deepEqual(
      changbian.documents.map((d: { title: string }) => d.title),
      ["長編 卷一百四十六", "長編 卷一百四十七", "長編 卷一百四十八", "長編 卷一百四十九"],
    );
    // 卷一百四十九 is 慶厯四年五月 from its first line to its last.
    const juan149 = changbian.documents[3];
    assert.deepEqual(juan149.years, {
      first: "慶曆四年",
      last: "慶曆四年",
      ce: { first: 1044, last: 1044 },
    });
    // The sample names no work: it comes last, by its file name, 天授禮法延祚六年 to 七年.
    assert.equal(other.work, null);
    assert.deepEqual(other.documents[0].years.first, "天授禮法延祚六年");
    assert.deepEqual(other.documents[0].years.last, "天授禮法延祚七年");
    assert.deepEqual(other.documents[0].years.ce, { first: 1043, last: 1044 });
  });

  test("a table of contents by year and month, of a work and of one juan", async () => {
    const work = await get(`/api/toc?work=${q("長編")}`);
    assert.equal(work.status, 200);
    assert.deepEqual(
      work.body.years.map((y: { label: string }) => y.label),
      ["慶曆四年"],
    );
    const months = work.body.years[0].months.map((m: { label: string }) => m.label);
    // 卷146 opens 慶歴四年春正月戊辰, 卷147 三月乙丑, 卷148 夏四月癸巳, 卷149 五月壬戌朔.
    assert.deepEqual(months.slice(0, 1), ["正月"]);
    assert.ok(months.includes("三月") && months.includes("四月"));
    assert.equal(months[months.length - 1], "五月");
    const may = work.body.years[0].months.at(-1);
    const juan149 = (await store.listDocuments()).find((d) => d.title === "長編 卷一百四十九")!;
    assert.deepEqual(may.documents, [juan149.id]);
    assert.equal(may.first, `${juan149.id}:e1`);
    const one = await get(`/api/toc?document=${juan149.id}`);
    assert.deepEqual(
      one.body.years[0].months.map((m: { label: string; entryCount: number }) => [m.label, m.entryCount]),
      [["五月", juan149.entryCount]],
    );
    const sample = await get("/api/toc?document=1");
    assert.deepEqual(
      sample.body.years.map((y: { label: string }) => y.label),
      ["天授禮法延祚六年", "天授禮法延祚七年"],
    );
    // The sample's 天授禮法延祚七年 ends with two entries of the whole year (是歲).
    assert.equal(sample.body.years[1].months.at(-1).label, "是歲");
  });

  test("go to 慶曆四年五月: the first entry of 長編 卷一百四十九", async () => {
    const { status, body } = await get(`/api/goto?date=${q("慶曆四年五月")}&work=${q("長編")}`);
    assert.equal(status, 200);
    assert.equal(body.entry.documentTitle, "長編 卷一百四十九");
    assert.ok(body.entry.headline.startsWith("樞宻副使韓𤦺参知政事范仲淹並對於崇政殿"));
    assert.equal(body.within, true);
    // 慶曆四年五月壬戌朔: the first day of the fifth month of 1044 in lunar-javascript, a 壬戌 day.
    const may1 = lunarJs.Lunar.fromYmd(1044, 5, 1);
    assert.equal(may1.getDayInGanZhi(), "壬戌");
    assert.equal(body.date.jdn.start, solarJdn(may1.getSolar()));
    // The 四庫 spelling, simplified characters, and a later day of the month.
    for (const written of ["慶厯四年五月", "庆历四年五月"]) {
      const other = await get(`/api/goto?date=${q(written)}&work=${q("長編")}`);
      assert.equal(other.body.entry.id, body.entry.id, written);
    }
    const later = await get(`/api/goto?date=${q("慶曆四年五月丁卯")}&work=${q("長編")}`);
    assert.equal(later.status, 200);
    assert.equal(later.body.date.jdn.start, body.date.jdn.start + 5, "丁卯 is five days after 壬戌");
    assert.notEqual(later.body.entry.id, body.entry.id);
    // Every chronicle: the sample's 夏五月 entry (遣兵援叛黨) opens the same month; it is document 1.
    const anywhere = await get(`/api/goto?date=${q("慶曆四年五月")}`);
    assert.equal(anywhere.body.entry.headline, "遣兵援叛黨。");
    // 遼's 重熙十三年 is 慶曆四年: the first entry of 長編 卷一百四十六.
    const liao = await get(`/api/goto?date=${q("遼重熙十三年")}&work=${q("長編")}`);
    assert.equal(liao.body.entry.documentTitle, "長編 卷一百四十六");
    const none = await get(`/api/goto?date=${q("慶曆五年")}&work=${q("長編")}`);
    assert.equal(none.status, 404);
    assert.match(none.body.detail, /no entry on or after/);
    const unknown = await get(`/api/goto?date=${q("慶歷十四年")}`);
    assert.equal(unknown.status, 400);
  });

  test("filters find an entry under every state's reign date, the era in any spelling", async () => {
    const documents = await store.listDocuments();
    const changbian = documents.filter((d) => d.short === "長編").reduce((n, d) => n + d.entryCount, 0);
    // The sample's 天授禮法延祚七年 (1044): 27 entries from 二月 to the two of 是歲 at its end.
    const sampleYear7 = 27;
    const total = async (query: string) => (await get(`/api/find?${query}&limit=1`)).body.total as number;
    assert.equal(await total(`era=${q("慶曆")}&year=4`), changbian + sampleYear7);
    assert.equal(await total(`era=${q("慶厯")}&year=4`), changbian + sampleYear7);
    assert.equal(await total(`era=${q("重熙")}&year=13`), changbian + sampleYear7);
    assert.equal(await total(`era=${q("天授禮法延祚")}&year=7`), changbian + sampleYear7);
    assert.equal(await total(`state=${q("遼")}`), changbian + 45);
    assert.equal(await total(`state=${q("北宋")}`), changbian + 45);
    assert.equal(await total(`state=${q("西夏")}&document=2`), documents[1]!.entryCount);
    assert.equal(await total(`era=${q("慶曆")}&state=${q("遼")}`), 0);
    const searched = await get(`/api/find?q=${q("元昊")}&era=${q("重熙")}&year=13&limit=100`);
    assert.ok(searched.body.total > 0);
    assert.ok(
      searched.body.results.every(
        (h: { date: { julian: { start: string } } }) => h.date.julian.start > "1044",
      ),
    );
  });

  test("search results sorted by date, by relevance and in document order", async () => {
    const page = async (sort: string) =>
      (await get(`/api/find?q=${q("元昊")}&sort=${sort}&limit=100`)).body as {
        total: number;
        results: { id: string; documentId: number; date: { jdn?: { start: number } } }[];
      };
    const [relevance, date, document] = [await page("relevance"), await page("date"), await page("document")];
    assert.equal(date.total, relevance.total);
    assert.equal(document.total, relevance.total);
    const days = date.results.map((h) => h.date.jdn?.start ?? Number.POSITIVE_INFINITY);
    assert.deepEqual(
      days,
      [...days].sort((a, b) => a - b),
    );
    const order = document.results.map((h) => h.documentId);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.notDeepEqual(
      relevance.results.map((h) => h.id),
      date.results.map((h) => h.id),
    );
    // The sample's first 元昊 is in 慶曆三年 (1043), before every entry of 長編's 慶曆四年.
    assert.ok(date.results[0]!.id.startsWith("1:"));
    const unsorted = await get(`/api/find?era=${q("慶曆")}&year=4&sort=date&limit=5`);
    assert.equal(unsorted.status, 200);
    assert.equal(unsorted.body.results.length, 5);
  });
});
