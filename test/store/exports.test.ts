import assert from "node:assert/strict";
import { test } from "node:test";

test("pins the public exports of the store, search and server modules", async () => {
  assert.deepEqual(Object.keys(await import("../../src/store/index.ts")).sort(), [
    "CorrectionError",
    "DATABASE_ENV",
    "DatabaseWriteError",
    "SchemaVersionError",
    "SqliteStore",
    "StoreError",
    "defaultDatabasePath",
    "describeLocation",
    "documentToRows",
    "formatEntryId",
    "isPostgresUrl",
    "openPostgresStore",
    "openSqliteStore",
    "openStore",
    "parseEntryId",
    "resolveDatabasePath",
  ]);
  assert.deepEqual(Object.keys(await import("../../src/search/index.ts")).sort(), [
    "FOLD_VERSION",
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "QueryError",
    "VARIANTS",
    "findMatches",
    "fold",
    "foldChar",
    "foldWithOffsets",
    "parseQuery",
  ]);
  assert.deepEqual(Object.keys(await import("../../src/server/index.ts")).sort(), [
    "API_VERSION",
    "ApiError",
    "PROBLEM_TYPE",
    "createApp",
    "problemResponse",
    "startServer",
  ]);
});
