import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { fold } from "../../src/search/fold.ts";
import { createApp } from "../../src/server/index.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { SAMPLE, SYNTHETIC } from "../store/fixtures.ts";
import { BAD_REQUESTS, sampleStore } from "./fixtures.ts";

let store: SqliteStore;
let app: ReturnType<typeof createApp>;
const logged: unknown[] = [];

before(async () => {
  store = await sampleStore();
  app = createApp(store, { logError: (error) => logged.push(error) });
});
after(async () => {
  await store.close();
  assert.deepEqual(logged, [], "no unexpected error was logged");
});

interface Parameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  schema?: { type?: string; minimum?: number; maximum?: number; example?: unknown };
}

/**
 * Every GET route of the OpenAPI document as a request target, with its path parameters and
 * required query parameters set to their examples and `set` added to the query.
 */
async function routeTargets(set: (p: Parameter) => string | null = () => null) {
  const document = (await (await app.request("/api/openapi.json")).json()) as {
    paths: Record<string, { get?: { parameters?: Parameter[] } }>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) => {
    const parameters = operations.get?.parameters ?? [];
    const targets: { target: string; parameter: Parameter | null }[] = [];
    const example = (p: Parameter) => encodeURIComponent(String(p.schema?.example ?? ""));
    const build = (given: Parameter | null, value: string) => {
      let url = path;
      const query: string[] = [];
      for (const p of parameters) {
        const v = p === given ? value : example(p);
        if (p.in === "path") url = url.replace(`{${p.name}}`, v);
        else if (p === given || p.required) query.push(`${p.name}=${v}`);
      }
      return query.length ? `${url}?${query.join("&")}` : url;
    };
    targets.push({ target: build(null, ""), parameter: null });
    for (const p of parameters) {
      const value = set(p);
      if (value !== null) targets.push({ target: build(p, value), parameter: p });
    }
    return targets;
  });
}

/** The headers every answer of the server carries. */
function assertSecurityHeaders(response: Response, what: string): void {
  assert.equal(response.headers.get("x-content-type-options"), "nosniff", what);
  assert.equal(response.headers.get("referrer-policy"), "no-referrer", what);
  assert.equal(response.headers.get("x-frame-options"), "DENY", what);
  assert.match(response.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, what);
}

async function json(path: string, init?: RequestInit) {
  const response = await app.request(path, init);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

describe("HTTP API (no port)", () => {
  test("lists documents", async () => {
    const { status, type, body } = await json("/api/documents");
    assert.equal(status, 200);
    assert.equal(type, "application/json");
    assert.deepEqual(body, { results: await store.listDocuments() });
    assert.deepEqual((await json("/api/documents?corpus=none")).body, { results: [] });
  });

  test("gives one document, and slices of its text", async () => {
    assert.deepEqual((await json("/api/documents/2")).body, await store.getDocument(2));
    const at = SYNTHETIC.indexOf("韓");
    assert.deepEqual((await json(`/api/documents/2/text?start=${at}&end=${at + 3}`)).body, {
      documentId: 2,
      start: at,
      end: at + 3,
      text: "韓\u{249BA}",
    });
    assert.equal((await json("/api/documents/1/text")).body.text, SAMPLE);
    assert.equal((await json("/api/documents/1/text?start=5&end=999999")).body.end, SAMPLE.length);
  });

  test("lists entries with the search filters, page by page", async () => {
    const first = await json("/api/entries?limit=5&offset=5&state=%E8%A5%BF%E5%A4%8F");
    assert.equal(first.status, 200);
    assert.equal(first.body.results[0].id, "1:e6");
    assert.deepEqual(first.body, await store.listEntries({ state: "西夏" }, { limit: 5, offset: 5 }));
    const filtered = await json(
      "/api/entries?era=%E6%85%B6%E6%9B%86&year=3&month=2&leap=false&from=1043&to=1043",
    );
    assert.deepEqual(
      filtered.body.results.map((e: { id: string }) => e.id),
      ["2:e2"],
    );
    const citing = await json("/api/entries?work=%E9%95%B7%E7%B7%A8&juan=139&document=1&limit=100");
    assert.deepEqual(
      citing.body,
      await store.listEntries({ work: "長編", juan: 139, documentId: 1 }, { limit: 100 }),
    );
    assert.equal((await json("/api/entries?corpus=default")).body.total, 49);
    assert.equal((await json("/api/entries")).body.limit, 20);
  });

  test("gives one entry by its id, percent-encoded or not", async () => {
    const entry = await json("/api/entries/1:e13");
    assert.equal(entry.status, 200);
    assert.equal(
      entry.body.text,
      SAMPLE.slice(entry.body.position.start.offset, entry.body.position.end.offset),
    );
    assert.deepEqual((await json("/api/entries/1%3Ae13")).body, entry.body);
    assert.deepEqual(entry.body, await store.getEntry("1:e13"));
  });

  test("lists cited works and the entries citing each part", async () => {
    assert.deepEqual((await json("/api/sources")).body, { results: await store.listSources() });
    const source = await json(`/api/sources/${encodeURIComponent("长编")}`);
    assert.equal(source.status, 200);
    assert.deepEqual(source.body, await store.getSource("長編"));
  });

  test("searches with folding, filters and paging, with match offsets", async () => {
    const { status, body } = await json(`/api/search?q=${encodeURIComponent("青盐")}&limit=2`);
    assert.equal(status, 200);
    assert.equal(body.query, "青盐");
    assert.equal(body.total, 3);
    assert.equal(body.results.length, 2);
    const [hit] = body.results;
    assert.equal(hit.id, "1:e13");
    for (const m of hit.matches)
      assert.equal(fold(SAMPLE.slice(m.documentStart, m.documentEnd)), fold("青盐"));
    const next = await json(`/api/search?q=${encodeURIComponent("青盐")}&limit=2&offset=2`);
    assert.equal(next.body.results.length, 1);
    assert.ok(!body.results.some((h: { id: string }) => h.id === next.body.results[0].id));
    const filtered = await json(
      `/api/search?q=${encodeURIComponent("元昊")}&era=${encodeURIComponent("庆历")}`,
    );
    assert.deepEqual(
      filtered.body.results.map((h: { id: string }) => h.id),
      ["2:e2"],
    );
  });

  test("answers every bad request with a problem document, never a 500", async () => {
    for (const [target, status, detail] of BAD_REQUESTS) {
      const response = await app.request(target);
      assert.equal(response.status, status, target.slice(0, 80));
      assert.equal(response.headers.get("content-type"), "application/problem+json", target.slice(0, 80));
      const body = await response.json();
      assert.equal(body.type, "about:blank");
      assert.equal(body.status, status);
      assert.match(body.detail, detail, target.slice(0, 80));
    }
  });

  test("names each invalid parameter", async () => {
    const { body } = await json("/api/entries?limit=-1&month=13");
    assert.deepEqual(
      body.errors.map((e: { in: string; name: string }) => [e.in, e.name]),
      [
        ["query", "month"],
        ["query", "limit"],
      ],
    );
    assert.equal(body.title, "Bad Request");
    assert.equal(body.instance, "/api/entries");
  });

  test("is read-only: other methods get 405", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const response = await app.request("/api/documents/1", { method });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get("allow"), "GET, HEAD");
      assert.equal(response.headers.get("content-type"), "application/problem+json");
    }
    assert.equal((await json("/api/documents/1")).status, 200, "the document is still there");
    const head = await app.request("/api/documents", { method: "HEAD" });
    assert.equal(head.status, 200);
  });

  test("treats query syntax and SQL as text", async () => {
    for (const q of ['"', "*", "元昊*", "NEAR(元 昊)", "a OR b", "'; DROP TABLE entries; --", "%"]) {
      const { status } = await json(`/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(status, 200, q);
    }
    // A NUL character is refused: no backend can hold one in every text it stores.
    const nul = await json("/api/search?q=%E5%85%83%00");
    assert.equal(nul.status, 400);
    assert.deepEqual(nul.body.errors, [
      { in: "query", name: "q", message: "must not contain a NUL character (%00)" },
    ]);
    assert.equal((await json("/api/entries?era=%27%3B%20DROP%20TABLE%20entries%3B%20--")).body.total, 0);
    assert.equal((await json("/api/entries")).body.total, 49);
  });

  test("never answers 5xx to any query string", async () => {
    const byte = fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, "0")}`);
    const part = fc.oneof(
      fc.string({ maxLength: 4 }).map(encodeURIComponent),
      byte,
      fc.constantFrom("&", "=", "+", "%"),
    );
    const name = fc.constantFrom(
      "q",
      "limit",
      "offset",
      "era",
      "month",
      "leap",
      "from",
      "juan",
      "document",
      "x",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(name, fc.array(part, { maxLength: 6 })), { maxLength: 4 }),
        async (pairs) => {
          const query = pairs.map(([n, parts]) => `${n}=${parts.join("")}`).join("&");
          for (const path of ["/api/search", "/api/entries"]) {
            const response = await app.request(`${path}?${query}`);
            assert.ok(
              response.status === 200 || response.status === 400,
              `${path}?${query}: ${response.status}`,
            );
            await response.arrayBuffer();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test("serves an OpenAPI 3.1 document made from the request schemas", async () => {
    const { status, body } = await json("/api/openapi.json");
    assert.equal(status, 200);
    assert.equal(body.openapi, "3.1.0");
    assert.deepEqual(Object.keys(body.paths).sort(), [
      "/api/calendar/months",
      "/api/charts/events",
      "/api/charts/events/entries",
      "/api/charts/ledger",
      "/api/concordance",
      "/api/contents",
      "/api/corrections",
      "/api/corrections/{id}/undo",
      "/api/documents",
      "/api/documents/{id}",
      "/api/documents/{id}/date-problems",
      "/api/documents/{id}/entries",
      "/api/documents/{id}/text",
      "/api/edits",
      "/api/entities",
      "/api/entities/{id}",
      "/api/entries",
      "/api/entries/{id}",
      "/api/entries/{id}/annotations",
      "/api/entries/{id}/citations",
      "/api/entries/{id}/parallels",
      "/api/export",
      "/api/find",
      "/api/goto",
      "/api/import",
      "/api/map",
      "/api/network",
      "/api/parallels",
      "/api/search",
      "/api/sources",
      "/api/sources/{work}",
      "/api/timeline",
      "/api/toc",
    ]);
    const search = body.paths["/api/search"].get;
    const q = search.parameters.find((p: { name: string }) => p.name === "q");
    assert.deepEqual(q.schema.maxLength, 200);
    assert.equal(q.required, true);
    const limit = search.parameters.find((p: { name: string }) => p.name === "limit");
    assert.deepEqual([limit.schema.type, limit.schema.minimum, limit.schema.maximum], ["integer", 0, 100]);
    assert.ok(body.components.schemas.SearchHit);
    assert.ok(search.responses["400"].content["application/problem+json"]);
    const document = body.components.schemas.Document;
    for (const field of [
      "work",
      "short",
      "author",
      "juan",
      "juanLabel",
      "section",
      "ruler",
      "state",
      "textId",
      "title",
    ])
      assert.ok(field in document.properties, `Document.${field}`);
    const problems = body.paths["/api/documents/{id}/date-problems"].get;
    assert.ok(problems.responses["200"].content["application/json"]);
    assert.ok(problems.responses["400"].content["application/problem+json"]);
    assert.ok(problems.responses["404"].content["application/problem+json"]);
  });

  test("serves a readable API page listing every endpoint", async () => {
    const response = await app.request("/api");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    const html = await response.text();
    for (const path of [
      "/api/documents",
      "/api/entries/{id}",
      "/api/sources/{work}",
      "/api/search",
      "/api/openapi.json",
    ]) {
      assert.ok(html.includes(path), path);
    }
    assert.ok(!/<script|https?:\/\/(?!127)/.test(html), "no scripts, nothing from elsewhere");
    assert.equal((await app.request("/api/")).status, 200);
  });

  test("sends the security headers with every answer: JSON, problems, pages, redirects", async () => {
    const targets = [
      ...(await routeTargets()).map((t) => t.target),
      ...BAD_REQUESTS.map(([target]) => target),
      "/api",
      "/api/",
      "/api/openapi.json",
      "/",
      "/nothing/here",
    ];
    for (const target of targets) {
      for (const method of ["GET", "HEAD", "POST"]) {
        const response = await app.request(target, { method });
        assertSecurityHeaders(response, `${method} ${target.slice(0, 80)}`);
        await response.arrayBuffer();
      }
    }
    const unbuilt = await createApp(store, { webRoot: "/nonexistent/web/dist" }).request("/");
    assertSecurityHeaders(unbuilt, "the redirect to /api");
    // Answers that are not pages may load and run nothing.
    const api = await app.request("/api/documents");
    assert.match(api.headers.get("content-security-policy") ?? "", /^default-src 'none'/);
  });

  test("serves the API page with a strict Content-Security-Policy that allows its own style only", async () => {
    const response = await app.request("/api");
    const html = await response.text();
    const policy = response.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      policy.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values.join(" ")];
      }),
    );
    assert.equal(directives.get("default-src"), "'none'");
    assert.equal(directives.get("frame-ancestors"), "'none'");
    assert.equal(directives.get("base-uri"), "'none'");
    assert.ok(!directives.has("script-src"), "no scripts");
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 1, "one style sheet");
    const hash = createHash("sha256").update(styles[0]!).digest("base64");
    assert.equal(directives.get("style-src"), `'sha256-${hash}'`, "the style sheet is allowed by its hash");
    assert.doesNotMatch(
      html,
      /\sstyle=|<script|<link|<img|<iframe|\son[a-z]+=/i,
      "nothing else inline or loaded",
    );
  });

  test("accepts every integer parameter up to the maximum the OpenAPI document advertises, and not one past it", async () => {
    const bounded = (p: Parameter) => p.schema?.type === "integer" && p.schema.maximum !== undefined;
    const checked: string[] = [];
    for (const [value, verdict] of [
      [(p: Parameter) => String(p.schema!.maximum), "accepted"],
      [(p: Parameter) => String(p.schema!.minimum), "accepted"],
      [(p: Parameter) => (BigInt(p.schema!.maximum!) + 1n).toString(), "refused"],
      [(p: Parameter) => `${p.schema!.maximum}0`, "refused"],
      [(p: Parameter) => (BigInt(p.schema!.minimum!) - 1n).toString(), "refused below"],
    ] as const) {
      for (const { target, parameter } of await routeTargets((p) => (bounded(p) ? value(p) : null))) {
        if (parameter === null) continue;
        const response = await app.request(target);
        // Every answer is JSON but a download (/api/export's files).
        const body = /json/.test(response.headers.get("content-type") ?? "")
          ? await response.json()
          : await response.arrayBuffer().then(() => ({}));
        const invalid = (body.errors ?? []).filter((e: { name: string }) => e.name === parameter.name);
        if (verdict === "accepted") {
          assert.ok(response.status < 500, target);
          // Valid: any refusal is about what the value means (a start after the end), not its form.
          assert.doesNotMatch(body.detail ?? "", /^Invalid parameter/, target);
        } else {
          assert.equal(response.status, 400, target);
          assert.ok(invalid.length > 0, target);
          // Too big, not malformed, however many digits it has.
          if (verdict === "refused") assert.doesNotMatch(invalid[0].message, /whole number/, target);
        }
        checked.push(`${parameter.name}=${parameter.schema?.maximum}`);
      }
    }
    // Six parameters (document on four routes, start and end) go up to 2^53 - 1.
    assert.equal(checked.filter((c) => c.endsWith(`=${Number.MAX_SAFE_INTEGER}`)).length, 6 * 5);
    const biggest = await json(`/api/entries?document=${Number.MAX_SAFE_INTEGER}`);
    assert.deepEqual([biggest.status, biggest.body.total], [200, 0]);
  });

  test("points / to the API page when the web app is not built", async () => {
    const unbuilt = createApp(store, { webRoot: "/nonexistent/web/dist" });
    const response = await unbuilt.request("/");
    assert.equal(response.status, 302);
    assert.equal(response.headers.get("location"), "/api");
  });
});
