/**
 * `biannian serve` as a child process for the suites that load it over HTTP: a free port, start
 * (ready once it accepts connections, without sending it a request), stop, and which code
 * serves. `BENCH_SERVE_ROOT=DIR` runs the `biannian` of another checkout (say, a clean one of a
 * commit while the working tree is half changed); the database must then be built by it too.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const HOST = "127.0.0.1";
/** The checkout whose `biannian` serves and ingests, from this variable; default this one. */
export const SERVE_ROOT_ENV = "BENCH_SERVE_ROOT";
const OWN_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The checkout whose command the suites run.
 *
 * @example
 * serveRoot() //=> "/work/main/"
 */
export function serveRoot(): string {
  return process.env[SERVE_ROOT_ENV] || OWN_ROOT;
}

/**
 * The `biannian` command of that checkout.
 *
 * @example
 * biannianBin() //=> "/work/main/bin/biannian"
 */
export function biannianBin(): string {
  return join(serveRoot(), "bin", "biannian");
}
/** How long the server may take to start (it may build the web app first). */
const START_TIMEOUT_MS = 180_000;
const POLL_MS = 50;

/**
 * A free TCP port on the loopback interface.
 *
 * @example
 * await freePort() //=> 41 873
 */
export function freePort(): Promise<number> {
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

/** Whether something accepts TCP connections on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A running `biannian serve`. */
export interface Served {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** Milliseconds from spawn to the first accepted connection. */
  startMs: number;
  /** What the server printed so far. */
  output(): string;
}

/**
 * Starts `biannian serve` on the database and resolves once it accepts connections. No request
 * is sent, so that the caller's first request is the server's first. Rejects with its output
 * when it exits or does not listen in time.
 *
 * @example
 * const served = await startServe("/tmp/x.db"); await fetch(`${served.base}/api/documents`)
 */
export async function startServe(db: string, port?: number): Promise<Served> {
  const at = port ?? (await freePort());
  const started = performance.now();
  const args = [biannianBin(), "serve", "--db", db, "--port", String(at), "--host", HOST];
  const child = spawn(process.execPath, args, {
    cwd: serveRoot(),
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
    if (await accepts(at))
      return {
        child,
        base: `http://${HOST}:${at}`,
        startMs: performance.now() - started,
        output: () => output,
      };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  child.kill("SIGTERM");
  throw new Error(`serve did not listen within ${START_TIMEOUT_MS / 1000} s: ${output.trim()}`);
}

/**
 * Stops the server and waits for it to exit.
 *
 * @example
 * await stopServe(served)
 */
export function stopServe(served: Served): Promise<void> {
  const { child } = served;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function newestMtime(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return time;
}

/**
 * Which code serves: the checkout's commit, whether its src/ has uncommitted changes, and whether
 * `bin/biannian` runs the compiled build in dist/cli/ or the sources through tsx (then code a
 * first request loads is compiled on the spot).
 *
 * @example
 * servedCode() //=> "commit f6d14b4, src/ as committed, through tsx"
 */
export function servedCode(): string {
  const root = serveRoot();
  const git = (...args: string[]) => spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  const changed = git("status", "--porcelain", "--", "src").stdout.trim() !== "";
  const built = join(root, "dist", "cli", "main.js");
  const compiled = existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(root, "src"));
  return [
    head.status === 0 ? `commit ${head.stdout.trim()}` : "not a git checkout",
    head.status === 0 ? (changed ? "src/ with uncommitted changes" : "src/ as committed") : null,
    compiled ? "from dist/cli" : "through tsx",
  ]
    .filter(Boolean)
    .join(", ");
}
