/**
 * The API's answers kept in memory: every route is a pure read of the store, so a GET answered
 * once is answered again from memory until the store's data changes (`dataKey`: a document
 * added, replaced or deleted by any process, or a change made through this one). Answers carry an
 * ETag, and a browser that sends it back gets 304 Not Modified.
 *
 * Each answer is kept in one form only: an answer of 1 KiB or more is kept gzipped, whoever asked
 * for it first (compressed once, off the main thread, at level 1). JSON shrinks five- to tenfold,
 * so the cache holds that many more answers, and a browser's requests cost no compression at
 * all. A client that does not accept gzip is answered without leaving the main thread (a new
 * answer as the route made it, kept so and compressed in the background once it is sent; a kept
 * one inflated), so that one which closes its side of the connection right after its request
 * (which makes Node end the connection at its next turn) still gets the answer.
 * Least recently used answers go first past the byte limit. Bodies are `Buffer`s, which the Node
 * adapter writes to the socket as they are.
 */
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import type { Store } from "../store/types.ts";
import { dataKey } from "./routes/read-model.ts";

/** How much the cache holds. */
export interface AnswerCacheOptions {
  /** The most bytes of answers kept, as kept (gzipped or not; default 96 MiB). */
  maxBytes?: number;
  /** An answer larger than this, before compression, is not kept (default 24 MiB). */
  maxAnswerBytes?: number;
}

interface Answer {
  /** The body as kept: gzipped when `gzipped`, else as the route wrote it. */
  body: Buffer;
  gzipped: boolean;
  contentType: string;
  etag: string;
}

/** Answers shorter than this are sent as they are: gzip would save next to nothing. */
const MIN_GZIP_BYTES = 1024;

/**
 * The zlib level: the fastest, nginx's default for compressing on the fly. On the API's JSON
 * it gives answers about a quarter larger than level 6 in a fifth of the time (the timeline's
 * 4.9 MB: 0.88 MB in ~25 ms against 0.68 MB in ~200 ms on the benchmark machine), and the time
 * falls on the first reader of each answer.
 */
const GZIP_LEVEL = 1;

const gzipAsync = promisify(gzip);

/** Whether an Accept-Encoding header accepts gzip (not with `q=0`). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "gzip" && coding?.trim() !== "*") return false;
    const q = params.map((x) => x.trim()).find((x) => x.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const DEFAULT_MAX_BYTES = 96 * 1024 * 1024;
const DEFAULT_MAX_ANSWER_BYTES = 24 * 1024 * 1024;

/** Tells this process's ETags from another's, so that a restarted server never reuses one. */
const BOOT = Date.now().toString(36);

/** Whether an If-None-Match header names this ETag (or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** A body for `Response` (a `Buffer` is one, which the DOM types do not say). */
const bodyOf = (bytes: Buffer) => bytes as Uint8Array as Uint8Array<ArrayBuffer>;

/** The answer as a client that accepts gzip (or not) gets it: a 304, the body as kept, or inflated. */
function reply(answer: Answer, ifNoneMatch: string | undefined, gzip: boolean): Response {
  const headers: Record<string, string> = {
    "content-type": answer.contentType,
    etag: answer.etag,
    "cache-control": "no-cache",
    vary: "accept-encoding",
  };
  if (matches(ifNoneMatch, answer.etag)) return new Response(null, { status: 304, headers });
  if (!answer.gzipped) return new Response(bodyOf(answer.body), { status: 200, headers });
  if (!gzip) return new Response(bodyOf(gunzipSync(answer.body)), { status: 200, headers });
  headers["content-encoding"] = "gzip";
  return new Response(bodyOf(answer.body), { status: 200, headers });
}

/**
 * The middleware that answers repeated GETs under `/api/` from memory. Requests with credentials
 * (an Authorization header) and answers other than 200 JSON pass through untouched.
 *
 * @example
 * app.use("/api/*", answerCache(store))
 * (await app.request("/api/timeline")).headers.get("etag") //=> 'W/"mj3k2a.1"'
 */
export function answerCache(store: Store, options: AnswerCacheOptions = {}): MiddlewareHandler {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const answers = new Map<string, Answer>();
  let version = "";
  let bytes = 0;
  let made = 0;

  const drop = (key: string) => {
    const old = answers.get(key);
    if (!old) return;
    bytes -= old.body.byteLength;
    answers.delete(key);
  };
  /** Keeps an answer (in place of any other under its key), the oldest going past the limit. */
  const keep = (key: string, answer: Answer) => {
    drop(key);
    answers.set(key, answer);
    bytes += answer.body.byteLength;
    for (const oldest of answers.keys()) {
      if (bytes <= maxBytes) break;
      drop(oldest);
    }
  };
  /** The answer gzipped, off the main thread. */
  const compressed = async (answer: Answer): Promise<Answer> => ({
    ...answer,
    body: await gzipAsync(answer.body, { level: GZIP_LEVEL }),
    gzipped: true,
  });

  return async (c, next) => {
    if (c.req.method !== "GET" || c.req.header("authorization") !== undefined) return next();
    const current = await dataKey(store);
    if (current !== version) {
      answers.clear();
      bytes = 0;
      version = current;
    }
    // The version this request is answered at, which another request may move on meanwhile.
    const at = current;
    const url = new URL(c.req.url);
    const key = `${url.pathname}${url.search}`;
    const ifNoneMatch = c.req.header("if-none-match");
    const gzip = acceptsGzip(c.req.header("accept-encoding"));
    const kept = answers.get(key);
    if (kept) {
      // Most recently used last.
      answers.delete(key);
      answers.set(key, kept);
      if (kept.gzipped || !gzip || kept.body.byteLength < MIN_GZIP_BYTES || matches(ifNoneMatch, kept.etag))
        return reply(kept, ifNoneMatch, gzip);
      // Kept plain a moment ago for a client without gzip, and not compressed yet.
      const zipped = await compressed(kept);
      if (answers.get(key) === kept) keep(key, zipped);
      return reply(zipped, ifNoneMatch, gzip);
    }
    await next();
    const contentType = c.res.headers.get("content-type") ?? "";
    if (c.res.status !== 200 || !contentType.startsWith("application/json")) return;
    const plain = Buffer.from(await c.res.arrayBuffer());
    const asMade: Answer = { body: plain, gzipped: false, contentType, etag: `W/"${BOOT}.${++made}"` };
    const small = plain.byteLength < MIN_GZIP_BYTES;
    // Kept only if the data did not change while the answer was computed (and compressed).
    const unchanged = async () =>
      plain.byteLength <= maxAnswerBytes && (await dataKey(store)) === at && version === at;
    // The answer replaces the route's (whose headers it does not take over): written as it is.
    c.res = undefined;
    if (gzip) {
      const answer = small ? asMade : await compressed(asMade);
      if (await unchanged()) keep(key, answer);
      c.res = reply(answer, ifNoneMatch, true);
      return;
    }
    c.res = reply(asMade, ifNoneMatch, false);
    if (!(await unchanged())) return;
    if (small) {
      keep(key, asMade);
      return;
    }
    // Kept plain until compressed, where that pushes no other answer out; then gzipped, unless
    // the data changed or the answer was made anew meanwhile.
    if (bytes + plain.byteLength <= maxBytes) keep(key, asMade);
    void compressed(asMade)
      .then((zipped) => {
        const now = answers.get(key);
        if (version === at && (now === undefined || now === asMade)) keep(key, zipped);
      })
      .catch(() => undefined);
  };
}
