#!/usr/bin/env node
// Compiles the command line (src/cli/main.ts and everything it imports) into one JavaScript
// module, dist/cli/main.js (with a chunk for each command, loaded when it runs), so that `biannian` starts without compiling TypeScript. npm packages stay
// imports of node_modules. Data files are found the way the sources find them, through
// `new URL("../../data/…", import.meta.url)`: each such path is rewritten to point from dist/ to the
// same file. Runs at install (`prepare`, scripts/ensure-install.mjs) and whenever the sources are
// newer than the build; bin/biannian falls back to the TypeScript sources until then.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The output folder: the entry module and the chunks each command loads when it runs. */
export const OUT_DIR = join(root, "dist", "cli");
export const OUT_FILE = join(OUT_DIR, "main.js");

/** `new URL("../../data/x.tsv", import.meta.url)` in a source file, with its relative path. */
const MODULE_URL = /new URL\((["'])(\.{1,2}\/[^"']*)\1,\s*import\.meta\.url\)/gu;

/** Rewrites module-relative URLs of a source file so that they hold from the output file. */
const moduleUrls = (outDir) => ({
  name: "module-relative-urls",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const contents = source.replace(MODULE_URL, (_, quote, path) => {
        const target = resolve(dirname(args.path), path);
        let moved = relative(outDir, target).split("\\").join("/");
        if (!moved.startsWith(".")) moved = `./${moved}`;
        if (path.endsWith("/") && !moved.endsWith("/")) moved += "/";
        return `new URL(${quote}${moved}${quote}, import.meta.url)`;
      });
      return { contents, loader: "ts" };
    });
  },
});

/**
 * Builds the command line into `outDir` (dist/cli/ by default; another folder must also lie inside
 * the project, where node_modules is found); returns the entry module's size in bytes.
 */
export async function buildCli(outDir = OUT_DIR) {
  await build({
    entryPoints: {
      main: join(root, "src", "cli", "main.ts"),
      // The thread `ingest` prepares files in (src/cli/prepare-pool.ts).
      "prepare-worker": join(root, "src", "cli", "prepare-worker.ts"),
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    chunkNames: "[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    plugins: [moduleUrls(outDir)],
    legalComments: "none",
    logLevel: "warning",
    banner: { js: "// Built by scripts/build-cli.mjs from src/: edit the sources, not this file." },
  });
  return statSync(join(outDir, "main.js")).size;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = await buildCli();
  process.stderr.write(`built ${relative(root, OUT_FILE)} (${Math.round(size / 1024)} KiB)\n`);
}
