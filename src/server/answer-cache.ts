/**
 * The API's answers kept in memory: every route is a pure read of the store, so a GET answered
 * once is answered again from memory until the store's data changes (`dataKey`: a document
 * added, replaced or deleted by any process, or a change made through this one). Answers carry an
 * ETag, and a browser that sends it back gets 304 Not Modified. Least recently used answers go
 * first past the byte limit.
 */
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
  contentType: string;
  etag: string;
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
    bytes -= old.body.byteLength;
    answers.delete(key);
  };

  const reply = (answer: Answer, ifNoneMatch: string | undefined): Response => {
    const headers = { "content-type": answer.contentType, etag: answer.etag, "cache-control": "no-cache" };
    if (matches(ifNoneMatch, answer.etag)) return new Response(null, { status: 304, headers });
    return new Response(answer.body, { status: 200, headers });
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
    const kept = answers.get(key);
    if (kept) {
      // Most recently used last.
      answers.delete(key);
      answers.set(key, kept);
      return reply(kept, ifNoneMatch);
    }
    await next();
    const contentType = c.res.headers.get("content-type") ?? "";
    if (c.res.status !== 200 || !contentType.startsWith("application/json")) return;
    const body = await c.res.arrayBuffer();
    const answer: Answer = { body, contentType, etag: `W/"${BOOT}.${++made}"` };
    // The data may have changed while the answer was computed: keep it only if it did not.
    if (body.byteLength <= maxAnswerBytes && (await dataKey(store)) === version) {
      drop(key);
      answers.set(key, answer);
      bytes += body.byteLength;
      for (const oldest of answers.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    }
    c.res = reply(answer, ifNoneMatch);
  };
}
