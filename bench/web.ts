/**
 * The web app in chromium: how soon the reader shows the sample's first entries, and how fast the
 * timeline filters and redraws 50 000 entries (synthetic, served in place of /api/timeline).
 * Runs alone: `node --import tsx bench/web.ts`.
 */
import { pathToFileURL } from "node:url";
import { startServer } from "../src/server/index.ts";
import { ensureWebBuild } from "../src/server/web-build.ts";
import { chromiumMissing, launchChromium } from "../test/web/chromium.ts";
import { corpusStore } from "../test/web/fixtures.ts";
import { syntheticTimeline, TimelineIndex } from "../web/src/timeline/model.ts";
import type { Figure } from "./corpus.ts";

/** Entries of the synthetic timeline. */
const TIMELINE_ENTRIES = 50_000;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(value: number): number {
  return Number(value.toFixed(2));
}

/** Figures of the web app; none when chromium is missing. */
export async function benchWeb(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const data = syntheticTimeline(TIMELINE_ENTRIES);
  const json = JSON.stringify(data);
  let started = performance.now();
  const index = new TimelineIndex(data);
  figures.push({
    name: "timeline index of 50 000 entries (Node)",
    value: round(performance.now() - started),
    unit: "ms",
  });
  const binTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    index.filter({ state: new Set([i % 3]) });
    index.bin(index.first, index.last + 1, 400, "state");
    binTimes.push(performance.now() - started);
  }
  figures.push({
    name: "timeline filter + bin of 50 000 entries (Node), median",
    value: round(median(binTimes)),
    unit: "ms",
  });
  figures.push({ name: "timeline data for 50 000 entries", value: round(json.length / 1024), unit: "KiB" });
  const missing = chromiumMissing();
  if (missing) {
    process.stderr.write(`web: ${missing}; browser figures skipped\n`);
    return figures;
  }

  await ensureWebBuild();
  const store = await corpusStore();
  const server = await startServer(store, { port: 0 });
  const chromium = await launchChromium({ width: 1280, height: 800 });
  try {
    const page = await chromium.context.newPage();
    // The reader: navigation start → the first entries in the page, with a warm server.
    await page.goto(`${server.url}/#/read/1`);
    await page.waitForSelector("article.entry");
    const reader: number[] = [];
    const readerWarm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto("about:blank");
      await page.goto(`${server.url}/#/read/1`);
      await page.waitForSelector("article.entry");
      reader.push(await page.evaluate(() => performance.now()));
      // within the app: from the sources view back to the reader (code and fonts loaded, data fetched anew)
      await page.goto(`${server.url}/#/sources`);
      await page.waitForSelector("table.sources-table");
      readerWarm.push(
        await page.evaluate(async () => {
          const t0 = performance.now();
          location.hash = "#/read/2";
          while (!document.querySelector('article.entry[data-entry^="2:"]'))
            await new Promise((r) => setTimeout(r, 2));
          return performance.now() - t0;
        }),
      );
    }
    figures.push({
      name: "reader: first entries shown after navigation, median",
      value: round(median(reader)),
      unit: "ms",
    });
    figures.push({
      name: "reader: in-app navigation to a chronicle, entries shown, median",
      value: round(median(readerWarm)),
      unit: "ms",
    });

    // The timeline with 50 000 synthetic entries.
    await page.route("**/api/timeline", (route) =>
      route.fulfill({ contentType: "application/json", body: json }),
    );
    await page.goto(`${server.url}/#/timeline`);
    await page.waitForSelector("canvas.timeline-canvas[data-shown]");
    figures.push({
      name: "timeline: first draw of 50 000 entries after navigation",
      value: round(await page.evaluate(() => Number(document.querySelector("canvas")?.dataset.drawnAt))),
      unit: "ms",
    });
    const filter: number[] = [];
    const redraw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await page.evaluate(async () => {
        const canvas = document.querySelector("canvas") as HTMLCanvasElement;
        const box = document.querySelector('.legend input[data-category="0"]') as HTMLInputElement;
        const before = canvas.dataset.drawnAt;
        const t0 = performance.now();
        box.click();
        while (canvas.dataset.drawnAt === before) await new Promise((r) => requestAnimationFrame(r));
        return { total: Number(canvas.dataset.drawnAt) - t0, draw: Number(canvas.dataset.drawMs) };
      });
      filter.push(result.total);
      redraw.push(result.draw);
    }
    figures.push({
      name: "timeline: filter by state to next frame, 50 000 entries, median",
      value: round(median(filter)),
      unit: "ms",
    });
    figures.push({
      name: "timeline: redraw, 50 000 entries, median",
      value: round(median(redraw)),
      unit: "ms",
    });
    const zoom: number[] = [];
    await page.focus("canvas.timeline-canvas");
    for (let i = 0; i < RUNS; i++) {
      await page.keyboard.press(i < 4 ? "+" : "-");
      await page.waitForTimeout(50);
      zoom.push(await page.evaluate(() => Number(document.querySelector("canvas")?.dataset.drawMs)));
    }
    figures.push({
      name: "timeline: redraw while zooming, 50 000 entries, max",
      value: round(Math.max(...zoom)),
      unit: "ms",
    });
  } finally {
    await chromium.close();
    await server.close();
    await store.close();
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await benchWeb()) console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}`);
}
