/**
 * The compiled command line (dist/cli/, built at install by scripts/build-cli.mjs) behaves as the
 * TypeScript sources do, finds its data files from dist/, and loads only the command it runs.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { commands, loadAllCommands } from "../../src/cli/commands/index.ts";
import { cli } from "./run-cli.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the compiled CLI in a new process and returns what it printed. */
function runBuilt(entry: string, ...args: string[]) {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.exitCode = await m.run(${JSON.stringify(args)});`;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
}

test("the compiled command line answers as the sources do, with its data found from dist/", async () => {
  // A build of its own, so that processes running dist/cli/ meanwhile are not disturbed.
  // @ts-expect-error: a JavaScript build script without types
  const { buildCli } = await import("../../scripts/build-cli.mjs");
  const outDir = join(root, ".tmp", `cli-test-${process.pid}`);
  after(() => rmSync(outDir, { recursive: true, force: true }));
  await buildCli(outDir);
  const OUT_FILE = join(outDir, "main.js");
  for (const args of [
    ["date", "慶曆三年四月九日", "--format", "json"],
    ["entries", "corpus/xixia-ji-1043-1044.txt", "--format", "csv"],
    ["entries", "corpus/changbian/KR2b0019_143.txt", "--format", "json"],
  ]) {
    const built = runBuilt(OUT_FILE, ...args);
    const source = await cli(...args);
    assert.equal(built.status, source.code, `${args.join(" ")}: ${built.stderr}`);
    assert.equal(built.stdout, source.out, args.join(" "));
  }
});

test("every command is listed by its own name and summary", async () => {
  const loaded = await loadAllCommands();
  assert.deepEqual(
    commands.map((c) => [c.name, c.summary]),
    loaded.map((c) => [c.name, c.summary]),
  );
  const help = await cli("--help");
  for (const c of loaded) assert.ok(help.out.includes(c.name));
});
