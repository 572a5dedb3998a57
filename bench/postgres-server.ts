/**
 * The PostgreSQL server the benchmark measures: `$BIANNIAN_BENCH_PG`, else the tests' server
 * `$BIANNIAN_TEST_PG` (which `scripts/pg-test.sh`, around `npm run bench`, sets to a throwaway
 * cluster), else a throwaway cluster started here with `scripts/pg-cluster.sh`.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_PG_ENV = "BIANNIAN_BENCH_PG";
const TEST_ENV = "BIANNIAN_TEST_PG";
/** Set by `scripts/pg-test.sh` when its cluster did not start: why. */
const TEST_SKIP_ENV = "BIANNIAN_TEST_PG_SKIP";
const CLUSTER_SCRIPT = fileURLToPath(new URL("../scripts/pg-cluster.sh", import.meta.url));

/** A server to measure and how to let it go, or why there is none. */
export type PostgresServer = { url: string; stop: () => void } | { reason: string };

/**
 * Finds or starts a PostgreSQL server.
 *
 * @example
 * const server = postgresServer();
 * if ("reason" in server) console.error(`skipped: ${server.reason}`); else { …; server.stop(); }
 */
export function postgresServer(): PostgresServer {
  const given = process.env[BENCH_PG_ENV] || process.env[TEST_ENV];
  if (given) return { url: given, stop: () => {} };
  const skipped = process.env[TEST_SKIP_ENV];
  if (skipped) return { reason: `no PostgreSQL server: ${skipped}` };
  // Its own directory under the temporary one: the server's user must be able to reach it.
  const cluster = join(tmpdir(), `biannian-bench-pg-cluster-${process.pid}-${Date.now()}`);
  const started = spawnSync("bash", [CLUSTER_SCRIPT, "start", cluster], { encoding: "utf8" });
  if (started.status !== 0) {
    return {
      reason: `no PostgreSQL server (set ${BENCH_PG_ENV}, or install PostgreSQL): ${started.stderr.trim()}`,
    };
  }
  return {
    url: started.stdout.trim(),
    stop: () => spawnSync("bash", [CLUSTER_SCRIPT, "stop", cluster]),
  };
}
