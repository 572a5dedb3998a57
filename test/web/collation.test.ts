/**
 * Collation (考異) in the web app, in chromium: the other accounts of an entry set beside it with
 * their differences marked, a citation opening the cited passage beside the entry, the by-date
 * view with one column per chronicle, the synopsis of two chronicles and the sources page saying
 * which cited juan are stored. Every expected value is read from the texts themselves: the sample
 * (西夏紀), 長編 卷一百三十九 and 卷一百四十九, and 遼史 卷十九. Screenshots at 1440×900 and
 * 390×844 go to test/web/artifacts/.
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
import { CORPUS, CORPUS_FILES, entriesContaining, LIAO_19 } from "./fixtures.ts";
import { type App, openPage, startApp, visitView } from "./harness.ts";

const read = (file: string) => readFileSync(new URL(file, CORPUS), "utf8");
const SAMPLE = read("xixia-ji-1043-1044.txt");
/** 長編 卷一百三十九 and 卷一百四十九: documents 2 and 3; 遼史 卷十九: document 4. */
const JUAN_139 = read("changbian/KR2b0019_143.txt");
const JUAN_149 = read("changbian/KR2b0019_153.txt");
const LIAO = read(LIAO_19);
const LIAO_ID = 4;

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** A Kanripo file as a reader reads it: no header, page markers, line marks, breaks or small notes. */
function plain(kanripo: string): string {
  return kanripo
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("")
    .replace(/<pb:[^>]*>/gu, "")
    .replace(/[¶\r\s　]/gu, "")
    .replace(/\([^()]*\)/gu, "");
}

/** The juan a Kanripo file says it is: `卷一百三十九`. */
const juanOf = (kanripo: string) => /^#\+PROPERTY: JUAN (\S+)/mu.exec(kanripo)![1]!;

/** The month written last before `phrase` in the sample, where a date opens an entry (`春二月，`). */
function sampleMonth(phrase: string): string {
  const before = SAMPLE.slice(0, SAMPLE.indexOf(phrase));
  const months = [...before.matchAll(/(?:^|）)(?:春|夏|秋|冬)?([正一二三四五六七八九十]+月)[，、]/gmu)];
  return months.at(-1)![1]!;
}

/** The month written last before `phrase` in a Kanripo chronicle, with its day (`五月壬戌朔`). */
function kanripoMonth(text: string, phrase: string): string {
  const before = text.slice(0, text.indexOf(phrase));
  const months = [
    ...before.matchAll(/([正一二三四五六七八九十]+月)[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]/gu),
  ];
  return months.at(-1)![1]!;
}

/** The Julian Day Number of a Julian-calendar date. */
function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
}

/** The characters of `a` that `b` lacks, punctuation left out, as runs: `契丹主`, `餘`. */
function runsNotIn(a: string, b: string): string[] {
  const runs: string[] = [];
  let run = "";
  for (const c of a) {
    if (!/\p{P}/u.test(c) && !b.includes(c)) run += c;
    else if (run) {
      runs.push(run);
      run = "";
    }
  }
  if (run) runs.push(run);
  return runs;
}

const skip = chromiumMissing() ?? false;

let store: SqliteStore;
let server: RunningServer;
let chromium: Chromium;
let app: App;
let browser: BrowserContext;

before(async () => {
  if (skip) return;
  app = await startApp({ liao: true });
  ({ store, server, chromium } = app);
  assert.equal((await store.getDocument(LIAO_ID))?.path, LIAO_19);
  browser = chromium.context;
});

after(async () => {
  if (skip) return;
  await app?.close();
});

const open = (viewport: { width: number; height: number }) => openPage(browser, viewport);

const visit = (page: Page, hash: string, ready: string) => visitView(page, server.url, hash, ready);

async function noOverflow(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${what}: the page is ${overflow}px wider than the window`);
}

describe("collation in the web app", { skip }, () => {
  test("the other accounts of 宋以契丹主親征夏國 set 遼史's account beside it, differences marked", async () => {
    // What the texts write: the sample under 九月, 遼史 under 九月戊辰.
    const mine = /\n九月，(宋以契丹主親征夏國[^（\n]*)/u.exec(SAMPLE)![1]!;
    const liao = /九月戊辰(宋以[^壬]+)壬申/u.exec(plain(LIAO))![1]!;
    assert.equal(liao, "宋以親征夏國遣余靖致贐禮");
    const [id] = await entriesContaining(store, 1, "宋以契丹主親征夏國");
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, errors } = await open(viewport);
      await visit(page, `#/entry/${id}`, ".other-accounts .account-group");
      const accounts = await page.$$eval(".other-accounts .account", (list) =>
        list.map((a) => ({
          mine: a.classList.contains("this-entry"),
          source: a.querySelector(".account-source")?.textContent ?? "",
          date: a.querySelector(".account-date .written")?.textContent ?? "",
          text: a.querySelector(".account-text")?.textContent ?? "",
          marks: Array.from(a.querySelectorAll(".account-text mark.diff")).map((m) => m.textContent),
          link: a.querySelector(".account-source a")?.getAttribute("href") ?? null,
        })),
      );
      const first = accounts[0]!;
      assert.equal(first.mine, true, "the entry comes first");
      assert.equal(first.text, mine);
      const other: (typeof accounts)[number] | undefined = accounts.find((a) => a.text === liao);
      assert.ok(other, `遼史's account among ${accounts.map((a) => a.text.slice(0, 12)).join(" | ")}`);
      assert.ok(other.source.startsWith("遼史") && other.source.includes(juanOf(LIAO)), other.source);
      assert.ok(other.date.includes("九月戊辰"), other.date);
      assert.match(other.link ?? "", new RegExp(`^#/entry/${LIAO_ID}%3Ae\\d+$`, "u"));
      // Where the wording differs: what each has and the other lacks (契丹主 and 餘 against 余).
      assert.deepEqual(first.marks, runsNotIn(mine, liao));
      assert.deepEqual(other.marks, runsNotIn(liao, mine));
      const score = Number(await page.textContent(".other-accounts .group-score strong"));
      assert.ok(score > 0 && score <= 1, String(score));
      await noOverflow(page, `accounts ${size}`);
      await page.screenshot({ path: join(ARTIFACTS, `other-accounts-${size}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  test("a citation opens 長編 卷一百三十九's 建渭州籠竿城為徳順軍 beside the entry; a juan not stored says so", async () => {
    const juan = juanOf(JUAN_139);
    const passage = "建渭州籠竿城為徳順軍";
    assert.ok(plain(JUAN_139).includes(passage));
    // The sample's entry of 籠竿城 cites 長編 一百三十九; the one of 訛疥 cites 一百五十五, which the test store lacks.
    assert.ok(/宋建渭州籠竿城為德順軍[^（]*（《長編》一百三十九/u.test(SAMPLE), "cites 一百三十九");
    assert.ok(/訛疥[^\n]*\n[^\n（]*（《長編》一百五十五）/u.test(SAMPLE), "cites 一百五十五");
    const storedJuan = CORPUS_FILES.filter((f) => f.startsWith("changbian/")).map((f) => juanOf(read(f)));
    assert.ok(!storedJuan.includes("卷一百五十五"), storedJuan.join());
    const [cites139] = await entriesContaining(store, 1, "宋建渭州籠竿城為德順軍");
    const [cites155] = await entriesContaining(store, 1, "訛疥");
    const local = (id: string) => id.slice(id.indexOf(":") + 1);
    const article = (id: string) => `#entry-${id.replace(":", "-")}`;

    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, errors } = await open(viewport);
      await visit(page, `#/read/1?at=${local(cites139!)}`, `${article(cites139!)} button.cite-open`);
      const button = page.locator(`${article(cites139!)} button.cite-open`, { hasText: "一百三十九" });
      await button.click();
      await page.waitForSelector(`${article(cites139!)} .cited-passages .passage`);
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      const cited = await page.$$eval(`${article(cites139!)} .cited`, (sections) =>
        sections.map((s) => ({
          title: s.querySelector("h3")?.textContent ?? "",
          stored: s.getAttribute("data-stored"),
          passages: Array.from(s.querySelectorAll(".passage")).map((p) => ({
            text: p.querySelector(".passage-text")?.textContent ?? "",
            reader: p.querySelector(".passage-links a")?.getAttribute("href") ?? "",
          })),
        })),
      );
      const in139 = cited.find((c) => c.title.endsWith(juan));
      assert.ok(in139, cited.map((c) => c.title).join());
      assert.equal(in139.stored, "true");
      const found = in139.passages.find((p) => p.text.includes(passage));
      assert.ok(found, in139.passages.map((p) => p.text.slice(0, 20)).join(" | "));
      assert.match(found.reader, /^#\/read\/2\?at=e\d+$/u);
      // Beside the entry on a desktop: to the right of its text, level with it; below it on a phone.
      const boxes = await page.evaluate((selector) => {
        const body = document.querySelector(`${selector} .entry-body`)!.getBoundingClientRect();
        const aside = document.querySelector(`${selector} .cited-passages`)!.getBoundingClientRect();
        return { body: { right: body.right, top: body.top, bottom: body.bottom }, aside };
      }, article(cites139!));
      if (size === "desktop") {
        assert.ok(boxes.aside.left >= boxes.body.right, JSON.stringify(boxes));
        assert.ok(boxes.aside.top < boxes.body.bottom, JSON.stringify(boxes));
      } else assert.ok(boxes.aside.top >= boxes.body.bottom - 1, JSON.stringify(boxes));
      await noOverflow(page, `cited passage ${size}`);
      await page.screenshot({ path: join(ARTIFACTS, `cited-passage-${size}.png`) });

      // The link opens the reader at that entry of 長編 卷一百三十九, whose text tells it.
      const target = found.reader.replace(/^#\/read\/2\?at=/u, "2-");
      await page.click(`${article(cites139!)} .passage-links a[href="${found.reader}"]`);
      await page.waitForSelector(`#entry-${target}.target`);
      const text = (await page.textContent(`#entry-${target} .entry-body`)) ?? "";
      assert.ok(text.includes(passage), text.slice(0, 60));

      // 《長編》一百五十五 is not stored: said plainly.
      await visit(page, `#/entry/${cites155}`, "article.entry button.cite-open");
      await page.locator("article.entry button.cite-open", { hasText: "一百五十五" }).click();
      await page.waitForSelector(".cited-passages .cited");
      const missing = await page.$eval(".cited-passages .cited", (s) => ({
        stored: s.getAttribute("data-stored"),
        text: s.textContent ?? "",
      }));
      assert.equal(missing.stored, "false");
      assert.match(missing.text, /《長編》卷一百五十五 is not stored/u);
      await page.screenshot({ path: join(ARTIFACTS, `cited-not-stored-${size}.png`) });
      // Closing the panel gives the focus back to the citation.
      await page.click(".cited-passages button.close");
      assert.equal(await page.$$eval(".cited-passages", (a) => a.length), 0);
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("cite-open")), true);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  test("by date: one column per chronicle, day by day, aligned; stacked on a phone", async () => {
    // 慶曆三年正月 (Julian 1043-02-13 to 03-13): the sample, 長編 卷一百三十九 and 遼史 卷十九 tell it.
    assert.ok(/^西夏稱天授禮法延祚六年\n春正月，/mu.test(SAMPLE), "the sample's 春正月 of 1043");
    assert.ok(/慶[歴曆]三年春正月庚午朔/u.test(plain(JUAN_139)), "長編 卷一百三十九 opens with 正月");
    assert.ok(/十二年春正月/u.test(plain(LIAO)), "遼史 卷十九 has 重熙十二年正月");
    assert.ok(!/慶[歴曆]三年春正月/u.test(plain(JUAN_149)), "長編 卷一百四十九 has not");
    const expected = ["xixia-ji-1043-1044.txt", `長編 ${juanOf(JUAN_139)}`, "遼史"];
    const day = julianDay(1043, 2, 20);
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, errors } = await open(viewport);
      await visit(page, `#/date/${day}`, ".chronicle-grid .day-group article.entry");
      const heads = await page.$$eval(".chronicle-heads .chronicle-head", (h) =>
        h.map((x) => x.textContent ?? ""),
      );
      assert.equal(heads.length, 3, heads.join(" | "));
      for (const [i, name] of expected.entries())
        assert.ok(heads[i]!.startsWith(name), `${heads[i]} ~ ${name}`);
      const layout = await page.evaluate(() => {
        const head = Array.from(document.querySelectorAll(".chronicle-heads .chronicle-head")).map((h) => ({
          key: h.getAttribute("data-chronicle"),
          left: h.getBoundingClientRect().left,
          visible: h.getBoundingClientRect().width > 0,
        }));
        const rows = Array.from(document.querySelectorAll(".day-group .chronicle-row")).map((r) =>
          Array.from(r.children).map((c) => ({
            key: c.getAttribute("data-chronicle"),
            left: c.getBoundingClientRect().left,
            width: c.getBoundingClientRect().width,
            entries: c.querySelectorAll("article.entry").length,
          })),
        );
        return { head, rows, main: document.getElementById("main")!.getBoundingClientRect().width };
      });
      assert.ok(layout.rows.length > 1, "more than one day");
      for (const row of layout.rows) {
        assert.deepEqual(
          row.map((c) => c.key),
          layout.head.map((h) => h.key),
          "one cell per chronicle, in the heads' order",
        );
      }
      const filled = layout.rows.flat().filter((c) => c.entries > 0);
      if (size === "desktop") {
        // Each chronicle's cells stand under its head, in every row.
        for (const cell of layout.rows.flat()) {
          const head = layout.head.find((h) => h.key === cell.key)!;
          assert.ok(Math.abs(cell.left - head.left) < 1, `${cell.key}: ${cell.left} under ${head.left}`);
        }
        assert.equal(new Set(filled.map((c) => Math.round(c.left))).size, 3, "entries in three columns");
      } else {
        assert.ok(
          layout.head.every((h) => !h.visible),
          "no column heads on a phone",
        );
        assert.equal(new Set(filled.map((c) => Math.round(c.left))).size, 1, "stacked");
        assert.ok(filled.every((c) => c.width > layout.main * 0.8));
        const names = await page.$$eval(".cell:not(.empty) .cell-name", (n) =>
          n.map((x) => x.getBoundingClientRect().height),
        );
        assert.ok(
          names.every((h) => h > 0),
          "each stacked cell names its chronicle",
        );
      }
      await noOverflow(page, `by date ${size}`);
      await page.screenshot({ path: join(ARTIFACTS, `by-date-columns-${size}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  test("the synopsis of the sample and 遼史 卷十九 aligns their accounts month by month", async () => {
    const mine = /\n九月，(宋以契丹主親征夏國[^（\n]*)/u.exec(SAMPLE)![1]!;
    const liao = /九月戊辰(宋以[^壬]+)壬申/u.exec(plain(LIAO))![1]!;
    // 遼史 卷十九 does not tell of 青澗城: the sample's 圍青澗城 stands alone beside it.
    assert.ok(!plain(LIAO).includes("青澗"));
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, errors } = await open(viewport);
      await visit(page, `#/synopsis?a=1&b=${LIAO_ID}&from=1043&to=1044`, ".synopsis .syn-row.pair");
      const rows = await page.$$eval(".synopsis .syn-month .syn-row", (list) =>
        list.map((r) => ({
          kind: r.getAttribute("data-kind"),
          a: r.querySelector(".syn-a .syn-headline")?.textContent ?? null,
          b: r.querySelector(".syn-b .syn-headline")?.textContent ?? null,
          agreement: r.querySelector(".syn-marker")?.getAttribute("data-agreement") ?? null,
          month: r.closest(".syn-month")?.getAttribute("data-month") ?? null,
        })),
      );
      const pair = rows.find((r) => r.a === mine);
      assert.ok(pair, "the sample's account is shown");
      assert.deepEqual(
        { kind: pair.kind, b: pair.b, agreement: pair.agreement },
        { kind: "pair", b: liao, agreement: "agree" },
        "both write 九月: one row, marked as agreeing",
      );
      const alone = rows.find((r) => r.a?.startsWith("圍青澗城"));
      assert.deepEqual(alone && { kind: alone.kind, b: alone.b }, { kind: "alone", b: null });
      assert.ok(
        rows.some((r) => r.kind === "alone" && r.a === null && r.b),
        "遼史's own entries stand alone",
      );
      const months = [...new Set(rows.flatMap((r) => (r.month === null ? [] : [Number(r.month)])))];
      assert.deepEqual(
        months,
        [...months].sort((x, y) => x - y),
        "month after month",
      );
      await noOverflow(page, `synopsis ${size}`);
      await page.locator(".syn-row.pair").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `synopsis-${size}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  test("the synopsis of the sample and 長編 卷一百四十九 marks 圍青澗城 as disagreeing on the month", async () => {
    const phrase = "鄜延經略司言西賊冦青澗城";
    const theirs = kanripoMonth(plain(JUAN_149), phrase);
    const ours = sampleMonth("圍青澗城");
    assert.deepEqual([ours, theirs], ["二月", "五月"], "the texts disagree");
    const { page, errors } = await open(DESKTOP);
    await visit(page, "#/synopsis?a=1&b=3&from=1043&to=1044", ".synopsis .syn-row.pair");
    const row = await page.$$eval(".synopsis .syn-row.pair", (list) =>
      list
        .map((r) => ({
          a: r.querySelector(".syn-a .syn-headline")?.textContent ?? "",
          b: r.querySelector(".syn-b .syn-headline")?.textContent ?? "",
          agreement: r.querySelector(".syn-marker")?.getAttribute("data-agreement"),
          marker: r.querySelector(".syn-marker")?.textContent ?? "",
          differs: Array.from(r.querySelectorAll("[data-differs=date]")).length,
        }))
        .find((r) => r.a.startsWith("圍青澗城")),
    );
    assert.ok(row, "圍青澗城 has its parallel");
    assert.ok(row.b.startsWith(phrase.slice(0, 6)), row.b);
    assert.equal(row.agreement, "disagree");
    assert.ok(row.marker.includes(ours) && row.marker.includes(theirs), row.marker);
    assert.equal(row.differs, 2, "both dates are marked");
    await page.locator(".syn-row.pair", { hasText: "圍青澗城" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "synopsis-disagreement-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the sources page says which cited juan are stored, with the entries citing each", async () => {
    const changbian = CORPUS_FILES.filter((f) => f.startsWith("changbian/"));
    const cites139 = [...SAMPLE.matchAll(/（[^（）]*《長編》[一二三四五六七八九十百及]*一百三十九/gu)].length;
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, errors } = await open(viewport);
      await visit(page, "#/source/%E9%95%B7%E7%B7%A8", "section.source-part .stored-line");
      const parts = await page.$$eval("section.source-part", (list) =>
        list.map((s) => ({
          title: s.querySelector("h2")?.firstChild?.textContent ?? "",
          stored: s.querySelector(".stored-line")?.getAttribute("data-stored"),
          link: s.querySelector(".stored-line a")?.getAttribute("href") ?? null,
          entries: Array.from(s.querySelectorAll("li a")).map((a) => a.textContent ?? ""),
        })),
      );
      const p139 = parts.find((p) => p.title === juanOf(JUAN_139));
      assert.deepEqual(p139 && { stored: p139.stored, link: p139.link }, {
        stored: "true",
        link: "#/read/2",
      });
      assert.equal(p139!.entries.length, cites139);
      assert.ok(p139!.entries.includes("宋建渭州籠竿城為德順軍，謀取橫山。"));
      const p155 = parts.find((p) => p.title === "卷一百五十五");
      assert.deepEqual(p155 && { stored: p155.stored, link: p155.link }, { stored: "false", link: null });
      await noOverflow(page, `source ${size}`);
      await page.screenshot({ path: join(ARTIFACTS, `source-stored-${size}.png`) });
      await visit(page, "#/sources", "table.sources-table tbody tr");
      const row = await page.$$eval("table.sources-table tbody tr", (list) =>
        list.map((r) => [r.querySelector("th")?.textContent, r.querySelector(".stored-count")?.textContent]),
      );
      assert.ok(
        row.some(([work, stored]) => work === "《長編》" && stored === `${changbian.length} juan stored`),
        JSON.stringify(row),
      );
      assert.ok(row.some(([work, stored]) => work === "《西夏書事》" && stored === "not stored"));
      await page.screenshot({ path: join(ARTIFACTS, `sources-stored-${size}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
});
