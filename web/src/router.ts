/**
 * Hash routing: every view has a shareable URL (`#/entry/1:e13`, `#/search?q=青鹽`). The path
 * segments and the query are decoded once here.
 */

/** A parsed location. */
export interface Route {
  /** The decoded path segments: `#/entry/1:e13` → `["entry", "1:e13"]`. */
  path: string[];
  params: URLSearchParams;
}

/**
 * Parses a location hash.
 *
 * @example
 * parseHash("#/search?q=%E9%9D%92%E9%B9%BD").params.get("q") //=> "青鹽"
 */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, "");
  const at = body.indexOf("?");
  const pathPart = at === -1 ? body : body.slice(0, at);
  const path = pathPart
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { path, params: new URLSearchParams(at === -1 ? "" : body.slice(at + 1)) };
}

/**
 * The hash of a route: segments encoded, empty parameters left out.
 *
 * @example
 * href(["entity", "person:yuanhao"]) //=> "#/entity/person%3Ayuanhao"
 * href(["search"], { q: "青鹽", month: "" }) //=> "#/search?q=%E9%9D%92%E9%B9%BD"
 */
export function href(
  path: readonly (string | number)[],
  params: Record<string, string | number | null | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    query.set(key, String(value));
  }
  const q = query.toString();
  return `#/${path.map((p) => encodeURIComponent(String(p))).join("/")}${q ? `?${q}` : ""}`;
}

/** Replaces the current URL without a new history entry (e.g. while panning the timeline). */
export function replaceHash(hash: string): void {
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
