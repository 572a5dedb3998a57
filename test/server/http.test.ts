import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createApp, type RunningServer, startServer } from "../../src/server/index.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { SAMPLE } from "../store/fixtures.ts";
import { BAD_REQUESTS, sampleStore } from "./fixtures.ts";

const BIN = fileURLToPath(new URL("../../bin/biannian", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "biannian-http-"));
const db = join(dir, "http.db");
let store: SqliteStore;
let server: RunningServer;
const logged: unknown[] = [];

before(async () => {
  store = await sampleStore(db);
  server = await startServer(store, { port: 0, logError: (error) => logged.push(error) });
});
after(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(logged, [], "no unexpected error was logged");
});

/** Sends a GET with the request target exactly as given. */
function get(target: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path: target, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Writes raw bytes to the server and returns all it answers, until it closes the connection. */
function rawAnswer(bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => socket.end(bytes));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** Writes raw bytes to the server and returns the status line of the answer. */
async function raw(bytes: Buffer): Promise<string> {
  return (await rawAnswer(bytes)).split("\r\n")[0] ?? "";
}

/** One HTTP/1.1 answer read from raw bytes: status, headers (lower-case names) and body. */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits what the server wrote into its answers (each with a content-length, as the server's are). */
function responses(answer: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = answer;
  while (rest.length > 0) {
    const end = rest.indexOf("\r\n\r\n");
    assert.ok(end > 0, `an answer with a head: ${JSON.stringify(rest.slice(0, 200))}`);
    const [statusLine, ...lines] = rest.slice(0, end).split("\r\n");
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers["content-length"]);
    assert.ok(Number.isInteger(length), `a content-length in ${statusLine}`);
    const body = Buffer.from(rest.slice(end + 4), "latin1").subarray(0, length);
    out.push({ status: Number(statusLine!.split(" ")[1]), headers, body: body.toString("utf8") });
    rest = rest.slice(end + 4 + Buffer.from(body.toString("latin1"), "latin1").length);
  }
  return out;
}

/** Requests Node's HTTP parser refuses, or that never reach the app, with the answer each gets. */
const REFUSED_BY_NODE: [name: string, request: string, status: number, detail: RegExp][] = [
  [
    "a head over 128 KiB",
    `GET /api/search?q=${"%E4%B9%8B".repeat(16_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    431,
    /over 128 KiB/,
  ],
  [
    "a header field over 128 KiB",
    `GET /api HTTP/1.1\r\nHost: x\r\nX-Long: ${"a".repeat(140_000)}\r\n\r\n`,
    431,
    /over 128 KiB/,
  ],
  ["an unknown method", "BREW /api/documents HTTP/1.1\r\nHost: x\r\n\r\n", 400, /method/],
  ["no Host header", "GET /api/documents HTTP/1.1\r\n\r\n", 400, /no Host header/],
  ["bytes that are not HTTP", "GARBAGE\r\n\r\n", 400, /./],
  [
    "a control character in a header",
    "GET /api HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n",
    400,
    /not well-formed HTTP/,
  ],
  ["an unknown HTTP version", "GET /api/documents HTTP/9.9\r\nHost: x\r\n\r\n", 505, /HTTP\/1\.1/],
  ["the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, /HTTP\/1\.1/],
  ["CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405, /not a proxy/],
];

/** The headers every answer of the server carries. */
function assertSecurityHeaders(headers: Record<string, string | undefined>, what: string): void {
  assert.equal(headers["x-content-type-options"], "nosniff", what);
  assert.equal(headers["referrer-policy"], "no-referrer", what);
  assert.equal(headers["x-frame-options"], "DENY", what);
  assert.match(headers["content-security-policy"] ?? "", /frame-ancestors 'none'/, what);
}

describe("HTTP API over a real port", () => {
  test("starts on a free port and answers", async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/api/documents`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).results.length, 2);
    const entry = await fetch(`${server.url}/api/entries/1:e13`);
    assert.equal((await entry.json()).headline, "再遣楊守素如宋，乞稱臣，市青鹽，納鹽易茶及增歲幣。");
  });

  test("answers every bad request with a problem document", async () => {
    for (const [target, status, detail] of BAD_REQUESTS) {
      const response = await get(target);
      assert.equal(response.status, status, target.slice(0, 80));
      assert.equal(response.type, "application/problem+json", target.slice(0, 80));
      assert.match(JSON.parse(response.body).detail, detail);
    }
    const post = await fetch(`${server.url}/api/search?q=x`, { method: "POST", body: "x" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("content-type"), "application/problem+json");
  });

  test("refuses malformed requests with a 4xx and keeps serving", async () => {
    const nonAscii = Buffer.concat([
      Buffer.from("GET /api/search?q="),
      Buffer.from([0xff, 0xfe, 0xe5, 0x85]),
      Buffer.from(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ]);
    assert.match(await raw(nonAscii), /^HTTP\/1\.1 4\d\d /);
    assert.match(await raw(Buffer.from("GARBAGE\r\n\r\n")), /^HTTP\/1\.1 4\d\d /);
    assert.match(await raw(Buffer.from("GET /api/documents HTTP/9.9\r\n\r\n")), /^HTTP\/1\.1 (4\d\d|505) /);
    const huge = `GET /api/search?q=${"%E4%B9%8B".repeat(40_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
    assert.match(await raw(Buffer.from(huge)), /^HTTP\/1\.1 4\d\d /);
    assert.equal((await get("/api/documents")).status, 200);
  });

  test("serves readers while an ingest writes to the same database", async () => {
    const big = join(dir, "big.txt");
    writeFileSync(big, Array.from({ length: 60 }, () => SAMPLE).join("\n"));
    const child = spawn(process.execPath, [BIN, "ingest", big, "--db", db], { stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let answered = 0;
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!done) {
      const response = await get("/api/search?q=%E5%85%83%E6%98%8A&limit=5");
      assert.equal(response.status, 200);
      answered++;
    }
    assert.equal(await exited, 0);
    assert.ok(answered > 1, `answered ${answered} searches during the ingest`);
    const documents = JSON.parse((await get("/api/documents")).body).results;
    assert.equal(documents.length, 3);
    assert.equal(documents.find((d: { name: string }) => d.name === "big.txt").entryCount, 45 * 60);
  });

  test("`biannian serve` starts, answers and stops on SIGINT", async () => {
    const child = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    while (!/API: {2}http:\/\/\S+\/api\n/.test(stdout)) {
      assert.equal(child.exitCode, null, stdout);
      await new Promise((r) => setTimeout(r, 20));
    }
    const url = /API: {2}(\S+)\n/.exec(stdout)![1]!;
    const response = await fetch(`${url}/search?q=${encodeURIComponent("青鹽")}`);
    assert.equal(response.status, 200);
    assert.ok((await response.json()).total >= 3);
    child.kill("SIGINT");
    assert.equal(await exited, 0);
    assert.match(stdout, /Stopped\.\n$/);
  });

  test("answers every request Node's parser refuses, and CONNECT, with a problem document", async () => {
    for (const [name, request, status, detail] of REFUSED_BY_NODE) {
      const answers = responses(await rawAnswer(request));
      assert.equal(answers.length, 1, name);
      const [answer] = answers;
      assert.equal(answer!.status, status, name);
      assert.equal(answer!.headers["content-type"], "application/problem+json", name);
      assert.equal(answer!.headers.connection, "close", name);
      assertSecurityHeaders(answer!.headers, name);
      const problem = JSON.parse(answer!.body);
      assert.equal(problem.status, status, name);
      assert.equal(problem.type, "about:blank", name);
      assert.match(problem.detail, detail, name);
      if (status === 405) assert.equal(answer!.headers.allow, "GET, HEAD", name);
    }
    // HTTP/1.0 needs no Host header.
    assert.equal(responses(await rawAnswer("GET /api/documents HTTP/1.0\r\n\r\n"))[0]!.status, 200);
    assert.equal((await get("/api/documents")).status, 200, "still serving");
  });

  test("answers a refused request pipelined after good ones once they are answered", async () => {
    const good = "GET /api/documents HTTP/1.1\r\nHost: x\r\n\r\n";
    const answers = responses(await rawAnswer(`${good}${good}BREW / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n`));
    assert.deepEqual(
      answers.map((a) => [a.status, a.headers["content-type"]]),
      [
        [200, "application/json"],
        [200, "application/json"],
        [400, "application/problem+json"],
      ],
    );
    assert.ok(Array.isArray(JSON.parse(answers[1]!.body).results));
  });

  test("answers a Host header the adapter cannot read with a problem document and the security headers", async () => {
    const [answer] = responses(
      await rawAnswer("GET /api/documents HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"),
    );
    assert.equal(answer!.status, 400);
    assert.equal(answer!.headers["content-type"], "application/problem+json");
    assertSecurityHeaders(answer!.headers, "a bad Host header");
  });

  test("tells how long it has answered nothing, and 0 while it answers", async () => {
    const other = await startServer(store, { port: 0 });
    try {
      await (await fetch(`${other.url}/api/documents`)).arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 120));
      assert.ok(other.idleMs() >= 100, `${other.idleMs()} ms idle after 120 ms`);
      // A write whose body has not come yet is being answered.
      const socket = connect(other.port, "127.0.0.1");
      let answer = "";
      socket.on("data", (chunk) => {
        answer += chunk.toString("utf8");
      });
      socket.write(
        "POST /api/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n",
      );
      const deadline = Date.now() + 5000;
      while (other.idleMs() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(other.idleMs(), 0, "answering");
      socket.write("{}");
      while (!answer.includes("\r\n\r\n") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      assert.match(answer, /^HTTP\/1\.1 400/);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.ok(other.idleMs() >= 20, "idle again once answered");
      socket.destroy();
    } finally {
      await other.close();
    }
  });

  test("answers the paths it is asked to warm before it listens, and keeps them", async () => {
    const other = await startServer(store, { port: 0, warmPaths: ["/api/timeline", "/api/nothing"] });
    try {
      // The timeline's answer was the first this server made; the documents' comes after it.
      const documents = await fetch(`${other.url}/api/documents`);
      assert.match(documents.headers.get("etag") ?? "", /\.2"$/);
      const timeline = await fetch(`${other.url}/api/timeline`);
      assert.equal(timeline.status, 200);
      assert.match(timeline.headers.get("etag") ?? "", /\.1"$/);
      const fresh = createApp(store, { answerCache: false });
      assert.deepEqual(await timeline.json(), await (await fresh.request("/api/timeline")).json());
    } finally {
      await other.close();
    }
  });

  test("closes, and then refuses connections", async () => {
    const other = await startServer(store, { port: 0 });
    assert.equal((await fetch(`${other.url}/api/documents`)).status, 200);
    await other.close();
    await assert.rejects(fetch(`${other.url}/api/documents`));
  });
});
