/**
 * A real `biannian serve` process on a free loopback port: it keeps its limits (URL length, query
 * length, page sizes, request bodies) with problem documents, and it survives clients that
 * disconnect in the middle of a large response, answering the next request as if nothing happened.
 */
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openSqliteStore } from "../../src/store/index.ts";
import { documentInput, SAMPLE } from "../store/fixtures.ts";

const BIN = fileURLToPath(new URL("../../bin/biannian", import.meta.url));
/** Copies of the sample in the large document: about 370,000 characters, 1.1 MB of JSON text. */
const COPIES = 40;
/** How long the server may take to start (it may build the web app first). */
const START_TIMEOUT_MS = 120_000;

const dir = mkdtempSync(join(tmpdir(), "biannian-serve-"));
const db = join(dir, "serve.db");
const big = Array.from({ length: COPIES }, () => SAMPLE).join("\n");
let child: ChildProcessWithoutNullStreams;
let port = 0;
let stderr = "";

before(async () => {
  const store = openSqliteStore(db);
  await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
  await store.putDocument(documentInput(big, { path: "big.txt" }));
  await store.close();
  child = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", "0"], { stdio: "pipe" });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!/API: {2}http:\/\/127\.0\.0\.1:(\d+)\/api\n/.test(stdout)) {
    assert.equal(child.exitCode, null, `serve exited: ${stdout}${stderr}`);
    assert.ok(Date.now() < deadline, `serve did not start: ${stdout}${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  port = Number(/API: {2}http:\/\/127\.0\.0\.1:(\d+)\/api\n/.exec(stdout)![1]);
});

after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

/** Sends a request with the target exactly as given (and a body, if any). */
function send(
  target: string,
  init: { method?: string; body?: Buffer; headers?: Record<string, string> } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: target, method: init.method ?? "GET", headers: init.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers["content-type"],
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${target.slice(0, 60)}`)));
    req.on("error", reject);
    req.end(init.body);
  });
}

/** Asserts a problem document with this status whose detail matches. */
function assertProblem(answer: Answer, status: number, detail: RegExp, what: string): void {
  assert.equal(answer.status, status, what);
  assert.equal(answer.type, "application/problem+json", what);
  const body = JSON.parse(answer.body) as { status: number; detail: string };
  assert.equal(body.status, status, what);
  assert.match(body.detail, detail, what);
}

/** The server is up and answers a plain request completely. */
async function assertServing(what: string): Promise<void> {
  assert.equal(child.exitCode, null, `the server is still running after ${what}`);
  const answer = await send("/api/documents");
  assert.equal(answer.status, 200, `answers after ${what}`);
  assert.deepEqual(
    Object.fromEntries(
      (JSON.parse(answer.body) as { results: { path: string; entryCount: number }[] }).results.map((d) => [
        d.path,
        d.entryCount,
      ]),
    ),
    { "xixia.txt": 45, "big.txt": 45 * COPIES },
    `answers in full after ${what}`,
  );
}

/**
 * Sends a GET over a raw socket and destroys the socket at `when`: right after sending, after
 * the first chunk of the answer, or after half the request head.
 */
function disconnect(target: string, when: "sent" | "first-chunk" | "half-request"): Promise<number> {
  const head = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
  return new Promise((resolve, reject) => {
    let received = 0;
    const socket = connect(port, "127.0.0.1", () => {
      if (when === "half-request") {
        socket.write(head.slice(0, head.length >> 1), () => setTimeout(() => socket.destroy(), 5));
      } else {
        socket.write(head, () => {
          if (when === "sent") socket.destroy();
        });
      }
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (when === "first-chunk") socket.destroy();
    });
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

describe("`biannian serve` as a process", () => {
  test("survives clients that disconnect in the middle of large responses", async () => {
    const large = [
      "/api/documents/2/text",
      "/api/documents/2/entries?limit=200",
      "/api/entries?document=2&limit=100",
      `/api/find?q=${encodeURIComponent("元昊")}&limit=100`,
      `/api/search?q=${encodeURIComponent("元昊")}&limit=100`,
      "/api/timeline",
    ];
    const full = await send("/api/documents/2/text");
    const bytes = Buffer.byteLength(full.body);
    assert.ok(bytes > 1_000_000, `the text is ${bytes} bytes of JSON`);
    for (let round = 0; round < 5; round++) {
      for (const target of large) {
        const received = await disconnect(target, "first-chunk");
        assert.ok(received > 0, `${target}: an answer had begun`);
        await disconnect(target, "sent");
        await disconnect(target, "half-request");
      }
    }
    // Many at once, all dropped.
    await Promise.all(
      large.flatMap((target) => [disconnect(target, "first-chunk"), disconnect(target, "sent")]),
    );
    await assertServing("90 dropped connections");
    const again = await send("/api/documents/2/text");
    assert.equal((JSON.parse(again.body) as { text: string }).text, big, "the whole text, intact");
    assert.doesNotMatch(stderr, /Error|at .*\.ts:\d+/, "nothing was logged as an error");
  });

  test("serves the real build without letting a request out of it", async () => {
    const page = await send("/");
    assert.ok(page.status === 200 || page.status === 302, `/ answers ${page.status}`);
    for (const target of [
      "/..%2fpackage.json",
      "/..%2f..%2fpackage.json",
      "/assets/..%2f..%2f..%2fpackage.json",
      "/%2e%2e/%2e%2e/package.json",
      "/%2e%2e%2f%2e%2e%2fREADME.md",
      "/..%5c..%5cREADME.md",
      "/%252e%252e%252f%252e%252e%252fpackage.json",
      "/assets/%2e%2e%2f%2e%2e%2fsrc%2fserver%2fstatic.ts",
      "/index.html%00.json",
      `/${fileURLToPath(new URL("../../package.json", import.meta.url))}`,
      `/${encodeURIComponent(fileURLToPath(new URL("../../package.json", import.meta.url)))}`,
    ]) {
      const answer = await send(target);
      assert.ok(answer.status >= 400 && answer.status < 500, `${target}: ${answer.status}`);
      assert.equal(answer.type, "application/problem+json", target);
      assert.doesNotMatch(answer.body, /"name": "biannian"|# Biannian|CONTENT_SECURITY_POLICY/, target);
    }
    await assertServing("path traversal");
  });

  test("refuses a URL over 8 KiB with 414 and a longer head than it reads with 431", async () => {
    const query = "a".repeat(16 * 1024);
    assertProblem(
      await send(`/api/search?q=${query}`),
      414,
      /characters long; the API reads 8192 at most/,
      "q",
    );
    assertProblem(await send(`/api/entries?era=${query}`), 414, /the API reads 8192 at most/, "era");
    assertProblem(await send(`/${query}`), 414, /the API reads 8192 at most/, "path");
    assertProblem(await send(`/api/entries/${query}`), 414, /the API reads 8192 at most/, "id");
    await assertServing("16 KB URLs");
    // Node answers 431 and closes the connection; a client still writing its 200 KB head may
    // see the close (ECONNRESET) before it reads the answer. Either way the head is refused.
    const huge = await send(`/api/search?q=${"a".repeat(200 * 1024)}`).then(
      (answer) => answer.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    assert.ok(
      huge === 431 || huge === "ECONNRESET" || huge === "EPIPE",
      `a head beyond the header limit: ${huge}`,
    );
    await assertServing("a 200 KB URL");
  });

  test("caps query length, query terms and page sizes", async () => {
    const longest = encodeURIComponent("之".repeat(200));
    assert.equal((await send(`/api/search?q=${longest}`)).status, 200, "200 characters");
    assertProblem(
      await send(`/api/search?q=${longest}${encodeURIComponent("之")}`),
      400,
      /Invalid parameter: q/,
      "201",
    );
    const ten = [..."元昊契丹宋夏遼使臣表"];
    const within = JSON.parse((await send(`/api/search?q=${ten.map(encodeURIComponent).join("+")}`)).body);
    assert.equal(within.terms.length, 10, "ten terms");
    const terms = [...ten, "書"].map(encodeURIComponent).join("+");
    assertProblem(await send(`/api/search?q=${terms}`), 400, /11 terms; the limit is 10/, "terms");
    const page = JSON.parse((await send("/api/entries?limit=100")).body) as { results: unknown[] };
    assert.equal(page.results.length, 100);
    assertProblem(await send("/api/entries?limit=101"), 400, /Invalid parameter: limit/, "limit 101");
    assertProblem(await send("/api/search?q=%E5%85%83&limit=101"), 400, /Invalid parameter: limit/, "search");
    assertProblem(await send("/api/find?limit=101"), 400, /Invalid parameter: limit/, "find");
    const reader = JSON.parse((await send("/api/documents/2/entries?limit=200")).body) as {
      results: unknown[];
    };
    assert.equal(reader.results.length, 200);
    assertProblem(
      await send("/api/documents/2/entries?limit=201"),
      400,
      /Invalid parameter: limit/,
      "reader",
    );
    assertProblem(await send("/api/entries?offset=1000000001"), 400, /Invalid parameter: offset/, "offset");
    const far = JSON.parse((await send("/api/entries?offset=1000000000")).body) as { results: unknown[] };
    assert.deepEqual(far.results, []);
    assertProblem(
      await send("/api/calendar/months?from=2000000&to=2110001"),
      400,
      /to must be between from and from \+ 110000/,
      "calendar span",
    );
    await assertServing("the limits");
  });

  test("reads no request body: a large one is refused or ignored, and the server goes on", async () => {
    const body = Buffer.alloc(10 * 1024 * 1024, 0x61);
    assertProblem(
      await send("/api/search?q=x", { method: "POST", body }),
      405,
      /read-only: use GET, not POST/,
      "POST",
    );
    assertProblem(await send("/api/documents", { method: "PUT", body }), 405, /not PUT/, "PUT");
    const get = await send("/api/documents/1", { body, headers: { "content-length": String(body.length) } });
    assert.equal(get.status, 200, "a GET with a body is answered as a GET");
    await assertServing("10 MB bodies");
    // A body announced but never sent does not hold the answer back.
    const promised = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write(
          "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\npartial",
        ),
      );
      socket.once("data", (chunk: Buffer) => {
        resolve(chunk.toString("latin1").split("\r\n")[0]!);
        socket.destroy();
      });
      socket.on("error", reject);
    });
    assert.equal(promised, "HTTP/1.1 405 Method Not Allowed");
    await assertServing("an unfinished 1 GB body");
  });
});
