/**
 * Records the mix of requests the web app sends (bench/http-mix.json), from a historian's session
 * in a real browser: `biannian serve` on a database of the whole bundled corpus, Debian's chromium
 * driven through playwright-core, and every `/api/…` request the page makes, grouped by its route
 * pattern in the server's OpenAPI document. The HTTP suite (bench/http.ts) loads the server with
 * this mix. Run it again when the web app changes what it asks for:
 * `node --import tsx bench/record-mix.ts`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { chromiumMissing, launchChromium } from "../test/web/chromium.ts";
import {
  type HttpMix,
  MIX_FILE,
  type MixRoute,
  type MixStep,
  PLACEHOLDERS,
  placeholderPath,
  routeOf,
} from "./mix.ts";
import { biannianBin, servedCode, serveRoot, startServe, stopServe } from "./serve.ts";

const OWN_ROOT = fileURLToPath(new URL("..", import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };
/** The page is settled when no API request has been pending for this long. */
const QUIET_MS = 400;
const STEP_TIMEOUT_MS = 60_000;
/** The search terms of the session. */
const TERMS = ["青鹽", "元昊", "韓琦"];

/** One request the page made. */
interface Seen {
  step: string;
  pathname: string;
  search: string;
  status?: number;
}

/** The page with what it asked for, and ways to act on it as a reader would. */
class Session {
  readonly seen: Seen[] = [];
  readonly steps: MixStep[] = [];
  private step = "load";
  private pending = 0;
  private lastChange = performance.now();

  constructor(
    readonly page: Page,
    readonly base: string,
  ) {
    const isApi = (url: string) => new URL(url).pathname.startsWith("/api/");
    page.on("request", (request) => {
      if (!isApi(request.url())) return;
      const url = new URL(request.url());
      this.seen.push({ step: this.step, pathname: url.pathname, search: url.search });
      this.pending++;
      this.lastChange = performance.now();
    });
    const done = () => {
      this.pending = Math.max(0, this.pending - 1);
      this.lastChange = performance.now();
    };
    page.on("requestfinished", (request) => {
      if (isApi(request.url())) done();
    });
    page.on("requestfailed", (request) => {
      if (isApi(request.url())) done();
    });
    page.on("response", (response) => {
      if (!isApi(response.url())) return;
      const url = new URL(response.url());
      const seen = this.seen.findLast(
        (s) => s.pathname === url.pathname && s.search === url.search && !s.status,
      );
      if (seen) seen.status = response.status();
      if (response.status() >= 400)
        process.stderr.write(`  ${url.pathname}${url.search} answered ${response.status()}\n`);
    });
    page.on("pageerror", (error) => process.stderr.write(`  page error: ${error.message}\n`));
  }

  /**
   * Waits until the view has rendered and no API request has been pending for `QUIET_MS` since
   * the last action (so that requests the action starts a moment later are waited for too).
   */
  async settle(): Promise<void> {
    const acted = performance.now();
    const deadline = acted + STEP_TIMEOUT_MS;
    while (performance.now() < deadline) {
      const quiet = performance.now() - Math.max(this.lastChange, acted) >= QUIET_MS;
      if (this.pending === 0 && quiet) {
        const busy = await this.page.evaluate(() =>
          document.getElementById("main")?.hasAttribute("aria-busy"),
        );
        if (!busy) return;
      }
      await this.page.waitForTimeout(50);
    }
    throw new Error(`step "${this.step}": the page did not settle within ${STEP_TIMEOUT_MS / 1000} s`);
  }

  /** Runs one step of the session and counts its requests. */
  async run(step: string, act: () => Promise<void>): Promise<void> {
    this.step = step;
    const before = this.seen.length;
    await act();
    await this.settle();
    const requests = this.seen.length - before;
    this.steps.push({ step, requests });
    process.stderr.write(`  ${step}: ${requests} requests\n`);
  }

  /** Clicks the first visible element matching the selector (and the text, when given). */
  async click(selector: string, text?: RegExp): Promise<void> {
    const found = this.page.locator(selector, text ? { hasText: text } : {}).first();
    await found.scrollIntoViewIfNeeded();
    await found.click();
    await this.settle();
  }

  /** Clicks the nth of the elements matching the selector (the last when there are fewer). */
  async clickNth(selector: string, n: number): Promise<void> {
    const all = this.page.locator(selector);
    const count = await all.count();
    if (count === 0) throw new Error(`nothing matches ${selector}`);
    const found = all.nth(Math.min(n, count - 1));
    await found.scrollIntoViewIfNeeded();
    await found.click();
    await this.settle();
  }

  /**
   * Clicks the first element matching the selector at a point where nothing else covers it (on
   * the map, a place's dot and name may lie over the marker of its events).
   */
  async clickUncovered(selector: string): Promise<void> {
    const point = await this.page.evaluate((css) => {
      for (const element of Array.from(document.querySelectorAll(css))) {
        const box = element.getBoundingClientRect();
        for (let i = 1; i < 8; i++)
          for (let j = 1; j < 8; j++) {
            const x = box.left + (box.width * i) / 8;
            const y = box.top + (box.height * j) / 8;
            const hit = document.elementFromPoint(x, y);
            if (hit && element.contains(hit)) return { x, y };
          }
      }
      return null;
    }, selector);
    if (!point) throw new Error(`no element matching ${selector} can be clicked`);
    await this.page.mouse.click(point.x, point.y);
    await this.settle();
  }

  /** Goes back one page in the history. */
  async back(): Promise<void> {
    await this.page.goBack();
    await this.settle();
  }

  /** Types a query into the search box in the header and submits it. */
  async quickSearch(term: string): Promise<void> {
    await this.page.fill("#quick-q", term);
    await this.page.press("#quick-q", "Enter");
    await this.settle();
  }

  /** Sets fields of the search form (by input id) and submits it. */
  async searchForm(fields: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(fields)) {
      const field = this.page.locator(`#${id}`);
      if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(value);
      else await field.fill(value);
    }
    await this.page.click("form.search-form button[type=submit]");
    await this.settle();
  }

  /** Scrolls the window down until the end of the page stays in view, the reader's list complete. */
  async scrollToEnd(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      await this.page.mouse.wheel(0, 900);
      await this.page.waitForTimeout(120);
      await this.settle();
      const atEnd = await this.page.evaluate(
        () =>
          window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4 &&
          !document.querySelector(".sentinel.notice-loading"),
      );
      if (atEnd) return;
    }
  }

  /** Drags across an element from one fraction of its width to another, in small moves. */
  async drag(selector: string, from: number, to: number, y = 0.5): Promise<void> {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not shown`);
    const at = (f: number) => box.x + box.width * f;
    await this.page.mouse.move(at(from), box.y + box.height * y);
    await this.page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await this.page.mouse.move(at(from + ((to - from) * i) / 12), box.y + box.height * y);
      await this.page.waitForTimeout(30);
    }
    await this.page.mouse.up();
    await this.settle();
  }

  /** Turns the wheel over a point of an element (negative: zoom in). */
  async wheel(selector: string, fraction: number, deltaY: number, times: number): Promise<void> {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not shown`);
    await this.page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
    for (let i = 0; i < times; i++) {
      await this.page.mouse.wheel(0, deltaY);
      await this.page.waitForTimeout(150);
    }
    await this.settle();
  }

  /** Moves the pointer over an element in a grid, as a reader looking for something does. */
  async hover(selector: string, columns: number, rows: number): Promise<void> {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not shown`);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        await this.page.mouse.move(
          box.x + (box.width * (c + 0.5)) / columns,
          box.y + box.height * (0.3 + (0.6 * (r + 0.5)) / rows),
        );
        await this.page.waitForTimeout(40);
      }
    await this.settle();
  }
}

/** The historian's session: each step as the brief of the mix says it, in the order a reader goes. */
async function historianSession(s: Session): Promise<void> {
  const { page, base } = s;
  const [term1, term2, term3] = TERMS as [string, string, string];
  await s.run("open the home page", async () => {
    await page.goto(`${base}/`);
  });
  await s.run("open 長編 卷一百三十九 in the reader", () => s.click("ul.documents a", /^長編 卷一百三十九$/));
  await s.run("scroll through the juan", () => s.scrollToEnd());
  await s.run("open four entries from the reader, going back after each", async () => {
    for (const n of [1, 6, 14, 24]) {
      await s.scrollToEnd();
      await s.clickNth("article.entry a.permalink", n);
      await s.back();
    }
  });
  await s.run("open an entry and follow a person named in it", async () => {
    await s.scrollToEnd();
    await s.clickNth("article.entry:has(a.mention-person):has(a.mention-place) a.permalink", 2);
    await s.click("section.mentions a.mention-person");
  });
  await s.run("back to the entry and follow a place named in it", async () => {
    await s.back();
    await s.click("section.mentions a.mention-place");
  });
  await s.run("open an entry the place page lists", () => s.clickNth("ol.entity-entries a", 2));
  await s.run(`search ${term1}`, () => s.quickSearch(term1));
  await s.run(`search ${term1}, state 西夏`, () => s.searchForm({ "search-state": "西夏" }));
  await s.run("open a hit", () => s.clickNth("ol.hits a.hit-title", 0));
  await s.run(`search ${term2}`, () => s.quickSearch(term2));
  await s.run(`search ${term2}, 1038 to 1044, embassies`, () =>
    s.searchForm({ "search-from": "1038", "search-to": "1044", "search-event": "embassy" }),
  );
  await s.run("the next page of hits", async () => {
    await s.searchForm({ "search-event": "" });
    await s.click("nav.pager a[rel=next]");
  });
  await s.run("open two hits", async () => {
    await s.clickNth("ol.hits a.hit-title", 1);
    await s.back();
    await s.clickNth("ol.hits a.hit-title", 4);
  });
  await s.run(`search ${term3}`, () => s.quickSearch(term3));
  await s.run(`search ${term3} in 《長編》 under 慶曆`, () =>
    s.searchForm({ "search-work": "長編", "search-era": "慶曆" }),
  );
  await s.run(`search entries naming 元昊 for ${term3}`, () =>
    s.searchForm({ "search-work": "", "search-era": "", "search-entity": "person:yuanhao" }),
  );
  await s.run("open a hit and its day in every chronicle", async () => {
    await s.clickNth("ol.hits a.hit-title", 0);
    await s.click("article.entry a", /^same month, all chronicles$/);
  });
  await s.run("open the timeline", () => s.click("#nav a", /^Timeline$/));
  await s.run("drag the timeline", async () => {
    await s.drag("canvas.timeline-canvas", 0.7, 0.3);
    await s.drag("canvas.timeline-canvas", 0.3, 0.7);
  });
  // down to a few months of 長編's 1038, where single entries are drawn and can be pointed at
  await s.run("zoom the timeline in with the wheel and the buttons", async () => {
    await s.wheel("canvas.timeline-canvas", 0.31, -300, 12);
    await s.click(".timeline-tools button", /^\+$/);
    await s.click(".timeline-tools button", /^\+$/);
    await s.drag("canvas.timeline-canvas", 0.55, 0.45);
    await s.wheel("canvas.timeline-canvas", 0.5, -300, 14);
  });
  await s.run("point at entries on the timeline", () => s.hover("canvas.timeline-canvas", 24, 4));
  await s.run("zoom the timeline out", async () => {
    await s.click(".timeline-tools button", /^−$/);
    await s.wheel("canvas.timeline-canvas", 0.4, 300, 6);
  });
  await s.run("open the map", () => s.click("#nav a", /^Map$/));
  await s.run("zoom the map and open the events at a place", async () => {
    await s.wheel("svg.map", 0.5, -200, 3);
    await s.drag("svg.map", 0.6, 0.4);
    await s.clickUncovered("svg.map g.events a");
  });
  await s.run("open the network", () => s.click("#nav a", /^Network$/));
  await s.run("list the entries of an edge of the network", () => s.clickNth("table.edges-table button", 0));
  await s.run("open a polity the network links", () => s.clickNth("table.edges-table td a", 1));
  await s.run("open the sources", () => s.click("#nav a", /^Sources$/));
  await s.run("open a source", () => s.click("table.sources-table a", /長編/));
  await s.run("open an entry citing it", () => s.clickNth(".source-part a", 2));
  await s.run("open the entities", () => s.click("#nav a", /^Entities$/));
  await s.run("the places among them", () => s.click("nav.tabs a", /^Places$/));
  await s.run("open an entity", () => s.clickNth("ul.entity-list a", 3));
  await s.run("the polities and one of them", async () => {
    await s.click("p.breadcrumb a");
    await s.click("nav.tabs a", /^Polities$/);
    await s.clickNth("ul.entity-list a", 2);
  });
  // With the whole corpus the view finds no first dated entry (the first stored entry, a file's
  // preface, has no date) and says so; the months are reached from an entry instead, below.
  await s.run("open the by-date view", () => s.click("#nav a", /^By date$/));
  await s.run("another chronicle in the reader", async () => {
    await s.click("#nav a", /^Reader$/);
    await s.click("nav.doc-chooser a", /^宋史 卷四百八十五/);
    await s.scrollToEnd();
  });
  await s.run("an entry's month in every chronicle, stepped through", async () => {
    await s.clickNth("article.entry a[href^='#/date/']", 10);
    await s.click("nav.pager a[rel=next]");
    await s.click("nav.pager a[rel=next]");
    await s.click("nav.pager a[rel=prev]");
  });
}

/** The mix of what the session asked for, by route pattern, most requested first. */
function mixOf(seen: readonly Seen[], patterns: readonly string[]): MixRoute[] {
  const route = routeOf(patterns);
  const byRoute = new Map<string, Map<string, number>>();
  for (const s of seen) {
    const pattern = route(s.pathname);
    const examples = byRoute.get(pattern) ?? new Map<string, number>();
    const example = placeholderPath(s.pathname, s.search);
    examples.set(example, (examples.get(example) ?? 0) + 1);
    byRoute.set(pattern, examples);
  }
  return [...byRoute]
    .map(([pattern, examples]) => {
      const requests = [...examples.values()].reduce((a, b) => a + b, 0);
      return {
        route: pattern,
        requests,
        share: Math.round((requests / seen.length) * 10_000) / 10_000,
        examples: [...examples]
          .map(([path, count]) => ({ path, count }))
          .sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : 1)),
      };
    })
    .sort((a, b) => b.requests - a.requests || (a.route < b.route ? -1 : 1));
}

/**
 * Builds a database of the bundled corpus, serves it, runs the session in chromium and returns
 * the recorded mix.
 *
 * @example
 * const mix = await recordMix(); mix.routes.map((r) => [r.route, r.share])
 */
export async function recordMix(): Promise<HttpMix> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), "biannian-mix-"));
  try {
    const db = join(dir, "corpus.db");
    process.stderr.write("ingesting the bundled corpus…\n");
    const ingest = spawnSync(
      process.execPath,
      [biannianBin(), "ingest", "--db", db, join(serveRoot(), "corpus")],
      {
        cwd: serveRoot(),
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
      },
    );
    if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr.trim().slice(-2000)}`);
    const summary = ingest.stdout.trim().split("\n").at(-1) ?? "";
    const served = await startServe(db);
    const chromium = await launchChromium(VIEWPORT);
    try {
      const openapi = (await (await fetch(`${served.base}/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const page = await chromium.context.newPage();
      const session = new Session(page, served.base);
      await historianSession(session);
      await session.settle();
      const failed = session.seen.filter((s) => s.status === undefined || s.status >= 400);
      for (const f of failed)
        process.stderr.write(`  ${f.step}: ${f.pathname}${f.search} answered ${f.status ?? "nothing"}\n`);
      const routes = mixOf(session.seen, Object.keys(openapi.paths));
      const browser = chromium.context.browser()?.version() ?? "chromium";
      const recorded = new Date().toISOString();
      return {
        about:
          "The requests the web app sends, recorded from one historian's session in chromium (bench/record-mix.ts: " +
          "playwright-core, page.on('request')) against `biannian serve` on a database of the whole bundled corpus. " +
          "The session, step by step, is under `session`: the home page; 長編 卷一百三十九 in the reader, scrolled " +
          "through; entries opened from it; a person and a place followed; searches for the `terms` with and without " +
          "filters, a second page of hits, hits opened; the timeline dragged, zoomed and pointed at; the map zoomed and " +
          "a place's events opened; the network and an edge's entries; the sources and a source; the entities, places, " +
          "polities and an entity; the by-date view; another chronicle in the reader; an entry's month in every " +
          "chronicle, stepped through. The app fetches each URL once per page load (web/src/api.ts), so a view seen " +
          "again asks for nothing. Each /api request counts under its route pattern in the server's OpenAPI document: " +
          "`share` is the route's part of all requests, and `examples` are its requests as sent, with ids, days and " +
          "search terms as placeholders (`placeholders`) that bench/http.ts fills from the server it loads." +
          (failed.length ? ` ${failed.length} requests of the session failed.` : ""),
        recorded,
        command: "node --import tsx bench/record-mix.ts",
        browser: `chromium ${browser}, ${VIEWPORT.width}×${VIEWPORT.height}, headless`,
        server: servedCode(),
        database: `biannian ingest corpus/: ${summary.replace(/ — .*$/, "")}`,
        placeholders: PLACEHOLDERS,
        terms: TERMS,
        requests: session.seen.length,
        session: session.steps,
        routes,
      };
    } finally {
      await chromium.close();
      await stopServe(served);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const mix = await recordMix();
  writeFileSync(MIX_FILE, `${JSON.stringify(mix, null, 2)}\n`);
  // in the project's format, so that `biome check` passes on the file as written
  const biome = join(OWN_ROOT, "node_modules", ".bin", "biome");
  if (existsSync(biome))
    spawnSync(biome, ["format", "--write", fileURLToPath(MIX_FILE)], { stdio: "ignore" });
  for (const r of mix.routes)
    console.log(`${(r.share * 100).toFixed(1).padStart(5)} %  ${String(r.requests).padStart(4)}  ${r.route}`);
  console.log(`${mix.requests} requests → ${fileURLToPath(MIX_FILE)}`);
}
