/**
 * The web app served over a store of real chronicles and driven in chromium: the set-up the
 * browser tests share (server, store, browser), and pages that record console errors.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { type RunningServer, startServer } from "../../src/server/index.ts";
import { ensureWebBuild } from "../../src/server/web-build.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { type Chromium, launchChromium } from "./chromium.ts";
import { corpusStore } from "./fixtures.ts";

/** Where the screenshots go (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

/**
 * A new page (of `viewport`'s size, when given) that records console errors and uncaught
 * exceptions; `ignore` leaves out console errors a test expects (a refused request).
 */
export async function openPage(
  context: BrowserContext,
  viewport?: { width: number; height: number },
  ignore?: RegExp,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error" && !ignore?.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

/** Goes to a view of the app served at `base` and waits until it has rendered. */
export async function visitView(page: Page, base: string, hash: string, ready: string): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector(ready, { timeout: 15_000 });
  await page.waitForFunction(() => !document.getElementById("main")?.hasAttribute("aria-busy"));
}

/** The web app on a store, and a browser to drive it. */
export interface App {
  store: SqliteStore;
  server: RunningServer;
  chromium: Chromium;
  /** A page of that size that records console errors and uncaught exceptions. */
  open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
  /** Goes to a view and waits until it has rendered. */
  visit(page: Page, hash: string, ready: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the web app if needed, serves the corpus store and launches chromium (with pages of
 * `viewport`'s size, when given).
 */
export async function startApp(
  options: { liao?: boolean; hostile?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<App> {
  await ensureWebBuild();
  const store = await corpusStore(options);
  const server = await startServer(store, { port: 0 });
  const chromium = await launchChromium(options.viewport);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    store,
    server,
    chromium,
    open: (viewport) => openPage(chromium.context, viewport),
    visit: (page, hash, ready) => visitView(page, server.url, hash, ready),
    async close() {
      await chromium.close();
      await server.close();
      await store.close();
    },
  };
}

/** Scrolls the reader until every entry of the chronicle is loaded. */
export async function loadWholeReader(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      window.scrollTo(0, document.body.scrollHeight);
      return /^\d+ entries\.$/.test(document.querySelector(".sentinel")?.textContent ?? "");
    },
    null,
    { timeout: 20_000, polling: 100 },
  );
}
