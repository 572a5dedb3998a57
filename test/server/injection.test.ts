/**
 * Hostile strings through every parameter of every API route, on SQLite and on PostgreSQL: the
 * routes and their parameters come from the OpenAPI document, so a new route is covered without
 * editing this file. Each request is answered with a 2xx or a 4xx problem document (never a
 * 5xx), with `X-Content-Type-Options: nosniff`, and the database is the same afterwards.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { createApp } from "../../src/server/index.ts";
import { openSqliteStore, type PostgresStore, type SqliteStore, type Store } from "../../src/store/index.ts";
import { documentInput, SAMPLE, SYNTHETIC } from "../store/fixtures.ts";
import { openTestStore, POSTGRES_SKIP } from "../store/postgres-server.ts";

/** Hostile values, already percent-encoded as they go into the URL, with a name for messages. */
const HOSTILE: [name: string, encoded: string][] = [
  ...[
    "' OR 1=1 --",
    "1' OR '1'='1",
    '"; DROP TABLE entries; --',
    "'); DELETE FROM documents; --",
    "1; SELECT pg_sleep(10)",
    "%",
    "_",
    "%_%",
    "\\",
    "\\'",
    "NEAR(",
    "NEAR(元 昊, 2)",
    '"',
    '元"昊',
    "*",
    "元*",
    "^",
    "^元",
    "AND OR NOT",
    "元 NOT 昊",
    "headline:元",
    "{headline details}:元",
    "(",
    ")",
    "-1",
    "1e309",
    "0x10",
    "NaN",
    "9".repeat(40),
    // The largest whole number the API advertises, and the one after it.
    String(Number.MAX_SAFE_INTEGER),
    "9007199254740992",
    `-${Number.MAX_SAFE_INTEGER}`,
    "person:yuanhao' --",
    "1:e1' OR '1'='1",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u3000",
    "\u{249BA}",
    "\u202E",
    "\uFEFF",
    "'".repeat(150),
    "元".repeat(150),
  ].map((value): [string, string] => [
    value.length > 40 ? `${value.slice(0, 12)}… (${value.length})` : value,
    encodeURIComponent(value),
  ]),
  ["NUL", "%00"],
  ["NUL inside a term", "%E5%85%83%00%E6%98%8A"],
  ["control characters", "%01%07%1B%7F"],
  ["lone high surrogate", "%ED%A0%80"],
  ["lone low surrogate", "%ED%B0%80"],
  ["overlong slash", "%C0%AF"],
  ["bare percent", "%"],
  ["half an escape", "%E5%8"],
  ["a very long value", encodeURIComponent("之".repeat(3000))],
  ["empty", ""],
];

interface Parameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  schema?: { example?: unknown };
}

interface Route {
  path: string;
  parameters: Parameter[];
}

/** Every GET route of the OpenAPI document with its parameters. */
async function routesOf(app: ReturnType<typeof createApp>): Promise<Route[]> {
  const document = (await (await app.request("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => method === "get")
      .map(([, operation]) => ({ path, parameters: operation.parameters ?? [] })),
  );
}

/** The request target for a route with one parameter set to a raw (encoded) value. */
function target(route: Route, hostile: Parameter | null, value: string): string {
  let path = route.path;
  const query: string[] = [];
  for (const p of route.parameters) {
    const given = p === hostile ? value : encodeURIComponent(String(p.schema?.example ?? ""));
    if (p.in === "path") path = path.replace(`{${p.name}}`, given);
    else if (p === hostile || p.required) query.push(`${p.name}=${given}`);
  }
  // Routes without the parameter still get it, as one they do not know.
  if (hostile === null) query.push(`x=${value}`);
  return query.length ? `${path}?${query.join("&")}` : path;
}

/** What must not change: counts of the stored rows and the answer to a known search. */
async function snapshot(store: Store) {
  const documents = await store.listDocuments();
  const entries = await store.listEntries({}, { limit: 100 });
  const search = await store.search({ query: "青鹽", limit: 100 });
  const sources = await store.listSources();
  return {
    documents: documents.map((d) => [d.id, d.path, d.entryCount, d.sha256]),
    entries: [entries.total, entries.results.map((e) => e.id)],
    search: [search.total, search.results.map((h) => [h.id, h.matches.length])],
    sources: sources.map((s) => [s.work, s.citationCount]),
    text: (await store.getDocumentText(2))?.length,
  };
}

function injectionSuite(
  name: string,
  open: () => Promise<Store>,
  tables: (store: Store) => Promise<unknown>,
  options: { skip?: string | false } = {},
) {
  describe(`hostile parameters on ${name}`, { skip: options.skip ?? false }, () => {
    test("every parameter of every route answers 2xx or a 4xx problem, and changes nothing", async (t) => {
      const store = await open();
      const logged: unknown[] = [];
      try {
        await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
        await store.putDocument(documentInput(SYNTHETIC, { path: "synthetic.txt" }));
        const app = createApp(store, { logError: (error) => logged.push(error) });
        const before = await snapshot(store);
        const tablesBefore = await tables(store);
        // Two entries of the sample (lines 22–24 and 31) and a note of the synthetic one (青盐) name 青鹽.
        assert.equal(before.search[0], 3, "the known search finds 青鹽 in three entries");
        const routes = await routesOf(app);
        assert.ok(routes.length >= 18, `${routes.length} routes`);
        const failures: string[] = [];
        const statuses = new Map<number, number>();
        let requests = 0;
        for (const route of routes) {
          const cases = route.parameters.length ? route.parameters : [null];
          for (const parameter of cases) {
            for (const [label, value] of HOSTILE) {
              const url = target(route, parameter, value);
              const response = await app.request(url);
              requests++;
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
              const where = `${route.path} ${parameter?.name ?? "x"}=${label}`;
              if (response.headers.get("x-content-type-options") !== "nosniff")
                failures.push(`${where}: ${response.status} without nosniff`);
              if (response.status >= 200 && response.status < 300) {
                await response.arrayBuffer();
              } else if (response.status >= 400 && response.status < 500) {
                const type = response.headers.get("content-type");
                const body = (await response.json()) as { status?: number; detail?: string };
                if (type !== "application/problem+json" || body.status !== response.status || !body.detail)
                  failures.push(`${where}: ${response.status} without a problem document`);
              } else {
                failures.push(`${where}: ${response.status} ${await response.text()}`);
              }
            }
          }
        }
        assert.deepEqual(failures, []);
        assert.deepEqual(logged, [], "no unexpected error was logged");
        assert.deepEqual(await snapshot(store), before, "the stored documents are unchanged");
        assert.deepEqual(await tables(store), tablesBefore, "the tables are unchanged");
        const both = [...statuses.keys()].filter((s) => s === 200 || s === 400);
        assert.deepEqual(both.sort(), [200, 400], "the hostile values were both accepted and refused");
        t.diagnostic(`${requests} requests: ${JSON.stringify(Object.fromEntries(statuses))}`);
      } finally {
        await store.close();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "biannian-inject-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Tables whose row counts must not change. */
const COUNTED = ["corpora", "documents", "years", "entries", "details", "citations", "notes", "variants"];

injectionSuite(
  "SQLite",
  async () => openSqliteStore(join(dir, "inject.db")),
  async (store) => {
    const db = (store as SqliteStore).db;
    assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
    const counts = COUNTED.map((table) => db.prepare(`SELECT count(*) AS n FROM ${table}`).get());
    return { tables: db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all(), counts };
  },
);

injectionSuite(
  "PostgreSQL",
  () => openTestStore(),
  async (store) => {
    const pool = (store as PostgresStore).pool;
    const { rows } = await pool.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
    );
    const counts = [];
    for (const table of COUNTED) counts.push((await pool.query(`SELECT count(*) AS n FROM ${table}`)).rows);
    return { tables: rows, counts };
  },
  { skip: POSTGRES_SKIP },
);
