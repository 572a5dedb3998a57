/**
 * Builds the web app (`vite build` of web/ into web/dist) when the build is missing or older than
 * its sources, so that `biannian serve` on a fresh clone serves the app. One build at a time: a
 * lock directory keeps concurrent processes (test files, a server) from building twice, and the
 * build is written beside web/dist and moved into place when complete.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The web app's folder. */
export const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));

/**
 * Files and folders (relative to web/) whose changes call for a new build: the app's own, and the
 * project's data it bundles (the map's rivers and frontiers).
 */
const SOURCES = ["index.html", "src", "public", "vite.config.ts", "../data/geography"];
/** A lock older than this is left over from a build that died. */
const STALE_LOCK_MS = 5 * 60 * 1000;
const POLL_MS = 200;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Whether `web/dist` is missing or older than any of the app's sources.
 *
 * @param dir the web app's folder (default `web/`)
 * @example
 * webBuildIsStale() //=> false (after a build)
 */
export function webBuildIsStale(dir: string = WEB_DIR): boolean {
  const index = join(dir, "dist", "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(dir, source)) > built);
}

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // taken and released meanwhile
    }
    return false;
  }
}

/** Options of `ensureWebBuild`. */
export interface WebBuildOptions {
  /** The web app's folder (default `web/`). */
  dir?: string;
  /** Told when a build starts (default: nothing). */
  log?: (message: string) => void;
}

/**
 * Builds the web app when `web/dist` is missing or stale; waits for a build another process has
 * started. Throws when vite is not installed and there is no build.
 *
 * @returns `fresh` when nothing had to be done, `built` when this call built it
 * @example
 * await ensureWebBuild({ log: (m) => console.error(m) }) //=> "fresh"
 */
export async function ensureWebBuild(options: WebBuildOptions = {}): Promise<"fresh" | "built"> {
  const dir = options.dir ?? WEB_DIR;
  const lock = join(dir, ".build-lock");
  while (webBuildIsStale(dir)) {
    if (!takeLock(lock)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    const temporary = join(dir, `.dist-${process.pid}`);
    try {
      if (!webBuildIsStale(dir)) return "fresh";
      options.log?.("Building the web app (web/dist)…");
      let vite: typeof import("vite");
      try {
        vite = await import("vite");
      } catch (error) {
        throw new Error("the web app is not built and vite is not installed; run `npm install`", {
          cause: error,
        });
      }
      await vite.build({
        configFile: join(dir, "vite.config.ts"),
        logLevel: "warn",
        build: { outDir: temporary, emptyOutDir: true },
      });
      rmSync(join(dir, "dist"), { recursive: true, force: true });
      renameSync(temporary, join(dir, "dist"));
      return "built";
    } finally {
      rmSync(temporary, { recursive: true, force: true });
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return "fresh";
}
