/**
 * Serves the built web app (web/dist) at `/`: the page with a strict Content-Security-Policy,
 * hashed assets with a long cache lifetime. Without a build, `/` points to the API page.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";

/** Where `vite build` writes the web app. */
export const WEB_ROOT = fileURLToPath(new URL("../../web/dist/", import.meta.url));

/**
 * The Content-Security-Policy of the app's pages: scripts, styles, fonts and data from this
 * server only, nothing inline, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/** A file name the server will look up: no directories, no dot files. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * The headers every response of the server carries, whatever it is (JSON, a problem, a file,
 * a redirect, an answer to a request too malformed to reach the app): no type sniffing, no
 * referrer, no framing, no use of its resources by other sites' pages. The Content-Security-
 * Policy here is for answers that are not pages (JSON, problems, redirects): nothing may be
 * loaded or run; each page sends its own instead.
 */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "content-security-policy":
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const SECURITY_HEADERS: Record<string, string> = {
  ...RESPONSE_HEADERS,
  "content-security-policy": CONTENT_SECURITY_POLICY,
};

/**
 * The file at `path` when it really lies inside `root`, after following symbolic links: a link
 * in the build that points elsewhere is not served.
 */
function insideRoot(root: string, path: string): string | null {
  try {
    const real = realpathSync(path);
    const base = realpathSync(root);
    return real.startsWith(base.endsWith(sep) ? base : `${base}${sep}`) ? real : null;
  } catch {
    return null;
  }
}

function fileResponse(c: Context, root: string, name: string, cache: string): Response | null {
  const path = insideRoot(root, join(root, name));
  if (path === null) return null;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null;
  }
  const type = TYPES[extname(path)] ?? "application/octet-stream";
  const headers: Record<string, string> = {
    "content-type": type,
    "content-length": String(size),
    "cache-control": cache,
    ...SECURITY_HEADERS,
  };
  if (c.req.method === "HEAD") return c.body(null, 200, headers);
  return c.body(new Uint8Array(readFileSync(path)), 200, headers);
}

/**
 * Adds the web app's routes: `/` (the page), `/assets/NAME` and the other files at the top of
 * the build. Without a build at `root`, `/` redirects to the API page.
 *
 * @param app the application to add the routes to
 * @param root the built app (default `web/dist`)
 * @example
 * serveWebApp(app)
 * (await app.request("/")).headers.get("content-security-policy") //=> "default-src 'none'; …"
 */
export function serveWebApp(app: OpenAPIHono, root: string = WEB_ROOT): void {
  const page = (c: Context) => {
    const index = join(root, "index.html");
    if (!existsSync(index)) return c.redirect("/api");
    return fileResponse(c, root, "index.html", "no-cache") ?? c.redirect("/api");
  };
  app.get("/", page);
  app.get("/index.html", page);
  app.get("/assets/:name", (c, next) => {
    const name = c.req.param("name");
    if (!SAFE_NAME.test(name)) return next();
    return fileResponse(c, root, join("assets", name), "public, max-age=31536000, immutable") ?? next();
  });
  app.get("/:name", (c, next) => {
    const name = c.req.param("name");
    if (!SAFE_NAME.test(name) || name === "api" || name === "index.html") return next();
    return fileResponse(c, root, name, "public, max-age=3600") ?? next();
  });
}
