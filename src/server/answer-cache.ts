/**
 * The API's answers kept in memory: every route is a pure read of the store, so a GET answered
 * once is answered again from memory until the store's data changes (`dataKey`: a document
 * added, replaced or deleted by any process, or a change made through this one). Answers carry an
 * ETag, and a browser that sends it back gets 304 Not Modified; a client that accepts gzip gets
 * it gzipped (once per answer; the timeline's several megabytes shrink about tenfold). Least
 * recently used answers go first past the byte limit.
 */
import { gzipSync } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import type { Store } from "../store/types.ts";
import { dataKey } from "./routes/read-model.ts";

/** How much the cache holds. */
export interface AnswerCacheOptions {
  /** The most bytes of answers kept (default 96 MiB). */
  maxBytes?: number;
  /** An answer larger than this is not kept (default 24 MiB). */
  maxAnswerBytes?: number;
}

interface Answer {
  body: ArrayBuffer;
  /** The body gzipped, made the first time a client that accepts gzip asks for it. */
  gzipped?: ArrayBuffer;
  contentType: string;
  etag: string;
}

/** Answers shorter than this are sent as they are: gzip would save next to nothing. */
const MIN_GZIP_BYTES = 1024;

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
    bytes -= old.body.byteLength + (old.gzipped?.byteLength ?? 0);
    answers.delete(key);
  };

  const reply = (answer: Answer, ifNoneMatch: string | undefined, gzip: boolean, kept: boolean): Response => {
    const headers: Record<string, string> = {
      "content-type": answer.contentType,
      etag: answer.etag,
      "cache-control": "no-cache",
      vary: "accept-encoding",
    };
    if (matches(ifNoneMatch, answer.etag)) return new Response(null, { status: 304, headers });
    if (!gzip || answer.body.byteLength < MIN_GZIP_BYTES)
      return new Response(answer.body, { status: 200, headers });
    if (!answer.gzipped) {
      const zipped = gzipSync(new Uint8Array(answer.body));
      answer.gzipped = zipped.buffer.slice(
        zipped.byteOffset,
        zipped.byteOffset + zipped.byteLength,
      ) as ArrayBuffer;
      if (kept) bytes += answer.gzipped.byteLength;
    }
    headers["content-encoding"] = "gzip";
    return new Response(answer.gzipped, { status: 200, headers });
  };

  return async (c, next) => {
    if (c.req.method !== "GET" || c.req.header("authorization") !== undefined) return next();
    const current = await dataKey(store);
    if (current !== version) {
      answers.clear();
      bytes = 0;
      version = current;
    }
    const url = new URL(c.req.url);
    const key = `${url.pathname}${url.search}`;
    const ifNoneMatch = c.req.header("if-none-match");
    const gzip = acceptsGzip(c.req.header("accept-encoding"));
    const kept = answers.get(key);
    if (kept) {
      // Most recently used last.
      answers.delete(key);
      answers.set(key, kept);
      return reply(kept, ifNoneMatch, gzip, true);
    }
    await next();
    const contentType = c.res.headers.get("content-type") ?? "";
    if (c.res.status !== 200 || !contentType.startsWith("application/json")) return;
    const body = await c.res.arrayBuffer();
    const answer: Answer = { body, contentType, etag: `W/"${BOOT}.${++made}"` };
    const response = reply(answer, ifNoneMatch, gzip, false);
    // The data may have changed while the answer was computed: keep it only if it did not.
    if (body.byteLength <= maxAnswerBytes && (await dataKey(store)) === version) {
      drop(key);
      answers.set(key, answer);
      bytes += body.byteLength + (answer.gzipped?.byteLength ?? 0);
      for (const oldest of answers.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    }
    c.res = response;
  };
}
