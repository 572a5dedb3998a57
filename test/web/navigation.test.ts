/**
 * Finding one's way in chromium, over the sample (document 1), 長編 卷一百三十九 (document 2,
 * 慶曆三年) and 卷一百四十九 (document 3, 慶曆四年五月): the home page lists works and their juan with
 * the years each covers, the table of contents opens the reader at a month, "go to 慶曆四年五月"
 * lands on its first entry or says what is wrong with the date, and search results sort by date
 * and show as keyword in context. Screenshots go to test/web/artifacts/.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import type { RunningServer } from "../../src/server/index.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { type Chromium, chromiumMissing } from "./chromium.ts";
import { type App, openPage, startApp, visitView } from "./harness.ts";

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const skip = chromiumMissing() ?? false;

let store: SqliteStore;
let server: RunningServer;
let chromium: Chromium;
let app: App;

before(async () => {
  if (skip) return;
  app = await startApp();
  ({ store, server, chromium } = app);
});

after(async () => {
  if (skip) return;
  await app?.close();
});

// A date the server refuses is a 400 or 404 answer, which the console reports as a failed load.
const open = (viewport = { width: 1280, height: 800 }) =>
  openPage(chromium.context, viewport, /status of 40[04]/);

const visit = (page: Page, hash: string, ready: string) => visitView(page, server.url, hash, ready);

/** The reader's target entry once the reader has scrolled to it. */
async function readerTarget(page: Page): Promise<{ hash: string; id: string; text: string }> {
  await page.waitForSelector("article.entry.target", { timeout: 10_000 });
  return page.$eval("article.entry.target", (a) => ({
    hash: location.hash,
    id: a.getAttribute("data-entry") ?? "",
    text: a.textContent ?? "",
  }));
}

describe("finding one's way in chromium", { skip }, () => {
  test("the home page lists works, their juan and the years each covers", async () => {
    const { page, errors } = await open();
    await visit(page, "#/", "main ul.works li.work");
    const works = await page.$$eval("ul.works > li.work", (items) =>
      items.map((w) => ({
        work: w.getAttribute("data-work"),
        juan: Array.from(w.querySelectorAll(".juan-list > li"), (li) => li.textContent ?? ""),
      })),
    );
    assert.deepEqual(
      works.map((w) => w.work),
      ["長編", ""],
    );
    const [juan139, juan149] = works[0]!.juan;
    // 卷一百三十九 opens 慶歴三年春正月庚午朔; 卷一百四十九 is 慶厯四年五月 throughout.
    assert.match(juan139!, /^長編 卷一百三十九 慶曆三年 \(1043\)/);
    assert.match(juan149!, /^長編 卷一百四十九 慶曆四年 \(1044\)/);
    assert.match(works[1]!.juan[0]!, /天授禮法延祚六年 – 天授禮法延祚七年 \(1043–1044\)/);
    await page.screenshot({ path: join(ARTIFACTS, "home-works-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the table of contents of 長編 opens the reader at 慶曆四年五月", async () => {
    const { page, errors } = await open();
    await visit(page, `#/toc?work=${encodeURIComponent("長編")}`, "nav.toc .toc-year");
    const years = await page.$$eval(".toc-year h2 a", (a) => a.map((x) => x.textContent));
    assert.deepEqual(years, ["慶曆三年", "慶曆四年"]);
    const may = await page.$$eval(".toc-year:nth-of-type(2) .toc-months li", (li) =>
      li.map((x) => x.textContent ?? ""),
    );
    assert.equal(may.length, 1);
    assert.match(may[0]!, /^五月 \d+ · 長編 卷一百四十九$/);
    await page.screenshot({ path: join(ARTIFACTS, "toc-desktop.png") });
    await page.click(".toc-year:nth-of-type(2) .toc-months a");
    const target = await readerTarget(page);
    assert.equal(target.hash, "#/read/3?at=e1");
    assert.ok(target.text.includes("樞宻副使韓𤦺参知政事范仲淹並對於崇政殿"));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("go to 慶曆四年五月 in any spelling, and a clear message for a date that is not one", async () => {
    const { page, errors } = await open();
    await visit(page, `#/toc?work=${encodeURIComponent("長編")}`, "form.goto input");
    for (const written of ["慶曆四年五月", "慶厯四年五月"]) {
      await page.fill("form.goto input", written);
      await page.press("form.goto input", "Enter");
      const target = await readerTarget(page);
      assert.equal(target.id, "3:e1", written);
      await visit(page, `#/toc?work=${encodeURIComponent("長編")}`, "form.goto input");
    }
    // On the home page, every chronicle: the sample's 夏五月 (遣兵援叛黨) opens the same month and is
    // document 1.
    await visit(page, "#/", "form.goto input");
    await page.fill("form.goto input", "慶曆四年五月");
    await page.press("form.goto input", "Enter");
    const anywhere = await readerTarget(page);
    assert.ok(anywhere.hash.startsWith("#/read/1?at="));
    assert.ok(anywhere.text.includes("遣兵援叛黨"));
    // In the reader of 長編 卷一百四十九 (document 3): within that chronicle, with a link to its contents.
    await visit(page, "#/read/3", "form.goto input");
    assert.ok(await page.$('a[href="#/toc?document=3"]'), "the reader links to the chronicle's contents");
    await page.fill("form.goto input", "慶曆四年五月");
    await page.press("form.goto input", "Enter");
    assert.equal((await readerTarget(page)).id, "3:e1");
    await visit(page, "#/", "form.goto input");
    for (const [written, message] of [
      ["無此四年五月", /Unknown era/],
      ["慶曆四年閏二月", /Cannot go to "慶曆四年閏二月"/],
      ["慶曆四年五月三十一日", /Cannot go to/],
    ] as const) {
      await page.fill("form.goto input", written);
      await page.press("form.goto input", "Enter");
      await page.waitForSelector(".goto-message.error");
      const shown = await page.$eval(".goto-message.error", (p) => p.textContent ?? "");
      assert.match(shown, message, written);
      assert.equal(new URL(page.url()).hash, "#/", "the page stays");
    }
    await page.screenshot({ path: join(ARTIFACTS, "goto-error-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("search results sorted by date, and as keyword in context", async () => {
    const { page, errors } = await open();
    await visit(page, `#/search?q=${encodeURIComponent("元昊")}&sort=date`, "li.hit");
    const shown = await page.$$eval("li.hit", (items) =>
      items.map((i) => i.getAttribute("data-entry") ?? ""),
    );
    // The entries holding 元昊, by the first day their dates give (undated last), then document order.
    const all = (await store.search({ query: "元昊", limit: 1000 })).results.map((hit) => ({
      id: hit.id,
      day: hit.date.jdn?.start ?? Number.POSITIVE_INFINITY,
      document: hit.documentId,
      ord: Number(hit.localId.slice(1)),
    }));
    all.sort((a, b) => a.day - b.day || a.document - b.document || a.ord - b.ord);
    assert.deepEqual(
      shown,
      all.slice(0, 20).map((x) => x.id),
    );
    assert.equal(await page.$eval("#search-sort", (s) => (s as HTMLSelectElement).value), "date");

    // 長編 writes 龎籍 where the sample writes 龐籍: both are found and shown in context.
    await visit(page, `#/search?q=${encodeURIComponent("龐籍")}&view=kwic`, "table.kwic tbody tr");
    const rows = await page.$$eval("table.kwic tbody tr", (trs) =>
      trs.map((tr) => ({
        entry: tr.getAttribute("data-entry") ?? "",
        left: tr.querySelector(".kwic-left")?.textContent ?? "",
        key: tr.querySelector(".kwic-key")?.textContent ?? "",
        right: tr.querySelector(".kwic-right")?.textContent ?? "",
      })),
    );
    assert.deepEqual([...new Set(rows.map((r) => r.key))].sort(), ["龎籍", "龐籍"]);
    assert.ok(rows.some((r) => r.entry.startsWith("1:")) && rows.some((r) => r.entry.startsWith("2:")));
    assert.ok(rows.every((r) => r.left.length + r.right.length > 0));
    // The sample's 龐籍使謂之曰 (遣使如宋請和, its third entry).
    assert.ok(rows.some((r) => r.entry === "1:e3" && r.right.startsWith("使謂之曰")));
    await page.screenshot({ path: join(ARTIFACTS, "search-kwic-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the new views fit a phone's width", async () => {
    const { page, errors } = await open({ width: 390, height: 844 });
    for (const [name, hash, ready] of [
      ["home-works", "#/", "ul.works li.work"],
      ["toc", `#/toc?work=${encodeURIComponent("長編")}`, "nav.toc .toc-year"],
      ["search-kwic", `#/search?q=${encodeURIComponent("龐籍")}&view=kwic`, "table.kwic tbody tr"],
    ] as const) {
      await visit(page, hash, ready);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${name}: the page is ${overflow}px wider than the window`);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-phone.png`) });
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
