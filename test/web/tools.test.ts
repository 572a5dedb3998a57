/**
 * The charts, the export buttons and "cite this entry" in chromium, over the sample (document 1)
 * and 長編 卷一百三十九 and 卷一百四十九 (documents 2 and 3): a bar of the event chart lists its
 * entries and a point of the ledger opens its entry; an export button downloads the selection in
 * its format; the copy button copies the citation, and the permalink opens the entry.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { parse as parseCsv } from "csv-parse/sync";
import type { BrowserContext, Page } from "playwright-core";
import { jdnToJulian } from "../../src/calendar/jdn.ts";
import { lunarJs, lunarMonths } from "../../src/calendar/test-support/lunar-javascript.ts";
import type { RunningServer } from "../../src/server/index.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { type Chromium, chromiumMissing } from "./chromium.ts";
import { entriesContaining } from "./fixtures.ts";
import { type App, openPage, startApp, visitView } from "./harness.ts";

const skip = chromiumMissing() ?? false;

let store: SqliteStore;
let server: RunningServer;
let chromium: Chromium;
let app: App;
let browser: BrowserContext;

before(async () => {
  if (skip) return;
  app = await startApp({ viewport: { width: 1280, height: 900 } });
  ({ store, server, chromium } = app);
  browser = chromium.context;
  await browser.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
});

after(async () => {
  if (skip) return;
  await app?.close();
});

const open = () => openPage(browser);

const visit = (page: Page, hash: string, ready: string) => visitView(page, server.url, hash, ready);

/** The first day (JDN) of a lunar month by lunar-javascript. */
const monthStart = (year: number, month: number) =>
  lunarMonths(year)
    .find((m) => m.getMonth() === month)!
    .getFirstJulianDay();

describe("charts, exports and citations in chromium", { skip }, () => {
  test("a bar of the event chart lists its entries, and they open", async () => {
    const { page, errors } = await open();
    await visit(page, "#/charts?chart=events&group=type&from=1043&to=1044", "svg.chart a[data-key]");
    // 夏四月 of 天授禮法延祚六年 (慶曆三年, 1043): the sample's lines 13 and 15 tell two embassies,
    // 宋遣保安軍判官邵良佐…來 and 遣使如契丹進馬、駝.
    const april = monthStart(1043, 4);
    // The time axis names each Julian year at its first lunar month; the keyboard goes month by month.
    const years = await page.$$eval("svg.chart .time-axis .tick text", (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(years, ["1043", "1044"]);
    const months = await page.$$eval("svg.chart a[data-month]", (as) =>
      as.map((a) => Number(a.getAttribute("data-month"))),
    );
    assert.deepEqual(
      months,
      [...months].sort((a, b) => a - b),
    );
    await page.click(`svg.chart a[data-month="${april}"][data-key="embassy"]`);
    await page.waitForSelector(".bar-entries li a");
    assert.match(page.url(), new RegExp(`month=${april}&key=embassy`));
    const listed = await page.$$eval(".bar-entries li a", (as) => as.map((a) => a.textContent ?? ""));
    assert.ok(
      listed.some((t) => t.startsWith("宋遣保安軍判官邵良佐")),
      listed.join(" | "),
    );
    assert.ok(
      listed.some((t) => t.startsWith("遣使如契丹進馬、駝")),
      listed.join(" | "),
    );
    await page.click(".bar-entries li a >> text=遣使如契丹進馬、駝");
    await page.waitForSelector("h1.entry-title");
    assert.match((await page.textContent("h1.entry-title")) ?? "", /遣使如契丹進馬、駝/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a point of the ledger opens its entry: 絹十萬匹 in 夏四月 1043", async () => {
    const { page, errors } = await open();
    await visit(
      page,
      "#/charts?chart=ledger",
      'figure[data-series="commodity:juan unit:pi"] a[data-entry] path',
    );
    const silk = page.locator('figure[data-series="commodity:juan unit:pi"]');
    assert.match((await silk.locator("h2").textContent()) ?? "", /絹.*匹/);
    // Line 13 of the sample: 歲賜絹十萬匹 (entry e9). Tea and silver have their own charts, in 斤 and 兩.
    const point = silk.locator('a[data-entry="1:e9"]');
    assert.match((await point.locator("title").textContent()) ?? "", /絹十萬匹 \(100,000\)/);
    await point.click();
    await page.waitForSelector("h1.entry-title");
    assert.equal(new URL(page.url()).hash, "#/entry/1%3Ae9");
    assert.equal(await page.locator('figure[data-series="commodity:cha unit:jin"]').count(), 0);
    await visit(
      page,
      "#/charts?chart=ledger",
      'figure[data-series="commodity:cha unit:jin"] a[data-entry] path',
    );
    // 長編 卷一百五十三: 元昊嵗得茶二十餘萬斤, "more than 200,000", a lower bound: a triangle, not a circle.
    const tea = page.locator('figure[data-series="commodity:cha unit:jin"] a[data-entry]');
    const marks = await tea.evaluateAll((as) =>
      as.map((a) => [
        a.querySelector("title")?.textContent ?? "",
        a.querySelector("path")?.getAttribute("class"),
      ]),
    );
    const atLeast = marks.filter(([, c]) => c === "dot at-least").map(([t]) => t);
    assert.equal(atLeast.length, 1, JSON.stringify(marks));
    assert.match(atLeast[0]!, /茶二十餘萬斤 \(200,000 or more\)/);
    assert.equal(
      await page.locator('figure[data-series="commodity:yin unit:liang"] a[data-entry="1:e43"]').count(),
      1,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the export buttons download the selection in each format", async () => {
    const { page, errors } = await open();
    await visit(page, "#/search?q=%E9%9D%92%E7%9B%90", ".export-buttons a[data-format=csv]");
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".export-buttons a[data-format=csv]"),
    ]);
    assert.equal(csv.suggestedFilename(), "biannian-selection-entries.csv");
    const rows = parseCsv(readFileSync((await csv.path())!, "utf8"), { columns: true, bom: true }) as {
      entry: string;
    }[];
    // Every stored entry that writes 青鹽 (the sample's lines 22–24 and 31), one row each.
    const expected: string[] = [];
    for (const id of [1, 2, 3]) expected.push(...(await entriesContaining(store, id, "青鹽")));
    const ids = rows.map((r) => r.entry);
    assert.deepEqual(
      ids,
      expected.map((id) => id.split(":")[1]),
    );

    await visit(page, "#/read/1", ".export-buttons a[data-format=tei]");
    const [tei] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".export-buttons a[data-format=tei]"),
    ]);
    assert.equal(tei.suggestedFilename(), "biannian-document-1.tei.xml");
    const xml = readFileSync((await tei.path())!, "utf8");
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<TEI xmlns="http:\/\/www.tei-c.org\/ns\/1.0"/,
    );
    // The sample's 45 entries (test/fixtures/xixia-outline.json).
    assert.equal([...xml.matchAll(/<div type="entry"/g)].length, 45);

    await visit(page, "#/entity/person:yang-shousu", ".export-buttons a[data-format=geojson]");
    const [geo] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".export-buttons a[data-format=geojson]"),
    ]);
    assert.equal(geo.suggestedFilename(), "biannian-entity.geojson");
    assert.equal(JSON.parse(readFileSync((await geo.path())!, "utf8")).type, "FeatureCollection");
    const [gexf] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".export-buttons a[data-format=gexf]"),
    ]);
    assert.equal(gexf.suggestedFilename(), "biannian-entity.gexf");
    assert.match(readFileSync((await gexf.path())!, "utf8"), /<gexf xmlns="http:\/\/gexf.net\/1.3"/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("cite this entry copies the citation, and its permalink opens the entry", async () => {
    const { page, errors } = await open();
    // 長編 卷一百三十九 opens with 慶歴三年春正月庚午朔御大慶殿受朝 (document 2, entry e1).
    await visit(page, "#/entry/2:e1", "details.cite");
    await page.click("details.cite summary");
    const first = monthStart(1043, 1);
    assert.equal(
      lunarJs.Solar.fromJulianDay(first - 0.5)
        .getLunar()
        .getDayInGanZhi(),
      "庚午",
    );
    const julian = jdnToJulian(first);
    const link = `${server.url}/#/cite/${encodeURIComponent("續資治通鑑長編")}/139/e1`;
    await page.click("button[data-copy=chinese]");
    await page.waitForSelector(".cite-status:has-text('copied')");
    const chinese = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(
      chinese,
      `李燾《續資治通鑑長編》卷一百三十九，慶曆三年正月庚午條（${julian.year}年${julian.month}月${julian.day}日）。Biannian, ${link}`,
    );
    await page.click("button[data-copy=english]");
    const english = await page.evaluate(() => navigator.clipboard.readText());
    const months = ["January", "February", "March", "April", "May", "June", "July"];
    assert.equal(
      english,
      `Li Tao 李燾, Xu Zizhi tongjian changbian 續資治通鑑長編, juan 139, Qingli 3/1/gengwu (${months[julian.month - 1]} ${julian.day}, ${julian.year}, Julian calendar), Biannian, ${link}.`,
    );
    assert.equal(await page.getAttribute("a[data-permalink]", "href"), link.slice(server.url.length + 1));
    // The permalink names the work, juan and entry, not the database's document id.
    await page.goto(link);
    await page.waitForSelector("h1.entry-title");
    assert.match((await page.textContent("h1.entry-title")) ?? "", /御大慶殿受朝/);
    await visit(page, `#/cite/${encodeURIComponent("續資治通鑑長編")}/999/e1`, "main .notice-error");
    assert.deepEqual(errors, []);
    await page.close();
  });
});
