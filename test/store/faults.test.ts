/**
 * Faults around the SQLite file: two writers at once, a writer that waits past the busy timeout,
 * a full disk (a tiny tmpfs when the tests may mount one, and `max_page_count` always) and a
 * read-only database. Each ends in a clear message naming the database, never in a corrupt or
 * half-written one.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { DatabaseWriteError } from "../../src/store/errors.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";

const BIN = fileURLToPath(new URL("../../bin/biannian", import.meta.url));
/** The busy timeout the command line waits with (the store's default). */
const BUSY_TIMEOUT_MS = 5000;
/** Entries of the synthetic chronicle and of one copy of the sample (see the hand-written outline). */
const SYNTHETIC_ENTRIES = 4;
const SAMPLE_ENTRIES = 45;
/** Copies of the sample in each of two documents written at once. */
const COPIES = 12;

const dir = mkdtempSync(join(tmpdir(), "biannian-faults-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(dir, `${++n}-${name}`);

/** A chronicle file of `copies` copies of the sample. */
function bigFile(copies: number): string {
  const path = fresh(`big-${copies}.txt`);
  writeFileSync(path, Array.from({ length: copies }, () => SAMPLE).join("\n"));
  return path;
}

function smallFile(): string {
  const path = fresh("small.txt");
  writeFileSync(path, SYNTHETIC);
  return path;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** When the process exited (performance.now()). */
  at: number;
}

/** Runs `biannian ingest FILE... --db DB` in a child process. */
function ingest(db: string, ...files: string[]): Promise<Run> {
  const child = spawn(process.execPath, [BIN, "ingest", ...files, "--db", db], { stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr, at: performance.now() })),
  );
}

/**
 * Checks that a database file is consistent (integrity, foreign keys, every document's entries
 * and their index rows all there) and returns its documents as `path:entries`.
 */
function consistent(db: string): string[] {
  const raw = new Database(db, { readonly: true });
  try {
    assert.equal(raw.pragma("integrity_check", { simple: true }), "ok");
    assert.deepEqual(raw.pragma("foreign_key_check"), []);
    const documents = raw.prepare("SELECT id, path, entry_count FROM documents ORDER BY id").all() as {
      id: number;
      path: string;
      entry_count: number;
    }[];
    for (const d of documents) {
      const { n: entries } = raw
        .prepare("SELECT count(*) AS n FROM entries WHERE document_id = ?")
        .get(d.id) as {
        n: number;
      };
      assert.equal(entries, d.entry_count, `${d.path}: every entry stored`);
    }
    const { n: entries } = raw.prepare("SELECT count(*) AS n FROM entries").get() as { n: number };
    const { n: indexed } = raw.prepare("SELECT count(*) AS n FROM entry_fts").get() as { n: number };
    assert.equal(indexed, entries, "every entry in the search index, nothing more");
    return documents.map((d) => `${d.path}:${d.entry_count}`);
  } finally {
    raw.close();
  }
}

/** Stores the synthetic chronicle as the file `path` (in this process: quicker than a command). */
async function storeSmall(db: string, path: string): Promise<void> {
  const store = openSqliteStore(db);
  try {
    assert.equal((await store.putDocument(documentInput(SYNTHETIC, { path }))).status, "added");
  } finally {
    await store.close();
  }
}

/** Messages of the command line are sentences, never stack traces. */
function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
  assert.doesNotMatch(stderr, /SqliteError|StoreError|node:internal/, "no internal names");
}

/** Mounts a tmpfs of `size` bytes at `path`, or says why it cannot. */
function mountTmpfs(path: string, size: number): string | null {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return "mounting a tmpfs needs root on Linux";
  mkdirSync(path, { recursive: true });
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", path], {
    encoding: "utf8",
  });
  return result.status === 0 ? null : `cannot mount a tmpfs: ${result.stderr.trim() || result.error}`;
}

function unmount(path: string): void {
  if (spawnSync("umount", [path]).status !== 0) spawnSync("umount", ["-l", path]);
}

// The tests use files of their own and only wait on child processes: they run side by side.
describe("SQLite under faults", { concurrency: true }, () => {
  test("two ingests into one file at once: both documents stored, or one and a clear busy message", async () => {
    const db = fresh("two.db");
    await openSqliteStore(db).close();
    const [a, b] = [bigFile(COPIES), bigFile(COPIES)];
    const [first, second] = await Promise.all([ingest(db, a), ingest(db, b)]);
    const runs = [
      { run: first, file: a },
      { run: second, file: b },
    ];
    for (const { run } of runs) assertNoStack(run.stderr);
    const stored = consistent(db);
    const ok = runs.filter(({ run }) => run.code === 0);
    // On a loaded machine one transaction may outlast the other's busy timeout: that one must
    // say so, naming the database, and leave the other document whole.
    for (const { run, file } of runs.filter(({ run }) => run.code !== 0)) {
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`^${file}: the database ${db} is busy`, "m"));
    }
    assert.ok(ok.length >= 1, `${first.stderr}${second.stderr}`);
    assert.deepEqual([...stored].sort(), ok.map(({ file }) => `${file}:${COPIES * SAMPLE_ENTRIES}`).sort());
  });

  test("a writer waits while another holds the write lock, and past the busy timeout fails naming the database", async () => {
    const db = fresh("wait.db");
    const small = smallFile();
    // How long an ingest takes with nobody in its way.
    const started = performance.now();
    assert.equal((await ingest(db, small)).code, 0);
    const baseline = performance.now() - started;

    // Held for longer than the whole ingest needs alone, but within the busy timeout: it waits.
    const waiting = bigFile(2);
    let holder = new Database(db);
    holder.exec("BEGIN IMMEDIATE");
    const running = ingest(db, waiting);
    await new Promise((r) => setTimeout(r, Math.min(BUSY_TIMEOUT_MS - 1500, baseline + 1000)));
    assert.deepEqual(consistent(db), [`${small}:${SYNTHETIC_ENTRIES}`], "nothing new while the lock is held");
    holder.exec("COMMIT");
    const released = performance.now();
    holder.close();
    const waited = await running;
    assert.equal(waited.code, 0, waited.stderr);
    assert.ok(waited.at >= released, "the ingest finished only after the lock was released");
    const both = [`${small}:${SYNTHETIC_ENTRIES}`, `${waiting}:${2 * SAMPLE_ENTRIES}`];
    assert.deepEqual(consistent(db), both);

    // Held until the ingest gives up.
    const refused = bigFile(1);
    holder = new Database(db);
    holder.exec("BEGIN IMMEDIATE");
    let run: Run;
    try {
      run = await ingest(db, refused);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.split("\n").find((line) => line.startsWith(refused)),
      `${refused}: the database ${db} is busy: another process has been writing to it for more than ${BUSY_TIMEOUT_MS} ms; try again when it has finished`,
    );
    assertNoStack(run.stderr);
    assert.match(run.stdout, /1 file: 0 added, 0 replaced, 0 unchanged, 1 failed/);
    assert.deepEqual(consistent(db), both);
  });
  test("a store refuses a write past its busy timeout with a DatabaseWriteError, and writes once free", async () => {
    const db = fresh("busy-store.db");
    const store = openSqliteStore(db, { busyTimeout: 50 });
    const holder = new Database(db);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const error = await store.putDocument(documentInput(SYNTHETIC)).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error instanceof DatabaseWriteError, String(error));
      assert.equal(error.reason, "busy");
      assert.equal(error.database, db);
      assert.match(error.message, /for more than 50 ms/);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    assert.equal((await store.putDocument(documentInput(SYNTHETIC))).status, "added");
    await store.close();
  });

  test("a database at its size limit refuses a document and keeps the earlier ones, intact", async () => {
    const db = fresh("limit.db");
    const store = openSqliteStore(db);
    try {
      await store.putDocument(documentInput(SYNTHETIC, { path: "small.txt" }));
      const pages = store.db.pragma("page_count", { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages + 8}`);
      const big = Array.from({ length: 10 }, () => SAMPLE).join("\n");
      const error = await store.putDocument(documentInput(big, { path: "big.txt" })).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error instanceof DatabaseWriteError, String(error));
      assert.equal(error.reason, "full");
      assert.match(error.message, new RegExp(`^the database ${db} is full: `));
      assert.deepEqual(
        (await store.listDocuments()).map((d) => [d.path, d.entryCount]),
        [["small.txt", SYNTHETIC_ENTRIES]],
      );
      assert.equal((await store.search({ query: "范仲淹" })).total, 2);
      // Room again: the same document goes in.
      store.db.pragma("max_page_count = 1073741823");
      assert.equal((await store.putDocument(documentInput(big, { path: "big.txt" }))).status, "added");
    } finally {
      await store.close();
    }
    assert.deepEqual(consistent(db), [`small.txt:${SYNTHETIC_ENTRIES}`, `big.txt:${10 * SAMPLE_ENTRIES}`]);
  });

  test("a full disk: the ingest names the database and the problem, and the earlier document stays whole", async (t) => {
    const mount = fresh("tiny-disk");
    const why = mountTmpfs(mount, 1024 * 1024);
    if (why !== null) {
      t.skip(why);
      return;
    }
    try {
      const db = join(mount, "full.db");
      const small = smallFile();
      await storeSmall(db, small);
      const big = bigFile(12);
      const run = await ingest(db, big);
      assert.equal(run.code, 1);
      assert.equal(
        run.stderr.split("\n").find((line) => line.startsWith(big)),
        `${big}: the database ${db} is full: there is no room left on its disk (or it reached its size limit); nothing of the failed write was kept`,
      );
      assertNoStack(run.stderr);
      assert.deepEqual(consistent(db), [`${small}:${SYNTHETIC_ENTRIES}`]);
      const store = openSqliteStore(db);
      assert.equal((await store.search({ query: "范仲淹" })).total, 2);
      await store.close();
    } finally {
      unmount(mount);
    }
  });

  test("a read-only database: the ingest says it cannot be written, and the database is unchanged", async (t) => {
    const small = smallFile();
    const big = bigFile(2);
    let db: string;
    let restore: () => void;
    const mount = fresh("read-only-disk");
    if (process.getuid?.() === 0) {
      // Root writes through file modes: only a read-only mount stops it.
      const why = mountTmpfs(mount, 8 * 1024 * 1024);
      if (why !== null) {
        t.skip(why);
        return;
      }
      db = join(mount, "ro.db");
      restore = () => unmount(mount);
    } else {
      mkdirSync(mount);
      db = join(mount, "ro.db");
      restore = () => chmodSync(mount, 0o755);
    }
    try {
      await storeSmall(db, small);
      if (process.getuid?.() === 0) {
        const remount = spawnSync("mount", ["-o", "remount,ro", mount], { encoding: "utf8" });
        assert.equal(remount.status, 0, remount.stderr);
      } else {
        chmodSync(db, 0o444);
        chmodSync(mount, 0o555);
      }
      const run = await ingest(db, big);
      assert.equal(run.code, 1);
      // Writing is refused, or (without the files SQLite keeps beside a database in use) opening.
      assert.match(
        run.stderr,
        new RegExp(
          `^(${big}|biannian ingest): the database ${db} cannot be (written: the file, its directory or its disk is read-only|opened: .* its disk is not read-only)`,
          "m",
        ),
      );
      assertNoStack(run.stderr);
      if (process.getuid?.() === 0) spawnSync("mount", ["-o", "remount,rw", mount]);
      else chmodSync(mount, 0o755);
      assert.deepEqual(consistent(db), [`${small}:${SYNTHETIC_ENTRIES}`]);
    } finally {
      restore();
    }
  });
});
