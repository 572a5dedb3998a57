import { openSqliteStore } from "../../src/store/index.ts";
import { storeContract, storeParity } from "./contract.ts";
import { openTestStore, POSTGRES_SKIP } from "./postgres-server.ts";

storeContract("PostgreSQL", () => openTestStore(), { skip: POSTGRES_SKIP });
storeParity(
  "SQLite and PostgreSQL",
  () => openSqliteStore(":memory:"),
  () => openTestStore(),
  {
    skip: POSTGRES_SKIP,
  },
);
// The same with the deferred indexes complete: SQLite's pair index, PostgreSQL's pair postings.
storeParity(
  "SQLite and PostgreSQL, pair indexes complete",
  () => openSqliteStore(":memory:"),
  () => openTestStore(),
  { skip: POSTGRES_SKIP, completeIndex: true },
);
