/**
 * The answers kept in memory: the same answer again with its ETag, 304 for a browser that has it,
 * and a new answer as soon as the store changes (a document stored by another process, or a
 * change made through this one).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { acceptsGzip } from "../../src/server/answer-cache.ts";
import { createApp } from "../../src/server/index.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { documentInput, SYNTHETIC } from "../store/fixtures.ts";
import { sampleStore } from "./fixtures.ts";

describe("answers kept in memory", () => {
  let dir: string;
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "biannian-answers-"));
    store = await sampleStore(join(dir, "db.sqlite"));
    app = createApp(store);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const names = async (response: Response) =>
    ((await response.json()) as { results: { name: string }[] }).results.map((d) => d.name);

  test("gives the same answer again with its ETag, and 304 to a browser that sends the ETag back", async () => {
    const first = await app.request("/api/documents");
    const etag = first.headers.get("etag");
    assert.ok(etag, "an ETag");
    assert.deepEqual(await names(first), ["synthetic.txt", "xixia.txt"].sort());
    const again = await app.request("/api/documents");
    assert.equal(again.headers.get("etag"), etag);
    assert.equal(again.headers.get("x-content-type-options"), "nosniff", "security headers on a kept answer");
    assert.deepEqual(await names(again), ["synthetic.txt", "xixia.txt"].sort());
    const notModified = await app.request("/api/documents", { headers: { "if-none-match": etag } });
    assert.equal(notModified.status, 304);
    assert.equal(await notModified.text(), "");
    const other = await app.request("/api/documents", { headers: { "if-none-match": 'W/"other"' } });
    assert.equal(other.status, 200);
  });

  test("answers anew when another process stores a document", async () => {
    const before = await app.request("/api/documents");
    const etag = before.headers.get("etag");
    const writer = openSqliteStore(join(dir, "db.sqlite"));
    try {
      await writer.putDocument(documentInput(SYNTHETIC, { path: "another.txt" }));
    } finally {
      await writer.close();
    }
    const after = await app.request("/api/documents", { headers: { "if-none-match": etag ?? "" } });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get("etag"), etag);
    assert.ok((await names(after)).includes("another.txt"));
  });

  test("answers anew after a change made through this process's own store", async () => {
    const etag = (await app.request("/api/timeline")).headers.get("etag");
    await store.putDocument(documentInput(SYNTHETIC, { path: "yet-another.txt" }));
    assert.notEqual((await app.request("/api/timeline")).headers.get("etag"), etag);
  });

  test("keeps no error, no request with credentials, and nothing past its limit", async () => {
    const missing = await app.request("/api/entries/1:e999");
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("etag"), null);
    const withCredentials = await app.request("/api/documents", { headers: { authorization: "Bearer x" } });
    assert.equal(withCredentials.status, 200);
    assert.equal(withCredentials.headers.get("etag"), null);
    const small = createApp(store, { answerCache: { maxBytes: 10 } });
    const a = (await small.request("/api/documents")).headers.get("etag");
    const b = (await small.request("/api/documents")).headers.get("etag");
    assert.notEqual(a, b, "an answer over the limit is computed each time");
  });

  test("gives a client that accepts gzip the same answer gzipped, and a short answer as it is", async () => {
    // The sample's first 20 entries in full: some tens of kilobytes.
    const PAGE = "/api/documents/1/entries?offset=0&limit=20";
    const plain = await app.request(PAGE);
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.equal(plain.headers.get("vary"), "accept-encoding");
    const text = await plain.text();
    for (let i = 0; i < 2; i++) {
      const zipped = await app.request(PAGE, {
        headers: { "accept-encoding": "gzip, deflate, br" },
      });
      assert.equal(zipped.headers.get("content-encoding"), "gzip");
      assert.equal(zipped.headers.get("etag"), plain.headers.get("etag"));
      const bytes = new Uint8Array(await zipped.arrayBuffer());
      assert.ok(bytes.byteLength < Buffer.byteLength(text), "smaller than the answer");
      assert.equal(gunzipSync(bytes).toString("utf8"), text);
    }
    const refused = await app.request(PAGE, { headers: { "accept-encoding": "gzip;q=0" } });
    assert.equal(refused.headers.get("content-encoding"), null);
    const short = await app.request("/api/documents?corpus=none", { headers: { "accept-encoding": "gzip" } });
    assert.equal(short.headers.get("content-encoding"), null);
    assert.deepEqual(await short.json(), { results: [] });
  });

  test("keeps answers gzipped only, so that the limit holds answers that would not fit plain", async () => {
    const PAGE = "/api/documents/1/entries?offset=0&limit=20";
    const text = await (await createApp(store, { answerCache: false }).request(PAGE)).text();
    const gzipped = (await app.request(PAGE, { headers: { "accept-encoding": "gzip, deflate, br, zstd" } }))
      .headers;
    assert.equal(gzipped.get("content-encoding"), "gzip");
    const plainBytes = Buffer.byteLength(text);
    const zippedBytes = gzipSync(text, { level: 1 }).byteLength;
    assert.ok(zippedBytes * 2 < plainBytes, `${zippedBytes} gzipped bytes against ${plainBytes}`);
    // Room for the answer gzipped, not for it plain.
    const tight = createApp(store, { answerCache: { maxBytes: Math.floor((zippedBytes + plainBytes) / 2) } });
    const browser = { "accept-encoding": "gzip, deflate, br, zstd" };
    const first = await tight.request(PAGE, { headers: browser });
    const again = await tight.request(PAGE, { headers: browser });
    assert.equal(again.headers.get("etag"), first.headers.get("etag"), "kept");
    assert.equal(gunzipSync(new Uint8Array(await again.arrayBuffer())).toString("utf8"), text);
    // A client without gzip gets the same answer, inflated.
    const plain = await tight.request(PAGE);
    assert.equal(plain.headers.get("etag"), first.headers.get("etag"));
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.equal(await plain.text(), text);
    // Asked for by a client without gzip first, it is kept gzipped all the same.
    const other = "/api/documents/1/entries?offset=0&limit=21";
    const a = await tight.request(other);
    // (Compressed off the main thread once answered: a moment later.)
    await new Promise((resolve) => setTimeout(resolve, 500));
    const b = await tight.request(other);
    assert.equal(b.headers.get("etag"), a.headers.get("etag"), "kept");
    assert.equal(await b.text(), await a.text());
  });

  test("gives an answer first asked for without gzip gzipped to a client that accepts it", async () => {
    const PAGE = "/api/documents/1/entries?offset=5&limit=20";
    const text = await (await createApp(store, { answerCache: false }).request(PAGE)).text();
    const plain = await app.request(PAGE);
    const etag = plain.headers.get("etag");
    assert.equal(await plain.text(), text);
    const zipped = await app.request(PAGE, { headers: { "accept-encoding": "gzip" } });
    assert.equal(zipped.headers.get("etag"), etag);
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    assert.equal(gunzipSync(new Uint8Array(await zipped.arrayBuffer())).toString("utf8"), text);
    const plainAgain = await app.request(PAGE);
    assert.equal(plainAgain.headers.get("etag"), etag);
    assert.equal(await plainAgain.text(), text);
    const notModified = await app.request(PAGE, {
      headers: { "accept-encoding": "gzip", "if-none-match": etag ?? "" },
    });
    assert.equal(notModified.status, 304);
  });
});

test("reads Accept-Encoding as HTTP says", () => {
  assert.equal(acceptsGzip("gzip, deflate, br"), true);
  assert.equal(acceptsGzip("br;q=1.0, gzip;q=0.8"), true);
  assert.equal(acceptsGzip("*"), true);
  assert.equal(acceptsGzip("gzip;q=0"), false);
  assert.equal(acceptsGzip("identity"), false);
  assert.equal(acceptsGzip(undefined), false);
});
