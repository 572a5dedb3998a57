export {
  type Correction,
  type CorrectionAction,
  type CorrectionData,
  CorrectionError,
  type CorrectionInput,
  type CorrectionStatus,
  type CorrectionTarget,
} from "./corrections.ts";
export { DatabaseWriteError, SchemaVersionError, StoreError } from "./errors.ts";
export { formatEntryId, parseEntryId } from "./ids.ts";
export {
  DATABASE_ENV,
  defaultDatabasePath,
  describeLocation,
  isPostgresUrl,
  resolveDatabasePath,
} from "./location.ts";
export { openPostgresStore, openStore } from "./open.ts";
export type { PostgresStore, PostgresStoreOptions } from "./postgres/store.ts";
export { documentToRows } from "./rows.ts";
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from "./sqlite/store.ts";
export type * from "./types.ts";
