import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openSqliteStore, prepareDocument, readDocumentFile } from "../src/store/index.ts";
import { type Figure, SAMPLE } from "./corpus.ts";

/** The corpus holds at least this many characters: the sample repeated, one document per copy. */
const CHARS = 10_000_000;
/** Searches timed: a quarter each of 1, 2, 3 and 4 characters. */
const QUERIES = 1000;
/** Results per search page, as the API returns by default. */
const PAGE = 20;

/** A small deterministic generator (mulberry32), so every run times the same queries. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixed queries of 1–4 consecutive Han characters taken from the sample. */
function queries(count: number): string[] {
  const runs = SAMPLE.match(/\p{Script=Han}+/gu) ?? [];
  const next = random(20260101);
  const out: string[] = [];
  while (out.length < count) {
    const length = 1 + (out.length % 4);
    const run = runs[Math.floor(next() * runs.length)]!;
    const chars = [...run];
    if (chars.length < length) continue;
    const at = Math.floor(next() * (chars.length - length + 1));
    out.push(chars.slice(at, at + length).join(""));
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * Store benchmark: ingest throughput on ≥ 10 M characters (the sample repeated, each copy a
 * separate document read from its own file: read + decode + parse + date + store), then the latency of
 * 1 000 mixed 1–4 character searches (count + first page of 20 with match offsets) against that
 * database, beside `grep -c -F` (LC_ALL=C) over the same text in one file.
 */
export async function benchStore(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "biannian-bench-store-"));
  try {
    const copies = Math.ceil(CHARS / SAMPLE.length);
    const files = join(dir, "files");
    mkdirSync(files);
    const paths: string[] = [];
    for (let i = 0; i < copies; i++) {
      const path = join(files, `copy-${String(i + 1).padStart(4, "0")}.txt`);
      writeFileSync(path, SAMPLE);
      paths.push(path);
    }
    const whole = join(dir, "all.txt");
    writeFileSync(whole, paths.map(() => SAMPLE).join("\n"));

    const db = join(dir, "bench.db");
    const store = openSqliteStore(db);
    let entries = 0;
    const ingestStart = performance.now();
    for (const path of paths) {
      const result = await store.putDocument(prepareDocument(readDocumentFile(path), "bench"));
      entries += result.document.entryCount;
    }
    const ingestMs = performance.now() - ingestStart;
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    const size = statSync(db).size;

    const list = queries(QUERIES);
    await store.search({ query: "元昊", limit: PAGE }); // warm up: folding tables, statements
    const byLength = new Map<number, number[]>();
    const all: number[] = [];
    for (const query of list) {
      const start = performance.now();
      await store.search({ query, limit: PAGE });
      const ms = performance.now() - start;
      all.push(ms);
      const length = [...query].length;
      byLength.set(length, [...(byLength.get(length) ?? []), ms]);
    }
    await store.close();

    const grep: number[] = [];
    for (const query of list) {
      const start = performance.now();
      spawnSync("grep", ["-c", "-F", "--", query, whole], { env: { ...process.env, LC_ALL: "C" } });
      grep.push(performance.now() - start);
    }

    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const s = sorted(all);
    const g = sorted(grep);
    const chars = SAMPLE.length * copies;
    const figures: Figure[] = [
      { name: "corpus size (one document per copy)", value: chars, unit: "chars" },
      { name: "documents", value: copies, unit: "documents" },
      { name: "entries stored", value: entries, unit: "entries" },
      {
        name: "ingest (read + decode + parse + date + store)",
        value: Math.round(chars / (ingestMs / 1000)),
        unit: "chars/s",
      },
      { name: "ingest time", value: round(ingestMs / 1000, 1), unit: "s" },
      { name: "database size", value: round(size / 2 ** 20, 1), unit: "MiB" },
      {
        name: `search p50 (${QUERIES} queries, 1–4 chars, page of ${PAGE})`,
        value: round(percentile(s, 50)),
        unit: "ms",
      },
      { name: "search p95", value: round(percentile(s, 95)), unit: "ms" },
      { name: "search max", value: round(s[s.length - 1]!), unit: "ms" },
    ];
    for (const [length, times] of [...byLength].sort((a, b) => a[0] - b[0])) {
      const t = sorted(times);
      figures.push(
        { name: `search p50, ${length}-char queries`, value: round(percentile(t, 50)), unit: "ms" },
        { name: `search p95, ${length}-char queries`, value: round(percentile(t, 95)), unit: "ms" },
      );
    }
    figures.push(
      {
        name: "grep -c -F p50 (same queries, same text, one file)",
        value: round(percentile(g, 50)),
        unit: "ms",
      },
      { name: "grep -c -F p95", value: round(percentile(g, 95)), unit: "ms" },
    );
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await benchStore()) console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}`);
}
