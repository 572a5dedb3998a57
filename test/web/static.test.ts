/** Serving the built app: the page's Content-Security-Policy, assets, and when a build is due. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { createApp } from "../../src/server/index.ts";
import { CONTENT_SECURITY_POLICY } from "../../src/server/static.ts";
import { webBuildIsStale } from "../../src/server/web-build.ts";
import { openSqliteStore } from "../../src/store/index.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-web-"));
const dist = join(dir, "dist");
mkdirSync(join(dist, "assets"), { recursive: true });
writeFileSync(
  join(dist, "index.html"),
  '<!doctype html><script type="module" src="/assets/app-1.js"></script>',
);
writeFileSync(join(dist, "assets", "app-1.js"), "console.log(1)");
writeFileSync(join(dist, "favicon.svg"), "<svg/>");
const store = openSqliteStore(":memory:");
const app = createApp(store, { webRoot: dist });
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the web app's files", () => {
  test("serves the page with a strict Content-Security-Policy", async () => {
    const response = await app.request("/");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(response.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe|\*|https?:/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("cache-control"), "no-cache");
    assert.match(await response.text(), /app-1\.js/);
  });

  test("serves hashed assets for a year and top-level files for an hour; HEAD has no body", async () => {
    const asset = await app.request("/assets/app-1.js");
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
    const icon = await app.request("/favicon.svg");
    assert.equal(icon.headers.get("content-type"), "image/svg+xml");
    const head = await app.request("/assets/app-1.js", { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
  });

  test("never serves files outside the build", async () => {
    for (const path of [
      "/assets/..%2Findex.html",
      "/assets/.hidden",
      "/..%2F..%2Fpackage.json",
      "/assets/missing.js",
      "/nothing.txt",
    ]) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get("content-type") ?? "", /problem\+json/, path);
    }
  });

  test("leaves the API to the API", async () => {
    assert.equal((await app.request("/api")).headers.get("content-type"), "text/html; charset=UTF-8");
    assert.equal((await app.request("/api/documents")).status, 200);
  });

  test("a build is stale when missing or older than any source", () => {
    const web = join(dir, "web");
    mkdirSync(join(web, "src"), { recursive: true });
    writeFileSync(join(web, "index.html"), "");
    writeFileSync(join(web, "src", "main.ts"), "");
    assert.equal(webBuildIsStale(web), true, "no build");
    mkdirSync(join(web, "dist"));
    writeFileSync(join(web, "dist", "index.html"), "");
    const old = new Date(Date.now() - 60_000);
    for (const file of [join(web, "index.html"), join(web, "src", "main.ts"), join(web, "src")])
      utimesSync(file, old, old);
    assert.equal(webBuildIsStale(web), false, "built after the sources");
    writeFileSync(join(web, "src", "main.ts"), "// changed");
    assert.equal(webBuildIsStale(web), true, "a source changed");
    // The project's data the app bundles (the map's rivers) counts as a source too.
    utimesSync(join(web, "src", "main.ts"), old, old);
    utimesSync(join(web, "src"), old, old);
    assert.equal(webBuildIsStale(web), false);
    mkdirSync(join(dir, "data", "geography"), { recursive: true });
    writeFileSync(join(dir, "data", "geography", "rivers.json"), "{}");
    assert.equal(webBuildIsStale(web), true, "bundled data changed");
  });
});
