import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { openSqliteStore } from "../../src/store/index.ts";
import { storeContract } from "./contract.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract("SQLite in memory", () => openSqliteStore(":memory:"));
storeContract("SQLite file", () => openSqliteStore(join(dir, `store-${++n}.db`)));
