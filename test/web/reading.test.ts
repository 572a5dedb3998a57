/**
 * Reading in chromium (issue #18): names inside names are never links inside links, the English
 * interface is marked English and the Chinese text Chinese, the highlights have a key and a
 * switch, a text is one tab stop, events show who took part as what and what changed hands, and
 * the reader's URL follows the reading position so that Back and reload return to it.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { chromiumMissing } from "./chromium.ts";
import { CORPUS, putText } from "./fixtures.ts";
import { type App, ARTIFACTS, loadWholeReader, startApp } from "./harness.ts";

const JUAN_139 = readFileSync(new URL("changbian/KR2b0019_143.txt", CORPUS), "utf8");
const SAMPLE = readFileSync(new URL("xixia-ji-1043-1044.txt", CORPUS), "utf8");
const DESKTOP = { width: 1440, height: 900 };
const skip = chromiumMissing() ?? false;
let app: App;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  if (!skip) await app?.close();
});

describe("reading in chromium", { skip }, () => {
  test("a name inside another name is not a link inside a link, in any stored chronicle", async () => {
    const { page, errors } = await app.open(DESKTOP);
    for (const id of [1, 2, 3]) {
      await app.visit(page, `#/read/${id}`, "article.entry");
      await loadWholeReader(page);
      assert.equal(await page.$$eval("a a", (a) => a.length), 0, `document ${id}`);
    }
    // 西夏紀's first entry: 契丹遣同知析津府事耶律敵烈 — the office names the place 析津府.
    assert.ok(SAMPLE.includes("契丹遣同知析津府事耶律敵烈"));
    await app.visit(page, "#/read/1", "#entry-1-e1");
    const inner = await page.$eval("#entry-1-e1 .mention-office", (office) => ({
      tag: office.tagName,
      office: office.textContent,
      place: Array.from(office.querySelectorAll(".mention-place")).map((p) => [p.tagName, p.textContent]),
    }));
    assert.deepEqual(inner, { tag: "A", office: "同知析津府事", place: [["SPAN", "析津府"]] });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the page is English; every Chinese text in the reader and on an entry's page is marked Chinese", async () => {
    const { page, errors } = await app.open(DESKTOP);
    for (const [hash, ready] of [
      ["#/read/1", "article.entry"],
      ["#/read/2", "article.entry"],
      ["#/entry/1:e9", "article.entry"],
    ] as const) {
      await app.visit(page, hash, ready);
      assert.equal(await page.getAttribute("html", "lang"), "en");
      const unmarked = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          // the live region reads out the page's title, which no markup can mark
          if (!/\p{Script=Han}/u.test(n.textContent ?? "") || n.parentElement?.id === "status") continue;
          const lang = n.parentElement?.closest("[lang]")?.getAttribute("lang") ?? "";
          if (!lang.startsWith("zh"))
            out.push(`${n.parentElement?.tagName}.${n.parentElement?.className}: ${n.textContent}`);
        }
        return out;
      });
      assert.deepEqual(unmarked.slice(0, 5), [], hash);
      assert.equal(await page.$eval("#nav a", (a) => a.closest("[lang]")?.getAttribute("lang")), "en");
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the highlights have a colour key and a switch that turns them off and is remembered", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/read/1", "#entry-1-e1 a.mention-person");
    const colours = () =>
      page.evaluate(() => ({
        key: ["person", "place", "polity", "office"].map(
          (k) => getComputedStyle(document.querySelector(`.key-list .mention-${k}`)!).color,
        ),
        text: ["person", "place", "polity", "office"].map(
          (k) => getComputedStyle(document.querySelector(`.reader .mention-${k}`)!).color,
        ),
        body: getComputedStyle(document.querySelector(".reader .headline")!).color,
      }));
    const on = await colours();
    assert.deepEqual(on.key, on.text, "the key shows the colours the text uses");
    assert.equal(new Set(on.key).size, 4, "four colours");
    assert.ok(!on.text.includes(on.body));
    await page.uncheck("#highlights-on");
    const off = await colours();
    assert.deepEqual(off.text, [off.body, off.body, off.body, off.body]);
    await page.reload();
    await page.waitForSelector("#entry-1-e1 a.mention-person");
    assert.equal(await page.isChecked("#highlights-on"), false, "remembered");
    assert.deepEqual((await colours()).text, [off.body, off.body, off.body, off.body]);
    await page.check("#highlights-on");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the whole text of a chronicle is one tab stop; the arrow keys move within it", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/read/2", "article.entry a.mention");
    await loadWholeReader(page);
    const stops = () =>
      page.$$eval(".reader a[href], .reader button, .reader summary", (items) => [
        items.length,
        items.filter((i) => (i as HTMLElement).tabIndex >= 0).length,
      ]);
    const [links = 0, tabbable] = await stops();
    assert.ok(links > 300, `${links} links and buttons in the text`);
    assert.equal(tabbable, 1);
    // Tab from the highlight switch enters the text at its first link; → goes to the next; Tab leaves.
    await page.focus("#highlights-on");
    let inReader = false;
    for (let i = 0; i < 10 && !inReader; i++) {
      await page.keyboard.press("Tab");
      inReader = await page.evaluate(() => !!document.activeElement?.closest(".reader"));
    }
    assert.ok(inReader, "Tab reaches the text");
    const first = await page.evaluate(() => document.activeElement?.outerHTML);
    await page.keyboard.press("ArrowRight");
    const second = await page.evaluate(() => document.activeElement?.outerHTML);
    assert.notEqual(first, second);
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest(".reader")), true);
    await page.keyboard.press("ArrowLeft");
    assert.equal(await page.evaluate(() => document.activeElement?.outerHTML), first);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest(".reader")), false);
    assert.equal((await stops())[1], 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("an entry's events name their type, who took part as what, and what was given, once each", async () => {
    // 西夏紀: 宋遣保安軍判官邵良佐、張士元、張子奭、王正倫等來，許冊封為夏國主，歲賜絹十萬匹、茶三萬斤。
    const line = SAMPLE.split("\n").find((l) => l.includes("邵良佐、張士元、張子奭、王正倫等來"))!;
    assert.ok(line.includes("歲賜絹十萬匹、茶三萬斤"));
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/entry/1:e9", "article.entry .event-list");
    const events = await page.$$eval(".event-list .event", (items) =>
      items.map((li) => ({
        type: li.getAttribute("data-type"),
        text: li.textContent,
        roles: Object.fromEntries(
          Array.from(li.querySelectorAll(".event-role")).map((r) => [
            r.getAttribute("data-role"),
            r.querySelector("dd")?.textContent,
          ]),
        ),
      })),
    );
    const embassy = events.find((e) => e.type === "embassy");
    assert.ok(embassy, JSON.stringify(events));
    assert.equal(embassy.roles.envoy, "邵良佐、張士元、張子奭、王正倫");
    assert.equal(embassy.roles.sender, "宋");
    const gift = events.find((e) => e.type === "gift" && e.roles.items?.includes("絹十萬匹"));
    assert.ok(gift, JSON.stringify(events));
    assert.equal(gift.roles.items, "絹十萬匹、茶三萬斤");
    assert.equal(new Set(events.map((e) => e.text)).size, events.length, "no event twice");
    assert.equal(
      await page.$eval('.event-role[data-role="envoy"] a', (a) => a.getAttribute("href")),
      "#/entity/person%3Ashao-liangzuo",
    );
    await page.screenshot({ path: join(ARTIFACTS, "entry-events-desktop.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the reader's URL follows the reading position; Back and reload return to it", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/read/2", "article.entry");
    await page.evaluate(() => window.scrollTo(0, 4936));
    await page.waitForFunction(() => window.scrollY > 4900 && /[?&]at=e\d+/.test(location.hash));
    // The reading position: the entry at the top of the window, and how far into it the window is.
    // (Entries out of view are laid out at an estimated height, so pixels from the top of the page
    // differ from one visit to the next; the place in the text does not.)
    const position = () =>
      page.evaluate(() => {
        const articles = Array.from(document.querySelectorAll<HTMLElement>(".reader article.entry"));
        const top = articles.find((a) => a.getBoundingClientRect().bottom > 8)!;
        return { entry: top.dataset.entry, into: Math.round(-top.getBoundingClientRect().top) };
      });
    const before = await position();
    assert.ok(before.into > 0, JSON.stringify(before));
    await page.waitForFunction((id) => location.hash === `#/read/2?at=${id?.split(":")[1]}`, before.entry);
    const link = await page.evaluateHandle(() =>
      Array.from(document.querySelectorAll<HTMLAnchorElement>(".reader a.mention")).find((a) => {
        const r = a.getBoundingClientRect();
        return r.top > 100 && r.bottom < window.innerHeight;
      }),
    );
    await link.asElement()!.click();
    await page.waitForFunction(() => location.hash.startsWith("#/entity/"));
    await page.waitForSelector("ol.entity-entries");
    await page.goBack();
    await page.waitForFunction(() => location.hash.startsWith("#/read/2?at="));
    await page.waitForFunction(() => !document.getElementById("main")?.hasAttribute("aria-busy"));
    const back = await position();
    assert.equal(back.entry, before.entry);
    assert.ok(
      Math.abs(back.into - before.into) <= 4,
      `${JSON.stringify(back)} after ${JSON.stringify(before)}`,
    );
    assert.ok((await page.evaluate(() => window.scrollY)) > 2000, "not at the top of the chronicle");
    await page.reload();
    await page.waitForSelector("article.entry");
    await page.waitForFunction(() => !document.getElementById("main")?.hasAttribute("aria-busy"));
    const reloaded = await position();
    assert.equal(reloaded.entry, before.entry);
    assert.ok(Math.abs(reloaded.into - before.into) <= 4, JSON.stringify(reloaded));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("Back returns to the place in the search results", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/search?q=%E5%85%83%E6%98%8A", "li.hit");
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height > 3000, `${height}px of results`);
    await page.evaluate(() => window.scrollTo(0, 1800));
    await page.waitForTimeout(400);
    const link = await page.evaluateHandle(() =>
      Array.from(document.querySelectorAll<HTMLAnchorElement>("li.hit a[href^='#/entry/']")).find((a) => {
        const r = a.getBoundingClientRect();
        return r.top > 100 && r.bottom < window.innerHeight;
      }),
    );
    await link.asElement()!.click();
    await page.waitForFunction(() => location.hash.startsWith("#/entry/"));
    await page.waitForSelector("article.entry");
    await page.goBack();
    await page.waitForSelector("li.hit");
    await page.waitForFunction(() => Math.abs(window.scrollY - 1800) <= 4, null, { timeout: 5000 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("an unencoded character shows its Kanripo entity, and one no font has its code point", async () => {
    const entities = JUAN_139.match(/&KR\d+;/g) ?? [];
    assert.deepEqual(entities.sort(), ["&KR0833;", "&KR1291;"]);
    // Which of the juan's characters beyond the Basic Multilingual Plane a font on this system has:
    // fontconfig's answer, not the app's.
    const rare = [...new Set(Array.from(JUAN_139).filter((c) => c.codePointAt(0)! >= 0x20000))];
    const inFont = (c: string) =>
      execFileSync("fc-list", [`:charset=${c.codePointAt(0)!.toString(16)}`], { encoding: "utf8" }).trim() !==
      "";
    const missing = rare.filter((c) => !inFont(c));
    const present = rare.filter(inFont);
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/read/2", "article.entry");
    await loadWholeReader(page);
    const shown = await page.$$eval(".reader .entry-body .kr-entity", (e) =>
      e.map((x) => ({ text: x.textContent, title: x.getAttribute("title") ?? "" })),
    );
    assert.deepEqual(shown.map((e) => e.text).sort(), entities);
    assert.ok(shown.every((e) => e.title.includes("not encoded")));
    const text = (await page.textContent(".reader")) ?? "";
    for (const c of missing) {
      const cp = `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`;
      const marks = await page.$$eval(`.reader .rare-char.missing[data-cp="${cp}"]`, (m) =>
        m.map((x) => ({ text: x.textContent, box: getComputedStyle(x, "::after").content })),
      );
      assert.equal(marks.length, Array.from(text).filter((x) => x === c).length, cp);
      assert.ok(marks.length > 0, cp);
      assert.ok(
        marks.every((m) => m.text === c && m.box === `"${cp}"`),
        JSON.stringify(marks[0]),
      );
    }
    for (const c of present) {
      const cp = `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`;
      assert.equal(await page.$$eval(`.rare-char.missing[data-cp="${cp}"]`, (m) => m.length), 0, cp);
    }
    await page.screenshot({ path: join(ARTIFACTS, "reader-rare-characters-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  // last: it stores more chronicles
  test("a long list of chronicles folds away in the reader", async () => {
    for (let i = 1; i <= 10; i++)
      await putText(app.store, `慶曆三年\n春正月，元昊遣使來。（《長編》一百三十九）\n`, `short-${i}.txt`);
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/read/1", "article.entry");
    assert.equal(await page.textContent("nav.doc-chooser summary"), "All chronicles (13)");
    assert.equal(await page.isVisible('nav.doc-chooser a[href="#/read/2"]'), false);
    const top = await page.$eval(".reader", (r) => r.getBoundingClientRect().top);
    assert.ok(top < 900, `the text begins at ${top}px`);
    await page.click("nav.doc-chooser summary");
    assert.equal(await page.isVisible('nav.doc-chooser a[href="#/read/2"]'), true);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
