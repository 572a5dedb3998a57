import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultDatabasePath, resolveDatabasePath } from "./location.ts";

describe("defaultDatabasePath", () => {
  test("uses $XDG_DATA_HOME when it is an absolute path", () => {
    assert.equal(
      defaultDatabasePath({ env: { XDG_DATA_HOME: "/data" }, platform: "linux", home: "/home/ann" }),
      "/data/biannian/biannian.db",
    );
    assert.equal(
      defaultDatabasePath({ env: { XDG_DATA_HOME: "relative" }, platform: "linux", home: "/home/ann" }),
      "/home/ann/.local/share/biannian/biannian.db",
    );
  });

  test("falls back to ~/.local/share, or the platform's place on macOS and Windows", () => {
    assert.equal(
      defaultDatabasePath({ env: {}, platform: "linux", home: "/home/ann" }),
      "/home/ann/.local/share/biannian/biannian.db",
    );
    assert.equal(
      defaultDatabasePath({ env: {}, platform: "darwin", home: "/Users/ann" }),
      "/Users/ann/Library/Application Support/biannian/biannian.db",
    );
    assert.match(
      defaultDatabasePath({
        env: { LOCALAPPDATA: "C:\\Users\\ann\\AppData\\Local" },
        platform: "win32",
        home: "C:\\Users\\ann",
      }),
      /AppData.Local.biannian.biannian\.db$/,
    );
  });
});

describe("resolveDatabasePath", () => {
  const context = { env: { BIANNIAN_DB: "/env.db" }, platform: "linux" as const, home: "/home/ann" };
  test("prefers --db, then $BIANNIAN_DB, then the default", () => {
    assert.equal(resolveDatabasePath("/flag.db", context), "/flag.db");
    assert.equal(resolveDatabasePath(undefined, context), "/env.db");
    assert.equal(
      resolveDatabasePath(undefined, { ...context, env: {} }),
      "/home/ann/.local/share/biannian/biannian.db",
    );
    assert.equal(
      resolveDatabasePath("", { ...context, env: { BIANNIAN_DB: "" } }),
      "/home/ann/.local/share/biannian/biannian.db",
    );
  });
});
