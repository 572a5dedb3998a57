export { StoreError } from "./errors.ts";
export { formatEntryId, parseEntryId } from "./ids.ts";
export { prepareDocument, readDocumentFile } from "./ingest.ts";
export { DATABASE_ENV, defaultDatabasePath, resolveDatabasePath } from "./location.ts";
export { documentToRows } from "./rows.ts";
export { SchemaVersionError } from "./sqlite/migrate.ts";
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from "./sqlite/store.ts";
export type * from "./types.ts";
