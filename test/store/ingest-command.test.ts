import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { CommandIO } from "../../src/cli/command.ts";
import { run } from "../../src/cli/main.ts";
import { readChronicle } from "../../src/pipeline.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { SAMPLE, SAMPLE_PATH, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(dir, `${++n}-${name}`);
const BIN = fileURLToPath(new URL("../../bin/biannian", import.meta.url));

function capture(isTTY = false): CommandIO & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    isTTY,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}

async function documents(db: string) {
  const store = openSqliteStore(db);
  try {
    return await store.listDocuments();
  } finally {
    await store.close();
  }
}

describe("biannian ingest", () => {
  test("stores files, skips unchanged ones and replaces changed ones", async () => {
    const db = fresh("a.db");
    const file = fresh("chronicle.txt");
    copyFileSync(SAMPLE_PATH, file);
    let io = capture();
    assert.equal(await run(["ingest", file, "--db", db], io), 0);
    assert.equal(
      io.stdout,
      `added     ${file} (45 entries, 9,281 characters)\n1 file: 1 added, 0 replaced, 0 unchanged — ${db}\n`,
    );
    const [first] = await documents(db);
    assert.equal(first?.path, file);

    io = capture();
    assert.equal(await run(["ingest", file, "--db", db], io), 0);
    assert.equal(io.stdout, `unchanged ${file}\n1 file: 0 added, 0 replaced, 1 unchanged — ${db}\n`);
    assert.deepEqual(await documents(db), [first]);

    writeFileSync(file, SYNTHETIC);
    io = capture();
    assert.equal(await run(["ingest", file, "--db", db], io), 0);
    assert.match(io.stdout, /^replaced .* \(4 entries, 128 characters\)\n/);
    const [second] = await documents(db);
    assert.equal(second?.id, first?.id);
    assert.equal(second?.entryCount, 4);
  });

  test("stores the dated records: entries get their Julian Day Numbers and CE years", async () => {
    const db = fresh("dated.db");
    assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", db], capture()), 0);
    const { records } = readChronicle(SAMPLE);
    const store = openSqliteStore(db);
    try {
      const [document] = await store.listDocuments();
      assert.deepEqual(await store.getEntryRecords(document!.id), JSON.parse(JSON.stringify(records)));
      const in1044 = records.filter(
        (r) => r.date.jdn && r.date.jdn.end >= 2102379 && r.date.jdn.start <= 2102744,
      );
      assert.ok(in1044.length > 0);
      const found = await store.listEntries({ from: 1044, to: 1044 }, { limit: 100 });
      assert.deepEqual(
        found.results.map((e) => e.localId),
        in1044.map((r) => r.id),
      );
      assert.equal((await store.listEntries({ from: 1043, to: 1044 })).total, 45);
    } finally {
      await store.close();
    }
  });

  test("goes on after a file it cannot read, and exits 1", async () => {
    const db = fresh("b.db");
    const good = fresh("good.txt");
    const bad = fresh("bad.txt");
    copyFileSync(SAMPLE_PATH, good);
    writeFileSync(bad, Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])); // UTF-16 with a lone surrogate
    const io = capture();
    assert.equal(await run(["ingest", join(dir, "missing.txt"), bad, dir, good, "--db", db], io), 1);
    assert.match(io.stderr, /missing\.txt: no such file\n/);
    assert.match(io.stderr, /bad\.txt:1:1: /);
    assert.match(io.stderr, /: is a directory, not a chronicle file\n/);
    assert.match(io.stdout, /4 files: 1 added, 0 replaced, 0 unchanged, 3 failed/);
    assert.equal((await documents(db)).length, 1);
  });

  test("puts files in the corpus --corpus names", async () => {
    const db = fresh("c.db");
    assert.equal(
      await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", db, "--corpus", "xixia"], capture()),
      0,
    );
    assert.deepEqual(
      (await documents(db)).map((d) => d.corpus),
      ["xixia"],
    );
    assert.equal(
      await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", db, "--corpus", " "], capture()),
      2,
    );
  });

  test("uses $BIANNIAN_DB when --db is not given", async () => {
    const db = fresh("env.db");
    const saved = process.env.BIANNIAN_DB;
    process.env.BIANNIAN_DB = db;
    try {
      assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH)], capture()), 0);
    } finally {
      if (saved === undefined) delete process.env.BIANNIAN_DB;
      else process.env.BIANNIAN_DB = saved;
    }
    assert.equal((await documents(db)).length, 1);
  });

  test("draws a progress bar on a terminal and plain lines elsewhere", async () => {
    const tty = capture(true);
    assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", fresh("d.db")], tty), 0);
    const ERASE_LINE = "\r\u001b[K";
    assert.match(tty.stdout.split(ERASE_LINE)[1] ?? "", /^█*░* +\d+% 1\/1 /);
    assert.ok(tty.stdout.includes(`${ERASE_LINE}added     `));
    const plain = capture(false);
    assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", fresh("e.db")], plain), 0);
    assert.ok(!plain.stdout.includes("\r") && !plain.stdout.includes("\u001b"));
  });

  test("refuses to run without files, and explains a database it cannot open", async () => {
    let io = capture();
    assert.equal(await run(["ingest", "--db", fresh("f.db")], io), 2);
    assert.match(io.stderr, /Missing FILE/);
    const newer = fresh("newer.db");
    await openSqliteStore(newer).close();
    const raw = new Database(newer);
    raw.prepare("UPDATE schema_version SET version = 99").run();
    raw.close();
    io = capture();
    assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", newer], io), 1);
    assert.match(io.stderr, /has schema version 99, but this version of biannian reads version 1 at most/);
  });

  test("a kill in the middle of a document leaves the database as it was before that document", async () => {
    const db = fresh("kill.db");
    const small = fresh("small.txt");
    const big = fresh("big.txt");
    writeFileSync(small, SYNTHETIC);
    writeFileSync(big, Array.from({ length: 120 }, () => SAMPLE).join("\n")); // about 3.3 MB
    const child = spawn(process.execPath, [BIN, "ingest", small, big, "--db", db], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // Wait for the first document to be committed.
    while (!stdout.includes("added     ")) {
      await new Promise((r) => setTimeout(r, 5));
      assert.equal(child.exitCode, null, "the ingest is still running");
    }
    // Wait until the child holds the write lock: it is inside the big document's transaction.
    const probe = new Database(db, { timeout: 0 });
    const reader = openSqliteStore(db);
    let inside = false;
    // Parsing and dating come before the transaction; on a loaded machine they take seconds.
    const deadline = Date.now() + 60_000;
    while (!inside && Date.now() < deadline && child.exitCode === null) {
      try {
        probe.exec("BEGIN IMMEDIATE; ROLLBACK");
        await new Promise((r) => setTimeout(r, 1));
      } catch (error) {
        assert.equal((error as { code?: string }).code, "SQLITE_BUSY");
        inside = true;
      }
    }
    assert.ok(inside, "caught the ingest inside its transaction");
    // Readers go on while the document is being written (WAL): they see the state before it.
    const during = await reader.listDocuments();
    assert.deepEqual(
      during.map((d) => d.path),
      [small],
    );
    assert.equal((await reader.search({ query: "元昊" })).total, 1);
    child.kill("SIGKILL");
    assert.equal(await exited, "SIGKILL");
    probe.close();
    await reader.close();
    assert.ok(!stdout.includes(big), "the big document was never reported stored");

    const after = openSqliteStore(db);
    assert.equal(after.db.pragma("integrity_check", { simple: true }), "ok");
    assert.deepEqual(
      (await after.listDocuments()).map((d) => d.path),
      [small],
    );
    assert.equal((await after.listEntries()).total, 4);
    assert.deepEqual(after.db.prepare("SELECT count(*) AS n FROM entry_fts").get(), { n: 4 });
    assert.equal((await after.search({ query: "龐籍" })).total, 0);
    await after.close();

    // Running the ingest again finishes the job.
    const io = capture();
    assert.equal(await run(["ingest", small, big, "--db", db], io), 0);
    assert.match(io.stdout, /1 added, 0 replaced, 1 unchanged/);
    assert.equal((await documents(db)).find((d) => d.path === big)?.entryCount, 45 * 120);
    assert.ok(existsSync(db));
  });
});
