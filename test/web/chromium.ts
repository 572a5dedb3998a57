/** Debian's chromium for the browser tests and the benchmark, launched quiet and offline. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";

/** Where Debian installs chromium (scripts/ensure-system-packages.sh). */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a quiet, offline headless chromium. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Why the browser cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `chromium is not installed at ${CHROMIUM} (scripts/ensure-system-packages.sh installs it)`;
}

/** A running chromium: its browser context, and how to close it and remove its profile. */
export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches chromium with a temporary profile, removed on close.
 *
 * @example
 * const chromium = await launchChromium({ width: 1280, height: 800 })
 * await chromium.context.newPage()
 * await chromium.close()
 */
export async function launchChromium(viewport?: { width: number; height: number }): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "biannian-chromium-"));
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    ...(viewport ? { viewport } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
