/**
 * Opens the store a location names: a PostgreSQL connection URL (`postgres://…` or
 * `postgresql://…`) selects the PostgreSQL backend, anything else is a SQLite file (the default).
 * The PostgreSQL driver is loaded only when a URL asks for it. A SQLite file that exists but
 * cannot be written (read-only media, a file that is not the user's) is opened for reading.
 */
import { isPostgresUrl } from "./location.ts";
import type { PostgresStore, PostgresStoreOptions } from "./postgres/store.ts";
import { openSqliteStore } from "./sqlite/store.ts";
import type { Store } from "./types.ts";

/**
 * Opens (creating or upgrading as needed) a store in a PostgreSQL database; see
 * `postgres/store.ts`.
 *
 * @param url `postgres://user:password@host:port/database`
 * @example
 * const store = await openPostgresStore("postgres://ann@localhost/biannian", { schema: "test" })
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const { PostgresStore } = await import("./postgres/store.ts");
  return PostgresStore.open(url, options);
}

/**
 * Opens the store at a location, as `--db` and `BIANNIAN_DB` give it: PostgreSQL for a
 * `postgres://` URL, else the SQLite file at that path.
 *
 * @param location a connection URL or a file path (`:memory:` for a private in-memory database)
 * @example
 * const store = await openStore(resolveDatabasePath(undefined))
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) return openPostgresStore(location);
  return openSqliteStore(location);
}
