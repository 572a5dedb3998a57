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
