/**
 * Path traversal against the web app's file serving, over a real socket with raw request lines
 * (fetch and URL would normalise them first): encoded dots and slashes, backslashes, double
 * encoding, absolute paths, NUL bytes and symbolic links never reach a file outside the build,
 * and never make the server fail.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type RunningServer, startServer } from "../../src/server/index.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";

/** What the file outside the build holds: no response may contain it. */
const SECRET = "SECRET-OUTSIDE-THE-BUILD-7f3a";

const dir = mkdtempSync(join(tmpdir(), "biannian-traversal-"));
const dist = join(dir, "web", "dist");
mkdirSync(join(dist, "assets"), { recursive: true });
writeFileSync(join(dir, "secret.txt"), SECRET);
writeFileSync(join(dir, "web", "secret.txt"), SECRET);
writeFileSync(join(dist, "index.html"), "<!doctype html><title>app</title>");
writeFileSync(join(dist, "assets", "app-1.js"), "console.log(1)");
writeFileSync(join(dist, "favicon.svg"), "<svg/>");
// Links inside the build that point out of it.
symlinkSync(join(dir, "secret.txt"), join(dist, "leak.txt"));
symlinkSync(join(dir, "secret.txt"), join(dist, "assets", "leak.js"));
symlinkSync(dir, join(dist, "assets", "up"));

let store: SqliteStore;
let server: RunningServer;
const logged: unknown[] = [];

before(async () => {
  store = openSqliteStore(":memory:");
  server = await startServer(store, { port: 0, webRoot: dist, logError: (error) => logged.push(error) });
});
after(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends a request with the target exactly as given and returns the status and the whole answer. */
function rawGet(target: string | Buffer): Promise<{ status: number; answer: string }> {
  const head = Buffer.concat([
    Buffer.from("GET "),
    typeof target === "string" ? Buffer.from(target, "latin1") : target,
    Buffer.from(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
  ]);
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => socket.end(head));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${target}`)));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => {
      const answer = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1] ?? 0);
      resolve({ status, answer });
    });
    socket.on("error", reject);
  });
}

/** Request targets that try to leave the build, each written as the client sends it. */
const ATTACKS = [
  // Encoded slashes and dots.
  "/..%2fsecret.txt",
  "/..%2Fsecret.txt",
  "/..%2f..%2fsecret.txt",
  "/assets/..%2f..%2f..%2fsecret.txt",
  "/%2e%2e%2fsecret.txt",
  "/%2e%2e%2f%2e%2e%2fsecret.txt",
  "/%2E%2E/%2E%2E/secret.txt",
  "/assets/%2e%2e/%2e%2e/%2e%2e/secret.txt",
  "/.%2e/.%2e/secret.txt",
  // Backslashes, raw and encoded.
  "/..%5csecret.txt",
  "/..%5c..%5csecret.txt",
  "/assets/..%5c..%5c..%5csecret.txt",
  "/..\\..\\secret.txt",
  "/assets\\..\\..\\..\\secret.txt",
  // Double and overlong encodings.
  "/%252e%252e%252fsecret.txt",
  "/..%252f..%252fsecret.txt",
  "/assets/%252e%252e%252f%252e%252e%252fsecret.txt",
  "/%c0%ae%c0%ae%c0%afsecret.txt",
  "/%e0%80%ae%e0%80%ae/secret.txt",
  // Dot segments as they are, which the server must resolve inside the build or refuse.
  "/../secret.txt",
  "/../../secret.txt",
  "/assets/../../../secret.txt",
  "/./../secret.txt",
  // Absolute paths.
  "//etc/passwd",
  "/%2fetc%2fpasswd",
  "/assets/%2fetc%2fpasswd",
  `/${encodeURIComponent(join(dir, "secret.txt"))}`,
  `/assets/${encodeURIComponent(join(dir, "secret.txt"))}`,
  `http://127.0.0.1/../secret.txt`,
  `http://127.0.0.1/${encodeURIComponent(join(dir, "secret.txt"))}`,
  "/C:%5cWindows%5cwin.ini",
  "file:///etc/passwd",
  // NUL bytes.
  "/secret.txt%00",
  "/..%2fsecret.txt%00.html",
  "/index.html%00.txt",
  "/assets/app-1.js%00",
  "/assets/%00../../secret.txt",
  // Links out of the build.
  "/leak.txt",
  "/assets/leak.js",
  "/assets/up/secret.txt",
  "/assets/up%2fsecret.txt",
  // Dot files and the directory itself.
  "/.secret",
  "/assets/",
  "/assets",
];

describe("static files over a real socket", () => {
  test("serves the build's own files", async () => {
    for (const [target, body] of [
      ["/", "<title>app</title>"],
      ["/assets/app-1.js", "console.log(1)"],
      ["/favicon.svg", "<svg/>"],
      ["/assets/../favicon.svg", "<svg/>"],
      // Dot segments that stay inside the build resolve there.
      ["/assets/..", "<title>app</title>"],
      ["/..", "<title>app</title>"],
      ["/%2e%2e", "<title>app</title>"],
    ] as const) {
      const { status, answer } = await rawGet(target);
      assert.equal(status, 200, target);
      assert.ok(answer.endsWith(body), target);
    }
  });

  test("never serves a file outside the build, never fails, whatever the request target", async () => {
    const seen: string[] = [];
    for (const target of ATTACKS) {
      const { status, answer } = await rawGet(target);
      seen.push(`${status} ${target}`);
      assert.ok(!answer.includes(SECRET), `${target} leaked the file outside the build`);
      assert.ok(!answer.includes("root:x:0:0"), `${target} leaked /etc/passwd`);
      assert.ok(status >= 400 && status < 500, `${target}: ${status}`);
      // The server's own answers are problem documents; only node's parser answers bare 400s.
      if (status !== 400 || /content-type/i.test(answer))
        assert.match(answer, /content-type: application\/problem\+json/i, target);
    }
    assert.equal(seen.length, ATTACKS.length);
    assert.deepEqual(logged, [], "no unexpected error was logged");
  });

  test("refuses a raw NUL byte in the request line, and keeps serving", async () => {
    const nul = await rawGet(Buffer.from("/secret.txt\u0000.html", "latin1"));
    assert.ok(nul.status >= 400 && nul.status < 500, String(nul.status));
    assert.ok(!nul.answer.includes(SECRET));
    const { status } = await rawGet("/favicon.svg");
    assert.equal(status, 200);
  });
});
