/**
 * The web app in a real browser (Debian's chromium through playwright-core): every view loads
 * without console errors at desktop and phone width, the search box finds what the text holds,
 * reader → person → entry links work, and a chronicle made of markup shows as text. Screenshots
 * of every view go to test/web/artifacts/.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import type { RunningServer } from "../../src/server/index.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { type Chromium, chromiumMissing } from "./chromium.ts";
import { CORPUS, entriesContaining } from "./fixtures.ts";
import { type App, openPage, startApp, visitView } from "./harness.ts";

/** 長編 卷一百三十九 from the Kanseki Repository: document 2 of the corpus store. */
const JUAN_139 = readFileSync(new URL("changbian/KR2b0019_143.txt", CORPUS), "utf8");

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

const skip = chromiumMissing() ?? false;

let store: SqliteStore;
let server: RunningServer;
let chromium: Chromium;
let app: App;
let browser: BrowserContext;

before(async () => {
  if (skip) return;
  app = await startApp({ hostile: true });
  ({ store, server, chromium } = app);
  browser = chromium.context;
});

after(async () => {
  if (skip) return;
  await app?.close();
});

/** A page that records console errors and uncaught exceptions. */
const open = (viewport: { width: number; height: number }) => openPage(browser, viewport);

const visit = (page: Page, hash: string, ready: string) => visitView(page, server.url, hash, ready);

const VIEWS: [name: string, hash: string, ready: string][] = [
  ["home", "#/", "main ul.documents"],
  ["reader", "#/read/1", "article.entry"],
  ["reader-kanripo", "#/read/2", "article.entry .page-mark"],
  ["entry", "#/entry/1:e13", "article.entry a.mention"],
  ["by-date", "#/date/2102233", ".day-group article.entry"],
  ["synopsis", "#/synopsis?a=1&b=3", ".synopsis .syn-row.pair"],
  ["search", "#/search?q=%E9%9D%92%E7%9B%90", "li.hit mark"],
  ["timeline", "#/timeline", "canvas.timeline-canvas[data-shown]"],
  ["map", "#/map", "svg.map .places a"],
  ["network", "#/network", "svg.network .node"],
  ["sources", "#/sources", "table.sources-table tbody tr"],
  ["source", "#/source/%E9%95%B7%E7%B7%A8", "section.source-part li"],
  ["entities", "#/entities?kind=person", "ul.entity-list li"],
  ["entity", "#/entity/person:yang-shousu", "ol.entity-entries li"],
  ["charts", "#/charts?group=type&from=1043&to=1044", "svg.chart a[data-key]"],
  ["ledger", "#/charts?chart=ledger", "svg.chart a[data-entry] path"],
];

describe("the web app in chromium", { skip }, () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    test(`every view loads without console errors at ${viewport.width}×${viewport.height}`, async () => {
      const { page, errors } = await open(viewport);
      for (const [name, hash, ready] of VIEWS) {
        await visit(page, hash, ready);
        assert.deepEqual(errors, [], `${name}: console errors`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name}: the page is ${overflow}px wider than the window`);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${size}.png`) });
      }
      await page.close();
    });
  }

  test("a search from the box finds the sample's entries that contain 青鹽, typed either way", async () => {
    const expected = (await entriesContaining(store, 1, "青鹽")).sort();
    const { page, errors } = await open(VIEWPORTS.desktop);
    await visit(page, "#/", "main ul.documents");
    for (const q of ["青鹽", "青盐"]) {
      await page.fill("#quick-q", q);
      await page.press("#quick-q", "Enter");
      await page.waitForSelector("li.hit");
      const found = await page.$$eval("li.hit", (items) =>
        items.map((i) => i.getAttribute("data-entry") ?? ""),
      );
      assert.deepEqual(found.filter((id) => id.startsWith("1:")).sort(), expected, q);
      const marks = await page.$$eval('li.hit[data-entry^="1:"] mark', (m) => [
        ...new Set(m.map((x) => x.textContent)),
      ]);
      assert.deepEqual(marks, ["青鹽"]);
      assert.equal(new URL(page.url()).hash, `#/search?q=${encodeURIComponent(q)}`);
      await page.goto(`${server.url}/#/`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("reader → person → entry", async () => {
    const { page, errors } = await open(VIEWPORTS.desktop);
    await visit(page, "#/read/1?at=e13", "#entry-1-e13 a.mention-person");
    await page.click('#entry-1-e13 a.mention-person[href="#/entity/person%3Ayang-shousu"]');
    await page.waitForSelector("ol.entity-entries li");
    assert.equal(await page.textContent("h1"), "楊守素 person:yang-shousu");
    await page.click('ol.entity-entries a[href="#/entry/1%3Ae13"]');
    await page.waitForSelector("article.entry");
    assert.equal(new URL(page.url()).hash, "#/entry/1%3Ae13");
    assert.match((await page.textContent("article.entry .headline")) ?? "", /再遣楊守素如宋/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a Kanripo juan reads as a historian reads it: named by work and juan, no markup, pages in the margin, small notes, date problems", async () => {
    // What the file itself says: its juan, its first pages, a small note and how it writes its era.
    const title = `長編 ${/^#\+PROPERTY: JUAN (.+)$/mu.exec(JUAN_139)![1]!.trim()}`;
    assert.ok(JUAN_139.includes("<pb:KR2b0019_WYG_143-1a>") && JUAN_139.includes("<pb:KR2b0019_WYG_143-2a>"));
    const note = /\(([^()/¶\n]+)\/([^()/¶\n]+)\)/u.exec(JUAN_139)!;
    const opening = /^(慶[歴厯])三年(春正月[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]朔)/mu.exec(
      JUAN_139,
    )!;
    const { page, errors } = await open(VIEWPORTS.desktop);

    await visit(page, "#/", "main ul.documents");
    assert.equal(await page.textContent('ul.documents a[href="#/read/2"]'), title);

    await visit(page, "#/read/2", "article.entry .page-mark");
    assert.equal(await page.title().then((t) => t.startsWith(title)), true, await page.title());
    assert.ok(((await page.textContent("h1")) ?? "").startsWith(title));
    assert.equal(await page.textContent('.doc-chooser a[href="#/read/2"]'), title);
    const body = (await page.textContent(".reader")) ?? "";
    assert.ok(body.length > 1000);
    assert.ok(!body.includes("¶"), "no line marks");
    assert.ok(!body.includes("<pb:"), "no page markers");
    assert.ok(!body.includes("/"), "no column breaks");
    // Page 1a is marked in the margin where the first entry begins; 2a further on.
    const first = await page.$eval(
      "article.entry .entry-body",
      (b, date) => {
        const mark = b.querySelector(".page-mark");
        const label = mark ? getComputedStyle(mark, "::before") : null;
        return {
          page: mark?.getAttribute("data-page"),
          content: label?.content,
          position: label?.position,
          left: label?.left,
          padding: Number.parseFloat(getComputedStyle(b).paddingLeft),
          textBefore: mark ? (b.querySelector(".headline")?.textContent ?? "").indexOf(date) : -1,
        };
      },
      opening[2]!,
    );
    assert.deepEqual(
      { page: first.page, content: first.content, position: first.position, left: first.left },
      { page: "1a", content: '"1a"', position: "absolute", left: "0px" },
    );
    assert.ok(first.padding > 20, "the mark stands in the margin the text leaves");
    assert.equal(first.textBefore, 0, "the first entry opens with its date");
    assert.equal(await page.$$eval('.reader .page-mark[data-page="2a"]', (m) => m.length), 1);
    // The first small note of the file: set small, its columns read right then left, no brackets.
    const notes = await page.$$eval(".reader small.note-small", (n) => n.map((x) => x.textContent ?? ""));
    const shown = notes.find((n) => n.startsWith(note[1]! + note[2]!));
    assert.ok(shown, `${note[0]} among ${notes.slice(0, 3).join(" | ")}`);
    assert.ok(!notes.some((n) => /[()/]/u.test(n)));
    const sizes = await page.$eval(".reader small.note-small", (n) => [
      Number.parseFloat(getComputedStyle(n).fontSize),
      Number.parseFloat(getComputedStyle(n.closest("p")!).fontSize),
    ]);
    assert.ok(sizes[0]! < sizes[1]! * 0.85, `note ${sizes[0]}px in text of ${sizes[1]}px`);
    // The date problems: the era as the juan writes it, on its year heading, linked to the first entry.
    await page.click("details.date-problems > summary");
    const problem = await page.$eval("details.date-problems", (d) => d.textContent ?? "");
    assert.ok(problem.includes(opening[1]!), problem.slice(0, 200));
    const place = await page.$eval('details.date-problems li.problem-place[data-entry="2:e1"]', (li) => ({
      written: li.querySelector(".as-written")?.textContent,
      href: li.querySelector("a")?.getAttribute("href"),
    }));
    assert.deepEqual(place, { written: `${opening[1]}三年`, href: "#/read/2?at=e1" });
    await page.screenshot({ path: join(ARTIFACTS, "reader-kanripo-apparatus-desktop.png") });

    await visit(page, "#/entry/2:e1", "article.entry");
    assert.equal(await page.textContent(".breadcrumb a"), `← ${title}`);
    assert.ok(!((await page.textContent("main")) ?? "").includes("¶"));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a chronicle made of markup shows as text, and nothing of it runs", async () => {
    const { page, errors } = await open(VIEWPORTS.desktop);
    await visit(page, "#/read/4", "article.entry");
    const body = (await page.textContent(".reader")) ?? "";
    assert.ok(body.includes("<script>window.__pwned=1</script>"), body.slice(0, 200));
    assert.ok(body.includes('<img src=x onerror="window.__pwned=2">'));
    assert.ok(body.includes("《<b>長編</b>》"));
    assert.ok((await page.$$eval(".reader a.mention", (a) => a.length)) > 0, "names in it are still linked");
    assert.equal(
      await page.$$eval(
        ".reader script, .reader img, .reader b, .reader i, .reader a[href^='javascript']",
        (e) => e.length,
      ),
      0,
    );
    await page.hover(".reader .headline");
    await visit(page, "#/search?q=pwned", "li.hit");
    assert.equal(await page.$$eval("main img, main script:not([src])", (e) => e.length), 0);
    assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    await page.screenshot({ path: join(ARTIFACTS, "hostile-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the network lists the entries behind an edge; the map filters its events by years", async () => {
    const { page, errors } = await open(VIEWPORTS.desktop);
    await visit(page, "#/network", "table.edges-table tbody tr");
    await page.click("table.edges-table tbody tr button");
    await page.waitForSelector(".edge-panel li a");
    assert.match(new URL(page.url()).hash, /^#\/network\?edge=/);
    await page.click(".edge-panel li a");
    await page.waitForSelector("article.entry");
    assert.match(new URL(page.url()).hash, /^#\/entry\//);

    await visit(page, "#/map", "svg.map .places a");
    const both = await page.$$eval("svg.map .events circle", (c) => c.length);
    assert.ok(both > 0, "events are located");
    await page.fill("#map-from", "1044");
    await page.waitForFunction(() => /from=1044/.test(location.hash));
    const later = await page.$$eval("svg.map .events circle", (c) => c.length);
    assert.ok(later < both, `${later} places with events in 1044, ${both} in 1043–1044`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the timeline zooms, filters by state and opens an entry on click", async () => {
    const { page, errors } = await open(VIEWPORTS.desktop);
    await visit(page, "#/timeline", "canvas.timeline-canvas[data-shown]");
    const all = Number(await page.getAttribute("canvas.timeline-canvas", "data-shown"));
    await page.uncheck('.legend input[data-category="0"]');
    await page.waitForFunction((n) => Number(document.querySelector("canvas")?.dataset.shown) < n, all);
    await page.check('.legend input[data-category="0"]');
    await page.waitForFunction((n) => Number(document.querySelector("canvas")?.dataset.shown) === n, all);
    // a bar is a strongly coloured pixel below the axis labels: click the first one found
    const bar = await page.evaluate(() => {
      const canvas = document.querySelector("canvas") as HTMLCanvasElement;
      const ctx = canvas.getContext("2d")!;
      const scale = canvas.width / canvas.clientWidth;
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let y = Math.round(80 * scale); y < height - 30 * scale; y += 2) {
        for (let x = 0; x < width; x += 2) {
          const [r, g, b] = [
            data[(y * width + x) * 4]!,
            data[(y * width + x) * 4 + 1]!,
            data[(y * width + x) * 4 + 2]!,
          ];
          if (Math.max(r, g, b) - Math.min(r, g, b) > 80) return { x: x / scale + 1, y: y / scale + 1 };
        }
      }
      return null;
    });
    assert.ok(bar, "a bar is drawn");
    await page.click("canvas.timeline-canvas", { position: bar });
    await page.waitForSelector("article.entry");
    assert.match(new URL(page.url()).hash, /^#\/entry\//);
    await page.goBack();
    await page.waitForSelector("canvas.timeline-canvas[data-shown]");
    await page.focus("canvas.timeline-canvas");
    for (let i = 0; i < 3; i++) await page.keyboard.press("+");
    await page.waitForFunction(() => /from=\d+/.test(location.hash));
    await page.waitForSelector(".in-view a");
    await page.click(".in-view a");
    await page.waitForSelector("article.entry");
    assert.match(new URL(page.url()).hash, /^#\/entry\//);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
