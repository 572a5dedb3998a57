/**
 * Schema versions on PostgreSQL, with the SQLite backend's semantics: one `schema_version` row;
 * an empty schema gets the current tables, an older one runs each migration it lacks, all in one
 * transaction (PostgreSQL's DDL is transactional, so a failing step leaves everything as it
 * was); a newer one, or one with tables but no `schema_version`, is refused.
 */
import type { PoolClient } from "pg";
import { SchemaVersionError } from "../errors.ts";

/** One upgrade step: from `version - 1` to `version`. */
export interface PostgresMigration {
  version: number;
  description: string;
  up(client: PoolClient): Promise<void>;
}

/** How to bring a PostgreSQL schema to the current version. */
export interface PostgresMigrationPlan {
  /** The schema version the code writes. */
  version: number;
  /** Creates the current schema in an empty one. */
  create(client: PoolClient): Promise<void>;
  /** Upgrades from older versions, in order. */
  migrations: readonly PostgresMigration[];
}

/** The advisory lock that serialises migrations: `biannian` in ASCII, then 1. */
export const MIGRATION_LOCK = [0x6269616e, 1] as const;

async function readVersion(client: PoolClient): Promise<number | null> {
  const table = await client.query<{ found: boolean }>(
    "SELECT to_regclass(format('%I.schema_version', current_schema())) IS NOT NULL AS found",
  );
  if (!table.rows[0]?.found) return null;
  const row = await client.query<{ version: number }>("SELECT version FROM schema_version");
  return row.rows[0]?.version ?? 0;
}

/**
 * Brings the client's current schema (the first of its `search_path`) to `plan.version`.
 *
 * @param label how to name the database in errors (its URL without the password)
 * @returns the version found and the version now
 * @throws SchemaVersionError for a newer schema, or a schema with tables but no `schema_version`
 */
export async function migratePostgres(
  client: PoolClient,
  plan: PostgresMigrationPlan,
  label: string,
): Promise<{ from: number; to: number }> {
  // An up-to-date schema needs no lock: opening it never waits for a running ingest.
  const current = await readVersion(client);
  if (current === plan.version) return { from: current, to: current };
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1, $2)", [...MIGRATION_LOCK]);
    const result = await upgrade(client, plan, label);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function upgrade(
  client: PoolClient,
  plan: PostgresMigrationPlan,
  label: string,
): Promise<{ from: number; to: number }> {
  const found = await readVersion(client);
  if (found === null) {
    const tables = await client.query<{ n: number }>(
      "SELECT count(*) AS n FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
    );
    if ((tables.rows[0]?.n ?? 0) > 0) {
      throw new SchemaVersionError(
        `${label} is not a biannian database (its schema has tables but no schema_version); choose another database or schema`,
      );
    }
    await plan.create(client);
    await client.query("INSERT INTO schema_version (version) VALUES ($1)", [plan.version]);
    return { from: 0, to: plan.version };
  }
  if (found > plan.version) {
    throw new SchemaVersionError(
      `${label} has schema version ${found}, but this version of biannian reads version ${plan.version} at most; upgrade biannian to open it`,
    );
  }
  for (const migration of plan.migrations) {
    if (migration.version <= found || migration.version > plan.version) continue;
    await migration.up(client);
    await client.query("UPDATE schema_version SET version = $1", [migration.version]);
  }
  const now = (await readVersion(client)) ?? 0;
  if (now !== plan.version) {
    throw new SchemaVersionError(
      `${label} has schema version ${now} and no migration leads to ${plan.version}`,
    );
  }
  return { from: found, to: now };
}
