/**
 * The web app served over a store of real chronicles and driven in chromium: the set-up the
 * browser tests share (server, store, browser), and pages that record console errors.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ConsoleMessage, Page } from "playwright-core";
import { type RunningServer, startServer } from "../../src/server/index.ts";
import { ensureWebBuild } from "../../src/server/web-build.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { type Chromium, launchChromium } from "./chromium.ts";
import { corpusStore } from "./fixtures.ts";

/** Where the screenshots go (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

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

/** Builds the web app if needed, serves the corpus store and launches chromium. */
export async function startApp(options: { liao?: boolean; hostile?: boolean } = {}): Promise<App> {
  await ensureWebBuild();
  const store = await corpusStore(options);
  const server = await startServer(store, { port: 0 });
  const chromium = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    store,
    server,
    chromium,
    async open(viewport) {
      const page = await chromium.context.newPage();
      await page.setViewportSize(viewport);
      const errors: string[] = [];
      page.on("console", (m: ConsoleMessage) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      return { page, errors };
    },
    async visit(page, hash, ready) {
      await page.goto(`${server.url}/${hash}`);
      await page.waitForSelector(ready, { timeout: 10_000 });
      await page.waitForFunction(() => !document.getElementById("main")?.hasAttribute("aria-busy"));
    },
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
