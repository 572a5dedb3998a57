/**
 * Opens the store a location names: a PostgreSQL connection URL (`postgres://…` or
 * `postgresql://…`) selects the PostgreSQL backend, anything else is a SQLite file (the default).
 * The PostgreSQL driver is loaded only when a URL asks for it.
 */
import type { PostgresStore, PostgresStoreOptions } from "./postgres/store.ts";
import { openSqliteStore } from "./sqlite/store.ts";
import type { Store } from "./types.ts";

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * Whether a database location is a PostgreSQL connection URL rather than a SQLite file.
 *
 * @example
 * isPostgresUrl("postgres://ann@localhost/biannian") //=> true
 * isPostgresUrl("/home/ann/biannian.db") //=> false
 */
export function isPostgresUrl(location: string): boolean {
  return POSTGRES_URL.test(location);
}

/**
 * A database location fit to print: a URL loses its password, a path stays as it is.
 *
 * @example
 * describeLocation("postgres://ann:secret@db.example/biannian") //=> "postgres://ann@db.example/biannian"
 */
export function describeLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    url.password = "";
    return url.toString();
  } catch {
    return location.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1@");
  }
}

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
