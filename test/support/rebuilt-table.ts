/**
 * A data file derived by a script from the tables beside the checkout (`../shared/variants`)
 * must be what the script derives now: rebuilt into a temporary file and compared.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The variant tables the scripts read, beside the checkout. */
export const VARIANT_SOURCES = join(root, "..", "shared", "variants");

/**
 * Runs `scripts/SCRIPT SOURCES OUT` and asserts OUT equals the committed `table` (a path from the
 * project's root); skips when the sources are missing.
 */
export function assertRebuilt(t: TestContext, script: string, table: string): void {
  if (!existsSync(VARIANT_SOURCES)) {
    t.skip(`no variant tables at ${VARIANT_SOURCES}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "biannian-rebuilt-"));
  try {
    const out = join(dir, basename(table));
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", join(root, "scripts", script), VARIANT_SOURCES, out],
      { cwd: root, encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.ok(
      readFileSync(out, "utf8") === readFileSync(join(root, table), "utf8"),
      `${table} is stale: run node --import tsx scripts/${script}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
