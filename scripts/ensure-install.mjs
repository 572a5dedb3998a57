#!/usr/bin/env node
// Installs the npm dependencies when node_modules is missing or older than the lockfile,
// so that `npm start` and `npm test` work on a fresh clone without a separate install step.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = join(root, "node_modules", ".package-lock.json");
const lock = join(root, "package-lock.json");
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  process.stderr.write(
    "Installing dependencies (the first install compiles native modules and takes a couple of minutes)…\n",
  );
  execSync("npm install --no-save --no-fund --no-audit", {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

// The compiled command line (dist/cli/): built after an install, and again whenever the sources
// are newer, so that `biannian` starts without compiling TypeScript.
const { buildCli, OUT_FILE } = await import("./build-cli.mjs");
const newest = (dir) => {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
};
if (!existsSync(OUT_FILE) || statSync(OUT_FILE).mtimeMs < newest(join(root, "src"))) await buildCli();
