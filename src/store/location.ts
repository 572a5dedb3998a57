import { homedir } from "node:os";
import { join } from "node:path";

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

/** The environment variable that names the database when `--db` is not given. */
export const DATABASE_ENV = "BIANNIAN_DB";

/** What `defaultDatabasePath` looks at; the process's own values by default. */
export interface LocationContext {
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * The database file used when neither `--db` nor `BIANNIAN_DB` names one: `biannian.db` in the
 * user's data directory — `$XDG_DATA_HOME/biannian/` when that variable is set (to an absolute
 * path), otherwise `~/Library/Application Support/biannian/` on macOS,
 * `%LOCALAPPDATA%\biannian\` on Windows and `~/.local/share/biannian/` elsewhere.
 *
 * @example
 * defaultDatabasePath({ env: {}, platform: "linux", home: "/home/ann" })
 * //=> "/home/ann/.local/share/biannian/biannian.db"
 */
export function defaultDatabasePath(context: LocationContext = {}): string {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  const home = context.home ?? homedir();
  const xdg = env.XDG_DATA_HOME;
  let dir: string;
  if (xdg && (xdg.startsWith("/") || /^[A-Za-z]:[\\/]/.test(xdg))) dir = xdg;
  else if (platform === "darwin") dir = join(home, "Library", "Application Support");
  else if (platform === "win32") dir = env.LOCALAPPDATA || join(home, "AppData", "Local");
  else dir = join(home, ".local", "share");
  return join(dir, "biannian", "biannian.db");
}

/**
 * The database to open: the `--db` option if given, else `$BIANNIAN_DB`, else
 * `defaultDatabasePath()`.
 *
 * @param option the value of `--db`, if any
 * @example
 * resolveDatabasePath(undefined, { env: { BIANNIAN_DB: "/tmp/x.db" } }) //=> "/tmp/x.db"
 */
export function resolveDatabasePath(option: string | undefined, context: LocationContext = {}): string {
  if (option !== undefined && option !== "") return option;
  const fromEnv = (context.env ?? process.env)[DATABASE_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return defaultDatabasePath(context);
}
