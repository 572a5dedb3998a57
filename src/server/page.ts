/** The readable API page at `/api`: plain HTML made from the OpenAPI document, no scripts, no CDN. */
import { createHash } from "node:crypto";

/** The page's one style sheet, inline: the Content-Security-Policy allows it by its hash. */
const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
code { font-family: ui-monospace, monospace; background: #f3f3f3; padding: 0 .2em; }
h2 { font-size: 1.1rem; margin-top: 2rem; border-top: 1px solid #ddd; padding-top: 1rem; }
.method { color: #06c; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #eee; padding: .25rem .5rem; }
.responses { color: #555; font-size: .9rem; }
`;

/**
 * The Content-Security-Policy of the API page: nothing to load or run but its own style sheet
 * (allowed by its SHA-256, so no other inline style is), no forms, no framing. Its links are
 * navigations, which the policy leaves alone.
 */
export const API_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: {
    type?: string | string[];
    enum?: unknown[];
    example?: unknown;
    minimum?: number;
    maximum?: number;
    maxLength?: number;
  };
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
}

/** The parts of an OpenAPI document the page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  // biome-ignore lint/suspicious/noExplicitAny: the generator's path items are read loosely
  paths?: Record<string, any>;
}

/**
 * Escapes text for HTML.
 *
 * @example
 * escapeHtml('<a href="x">') //=> "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

/** Renders inline `code` spans of a description. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function parameterRow(p: Parameter): string {
  const schema = p.schema ?? {};
  let type = schema.enum ? schema.enum.map(String).join(" | ") : String(schema.type ?? "string");
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    type += ` ${schema.minimum}–${schema.maximum}`;
  if (schema.maxLength !== undefined) type += `, ≤ ${schema.maxLength} chars`;
  const example = schema.example;
  return `<tr><td>${code(p.name)}</td><td>${escapeHtml(p.in)}${p.required ? ", required" : ""}</td><td>${escapeHtml(type)}</td><td>${prose(p.description ?? "")}${
    example === undefined ? "" : ` — e.g. ${code(String(example))}`
  }</td></tr>`;
}

function exampleUrl(path: string, parameters: readonly Parameter[]): string {
  let url = path;
  for (const p of parameters.filter((p) => p.in === "path")) {
    url = url.replace(`{${p.name}}`, encodeURIComponent(String(p.schema?.example ?? "")));
  }
  const query = parameters
    .filter((p) => p.in === "query" && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(p.schema?.example ?? ""))}`);
  return query.length ? `${url}?${query.join("&")}` : url;
}

/**
 * The HTML page that lists the API's endpoints with their parameters.
 *
 * @param doc the OpenAPI document the app generates
 */
export function apiPage(doc: OpenApiDocument): string {
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries((methods ?? {}) as Record<string, Operation>)) {
      const parameters = op.parameters ?? [];
      const example = exampleUrl(path, parameters);
      sections.push(`<section>
<h2><span class="method">${escapeHtml(method.toUpperCase())}</span> ${code(path)}</h2>
<p><strong>${prose(op.summary ?? "")}</strong>${op.description ? ` — ${prose(op.description)}` : ""}</p>
${
  parameters.length
    ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>
${parameters.map(parameterRow).join("\n")}
</tbody></table>`
    : "<p>No parameters.</p>"
}
<p>Try: <a href="${escapeHtml(example)}">${escapeHtml(example)}</a></p>
<p class="responses">${Object.entries(op.responses ?? {})
        .map(([status, r]) => `${code(status)} ${escapeHtml(r.description ?? "")}`)
        .join(" · ")}</p>
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${prose(doc.info.description ?? "")}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are
<code>application/problem+json</code> (RFC 9457).</p>
${sections.join("\n")}
</body>
</html>
`;
}
