import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { run } from "../../src/cli/main.ts";
import { readChronicle } from "../../src/pipeline.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { captureIO } from "../cli/run-cli.ts";
import { documentInput, SAMPLE, SAMPLE_PATH, SYNTHETIC } from "./fixtures.ts";
import { openTestStore, POSTGRES_SKIP } from "./postgres-server.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(dir, `${++n}-${name}`);
const BIN = fileURLToPath(new URL("../../bin/biannian", import.meta.url));

/** Two dated entries that draw no message. */
const CLEAN = "慶曆三年\n春正月，元昊遣使來。（《長編》一百三十九）\n二月，使者至延州。\n";

/** UTF-16 with a BOM and a lone surrogate: no encoding decodes it. */
const BAD_UTF16 = Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]);

/** The last line printed: the summary. */
const summary = (stdout: string) => stdout.trimEnd().split("\n").at(-1) ?? "";

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
    let io = captureIO();
    assert.equal(await run(["ingest", file, "--db", db], io), 0);
    assert.match(io.stdout, /^added {5}\S+ \(45 entries, 9,281 characters\)\n[^\n]*\n$/);
    assert.ok(io.stdout.startsWith(`added     ${file} (`));
    assert.match(
      summary(io.stdout),
      /^1 file: 1 added, 0 replaced, 0 unchanged, 0 failed; 45 entries, 9,281 characters stored in \d+\.\d s — /,
    );
    assert.ok(summary(io.stdout).endsWith(` — ${db}`));
    const [first] = await documents(db);
    assert.equal(first?.path, file);

    io = captureIO();
    assert.equal(await run(["ingest", file, "--db", db], io), 0);
    assert.equal(io.stdout.split("\n")[0], `unchanged ${file}`);
    assert.match(
      summary(io.stdout),
      /^1 file: 0 added, 0 replaced, 1 unchanged, 0 failed; 0 entries, 0 characters stored/,
    );
    assert.deepEqual(await documents(db), [first]);

    writeFileSync(file, SYNTHETIC);
    io = captureIO();
    assert.equal(await run(["ingest", file, "--db", db], io), 0);
    assert.match(io.stdout, /^replaced .* \(4 entries, 128 characters\)\n/);
    const [second] = await documents(db);
    assert.equal(second?.id, first?.id);
    assert.equal(second?.entryCount, 4);
  });

  test("stores the dated records: entries get their Julian Day Numbers and CE years", async () => {
    const db = fresh("dated.db");
    assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", db], captureIO()), 0);
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
    const empty = fresh("empty");
    mkdirSync(empty);
    writeFileSync(join(empty, "notes.md"), "not a chronicle");
    copyFileSync(SAMPLE_PATH, good);
    writeFileSync(bad, BAD_UTF16);
    const io = captureIO();
    assert.equal(await run(["ingest", join(dir, "missing.txt"), bad, empty, good, "--db", db], io), 1);
    assert.match(io.stderr, /missing\.txt: no such file\n/);
    assert.match(io.stderr, /bad\.txt:1:1: /);
    assert.ok(io.stderr.includes(`${empty}: no .txt file in this directory\n`));
    assert.match(io.stdout, /4 files: 1 added, 0 replaced, 0 unchanged, 3 failed/);
    assert.equal((await documents(db)).length, 1);
  });

  test("puts files in the corpus --corpus names", async () => {
    const db = fresh("c.db");
    assert.equal(
      await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", db, "--corpus", "xixia"], captureIO()),
      0,
    );
    assert.deepEqual(
      (await documents(db)).map((d) => d.corpus),
      ["xixia"],
    );
    assert.equal(
      await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", db, "--corpus", " "], captureIO()),
      2,
    );
  });

  test("uses $BIANNIAN_DB when --db is not given", async () => {
    const db = fresh("env.db");
    const saved = process.env.BIANNIAN_DB;
    process.env.BIANNIAN_DB = db;
    try {
      assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH)], captureIO()), 0);
    } finally {
      if (saved === undefined) delete process.env.BIANNIAN_DB;
      else process.env.BIANNIAN_DB = saved;
    }
    assert.equal((await documents(db)).length, 1);
  });

  test("draws a progress bar on standard error when it is a terminal, and plain lines elsewhere", async () => {
    const ERASE_LINE = "\r\u001b[K";
    const sample = fileURLToPath(SAMPLE_PATH);
    const tty = captureIO({ errIsTTY: true });
    assert.equal(await run(["ingest", sample, "--db", fresh("d.db")], tty), 0);
    const drawn = tty.stderr.split(ERASE_LINE).filter(Boolean);
    assert.match(
      drawn[0] ?? "",
      /^░{20} {3}0% 0\/1 files · 0 characters · 0:\d\d · .*xixia-ji-1043-1044\.txt$/,
    );
    assert.ok(tty.stderr.endsWith(ERASE_LINE), "the bar is gone before the summary");
    assert.ok(!tty.stdout.includes("\r") && !tty.stdout.includes("\u001b"), "standard output stays plain");
    assert.match(tty.stdout, /^added {5}.*\n1 file: 1 added/);
    // An output terminal alone draws nothing, when standard error is known not to be one.
    const plain = captureIO({ isTTY: true, errIsTTY: false });
    assert.equal(await run(["ingest", sample, "--db", fresh("e.db")], plain), 0);
    for (const text of [plain.stdout, plain.stderr])
      assert.ok(!text.includes("\r") && !text.includes("\u001b"));
  });

  test("a directory: its .txt files, nested ones too, in natural order, and one summary line", async () => {
    const db = fresh("dir.db");
    const root = fresh("corpus");
    mkdirSync(join(root, "changbian"), { recursive: true });
    mkdirSync(join(root, ".hidden"));
    mkdirSync(join(root, "liaoshi"));
    for (const name of ["KR2b0019_10.txt", "KR2b0019_9.txt", "KR2b0019_009a.txt", "KR2b0019_100.txt"])
      writeFileSync(join(root, "changbian", name), CLEAN);
    writeFileSync(join(root, "changbian", "README.md"), "# not a chronicle");
    writeFileSync(join(root, "changbian", "Readme.org"), "* not a chronicle");
    writeFileSync(join(root, ".hidden", "skipped.txt"), CLEAN);
    writeFileSync(join(root, "liaoshi", "KR2a0033_019.txt"), CLEAN);
    writeFileSync(join(root, "a-sample.txt"), CLEAN);
    const order = [
      "a-sample.txt",
      "changbian/KR2b0019_9.txt",
      "changbian/KR2b0019_009a.txt",
      "changbian/KR2b0019_10.txt",
      "changbian/KR2b0019_100.txt",
      "liaoshi/KR2a0033_019.txt",
    ];

    const io = captureIO();
    assert.equal(await run(["ingest", root, "--db", db], io), 0, io.stderr);
    assert.equal(io.stderr, "");
    assert.equal(io.stdout.split("\n").length, 2, "one line, and its line break");
    assert.match(
      io.stdout,
      /^6 files: 6 added, 0 replaced, 0 unchanged, 0 failed; 12 entries, 222 characters stored in \d+\.\d s — /,
    );
    const stored = (await documents(db)).sort((a, b) => a.id - b.id);
    assert.deepEqual(
      stored.map((d) => d.path),
      order.map((name) => join(root, name)),
      "stored one after another in natural order",
    );

    // --verbose names each file, in the same order; a file named again is not stored twice.
    const verbose = captureIO();
    const named = join(root, "changbian", "KR2b0019_10.txt");
    assert.equal(await run(["ingest", named, root, "--db", db, "--verbose"], verbose), 0);
    assert.deepEqual(verbose.stdout.trimEnd().split("\n").slice(0, -1), [
      `unchanged ${named}`,
      ...order.filter((name) => !named.endsWith(name)).map((name) => `unchanged ${join(root, name)}`),
    ]);
    assert.match(verbose.stdout, /^6 files: 0 added, 0 replaced, 6 unchanged, 0 failed;/m);
  });

  test("a second run skips unchanged files before decoding them, and reads a changed one again", async () => {
    const db = fresh("again.db");
    const root = fresh("again");
    mkdirSync(root);
    // Each file draws a warning when it is parsed: the warning shows whether it was read again.
    const warned = (n: number) =>
      `慶曆九年\n春正月，元昊遣使來。（《長編》一百三十九）\n${"二月，使至。".repeat(n)}\n`;
    for (const n of [1, 2, 3]) writeFileSync(join(root, `juan${n}.txt`), warned(n));
    let io = captureIO();
    assert.equal(await run(["ingest", root, "--db", db], io), 0, io.stderr);
    assert.equal(io.stderr.match(/date-year-out-of-range/g)?.length, 3);
    const first = await documents(db);

    io = captureIO();
    assert.equal(await run(["ingest", root, "--db", db], io), 0);
    assert.equal(io.stderr, "", "no file was parsed again");
    assert.match(
      io.stdout,
      /^3 files: 0 added, 0 replaced, 3 unchanged, 0 failed; 0 entries, 0 characters stored/,
    );
    assert.deepEqual(await documents(db), first, "nothing was written");

    writeFileSync(join(root, "juan2.txt"), warned(4));
    io = captureIO();
    assert.equal(await run(["ingest", root, "--db", db], io), 0);
    assert.equal(io.stderr.match(/date-year-out-of-range/g)?.length, 1);
    assert.ok(io.stderr.startsWith(`${join(root, "juan2.txt")}:1:1: warning:`));
    assert.match(io.stdout, /^3 files: 0 added, 1 replaced, 2 unchanged, 0 failed; 2 entries, /);
  });

  test("a file that fails among good ones in a directory: named, the others stored, exit 1", async () => {
    const db = fresh("mixed.db");
    const root = fresh("mixed");
    mkdirSync(root);
    writeFileSync(join(root, "1.txt"), CLEAN);
    writeFileSync(join(root, "2.txt"), BAD_UTF16);
    writeFileSync(join(root, "3.txt"), CLEAN);
    const io = captureIO();
    assert.equal(await run(["ingest", root, "--db", db], io), 1);
    assert.match(io.stderr, new RegExp(`^${literal(join(root, "2.txt"))}:1:1: .+\n$`));
    assert.match(io.stdout, /^3 files: 2 added, 0 replaced, 0 unchanged, 1 failed; 4 entries, /);
    assert.deepEqual((await documents(db)).map((d) => d.path).sort(), [
      join(root, "1.txt"),
      join(root, "3.txt"),
    ]);
  });

  test("the stored checksum of a document, on both backends", async (t) => {
    const input = documentInput(SYNTHETIC, { corpus: "c", path: "/x/a.txt" });
    const check = async (store: Store) => {
      assert.equal(await store.documentChecksum("c", "/x/a.txt"), null);
      await store.putDocument(input);
      assert.equal(await store.documentChecksum("c", "/x/a.txt"), input.sha256);
      assert.equal(await store.documentChecksum("other", "/x/a.txt"), null);
      assert.equal(await store.documentChecksum("c", "/x/b.txt"), null);
    };
    const sqlite = openSqliteStore(":memory:");
    try {
      await check(sqlite);
    } finally {
      await sqlite.close();
    }
    await t.test("PostgreSQL", { skip: POSTGRES_SKIP }, async () => {
      const postgres = await openTestStore();
      try {
        await check(postgres);
      } finally {
        await postgres.close();
      }
    });
  });

  test("refuses to run without files, and explains a database it cannot open", async () => {
    let io = captureIO();
    assert.equal(await run(["ingest", "--db", fresh("f.db")], io), 2);
    assert.match(io.stderr, /Missing FILE/);
    const newer = fresh("newer.db");
    await openSqliteStore(newer).close();
    const raw = new Database(newer);
    raw.prepare("UPDATE schema_version SET version = 99").run();
    raw.close();
    io = captureIO();
    assert.equal(await run(["ingest", fileURLToPath(SAMPLE_PATH), "--db", newer], io), 1);
    assert.match(io.stderr, /has schema version 99, but this version of biannian reads version \d+ at most/);
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
    const io = captureIO();
    assert.equal(await run(["ingest", small, big, "--db", db], io), 0);
    assert.match(io.stdout, /1 added, 0 replaced, 1 unchanged/);
    assert.equal((await documents(db)).find((d) => d.path === big)?.entryCount, 45 * 120);
    assert.ok(existsSync(db));
  });
});
