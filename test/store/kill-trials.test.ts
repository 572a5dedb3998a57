import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { openSqliteStore } from "../../src/store/index.ts";
import { SAMPLE, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-kill-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const BIN = fileURLToPath(new URL("../../bin/biannian", import.meta.url));
const TRIALS = 20;

/** A small deterministic generator, so that a failing trial can be repeated. */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function ingest(
  db: string,
  file: string,
  killAfter: number | null,
): Promise<{ signal: string | null; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "ingest", file, "--db", db], { stdio: "ignore" });
  const timer = killAfter === null ? null : setTimeout(() => child.kill("SIGKILL"), killAfter);
  return new Promise((resolve) =>
    child.on("exit", (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ signal, ms: performance.now() - started });
    }),
  );
}

/** What a database holds: documents with their entry counts, and whether it is consistent. */
async function state(db: string) {
  const raw = new Database(db, { readonly: true });
  try {
    assert.equal(raw.pragma("integrity_check", { simple: true }), "ok");
    assert.deepEqual(raw.pragma("foreign_key_check"), []);
    const orphans = raw
      .prepare(
        `SELECT (SELECT count(*) FROM entries WHERE document_id NOT IN (SELECT id FROM documents))
              + (SELECT count(*) FROM years WHERE document_id NOT IN (SELECT id FROM documents)) AS n`,
      )
      .get() as { n: number };
    assert.equal(orphans.n, 0);
  } finally {
    raw.close();
  }
  const store = openSqliteStore(db);
  try {
    const docs = (await store.listDocuments()).map((d) => `${d.name}:${d.entryCount}`);
    const hits = (await store.search({ query: "元昊" })).total;
    return { docs, hits };
  } finally {
    await store.close();
  }
}

test(`an ingest killed at ${TRIALS} random moments always leaves the database before or after the document`, async (t) => {
  const small = join(dir, "small.txt");
  const big = join(dir, "big.txt");
  writeFileSync(small, SYNTHETIC);
  writeFileSync(big, Array.from({ length: 30 }, () => SAMPLE).join("\n"));
  const template = join(dir, "template.db");
  assert.equal((await ingest(template, small, null)).signal, null);
  const before = await state(template);

  // One ingest to the end gives the state after the document and how long it takes.
  const full = join(dir, "full.db");
  copyFileSync(template, full);
  const { ms } = await ingest(full, big, null);
  const complete = await state(full);
  assert.equal(complete.docs.length, 2);

  const next = random(20261124);
  const outcomes = { before: 0, after: 0 };
  for (let trial = 0; trial < TRIALS; trial += 2) {
    // Two trials at a time, each killed somewhere between its start and its expected end.
    const results = await Promise.all(
      [trial, trial + 1].map(async (k) => {
        const db = join(dir, `trial-${k}.db`);
        copyFileSync(template, db);
        const delay = Math.round(next() * ms * 1.1);
        await ingest(db, big, delay);
        return { k, delay, got: await state(db) };
      }),
    );
    for (const { k, delay, got } of results) {
      const same = (s: typeof before) => JSON.stringify(s) === JSON.stringify(got);
      assert.ok(
        same(before) || same(complete),
        `trial ${k} (killed after ${delay} ms): ${JSON.stringify(got)}`,
      );
      outcomes[same(before) ? "before" : "after"]++;
    }
  }
  assert.equal(outcomes.before + outcomes.after, TRIALS);
  t.diagnostic(
    `full ingest ${Math.round(ms)} ms; killed before the commit ${outcomes.before}×, after it ${outcomes.after}×`,
  );
});
