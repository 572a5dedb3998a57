import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  openPostgresStore,
  openSqliteStore,
  prepareDocument,
  readDocumentFile,
  type Store,
} from "../src/store/index.ts";
import { type Figure, SAMPLE } from "./corpus.ts";

/** The corpus holds at least this many characters: the sample repeated, one document per copy (as `store.ts`). */
const CHARS = 10_000_000;
/** Searches timed: a quarter each of 1, 2, 3 and 4 characters. */
const QUERIES = 1000;
/** Results per search page, as the API returns by default. */
const PAGE = 20;
/** Where to find a server: this variable, else the tests' one, else a throwaway cluster. */
const BENCH_ENV = "BIANNIAN_BENCH_PG";
const TEST_ENV = "BIANNIAN_TEST_PG";
const CLUSTER_SCRIPT = fileURLToPath(new URL("../scripts/pg-cluster.sh", import.meta.url));

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

/** Mixed queries of 1–4 consecutive Han characters taken from the sample (the same as `store.ts`). */
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

/** A PostgreSQL server to measure: from the environment, or a throwaway cluster started here. */
function server(): { url: string; stop: () => void } | { reason: string } {
  const given = process.env[BENCH_ENV] || process.env[TEST_ENV];
  if (given) return { url: given, stop: () => {} };
  // Its own directory under the temporary one: the server's user must be able to reach it.
  const cluster = join(tmpdir(), `biannian-bench-pg-cluster-${process.pid}-${Date.now()}`);
  const started = spawnSync("bash", [CLUSTER_SCRIPT, "start", cluster], { encoding: "utf8" });
  if (started.status !== 0) {
    return {
      reason: `no PostgreSQL server (set ${BENCH_ENV}, or install PostgreSQL): ${started.stderr.trim()}`,
    };
  }
  return {
    url: started.stdout.trim(),
    stop: () => spawnSync("bash", [CLUSTER_SCRIPT, "stop", cluster]),
  };
}

/** Stores every file, one document each; returns the time taken in milliseconds and the entries stored. */
async function ingest(store: Store, paths: readonly string[]): Promise<{ ms: number; entries: number }> {
  let entries = 0;
  const start = performance.now();
  for (const path of paths) {
    const result = await store.putDocument(prepareDocument(readDocumentFile(path), "bench"));
    entries += result.document.entryCount;
  }
  return { ms: performance.now() - start, entries };
}

/** Times each query (count + first page of 20 with match offsets); returns the times by query. */
async function timeSearches(store: Store, list: readonly string[]): Promise<number[]> {
  await store.search({ query: "元昊", limit: PAGE }); // warm up: folding tables, statements, caches
  const times: number[] = [];
  for (const query of list) {
    const start = performance.now();
    await store.search({ query, limit: PAGE });
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * PostgreSQL store benchmark, beside SQLite in the same run: ingest throughput on ≥ 10 M
 * characters (the sample repeated, each copy a separate document read from its own file: read +
 * decode + parse + date + store), then the latency of 1 000 mixed 1–4 character searches (count
 * + first page of 20 with match offsets), p50 / p95 / p99, on both backends. The server is
 * `$BIANNIAN_BENCH_PG` or `$BIANNIAN_TEST_PG`, else a throwaway cluster (`scripts/pg-cluster.sh`);
 * without one it prints why and returns no figures.
 */
export async function benchPostgres(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "biannian-bench-pg-"));
  const found = server();
  try {
    if ("reason" in found) {
      console.error(`postgres benchmark skipped: ${found.reason}`);
      return [];
    }
    const copies = Math.ceil(CHARS / SAMPLE.length);
    const files = join(dir, "files");
    mkdirSync(files);
    const paths: string[] = [];
    for (let i = 0; i < copies; i++) {
      const path = join(files, `copy-${String(i + 1).padStart(4, "0")}.txt`);
      writeFileSync(path, SAMPLE);
      paths.push(path);
    }
    const chars = SAMPLE.length * copies;
    const list = queries(QUERIES);

    const sqlitePath = join(dir, "bench.db");
    const sqlite = openSqliteStore(sqlitePath);
    const sqliteIngest = await ingest(sqlite, paths);
    sqlite.db.pragma("wal_checkpoint(TRUNCATE)");
    const sqliteSize = statSync(sqlitePath).size;
    const sqliteTimes = await timeSearches(sqlite, list);
    await sqlite.close();

    const schemaName = `biannian_bench_${process.pid}_${Date.now()}`;
    const postgres = await openPostgresStore(found.url, { schema: schemaName });
    let postgresIngest: { ms: number; entries: number };
    let postgresTimes: number[];
    let sizes: { total: number; index: number };
    try {
      postgresIngest = await ingest(postgres, paths);
      await postgres.pool.query("VACUUM ANALYZE");
      postgresTimes = await timeSearches(postgres, list);
      const size = await postgres.pool.query<{ total: number; index: number }>(
        `SELECT (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
                 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r')::float8 AS total,
                pg_relation_size('entry_search_keys')::float8 AS index`,
      );
      sizes = size.rows[0]!;
      await postgres.pool.query(`DROP SCHEMA "${schemaName}" CASCADE`);
    } finally {
      await postgres.close();
    }

    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const s = sorted(sqliteTimes);
    const p = sorted(postgresTimes);
    const figures: Figure[] = [
      { name: "corpus size (one document per copy)", value: chars, unit: "chars" },
      { name: "entries stored", value: postgresIngest.entries, unit: "entries" },
      {
        name: "PostgreSQL ingest (read + decode + parse + date + store)",
        value: Math.round(chars / (postgresIngest.ms / 1000)),
        unit: "chars/s",
      },
      {
        name: "SQLite ingest, same run",
        value: Math.round(chars / (sqliteIngest.ms / 1000)),
        unit: "chars/s",
      },
      { name: "PostgreSQL ingest time", value: round(postgresIngest.ms / 1000, 1), unit: "s" },
      { name: "SQLite ingest time", value: round(sqliteIngest.ms / 1000, 1), unit: "s" },
      {
        name: "PostgreSQL database size (tables, indexes, TOAST)",
        value: round(sizes.total / 2 ** 20, 1),
        unit: "MiB",
      },
      {
        name: "PostgreSQL search index (GIN on characters and pairs)",
        value: round(sizes.index / 2 ** 20, 1),
        unit: "MiB",
      },
      { name: "SQLite database size", value: round(sqliteSize / 2 ** 20, 1), unit: "MiB" },
    ];
    for (const [backend, times] of [
      ["PostgreSQL", p],
      ["SQLite", s],
    ] as const) {
      for (const q of [50, 95, 99]) {
        figures.push({
          name: `${backend} search p${q} (${QUERIES} queries, 1–4 chars, page of ${PAGE})`,
          value: round(percentile(times, q)),
          unit: "ms",
        });
      }
    }
    for (let length = 1; length <= 4; length++) {
      const t = sorted(postgresTimes.filter((_, i) => [...list[i]!].length === length));
      figures.push(
        {
          name: `PostgreSQL search p50, ${length}-char queries`,
          value: round(percentile(t, 50)),
          unit: "ms",
        },
        {
          name: `PostgreSQL search p95, ${length}-char queries`,
          value: round(percentile(t, 95)),
          unit: "ms",
        },
      );
    }
    return figures;
  } finally {
    if (!("reason" in found)) found.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await benchPostgres()) console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}`);
}
