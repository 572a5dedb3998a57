/**
 * The HTTP API: JSON endpoints under `/api/`, an OpenAPI 3.1 document generated from the zod
 * schemas that validate the requests, and a readable page listing the endpoints at `/api`.
 * Paths outside `/api` are left for the web app.
 */
import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { QueryError } from "../search/query.ts";
import { DatabaseWriteError, StoreError } from "../store/errors.ts";
import type { EntryFilter, Store } from "../store/types.ts";
import { type AnswerCacheOptions, answerCache } from "./answer-cache.ts";
import { type EditPolicy, LOCAL_EDITS } from "./edits.ts";
import { API_PAGE_CSP, apiPage } from "./page.ts";
import { ApiError, type ParameterProblem, problemResponse } from "./problem.ts";
import { registerCorrectionRoutes } from "./routes/corrections.ts";
import { registerImportRoute } from "./routes/import.ts";
import { registerWebRoutes } from "./routes/index.ts";
import * as s from "./schemas.ts";
import { RESPONSE_HEADERS, serveWebApp } from "./static.ts";

/** The API's version, as the OpenAPI document gives it. */
export const API_VERSION = "0.1.0";

/** Options of `createApp`. */
export interface AppOptions {
  /** Where unexpected errors are reported (default: `console.error`). */
  logError?: (error: unknown) => void;
  /** The built web app served at `/` (default `web/dist`). */
  webRoot?: string;
  /** How many answers are kept in memory (`false`: none; see `answerCache`). */
  answerCache?: AnswerCacheOptions | false;
  /** Who may write corrections and imports (default: the local user, no token). */
  edits?: EditPolicy;
}

/** The requests that write (POST only), through the edit policy; the rest of the API is read-only. */
const WRITES = [/^\/api\/corrections$/, /^\/api\/corrections\/[^/]+\/undo$/, /^\/api\/import$/];

const JSON_TYPE = "application/json";

const problems = {
  400: {
    description: "Invalid parameters",
    content: { "application/problem+json": { schema: s.Problem } },
  },
  404: {
    description: "Nothing with this id or name",
    content: { "application/problem+json": { schema: s.Problem } },
  },
} as const;

function ok<T extends z.ZodType>(schema: T, description: string) {
  return { 200: { description, content: { [JSON_TYPE]: { schema } } }, ...problems } as const;
}

const routes = {
  documents: createRoute({
    method: "get",
    path: "/api/documents",
    summary: "List the stored documents",
    description:
      "One document per chronicle file, with its checksum, encoding and counts, and what it is: work, juan, section and title.",
    request: { query: s.CorpusQuery },
    responses: ok(s.DocumentList, "The documents, by work, then juan"),
  }),
  document: createRoute({
    method: "get",
    path: "/api/documents/{id}",
    summary: "One document",
    description: "A document with the parser's messages about its text.",
    request: { params: s.DocumentParams },
    responses: ok(s.DocumentDetail, "The document"),
  }),
  documentText: createRoute({
    method: "get",
    path: "/api/documents/{id}/text",
    summary: "A slice of a document's original text",
    description: "The text between two UTF-16 offsets (the offsets every position and match uses).",
    request: { params: s.DocumentParams, query: s.TextQuery },
    responses: ok(s.DocumentText, "The slice"),
  }),
  entries: createRoute({
    method: "get",
    path: "/api/entries",
    summary: "List entries",
    description: "Entries in text order (document, then position), filtered and paged.",
    request: { query: s.EntriesQuery },
    responses: ok(s.EntryPage, "A page of entries"),
  }),
  entry: createRoute({
    method: "get",
    path: "/api/entries/{id}",
    summary: "One entry",
    description:
      "An entry with its original text, details, citations, notes and variant readings, each with its position in the document.",
    request: { params: s.EntryParams },
    responses: ok(s.EntryDetail, "The entry"),
  }),
  sources: createRoute({
    method: "get",
    path: "/api/sources",
    summary: "List cited works",
    description: "Every work the entries cite, most cited first, with citation and entry counts.",
    request: { query: s.CorpusQuery },
    responses: ok(s.SourceList, "The cited works"),
  }),
  source: createRoute({
    method: "get",
    path: "/api/sources/{work}",
    summary: "One cited work",
    description: "A cited work with the entries that cite each of its parts (section and juan).",
    request: { params: s.SourceParams },
    responses: ok(s.SourceDetail, "The work"),
  }),
  search: createRoute({
    method: "get",
    path: "/api/search",
    summary: "Full-text search",
    description:
      "Entries whose headline, details or notes contain every term, headline matches first, then by relevance; each with the matched characters as offsets for highlighting.",
    request: { query: s.SearchQuery },
    responses: ok(s.SearchPage, "A page of results"),
  }),
};

type FilterInput = z.infer<typeof s.FilterQuery>;

/** The store's filter from validated query parameters (absent ones left out). */
function filterOf(query: FilterInput): EntryFilter {
  const filter: EntryFilter = {};
  if (query.corpus !== undefined) filter.corpus = query.corpus;
  if (query.document !== undefined) filter.documentId = query.document;
  if (query.from !== undefined) filter.from = query.from;
  if (query.to !== undefined) filter.to = query.to;
  if (query.era !== undefined) filter.era = query.era;
  if (query.year !== undefined) filter.year = query.year;
  if (query.month !== undefined) filter.month = query.month;
  if (query.leap !== undefined) filter.leap = query.leap === "true";
  if (query.state !== undefined) filter.state = query.state;
  if (query.work !== undefined) filter.work = query.work;
  if (query.juan !== undefined) filter.juan = query.juan;
  return filter;
}

/**
 * The longest request target (path and query) the API reads, in characters of the
 * percent-encoded URL: far more than the longest valid request (a 200-character query and four
 * 100-character filters, every character encoded in 9 bytes), far less than the server's header
 * limit, so that a longer URL is refused with a problem document rather than a bare 431.
 */
export const MAX_URL_LENGTH = 8 * 1024;

const NUL = "\u0000";

/** What is wrong with a request target, for a problem response. */
interface UrlProblem {
  status: 400 | 414;
  detail: string;
  errors?: ParameterProblem[];
}

/** Decodes one percent-encoded part of the URL, or null when it is malformed or not UTF-8. */
function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * Checks the request target: not longer than `MAX_URL_LENGTH`, every part well-formed
 * percent-encoded UTF-8, and no NUL character in the path or a parameter (no stored text holds
 * one on every backend, and PostgreSQL refuses it as a value).
 */
function urlProblem(url: string): UrlProblem | null {
  const parsed = new URL(url);
  const length = parsed.pathname.length + parsed.search.length;
  if (length > MAX_URL_LENGTH) {
    return {
      status: 414,
      detail: `The URL is ${length} characters long; the API reads ${MAX_URL_LENGTH} at most`,
    };
  }
  const malformed = (part: string): UrlProblem => ({
    status: 400,
    detail: `The URL is not well-formed: ${part} has malformed percent-encoding or is not UTF-8`,
  });
  const withNul = (where: string, name: string): UrlProblem => ({
    status: 400,
    detail: `The URL is not well-formed: ${where === "path" ? "the path" : `the parameter "${name}"`} contains a NUL character`,
    errors: [{ in: where, name, message: "must not contain a NUL character (%00)" }],
  });
  const path = decodePart(parsed.pathname);
  if (path === null) return malformed("the path");
  if (path.includes(NUL)) return withNul("path", "(path)");
  const at = url.indexOf("?");
  if (at === -1) return null;
  for (const pair of url
    .slice(at + 1)
    .split("#")[0]!
    .split("&")) {
    const eq = pair.indexOf("=");
    const name = decodePart((eq === -1 ? pair : pair.slice(0, eq)).replaceAll("+", " "));
    if (name === null) return malformed("a parameter name");
    if (name.includes(NUL)) return withNul("query", "(name)");
    const value = decodePart((eq === -1 ? "" : pair.slice(eq + 1)).replaceAll("+", " "));
    if (value === null) return malformed(`the parameter "${name}"`);
    if (value.includes(NUL)) return withNul("query", name);
  }
  return null;
}

function parameterProblems(error: z.ZodError, target: string): ParameterProblem[] {
  return error.issues.map((issue) => ({
    in: target === "param" ? "path" : target,
    name: issue.path.map(String).join(".") || "(all)",
    message: issue.message,
  }));
}

/**
 * Creates the HTTP application over a store. Tests call `app.request(...)` on it directly;
 * `startServer` serves it over HTTP.
 *
 * @param store the store to read from (the app never writes)
 * @example
 * const app = createApp(openSqliteStore(":memory:"))
 * (await app.request("/api/documents")).status //=> 200
 */
export function createApp(store: Store, options: AppOptions = {}): OpenAPIHono {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = parameterProblems(result.error, result.target);
        const names = [...new Set(errors.map((e) => e.name))].join(", ");
        return problemResponse(400, `Invalid parameter: ${names}`, new URL(c.req.url).pathname, errors);
      }
    },
  });

  app.onError((error, c) => {
    const instance = new URL(c.req.url).pathname;
    if (error instanceof ApiError)
      return problemResponse(error.status, error.detail, instance, error.errors, error.headers);
    if (error instanceof QueryError) {
      return problemResponse(400, error.message, instance, [
        { in: "query", name: "q", message: error.message },
      ]);
    }
    if (error instanceof HTTPException) return problemResponse(error.status, error.message, instance);
    const busy =
      (error instanceof DatabaseWriteError && error.reason === "busy") ||
      (error instanceof StoreError && /SQLITE_BUSY|database is locked/.test(error.message));
    if (busy) {
      return problemResponse(503, "The database is busy; try again", instance, undefined, {
        "retry-after": "1",
      });
    }
    logError(error);
    return problemResponse(500, "The server failed to answer this request", instance);
  });

  app.notFound((c) =>
    problemResponse(404, `There is nothing at ${new URL(c.req.url).pathname}`, new URL(c.req.url).pathname),
  );

  // Every answer, errors included, carries the security headers; one that sets its own
  // (a page's Content-Security-Policy) keeps it.
  app.use("*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(RESPONSE_HEADERS))
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });

  app.use("*", async (c, next) => {
    const problem = urlProblem(c.req.url);
    if (problem !== null) throw new ApiError(problem.status, problem.detail, problem.errors);
    await next();
  });

  app.use("/api/*", async (c, next) => {
    const write = c.req.method === "POST" && WRITES.some((w) => w.test(c.req.path));
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && !write) {
      throw new ApiError(405, `The API is read-only: use GET, not ${c.req.method}`, undefined, {
        allow: "GET, HEAD",
      });
    }
    await next();
  });

  if (options.answerCache !== false) app.use("/api/*", answerCache(store, options.answerCache));

  const notFound = (what: string): never => {
    throw new ApiError(404, `There is no ${what}`);
  };

  app.openapi(routes.documents, async (c) => {
    const { corpus } = c.req.valid("query");
    return c.json({ results: await store.listDocuments(corpus === undefined ? {} : { corpus }) }, 200);
  });

  app.openapi(routes.document, async (c) => {
    const { id } = c.req.valid("param");
    return c.json((await store.getDocument(id)) ?? notFound(`document ${id}`), 200);
  });

  app.openapi(routes.documentText, async (c) => {
    const { id } = c.req.valid("param");
    const { start = 0, end } = c.req.valid("query");
    const document = (await store.getDocument(id)) ?? notFound(`document ${id}`);
    const to = Math.min(end ?? document.length, document.length);
    if (start > to) {
      throw new ApiError(400, `start (${start}) is after end (${to})`, [
        { in: "query", name: "start", message: `must be at most ${to}` },
      ]);
    }
    const text = (await store.getDocumentText(id, start, to)) ?? notFound(`document ${id}`);
    return c.json({ documentId: id, start, end: to, text }, 200);
  });

  app.openapi(routes.entries, async (c) => {
    const query = c.req.valid("query");
    const page = { limit: query.limit ?? s.DEFAULT_LIMIT, offset: query.offset ?? 0 };
    return c.json(await store.listEntries(filterOf(query), page), 200);
  });

  app.openapi(routes.entry, async (c) => {
    const { id } = c.req.valid("param");
    return c.json((await store.getEntry(id)) ?? notFound(`entry ${id}`), 200);
  });

  app.openapi(routes.sources, async (c) => {
    const { corpus } = c.req.valid("query");
    return c.json({ results: await store.listSources(corpus === undefined ? {} : { corpus }) }, 200);
  });

  app.openapi(routes.source, async (c) => {
    const { work } = c.req.valid("param");
    return c.json((await store.getSource(work)) ?? notFound(`cited work ${work}`), 200);
  });

  app.openapi(routes.search, async (c) => {
    const query = c.req.valid("query");
    const page = await store.search({
      ...filterOf(query),
      query: query.q,
      limit: query.limit ?? s.DEFAULT_LIMIT,
      offset: query.offset ?? 0,
    });
    return c.json({ query: query.q, ...page }, 200);
  });

  registerWebRoutes(app, store);
  registerCorrectionRoutes(app, store, options.edits ?? LOCAL_EDITS);
  registerImportRoute(app, store, options.edits ?? LOCAL_EDITS);

  const config = {
    openapi: "3.1.0",
    info: {
      title: "Biannian API",
      version: API_VERSION,
      description:
        "Entries of classical Chinese chronicles: dated, cited and searchable. Read-only but for corrections and imports, which go through the server's edit policy (GET /api/edits). Entry ids are `documentId:localId` (e.g. `1:e13`); offsets count UTF-16 code units of the document's text.",
    },
  };
  app.doc31("/api/openapi.json", config);

  const page = (c: Context) =>
    c.html(apiPage(app.getOpenAPI31Document(config)), 200, { "content-security-policy": API_PAGE_CSP });
  app.get("/api", page);
  app.get("/api/", page);
  serveWebApp(app, options.webRoot);
  return app;
}
