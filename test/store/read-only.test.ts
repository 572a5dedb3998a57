/**
 * A database the user can only read — a file (0444) in a directory (0555) that are not the
 * user's, as on read-only media — is opened read-only: `search` and `serve` answer from it, and
 * `ingest` is refused with a clear message, the file left as it was. Root writes through file
 * modes, so as root the commands run as `nobody` (through setpriv).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { ensureWebBuild } from "../../src/server/web-build.ts";
import { cli } from "../cli/run-cli.ts";

const BIN = fileURLToPath(new URL("../../bin/biannian", import.meta.url));
const SAMPLE = fileURLToPath(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url));
const NOBODY = 65534;
const root = process.getuid?.() === 0;

/** Why the commands cannot run as a user who does not own the files, or null when they can. */
function cannotRun(): string | null {
  if (process.platform === "win32") return "file modes do not apply on Windows";
  if (!root) return null;
  const probe = spawnSync("setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "true"]);
  return probe.status === 0 ? null : "running as root without setpriv: file modes do not stop root";
}

const why = cannotRun();
const base = mkdtempSync(join(tmpdir(), "biannian-read-only-"));
const dir = join(base, "media");
const db = join(dir, "chronicles.db");

/** The command line `biannian ARGS…` as a user who does not own the database. */
function command(args: readonly string[]): [string, string[]] {
  const node = [process.execPath, BIN, ...args];
  return root
    ? ["setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", ...node]]
    : [node[0]!, node.slice(1)];
}

/** Runs `biannian ARGS…` to the end. */
function biannian(args: readonly string[]): { code: number | null; out: string; err: string } {
  const [program, rest] = command(args);
  const result = spawnSync(program, rest, { encoding: "utf8", timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const checksum = () => createHash("sha256").update(readFileSync(db)).digest("hex");
let sum = "";

before(async () => {
  if (why) return;
  mkdirSync(dir);
  const stored = await cli("ingest", SAMPLE, "--db", db);
  assert.equal(stored.code, 0, stored.err);
  assert.equal(readFileSync(db).readUInt8(18), 2, "a WAL database, whose readers need files beside it");
  assert.deepEqual(readdirSync(dir), ["chronicles.db"]);
  chmodSync(db, 0o444);
  chmodSync(dir, 0o555);
  chmodSync(base, 0o755);
  sum = checksum();
  // Built here, as `npm start` would have built it: the user who serves cannot write web/.
  await ensureWebBuild();
});

after(() => {
  if (existsSync(dir)) chmodSync(dir, 0o755);
  rmSync(base, { recursive: true, force: true });
});

describe("a database the user can only read", { skip: why ?? false }, () => {
  test("search answers from it", () => {
    const run = biannian(["search", "元昊", "--db", db, "--format", "json", "--limit", "3"]);
    assert.equal(run.code, 0, run.err);
    const page = JSON.parse(run.out) as { total: number; results: { id: string }[] };
    assert.ok(page.total > 10);
    assert.equal(page.results[0]!.id.split(":")[0], "1");
  });

  test("serve answers from it", async () => {
    const [program, rest] = command(["serve", "--db", db, "--port", "0"]);
    const child: ChildProcess = spawn(program, rest, { stdio: "pipe" });
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    try {
      const deadline = Date.now() + 120_000;
      const api = /API: {2}(http:\/\/127\.0\.0\.1:\d+\/api)\n/;
      while (!api.test(out)) {
        assert.equal(child.exitCode, null, `serve exited: ${out}${err}`);
        assert.ok(Date.now() < deadline, `serve did not start: ${out}${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const url = api.exec(out)![1]!;
      const documents = (await (await fetch(`${url}/documents`)).json()) as {
        results: { entryCount: number }[];
      };
      assert.deepEqual(
        documents.results.map((d) => d.entryCount),
        [45],
      );
      const found = await fetch(`${url}/find?q=${encodeURIComponent("青鹽")}&entity=person:yang-shousu`);
      assert.equal(found.status, 200);
      assert.ok(((await found.json()) as { total: number }).total > 0);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    }
  });

  test("ingest is refused with a clear message, and the file is left as it was", () => {
    const run = biannian(["ingest", SAMPLE, "--db", db, "--corpus", "again"]);
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /the database .*chronicles\.db cannot be written: the file, its directory or its disk is read-only/,
    );
    assert.equal(checksum(), sum);
    assert.deepEqual(readdirSync(dir), ["chronicles.db"]);
  });
});
