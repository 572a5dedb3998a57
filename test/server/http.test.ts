import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type RunningServer, startServer } from "../../src/server/index.ts";
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

/** Writes raw bytes to the server and returns the status line of the answer. */
function raw(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => socket.end(bytes));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
    });
    socket.on("end", () => resolve(answer.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
  });
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

  test("closes, and then refuses connections", async () => {
    const other = await startServer(store, { port: 0 });
    assert.equal((await fetch(`${other.url}/api/documents`)).status, 200);
    await other.close();
    await assert.rejects(fetch(`${other.url}/api/documents`));
  });
});
