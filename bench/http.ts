/**
 * HTTP: `biannian serve` on 127.0.0.1 over the database the pipeline's ingest stage filled,
 * loaded by autocannon for `BENCH_HTTP_SECONDS` seconds (default 60) with a mixed read workload
 * (`WORKLOAD`: searches, entry lists, entries, annotations, documents, the concordance, sources,
 * the timeline and the web page). Reports sustained requests/s, latency p50 / p99, errors and
 * non-2xx responses (the goal: none). Runs alone: `node --import tsx bench/http.ts`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import type { Figure } from "./corpus.ts";
import { mixedQueries } from "./queries.ts";
import { ingestedDatabase, note, workspace } from "./workspace.ts";

/** Seconds of load, from this variable; default 60. */
export const SECONDS_ENV = "BENCH_HTTP_SECONDS";
const DEFAULT_SECONDS = 60;
/** Concurrent connections: enough to keep the server busy on two cores. */
const CONNECTIONS = 8;
/** Seconds a request may take before it counts as a timeout. */
const REQUEST_TIMEOUT = 30;
/** How long the server may take to start (it may build the web app first). */
const START_TIMEOUT_MS = 180_000;
/** Distinct requests in the workload, cycled through in order. */
const WORKLOAD_SIZE = 2000;
const HOST = "127.0.0.1";
const BIN = fileURLToPath(new URL("../bin/biannian", import.meta.url));
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The kinds of request, and how many of every 100 requests are of each kind. */
export const WORKLOAD = {
  search: 30,
  "search, filtered": 5,
  "find (the web app's search)": 5,
  "entries list": 12,
  "entry detail": 15,
  "entry annotations": 5,
  "documents list": 3,
  "document detail": 3,
  "document entries": 5,
  concordance: 8,
  sources: 3,
  timeline: 1,
  "web page": 5,
} as const;
type RequestKind = keyof typeof WORKLOAD;

/** The median, rounded to 0.1. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
}

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `biannian serve` and resolves once it answers; rejects with its output if it does not. */
async function startServe(db: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", String(port), "--host", HOST], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${output.trim()}`);
    try {
      const response = await fetch(`http://${HOST}:${port}/api/documents`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`serve did not answer within ${START_TIMEOUT_MS / 1000} s: ${output.trim()}`);
}

/** Stops the server and waits for it to exit. */
function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The request paths of the workload, in the shares of `WORKLOAD`, from what the server holds. */
async function workloadPaths(base: string, text: string): Promise<{ kind: RequestKind; path: string }[]> {
  const q = encodeURIComponent;
  const documents = (await getJson<{ results: { id: number; entryCount: number }[] }>(base, "/api/documents"))
    .results;
  const total = (await getJson<{ total: number }>(base, "/api/entries?limit=1")).total;
  const entries: { id: string; date: { jdn?: { start: number } | null } }[] = [];
  for (let i = 0; i < 10; i++) {
    const offset = Math.floor((i * total) / 10);
    const page = await getJson<{ results: typeof entries }>(base, `/api/entries?limit=100&offset=${offset}`);
    entries.push(...page.results);
  }
  const days = entries.flatMap((e) => (e.date.jdn ? [e.date.jdn.start] : []));
  const queries = mixedQueries(text, WORKLOAD_SIZE);
  const plain = queries.filter((x) => !x.filter);
  const filtered = queries.filter((x) => x.filter);
  const kinds: RequestKind[] = [];
  for (const [kind, share] of Object.entries(WORKLOAD) as [RequestKind, number][])
    for (let i = 0; i < share; i++) kinds.push(kind);
  const out: { kind: RequestKind; path: string }[] = [];
  for (let i = 0; i < WORKLOAD_SIZE; i++) {
    const kind = kinds[(i * 37) % kinds.length]!; // 37 is prime to 100: every kind, spread out
    const at = <T>(list: readonly T[]) => list[(i * 7919) % list.length]!;
    const entry = at(entries);
    const doc = at(documents);
    const paths: Record<RequestKind, () => string> = {
      search: () => `/api/search?q=${q(at(plain).query)}&limit=20`,
      "search, filtered": () => {
        const f = at(filtered);
        const filter = Object.entries(f.filter ?? {})
          .map(([k, v]) => `&${k}=${q(String(v))}`)
          .join("");
        return `/api/search?q=${q(f.query)}${filter}`;
      },
      "find (the web app's search)": () => `/api/find?q=${q(at(plain).query)}`,
      "entries list": () => `/api/entries?limit=20&offset=${(i * 7919) % Math.max(1, total - 20)}`,
      "entry detail": () => `/api/entries/${q(entry.id)}`,
      "entry annotations": () => `/api/entries/${q(entry.id)}/annotations`,
      "documents list": () => "/api/documents",
      "document detail": () => `/api/documents/${doc.id}`,
      "document entries": () => `/api/documents/${doc.id}/entries?limit=20`,
      concordance: () => `/api/concordance?jdn=${at(days)}`,
      sources: () => "/api/sources",
      timeline: () => "/api/timeline",
      "web page": () => "/",
    };
    out.push({ kind, path: paths[kind]() });
  }
  return out;
}

/**
 * Loads `biannian serve` with the mixed read workload and measures it.
 *
 * @example
 * for (const f of await benchHttp()) console.log(f.name, f.value, f.unit, f.met);
 */
export async function benchHttp(): Promise<Figure[]> {
  const seconds = Number(process.env[SECONDS_ENV] || DEFAULT_SECONDS);
  const ws = workspace();
  const db = ingestedDatabase(ws);
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const server = await startServe(db, port);
  try {
    const workload = await workloadPaths(base, readFileSync(ws.allText, "utf8"));
    // A tenth of the workload once before the load, one request at a time: it warms the server,
    // and gives each kind's latency unloaded; what fails is noted.
    const alone = new Map<RequestKind, number[]>();
    for (const { kind, path } of workload.slice(0, WORKLOAD_SIZE / 10)) {
      const start = performance.now();
      const response = await fetch(`${base}${path}`);
      await response.arrayBuffer();
      alone.set(kind, [...(alone.get(kind) ?? []), performance.now() - start]);
      if (!response.ok) note(`http: warm-up ${kind} ${path} answered ${response.status}`);
    }
    let next = 0;
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: REQUEST_TIMEOUT,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => ({ ...request, path: workload[next++ % workload.length]!.path }),
        },
      ],
    });
    const requests = result["2xx"] + result.non2xx;
    const goalFree = (name: string, value: number): Figure => ({
      name,
      value,
      unit: "",
      goal: "0",
      met: value === 0,
    });
    if (seconds < DEFAULT_SECONDS)
      note(`http: ${seconds} s of load (${SECONDS_ENV}), not the full ${DEFAULT_SECONDS} s`);
    return [
      {
        name: `load: ${seconds} s, ${CONNECTIONS} connections, mixed reads (${Object.keys(WORKLOAD).length} kinds)`,
        value: requests,
        unit: "requests",
      },
      { name: "sustained throughput", value: Math.round(requests / seconds), unit: "requests/s" },
      { name: "latency p50", value: result.latency.p50, unit: "ms" },
      { name: "latency p99", value: result.latency.p99, unit: "ms" },
      { name: "latency max", value: result.latency.max, unit: "ms" },
      goalFree("errors (connection errors and timeouts)", result.errors),
      { name: "of which timeouts", value: result.timeouts, unit: "" },
      goalFree("non-2xx responses", result.non2xx),
      ...(Object.keys(WORKLOAD) as RequestKind[]).flatMap((kind): Figure[] => {
        const times = alone.get(kind);
        return times ? [{ name: `one at a time, median: ${kind}`, value: median(times), unit: "ms" }] : [];
      }),
    ];
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
