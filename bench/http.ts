/**
 * HTTP: `biannian serve` on 127.0.0.1 over the whole bundled corpus plus the benchmark corpus
 * (`servedDatabase`), measured against the goals of issue #16 with 8 connections:
 *
 * - the first call of every route ≤ 300 ms: a fresh server, and before any other request, one
 *   call of each route of the recorded mix (most requested first) and of every other GET route
 *   of its OpenAPI document, one at a time;
 * - then, after a short warm-up, `BENCH_HTTP_SECONDS` (default 60) of autocannon load with the
 *   mix of requests the web app sends (bench/http-mix.json, recorded in a browser by
 *   bench/record-mix.ts): ≥ 500 requests/s, p99 ≤ 200 ms, no errors and no non-2xx answers,
 *   with each route's p99 under that load, and its median alone (from the warm-up, one request
 *   at a time), which says where the server's time goes.
 *
 * The ids, days and search terms of the recorded requests are filled from what the server holds,
 * read from a first server that is stopped before the fresh one starts. Runs alone:
 * `node --import tsx bench/http.ts`.
 *
 * Every request, the first calls and the warm-up included, carries the headers chromium sends
 * with the web app's `fetch` (`BROWSER_HEADERS`, as chromium 156 sent them to a logging server):
 * above all `accept-encoding: gzip, deflate, br, zstd`, so the server answers as it answers a
 * browser (gzipped) and the load generator reads what a browser would. No `if-none-match` is
 * sent: chromium sends one only for a URL its HTTP cache holds from an earlier page load, and in
 * the recorded session every request is the first fetch of its URL in its page (the app keeps
 * what it fetched, web/src/api.ts), so every answer is sent whole, never a 304.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { type Figure, random } from "./corpus.ts";
import { fillExample, type HttpMix, placeholderPath, placeholdersOf, readMix } from "./mix.ts";
import { mixedQueries } from "./queries.ts";
import { servedCode, startServe, stopServe } from "./serve.ts";
import { note, servedDatabase, workspace } from "./workspace.ts";

/** Seconds of load, from this variable; default 60. */
export const SECONDS_ENV = "BENCH_HTTP_SECONDS";
/**
 * A database to serve instead of ingesting a new one, from this variable: one that
 * `biannian ingest` filled with the bundled corpus and the benchmark corpus of this scale (the
 * `served.db` an earlier run built), so that runs made one after the other skip the ingest.
 */
export const DB_ENV = "BENCH_HTTP_DB";
const DEFAULT_SECONDS = 60;
/** Concurrent connections: enough to keep the server busy on two cores. */
const CONNECTIONS = 8;
/** Seconds a request may take before it counts as a timeout. */
const REQUEST_TIMEOUT = 30;
/** Distinct requests in the workload, cycled through in order. */
const WORKLOAD_SIZE = 2000;
/** Requests sent one at a time between the first calls and the load… */
const WARM_UP = 200;
/** …and at least this many of each route. */
const WARM_PER_ROUTE = 5;
/** The seeds of the workload's choices and of the first calls' ids. */
const WORKLOAD_SEED = 16;
const FIRST_CALL_SEED = 300;
/** Entries sampled from the server for `{entry}` and `{jdn}`. */
const ENTRY_SAMPLE = 1000;
/** Words of the served text for `{term}`, beside the recorded terms. */
const TERMS_FROM_TEXT = 300;
/**
 * The headers chromium sends with the web app's `fetch(url, { headers: { accept: "application/json" } })`
 * from a page on 127.0.0.1 (chromium 156, headless; `host` and `connection` are the client's own).
 */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  "sec-ch-ua-platform": '"Linux"',
  "user-agent":
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
  accept: "application/json",
  "sec-ch-ua": '"Not:A-Brand";v="8", "Chromium";v="156"',
  "sec-ch-ua-mobile": "?0",
  "sec-fetch-site": "same-origin",
  "sec-fetch-mode": "cors",
  "sec-fetch-dest": "empty",
  referer: "http://127.0.0.1/",
  "accept-encoding": "gzip, deflate, br, zstd",
  "accept-language": "en-US,en;q=0.9",
};
/** The goals of issue #16. */
const GOAL = { firstCallMs: 300, requestsPerSecond: 500, p99Ms: 200 } as const;

/** One request of the workload: its route pattern and its path. */
interface Request {
  route: string;
  path: string;
}

/** The values each placeholder is filled from. */
type Pool = Map<string, string[]>;

/** The p-th percentile (0–100) of sorted values, rounded to 0.1. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, at)]! * 10) / 10;
}

async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok)
    throw new Error(`GET ${path}: ${response.status} ${(await response.text()).slice(0, 500)}`);
  return (await response.json()) as T;
}

/** A query parameter of a route, as the OpenAPI document gives it. */
interface QueryParameter {
  name: string;
  required: boolean;
  schema?: Record<string, unknown>;
}

/** The GET routes of the server's OpenAPI document, with their query parameters. */
type Routes = Map<string, QueryParameter[]>;

export async function openapiRoutes(base: string): Promise<Routes> {
  type Parameter = { name: string; in: string; required?: boolean; schema?: Record<string, unknown> };
  const doc = await getJson<{ paths: Record<string, { get?: { parameters?: Parameter[] } }> }>(
    base,
    "/api/openapi.json",
  );
  const routes: Routes = new Map();
  for (const [path, item] of Object.entries(doc.paths))
    if (item.get)
      routes.set(
        path,
        (item.get.parameters ?? [])
          .filter((p) => p.in === "query")
          .map((p) => ({
            name: p.name,
            required: p.required === true,
            ...(p.schema ? { schema: p.schema } : {}),
          })),
      );
  return routes;
}

/** What the server holds, for the placeholders: documents, entries and their days, entities, works, terms. */
export async function holdings(base: string, text: string, recordedTerms: readonly string[]): Promise<Pool> {
  const pool: Pool = new Map();
  const documents = await getJson<{ results: { id: number }[] }>(base, "/api/documents");
  pool.set(
    "{document}",
    documents.results.map((d) => String(d.id)),
  );
  const total = (await getJson<{ total: number }>(base, "/api/entries?limit=1")).total;
  const entries: { id: string; date?: { jdn?: { start: number } | null } }[] = [];
  const slices = ENTRY_SAMPLE / 100;
  for (let i = 0; i < slices; i++) {
    const offset = Math.floor((i * Math.max(0, total - 100)) / Math.max(1, slices - 1));
    const page = await getJson<{ results: typeof entries }>(base, `/api/entries?limit=100&offset=${offset}`);
    entries.push(...page.results);
  }
  pool.set(
    "{entry}",
    entries.map((e) => e.id),
  );
  pool.set(
    "{jdn}",
    entries.flatMap((e) => (e.date?.jdn ? [String(e.date.jdn.start)] : [])),
  );
  const all: string[] = [];
  for (const kind of ["person", "place", "polity", "office"]) {
    const list = await getJson<{ results: { id: string }[] }>(base, `/api/entities?kind=${kind}`);
    pool.set(
      `{${kind}}`,
      list.results.map((e) => e.id),
    );
    all.push(...list.results.map((e) => e.id));
  }
  pool.set("{entity}", all);
  const sources = await getJson<{ results: { work: string }[] }>(base, "/api/sources");
  pool.set(
    "{work}",
    sources.results.map((s) => s.work),
  );
  // Words as a reader would search them: 2–4 characters, simplified forms, two terms; not the
  // single characters and misses the search suite also times.
  const words = mixedQueries(text, TERMS_FROM_TEXT * 2)
    .filter((q) => !q.filter && !["1 char", "no hits"].includes(q.kind))
    .slice(0, TERMS_FROM_TEXT)
    .map((q) => q.query);
  pool.set("{term}", [...recordedTerms, ...words]);
  return pool;
}

/**
 * The workload: `WORKLOAD_SIZE` requests, each route as often as its share of the recorded mix,
 * each of its examples as often as the session sent it, the placeholders filled from the pool.
 */
export function workloadOf(mix: HttpMix, pool: Pool): Request[] {
  const next = random(WORKLOAD_SEED);
  const weighted = <T>(items: readonly T[], weight: (t: T) => number): T => {
    const sum = items.reduce((a, t) => a + weight(t), 0);
    let r = next() * sum;
    for (const t of items) {
      r -= weight(t);
      if (r < 0) return t;
    }
    return items.at(-1)!;
  };
  const fill = (placeholder: string) => {
    const values = pool.get(placeholder) ?? [];
    if (values.length === 0) throw new Error(`the server holds nothing for ${placeholder}`);
    return values[Math.floor(next() * values.length)]!;
  };
  const out: Request[] = [];
  for (let i = 0; i < WORKLOAD_SIZE; i++) {
    const route = weighted(mix.routes, (r) => r.share);
    const example = weighted(route.examples, (e) => e.count);
    out.push({ route: route.route, path: fillExample(example.path, fill) });
  }
  return out;
}

/**
 * A plausible request of a GET route the mix does not cover: its path ids filled as the mix's
 * would be, its required query parameters given (a search term, a day, or the schema's example,
 * default or least value), `limit=20` where it pages, and a chronicle for an export.
 */
function plausibleRequest(route: string, parameters: readonly QueryParameter[]): string {
  const query = parameters.flatMap((p) => {
    if (p.name === "limit") return ["limit=20"];
    // An export needs a selection, which no one parameter is required to give: one chronicle.
    if (route === "/api/export" && p.name === "document") return ["document={document}"];
    if (!p.required) return [];
    if (p.name === "q") return ["q={term}"];
    if (p.name === "jdn") return ["jdn={jdn}"];
    const schema = p.schema ?? {};
    const value = schema.example ?? schema.default ?? schema.minimum ?? "1";
    return [`${p.name}=${String(value)}`];
  });
  const path = placeholderPath(route, "");
  return query.length ? `${path}?${query.join("&")}` : path;
}

/** One request, timed from sending to the last byte of the answer. */
async function timed(base: string, path: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: BROWSER_HEADERS });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

const goalMs = (ms: number) => `≤ ${ms} ms`;

/** A request path as a reader reads it: percent-escapes decoded. */
function readable(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Measures `biannian serve` against the goals: first calls, then the recorded mix under load.
 *
 * @example
 * for (const f of await benchHttp()) console.log(f.name, f.value, f.unit, f.met);
 */
export async function benchHttp(): Promise<Figure[]> {
  const seconds = Number(process.env[SECONDS_ENV] || DEFAULT_SECONDS);
  const mix = readMix();
  const ws = workspace();
  const reused = process.env[DB_ENV];
  const served = reused ? { path: reused, summary: `reused: ${reused} (${DB_ENV})` } : servedDatabase(ws);
  note(`http: served database: the bundled corpus and the benchmark corpus, ${served.summary}`);
  note(`http: the server: ${servedCode()}`);
  note(`http: the mix: ${mix.requests} requests of a browser session recorded ${mix.recorded.slice(0, 10)}`);

  // What the database holds, from a first server, stopped before the measured one starts.
  const scout = await startServe(served.path);
  let pool: Pool;
  let routes: Routes;
  try {
    routes = await openapiRoutes(scout.base);
    pool = await holdings(scout.base, readFileSync(ws.allText, "utf8"), mix.terms);
  } finally {
    await stopServe(scout);
  }
  const workload = workloadOf(mix, pool);
  // The first calls: each route's most frequent request, its placeholders drawn from the pool.
  const draw = random(FIRST_CALL_SEED);
  const firstFill = (placeholder: string) => {
    const values = pool.get(placeholder) ?? [];
    return values[Math.floor(draw() * values.length)] ?? "";
  };
  const firstPlan = [
    ...mix.routes.map((r) => ({
      route: r.route,
      inMix: true,
      path: fillExample(r.examples[0]!.path, firstFill),
    })),
    ...[...routes]
      .filter(([route]) => !mix.routes.some((r) => r.route === route))
      .map(([route, parameters]) => ({
        route,
        inMix: false,
        path: fillExample(plausibleRequest(route, parameters), firstFill),
      })),
  ];
  const unknown = mix.routes.filter((r) => !routes.has(r.route)).map((r) => r.route);
  if (unknown.length)
    note(`http: routes of the mix the OpenAPI document no longer lists: ${unknown.join(", ")}`);
  const unfilled = mix.routes.flatMap((r) =>
    r.examples.flatMap((e) => placeholdersOf(e.path)).filter((p) => !pool.get(p)?.length),
  );
  if (unfilled.length)
    note(`http: placeholders the server holds nothing for: ${[...new Set(unfilled)].join(", ")}`);

  const server = await startServe(served.path);
  const figures: Figure[] = [
    { name: "server start (spawn to listening)", value: Math.round(server.startMs), unit: "ms" },
  ];
  try {
    // The first call of every route, one at a time, before any other request.
    const firsts: { route: string; inMix: boolean; ms: number; status: number; path: string }[] = [];
    for (const plan of firstPlan) {
      const { ms, status } = await timed(server.base, plan.path);
      firsts.push({ ...plan, ms, status });
      if (status >= 300) note(`http: first call ${plan.path} answered ${status}`);
    }
    for (const f of firsts)
      figures.push({
        name: `first call: ${f.route}${f.inMix ? "" : " (not in the mix)"}`,
        value: Math.round(f.ms * 10) / 10,
        unit: "ms",
        goal: goalMs(GOAL.firstCallMs),
        met: f.ms <= GOAL.firstCallMs && f.status < 300,
      });
    note(
      "http: the first calls, in this order (a cost routes share, such as a cache built on first use, " +
        `falls on the first of them): ${firsts.map((f) => `${readable(f.path)} ${Math.round(f.ms)} ms`).join(", ")}`,
    );
    const worst = firsts.reduce((a, b) => (b.ms > a.ms ? b : a));
    figures.push({
      name: `first call, slowest: ${worst.route}`,
      value: Math.round(worst.ms * 10) / 10,
      unit: "ms",
      goal: goalMs(GOAL.firstCallMs),
      met: firsts.every((f) => f.ms <= GOAL.firstCallMs && f.status < 300),
    });

    // A warm-up, one request at a time: the start of the workload and a few of every route. It
    // gives each route's time alone, what the server spends on it when nothing waits; what
    // fails is noted.
    const warmUp = workload.slice(0, WARM_UP);
    for (const { route } of mix.routes) {
      const have = warmUp.filter((w) => w.route === route).length;
      warmUp.push(...workload.filter((w) => w.route === route).slice(have, WARM_PER_ROUTE));
    }
    const alone = new Map<string, number[]>();
    for (const { route, path } of warmUp) {
      const { ms, status } = await timed(server.base, path);
      alone.set(route, [...(alone.get(route) ?? []), ms]);
      if (status >= 300) note(`http: warm-up ${route} ${path} answered ${status}`);
    }

    // The load, each answer timed and counted under its route.
    const byRoute = new Map<string, { ms: number[]; failed: number }>();
    let next = 0;
    const result = await autocannon({
      url: server.base,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: REQUEST_TIMEOUT,
      requests: [
        {
          method: "GET",
          headers: { ...BROWSER_HEADERS },
          setupRequest: (request, context) => {
            const chosen = workload[next++ % workload.length]!;
            context.route = chosen.route;
            context.sentAt = performance.now();
            return { ...request, path: chosen.path };
          },
          onResponse: (status, _body, context) => {
            const { route, sentAt } = context as { route?: string; sentAt?: number };
            if (!route || sentAt === undefined) return;
            const entry = byRoute.get(route) ?? { ms: [], failed: 0 };
            entry.ms.push(performance.now() - sentAt);
            if (status >= 300) entry.failed++;
            byRoute.set(route, entry);
          },
        },
      ],
    });
    const requests = result["2xx"] + result.non2xx;
    const throughput = Math.round(requests / seconds);
    if (seconds < DEFAULT_SECONDS)
      note(`http: ${seconds} s of load (${SECONDS_ENV}), not the full ${DEFAULT_SECONDS} s`);
    const zero = (name: string, value: number): Figure => ({
      name,
      value,
      unit: "",
      goal: "0",
      met: value === 0,
    });
    figures.push(
      {
        name: `load: ${seconds} s, ${CONNECTIONS} connections, the recorded mix (${mix.routes.length} routes)`,
        value: requests,
        unit: "requests",
      },
      {
        name: "sustained throughput",
        value: throughput,
        unit: "requests/s",
        goal: `≥ ${GOAL.requestsPerSecond}`,
        met: throughput >= GOAL.requestsPerSecond,
      },
      { name: "latency p50", value: result.latency.p50, unit: "ms" },
      {
        name: "latency p99",
        value: result.latency.p99,
        unit: "ms",
        goal: goalMs(GOAL.p99Ms),
        met: result.latency.p99 <= GOAL.p99Ms,
      },
      { name: "latency max", value: result.latency.max, unit: "ms" },
      zero("errors (connection errors and timeouts)", result.errors),
      { name: "of which timeouts", value: result.timeouts, unit: "" },
      zero("non-2xx responses", result.non2xx),
    );
    const loaded = [...byRoute]
      .map(([route, { ms, failed }]) => {
        const sorted = [...ms].sort((a, b) => a - b);
        return {
          route,
          count: sorted.length,
          failed,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
        };
      })
      .sort((a, b) => b.p99 - a.p99);
    for (const r of loaded)
      figures.push({
        name: `under load, p99: ${r.route} (${r.count} requests${r.failed ? `, ${r.failed} not 2xx` : ""})`,
        value: r.p99,
        unit: "ms",
      });
    note(`http: under load, p50 by route: ${loaded.map((r) => `${r.route} ${r.p50} ms`).join(", ")}`);
    // Alone, each route's median is what a request of it costs the server; weighted by the
    // route's share it says where the server's time goes under the mix.
    const cost = mix.routes
      .map((r) => {
        const sorted = [...(alone.get(r.route) ?? [])].sort((a, b) => a - b);
        return { route: r.route, count: sorted.length, median: percentile(sorted, 50), share: r.share };
      })
      .sort((a, b) => b.median - a.median);
    for (const c of cost)
      figures.push({
        name: `one at a time, median: ${c.route} (${c.count} requests)`,
        value: c.median,
        unit: "ms",
      });
    const perRequest = cost.reduce((sum, c) => sum + c.share * c.median, 0);
    note(
      `http: one at a time, a request of the mix costs ${perRequest.toFixed(1)} ms on average ` +
        `(${Math.round(1000 / Math.max(perRequest, 0.001))} requests/s on one core); of that time: ` +
        cost
          .map((c) => ({ route: c.route, part: (c.share * c.median) / Math.max(perRequest, 0.001) }))
          .sort((a, b) => b.part - a.part)
          .map((c) => `${c.route} ${Math.round(c.part * 100)} %`)
          .join(", "),
    );
    return figures;
  } finally {
    await stopServe(server);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await benchHttp()) {
    const goal = f.goal ? `  (goal ${f.goal}: ${f.met ? "met" : "not met"})` : "";
    console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}${goal}`);
  }
}
