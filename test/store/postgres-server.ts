/**
 * The PostgreSQL server the tests use: `$BIANNIAN_TEST_PG`, a URL that `scripts/pg-test.sh`
 * sets after starting a throwaway cluster (or that points at a server of your own, where the
 * tests create and drop schemas named `biannian_test_…`). Without one the PostgreSQL tests skip,
 * with the reason the script left in `$BIANNIAN_TEST_PG_SKIP`.
 */
import { after } from "node:test";
import pg from "pg";
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from "../../src/store/index.ts";

/** The server's URL, or null. */
export const POSTGRES_URL = process.env.BIANNIAN_TEST_PG || null;

/** Why the PostgreSQL tests skip, or false when there is a server. */
export const POSTGRES_SKIP: string | false = POSTGRES_URL
  ? false
  : `no PostgreSQL server for the tests: ${
      process.env.BIANNIAN_TEST_PG_SKIP ||
      "BIANNIAN_TEST_PG is not set (npm test starts a throwaway cluster with scripts/pg-test.sh)"
    }`;

const schemas: string[] = [];
let count = 0;

/** A schema name no other test (or test process) uses. */
export function freshSchema(): string {
  const name = `biannian_test_${process.pid}_${++count}`;
  schemas.push(name);
  return name;
}

/** Runs statements on the test server with a connection of its own (closed afterwards). */
export async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL! });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Opens a store in a fresh schema of the test server. */
export function openTestStore(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  return openPostgresStore(POSTGRES_URL!, { schema: freshSchema(), maxConnections: 4, ...options });
}

// The schemas go when the test file ends.
after(async () => {
  if (!POSTGRES_URL || schemas.length === 0) return;
  await withClient(async (client) => {
    for (const name of schemas) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  });
});
