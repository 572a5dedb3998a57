/**
 * The timeline and the network in chromium (issue #18): reign years labelled where each state's
 * year begins (宋, 遼 and 夏 rows whatever is stored), one colour per event type; the network's
 * names above its edges with a halo and legible on a phone, arrows from sender to receiver, and a
 * span of years.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { lunarJs, solarJdn } from "../../src/calendar/test-support/lunar-javascript.ts";
import { chromiumMissing } from "./chromium.ts";
import { type App, ARTIFACTS, startApp } from "./harness.ts";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const skip = chromiumMissing() ?? false;
let app: App;

/** First days from lunar-javascript (independent of the project's calendar data). */
const QINGLI_3 = solarJdn(lunarJs.Lunar.fromYmd(1043, 1, 1).getSolar()); // 慶曆三年正月一日
const YEAR_1044 = solarJdn(lunarJs.Solar.fromYmd(1044, 1, 1));
const YEAR_1045 = solarJdn(lunarJs.Solar.fromYmd(1045, 1, 1));
// 慶曆 was proclaimed in the eleventh month of 康定二年 (1041): its first month is 慶曆元年十一月
const QINGLI_1 = solarJdn(lunarJs.Lunar.fromYmd(1041, 11, 1).getSolar());
const YEAR_1000 = solarJdn(lunarJs.Solar.fromYmd(1000, 1, 1));
const YEAR_1100 = solarJdn(lunarJs.Solar.fromYmd(1100, 1, 1));

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  if (!skip) await app?.close();
});

/** The reign-year labels the timeline drew: text, first and last x. */
async function yearLabels(page: import("playwright-core").Page) {
  const raw = (await page.getAttribute("canvas.timeline-canvas", "data-years")) ?? "";
  return raw
    .split("|")
    .filter(Boolean)
    .map((s) => {
      const [text, span] = s.split("@") as [string, string];
      const [x0, x1] = span.split("-").map(Number) as [number, number];
      return { text, x0, x1 };
    });
}

describe("the timeline and the network in chromium", { skip }, () => {
  test("the timeline labels each state's year where it begins, with rows for 宋, 遼 and 夏", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/timeline", "canvas.timeline-canvas[data-shown]");
    await page.waitForFunction(() =>
      (document.querySelector("canvas")?.dataset.years ?? "").includes("慶曆三年"),
    );
    await page.waitForFunction(() => /from=\d+&to=\d+/.test(location.hash));
    const params = new URLSearchParams(new URL(page.url()).hash.split("?")[1]);
    const from = Number(params.get("from"));
    const to = Number(params.get("to"));
    assert.ok(from < QINGLI_3 && QINGLI_3 < to, "1043's new year is in view at the default zoom");
    const width = await page.$eval("canvas.timeline-canvas", (c) => c.clientWidth);
    const newYearX = ((QINGLI_3 - from) / (to - from)) * width;
    const labels = await yearLabels(page);
    const song = labels.find((l) => l.text === "北宋 慶曆三年");
    assert.ok(song, JSON.stringify(labels));
    assert.ok(
      Math.abs(song.x0 - (newYearX + 3)) <= 2.5,
      `慶曆三年 at ${song.x0}, its first day at ${newYearX}`,
    );
    // 遼 重熙十二年 and 夏 天授禮法延祚六年 are the years 慶曆三年 falls in (遼史 卷十九; the sample's heading)
    for (const text of ["遼 重熙十二年", "西夏 天授禮法延祚六年"]) {
      const label = labels.find((l) => l.text === text);
      assert.ok(label, `${text} among ${labels.map((l) => l.text).join(", ")}`);
      assert.ok(Math.abs(label.x0 - song.x0) < 30, `${text} at ${label.x0}`);
    }
    // 1043's months are not labelled with 1042's years: those end before 1043 begins
    for (const old of labels.filter((l) => /慶曆二年|重熙十一年|天授禮法延祚五年/.test(l.text)))
      assert.ok(old.x1 < newYearX, `${old.text} runs to ${old.x1}, past ${newYearX}`);
    // fifteen event types, fifteen colours
    await page.selectOption("#timeline-color", "event");
    const swatches = await page.$$eval(".legend .swatch", (s) =>
      s.map((x) => getComputedStyle(x).backgroundColor),
    );
    const types = await page.$$eval(".legend label", (l) => l.length);
    assert.ok(types >= 12, `${types} event types stored`);
    assert.equal(new Set(swatches).size, swatches.length, swatches.join(" "));
    await page.screenshot({ path: join(ARTIFACTS, "timeline-events-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a century out, the timeline labels each state's eras where they begin", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(
      page,
      `#/timeline?from=${YEAR_1000}&to=${YEAR_1100}`,
      "canvas.timeline-canvas[data-shown]",
    );
    await page.waitForFunction(() =>
      (document.querySelector("canvas")?.dataset.years ?? "").includes("慶曆"),
    );
    const labels = await yearLabels(page);
    const width = await page.$eval("canvas.timeline-canvas", (c) => c.clientWidth);
    const qingli = labels.find((l) => l.text === "慶曆");
    assert.ok(qingli, labels.map((l) => l.text).join(" "));
    const expected = ((QINGLI_1 - YEAR_1000) / (YEAR_1100 - YEAR_1000)) * width + 3;
    assert.ok(Math.abs(qingli.x0 - expected) <= 3, `慶曆 at ${qingli.x0}, its first day at ${expected}`);
    // each row is named by its state at the left; 遼 重熙 (1032–1055) is labelled too
    for (const state of ["北宋", "遼", "西夏"])
      assert.deepEqual(
        labels.filter((l) => l.text === state).map((l) => l.x0),
        [2],
        state,
      );
    assert.ok(labels.some((l) => l.text === "重熙"));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the network draws names over edges with a halo, and arrows into the receiver", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/network", "svg.network .node");
    const layers = await page.$eval("svg.network", (s) =>
      Array.from(s.children).map((c) => c.getAttribute("class") ?? c.tagName),
    );
    assert.deepEqual(
      layers,
      ["defs", "edges", "nodes", "labels"].map((x) => (x === "defs" ? "defs" : x)),
    );
    const halo = await page.$eval("svg.network .node-label-polity", (t) => {
      const style = getComputedStyle(t);
      return { paint: style.paintOrder, stroke: style.stroke, width: Number.parseFloat(style.strokeWidth) };
    });
    assert.match(halo.paint, /^stroke/);
    assert.equal(halo.stroke, "rgb(255, 255, 255)");
    assert.ok(halo.width > 0);
    // no two names drawn overlap; the names of the hubs (宋, 夏, 契丹) are drawn
    const names = await page.$$eval("svg.network text.node-label", (texts) =>
      texts
        .filter((t) => getComputedStyle(t).display !== "none")
        .map((t) => {
          const r = t.getBoundingClientRect();
          return { name: t.textContent, r: [r.left, r.top, r.right, r.bottom] as number[] };
        }),
    );
    const overlapping = names.flatMap((a, i) =>
      names
        .slice(i + 1)
        .filter(
          (b) =>
            a.r[0]! < b.r[2]! - 0.5 &&
            b.r[0]! < a.r[2]! - 0.5 &&
            a.r[1]! < b.r[3]! - 0.5 &&
            b.r[1]! < a.r[3]! - 0.5,
        )
        .map((b) => `${a.name}/${b.name}`),
    );
    assert.deepEqual(overlapping, []);
    for (const hub of ["宋", "夏", "契丹"])
      assert.ok(
        names.some((n) => n.name === hub),
        hub,
      );
    // 西夏紀: 契丹遣同知析津府事耶律敵烈…來 — an embassy from 遼 (契丹) to 夏.
    const arrow = await page.$eval(
      'a.edge-link[data-edge="polity:liao|polity:xixia|embassy"] path.edge',
      (path) => {
        const target = document.querySelector('a.node[data-node="polity:xixia"] circle')!;
        const end = (path.getAttribute("d") ?? "").split(" ").at(-1)!.split(",").map(Number);
        const cx = Number(target.getAttribute("cx"));
        const cy = Number(target.getAttribute("cy"));
        return {
          marker: path.getAttribute("marker-end"),
          gap: Math.hypot(end[0]! - cx, end[1]! - cy) - Number(target.getAttribute("r")),
          defined: !!document.querySelector("marker#arrow-embassy"),
        };
      },
    );
    assert.equal(arrow.marker, "url(#arrow-embassy)");
    assert.ok(arrow.defined);
    assert.ok(arrow.gap > 0 && arrow.gap < 3, `the arrow stops ${arrow.gap} from the rim`);
    const mutual = await page.$$eval(
      'a.edge-link[data-edge$="|treaty"] path.edge, a.edge-link[data-edge$="|peace"] path.edge',
      (p) => p.map((x) => x.getAttribute("marker-end")),
    );
    assert.ok(mutual.every((m) => m === null));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the network keeps the links of a span of years", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/network", "table.edges-table tbody tr");
    const all = await page.$$eval("table.edges-table tbody tr", (r) => r.length);
    await page.fill("#network-from", "1044");
    await page.waitForFunction(() => /from=1044/.test(location.hash));
    const rows = await page.$$eval("table.edges-table tbody tr", (r) =>
      r.map((x) => x.getAttribute("data-edge")),
    );
    assert.ok(rows.length > 0 && rows.length < all, `${rows.length} links in 1044 of ${all}`);
    // every entry behind the first link is dated in 1044 (Julian), by the entry's own date
    await page.click("table.edges-table tbody tr button");
    await page.waitForSelector(".edge-panel li a");
    const ids = await page.$$eval(".edge-panel li", (l) => l.map((x) => x.getAttribute("data-entry")!));
    for (const id of ids) {
      const entry = (await (
        await fetch(`${app.server.url}/api/entries/${encodeURIComponent(id)}`)
      ).json()) as {
        date: { jdn: { start: number; end: number } };
      };
      assert.ok(entry.date.jdn.end >= YEAR_1044 && entry.date.jdn.start < YEAR_1045, `${id}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("on a phone the network's names are at least 11 px", async () => {
    const { page, errors } = await app.open(PHONE);
    await app.visit(page, "#/network", "svg.network .node");
    const sizes = await page.$$eval("svg.network .node-label", (labels) => {
      const svg = labels[0]!.closest("svg")!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return labels
        .filter((l) => getComputedStyle(l).display !== "none")
        .map((l) => Number.parseFloat(getComputedStyle(l).fontSize) * scale);
    });
    assert.ok(sizes.length >= 10, `${sizes.length} names shown`);
    assert.ok(Math.min(...sizes) >= 11, `smallest name ${Math.min(...sizes)}px`);
    await page.screenshot({ path: join(ARTIFACTS, "network-names-phone.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("the map in chromium", { skip }, () => {
  for (const [size, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
    test(`no two place names overlap at the default zoom (${size})`, async () => {
      const { page, errors } = await app.open(viewport);
      await app.visit(page, "#/map", "svg.map .places a");
      const names = await page.$$eval("svg.map .places text", (texts) =>
        texts.map((t) => {
          const r = t.getBoundingClientRect();
          return {
            name: t.textContent,
            shown: getComputedStyle(t).display !== "none",
            r: [r.left, r.top, r.right, r.bottom],
          };
        }),
      );
      const shown = names.filter((n) => n.shown);
      const pairs: string[] = [];
      for (let i = 0; i < shown.length; i++)
        for (let j = i + 1; j < shown.length; j++) {
          const [a, b] = [shown[i]!.r, shown[j]!.r] as [number[], number[]];
          if (a[0]! < b[2]! - 0.5 && b[0]! < a[2]! - 0.5 && a[1]! < b[3]! - 0.5 && b[1]! < a[3]! - 0.5)
            pairs.push(`${shown[i]!.name}/${shown[j]!.name}`);
        }
      assert.deepEqual(pairs, []);
      assert.ok(shown.length >= Math.min(20, names.length), `${shown.length} of ${names.length} names shown`);
      // 延州, where the sample's envoys come and go again and again, keeps its name (and on a
      // wide screen 興慶府, the Xia capital, too)
      for (const name of size === "desktop" ? ["延州", "興慶府"] : ["延州"])
        assert.ok(
          shown.some((n) => n.name === name),
          name,
        );
      // zoomed in, names hidden at the default zoom come back
      const hidden = new Set(names.filter((n) => !n.shown).map((n) => n.name));
      await page.click('button[aria-label="Zoom in"]');
      await page.click('button[aria-label="Zoom in"]');
      const zoomed = await page.$$eval("svg.map .places text", (t) =>
        t.filter((x) => getComputedStyle(x).display !== "none").map((x) => x.textContent),
      );
      assert.ok(zoomed.filter((n) => hidden.has(n)).length > 0, "names hidden before are shown zoomed in");
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  test("the map draws the 黃河, the rivers of the northwest and the frontiers under the places, and says they are approximate", async () => {
    const { page, errors } = await app.open(DESKTOP);
    await app.visit(page, "#/map", "svg.map .places a");
    const layers = await page.$eval("svg.map", (s) =>
      Array.from(s.children).map((c) => c.getAttribute("class") ?? c.tagName),
    );
    const at = (name: string) => layers.indexOf(name);
    assert.ok(at("land") < at("geography") && at("geography") < at("places"), layers.join(" "));
    const features = await page.$$eval("svg.map .geography path", (p) =>
      p.map((x) => [x.getAttribute("data-feature"), (x.getAttribute("d") ?? "").length > 20]),
    );
    const drawn = new Set(features.filter(([, d]) => d).map(([f]) => f));
    for (const f of ["huanghe", "weihe", "jingshui", "wudinghe", "song-xia", "song-liao", "xia-liao"])
      assert.ok(drawn.has(f), f);
    // 府州 and 保德軍 stand on the 黃河 (宋史·地理志; their modern seats 府谷 and 保德 face each other across it)
    const near = await page.evaluate(() => {
      const river = document.querySelector<SVGPathElement>('.geography path[data-feature="huanghe"]')!;
      const length = river.getTotalLength();
      return ["府州", "保德軍"].map((name) => {
        const a = Array.from(document.querySelectorAll(".places a")).find(
          (x) => x.querySelector("text")?.textContent === name,
        )!;
        const c = a.querySelector("circle")!;
        const x = Number(c.getAttribute("cx"));
        const y = Number(c.getAttribute("cy"));
        let best = Number.POSITIVE_INFINITY;
        for (let s = 0; s <= length; s += 0.5) {
          const p = river.getPointAtLength(s);
          best = Math.min(best, Math.hypot(p.x - x, p.y - y));
        }
        return best;
      });
    });
    assert.ok(
      near.every((d) => d < 2),
      `${near} from the river`,
    );
    const legend = (await page.textContent(".map-legend")) ?? "";
    assert.match(legend, /approximate/);
    assert.match(legend, /rivers-frontiers-1040\.json/);
    await page.screenshot({ path: join(ARTIFACTS, "map-geography-desktop.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("search on a phone", { skip }, () => {
  test("the filters fold behind a toggle, so that the first results are on the first screen", async () => {
    const { page, errors } = await app.open(PHONE);
    await app.visit(page, "#/search?q=%E9%9D%92%E7%9B%90", "li.hit");
    const first = await page.$eval("li.hit", (li) => li.getBoundingClientRect().top);
    assert.ok(first < PHONE.height - 60, `the first result at ${first}px`);
    assert.equal(await page.isVisible("#search-state"), false);
    await page.click(".filters-toggle");
    assert.equal(await page.getAttribute(".filters-toggle", "aria-expanded"), "true");
    assert.equal(await page.isVisible("#search-state"), true);
    await page.screenshot({ path: join(ARTIFACTS, "search-filters-open-phone.png") });
    // a filter in use keeps them open
    await app.visit(page, "#/search?q=%E9%9D%92%E7%9B%90&state=%E8%A5%BF%E5%A4%8F", "li.hit");
    assert.equal(await page.isVisible("#search-state"), true);
    // on a wide screen there is nothing to fold
    await page.setViewportSize(DESKTOP);
    await app.visit(page, "#/search?q=%E9%9D%92%E7%9B%90", "li.hit");
    assert.equal(await page.isVisible(".filters-toggle"), false);
    assert.equal(await page.isVisible("#search-state"), true);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("tab stops in chromium", { skip }, () => {
  test("the chronicles list, the graph, its table, the map, its table and the entity lists are a tab stop each", async () => {
    const { page, errors } = await app.open(DESKTOP);
    const tabbable = (selector: string) =>
      page.$eval(selector, (root) => {
        const items = Array.from(root.querySelectorAll<HTMLElement | SVGElement>("a[href], button, summary"));
        return [items.length, items.filter((i) => i.tabIndex >= 0).length];
      });
    for (const [hash, ready, selector] of [
      ["#/read/1", "article.entry", "nav.doc-chooser"],
      ["#/network", "svg.network .node", "svg.network"],
      ["#/network", "table.edges-table tbody tr", "table.edges-table tbody"],
      ["#/map", "svg.map .places a", "svg.map .places"],
      ["#/map", "table.places-table tbody tr", "table.places-table tbody"],
      ["#/entity/person:yuanhao", "ol.entity-entries li", "ol.entity-entries"],
      ["#/entities?kind=person", "ul.entity-list li", "ul.entity-list"],
    ] as const) {
      await app.visit(page, hash, ready);
      const [items = 0, stops] = await tabbable(selector);
      assert.ok(items >= 3, `${selector}: ${items}`);
      assert.equal(stops, 1, selector);
    }
    // in the list of persons, → moves to the next person, and a filter moves the tab stop to what it shows
    await page.focus("ul.entity-list a");
    const first = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press("ArrowDown");
    assert.notEqual(await page.evaluate(() => document.activeElement?.textContent), first);
    await page.fill("#entity-filter, input[placeholder^='filter']", "楊守素");
    assert.deepEqual(
      await page.$$eval("ul.entity-list a", (a) =>
        a.filter((x) => x.tabIndex === 0).map((x) => [x.textContent, !x.closest("[hidden]")]),
      ),
      [["楊守素", true]],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
});
