/**
 * The web app's request mix (bench/http-mix.json, written by bench/record-mix.ts): every `/api/…`
 * request of a browser session, grouped by route pattern (`/api/entries/{id}/annotations`), with
 * each route's share and its requests as examples in which what depends on the database — entry,
 * document and entity ids, works, days, search terms — stands as a placeholder (`{entry}`) that
 * the HTTP suite fills from what the server it loads holds.
 */
import { readFileSync } from "node:fs";

/** Where the recorded mix is kept. */
export const MIX_FILE = new URL("./http-mix.json", import.meta.url);

/** One request of the mix with its placeholders, and how often the session sent it. */
export interface MixExample {
  path: string;
  count: number;
}

/** One route pattern of the mix. */
export interface MixRoute {
  /** The route as the OpenAPI document names it: `/api/entries/{id}/annotations`. */
  route: string;
  requests: number;
  /** Its part of all requests, 0–1. */
  share: number;
  examples: MixExample[];
}

/** One step of the recorded session and the API requests it made. */
export interface MixStep {
  step: string;
  requests: number;
}

/** The contents of bench/http-mix.json. */
export interface HttpMix {
  about: string;
  recorded: string;
  command: string;
  browser: string;
  /** Which code served the session (commit, and whether through tsx). */
  server: string;
  database: string;
  placeholders: Record<string, string>;
  /** The search terms of the session; `{term}` stands for them and for words of the served text. */
  terms: string[];
  requests: number;
  session: MixStep[];
  routes: MixRoute[];
}

/** What each placeholder stands for; the HTTP suite fills each from the server it loads. */
export const PLACEHOLDERS: Record<string, string> = {
  "{document}": "a stored document's id (/api/documents)",
  "{entry}": "a stored entry's id (/api/entries)",
  "{jdn}": "the Julian day number an entry is dated to",
  "{person}": "a person's entity id (/api/entities?kind=person)",
  "{place}": "a place's entity id (/api/entities?kind=place)",
  "{polity}": "a polity's entity id (/api/entities?kind=polity)",
  "{office}": "an office's entity id (/api/entities?kind=office)",
  "{entity}": "any entity id (/api/entities)",
  "{work}": "a cited work (/api/sources)",
  "{term}": "a search term: the recorded ones and words drawn from the served text",
};

/** The kinds of entity whose ids have a placeholder of their own. */
const ENTITY_KINDS = ["person", "place", "polity", "office"];

/**
 * Reads the recorded mix.
 *
 * @example
 * readMix().routes[0].route //=> "/api/entries/{id}"
 */
export function readMix(file: URL | string = MIX_FILE): HttpMix {
  return JSON.parse(readFileSync(file, "utf8")) as HttpMix;
}

/**
 * A function naming the route pattern of a request path, from the OpenAPI document's paths;
 * a path no pattern matches is its own route. Patterns with more fixed segments win.
 *
 * @example
 * routeOf(["/api/entries/{id}", "/api/entries/{id}/annotations"])("/api/entries/1%3Ae2/annotations")
 * //=> "/api/entries/{id}/annotations"
 */
export function routeOf(patterns: readonly string[]): (pathname: string) => string {
  const compiled = patterns
    .map((pattern) => {
      const segments = pattern.split("/");
      const source = segments
        .map((s) => (/^\{[^}]+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
      return {
        pattern,
        regex: new RegExp(`^${source}/?$`),
        fixed: segments.filter((s) => !s.startsWith("{")).length,
      };
    })
    .sort((a, b) => b.fixed - a.fixed);
  return (pathname) => compiled.find((c) => c.regex.test(pathname))?.pattern ?? pathname;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The placeholder of an entity id (`person:yuanhao` → `{person}`). */
function entityPlaceholder(id: string): string {
  const kind = id.slice(0, id.indexOf(":"));
  return ENTITY_KINDS.includes(kind) ? `{${kind}}` : "{entity}";
}

/** Escapes what would break `k=v&k=v` (values are kept readable otherwise). */
const escapeValue = (value: string) => value.replace(/[%&=#?]/g, (c) => encodeURIComponent(c));

/**
 * A request as an example of the mix: the path's ids and the query's ids, days and terms as
 * placeholders, the other parameters as sent, readable (not percent-encoded).
 *
 * @example
 * placeholderPath("/api/entries/144%3Ae3/annotations", "") //=> "/api/entries/{entry}/annotations"
 * placeholderPath("/api/find", "?q=%E9%9D%92&state=%E8%A5%BF%E5%A4%8F&limit=20") //=> "/api/find?q={term}&state=西夏&limit=20"
 */
export function placeholderPath(pathname: string, search: string): string {
  const segments = pathname.split("/").map(decode);
  const path = segments
    .map((segment, i) => {
      if (i < 3) return segment; // "", "api", the collection
      const collection = segments[i - 1];
      if (collection === "documents") return "{document}";
      if (collection === "entries") return "{entry}";
      if (collection === "entities") return entityPlaceholder(segment);
      if (collection === "sources") return "{work}";
      return segment;
    })
    .join("/");
  const params = [...new URLSearchParams(search)].map(([key, value]) => {
    if (key === "q") return `${key}={term}`;
    if (key === "jdn") return `${key}={jdn}`;
    if (key === "entity") return `${key}=${entityPlaceholder(value)}`;
    return `${key}=${escapeValue(value)}`;
  });
  return params.length ? `${path}?${params.join("&")}` : path;
}

/**
 * The request path of an example with its placeholders filled by `fill`, encoded as the web app
 * encodes it (`encodeURIComponent` for path segments, `URLSearchParams` for the query).
 *
 * @example
 * fillExample("/api/entries/{entry}", () => "3:e1") //=> "/api/entries/3%3Ae1"
 */
export function fillExample(example: string, fill: (placeholder: string) => string): string {
  const at = example.indexOf("?");
  const pathPart = at === -1 ? example : example.slice(0, at);
  const path = pathPart
    .split("/")
    .map((segment) => encodeURIComponent(/^\{\w+\}$/.test(segment) ? fill(segment) : segment))
    .join("/");
  if (at === -1) return path;
  const query = new URLSearchParams();
  for (const pair of example.slice(at + 1).split("&")) {
    const eq = pair.indexOf("=");
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? "" : decode(pair.slice(eq + 1));
    query.append(key, /^\{\w+\}$/.test(value) ? fill(value) : value);
  }
  return `${path}?${query}`;
}

/**
 * The placeholders an example holds.
 *
 * @example
 * placeholdersOf("/api/find?q={term}&entity={person}") //=> ["{term}", "{person}"]
 */
export function placeholdersOf(example: string): string[] {
  return [...example.matchAll(/\{\w+\}/g)].map((m) => m[0]);
}
