/**
 * The network: polities and persons as nodes, embassies, wars, treaties and tribute as edges (one
 * per pair and type, with counts and dates). Selecting an edge lists the entries behind it.
 */
import { api, type NetworkData, type NetworkEdge, type NetworkNode } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { jdnToIso } from "../format.ts";
import { href, replaceHash } from "../router.ts";
import { setTitle, type View } from "../view.ts";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 960;
const HEIGHT = 620;
const TYPE_COLORS: Record<string, string> = {
  embassy: "#2b6cb0",
  raid: "#b2412b",
  battle: "#9b2c2c",
  siege: "#c05621",
  peace: "#2f855a",
  oath: "#276749",
  treaty: "#38a169",
  tribute: "#b7791f",
  gift: "#d69e2e",
  investiture: "#6b46c1",
  submission: "#805ad5",
  defection: "#97266d",
  death: "#1a202c",
  appointment: "#2c7a7b",
  construction: "#975a16",
};

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

interface Point {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/**
 * Places the nodes with a force simulation (Fruchterman–Reingold: all nodes repel, edges pull,
 * a weak pull to the centre keeps loose nodes near), deterministic for a given graph, then scales
 * the layout to the drawing.
 */
export function layout(
  nodes: readonly NetworkNode[],
  edges: readonly NetworkEdge[],
  iterations = 400,
): Map<string, Point> {
  const points = new Map<string, Point>();
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) + (n.kind === "polity" ? 0 : 0.5);
    const radius = n.kind === "polity" ? 0.3 : 0.8;
    points.set(n.id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle), vx: 0, vy: 0 });
  });
  const list = [...points.values()];
  const k = Math.sqrt(1 / Math.max(1, list.length));
  const links = edges.flatMap((e) => {
    const a = points.get(e.source);
    const b = points.get(e.target);
    return a && b && a !== b ? [{ a, b }] : [];
  });
  for (let it = 0; it < iterations; it++) {
    const temperature = 0.1 * (1 - it / iterations) + 0.002;
    for (const p of list) {
      p.vx = 0;
      p.vy = 0;
    }
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      for (let j = i + 1; j < list.length; j++) {
        const q = list[j]!;
        const dx = p.x - q.x || 1e-6;
        const dy = p.y - q.y;
        const d2 = Math.max(1e-6, dx * dx + dy * dy);
        const f = (k * k) / d2;
        p.vx += dx * f;
        p.vy += dy * f;
        q.vx -= dx * f;
        q.vy -= dy * f;
      }
    }
    for (const { a, b } of links) {
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1e-6;
      const f = d / k;
      a.vx += dx * f * 0.5;
      a.vy += dy * f * 0.5;
      b.vx -= dx * f * 0.5;
      b.vy -= dy * f * 0.5;
    }
    for (const p of list) {
      p.vx -= p.x * 0.5;
      p.vy -= p.y * 0.5;
      const speed = Math.sqrt(p.vx * p.vx + p.vy * p.vy) || 1;
      const step = Math.min(speed, temperature);
      p.x += (p.vx / speed) * step;
      p.y += (p.vy / speed) * step;
    }
  }
  const xs = list.map((p) => p.x);
  const ys = list.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const p of list) {
    p.x = 30 + ((p.x - x0) / (x1 - x0 || 1)) * (WIDTH - 130);
    p.y = 25 + ((p.y - y0) / (y1 - y0 || 1)) * (HEIGHT - 50);
  }
  return points;
}

function dates(edge: NetworkEdge): string {
  if (edge.first === null || edge.last === null) return "undated";
  const a = jdnToIso(edge.first);
  const b = jdnToIso(edge.last);
  return a === b ? a : `${a} – ${b}`;
}

/** `#/network?edge=SOURCE|TARGET|TYPE`: the graph, its edges as a table, an edge's entries. */
export const networkView: View = async ({ route, main, signal }) => {
  setTitle("Network");
  const data: NetworkData = await api.network();
  if (signal.aborted) return;
  if (data.nodes.length === 0) {
    const polities = await api.entities("polity");
    replace(
      main,
      h("h1", null, "Network"),
      notice(
        data.annotations === "none"
          ? "No events yet: the annotation stage has not been run on this database, so there are no embassies, wars, treaties or tribute to draw. The polities of the authority data:"
          : "No event links two polities or persons.",
      ),
      h(
        "ul",
        { class: "inline-list" },
        polities.results.map((p) =>
          h("li", null, h("a", { href: href(["entity", p.id]), lang: "zh-Hant" }, p.name)),
        ),
      ),
    );
    return;
  }
  const names = new Map(data.nodes.map((n) => [n.id, n.name]));
  const points = layout(data.nodes, data.edges);
  const panel = h(
    "section",
    { class: "edge-panel", attrs: { "aria-live": "polite" } },
    h("p", { class: "meta" }, "Select an edge (or a row of the table) to list the entries behind it."),
  );
  const edgeLabel = (e: NetworkEdge) =>
    `${names.get(e.source) ?? e.source} → ${names.get(e.target) ?? e.target}: ${e.type} ×${e.count}`;

  async function showEdge(edge: NetworkEdge): Promise<void> {
    replaceHash(href(["network"], { edge: `${edge.source}|${edge.target}|${edge.type}` }));
    const list = h(
      "ol",
      null,
      edge.entries.map((id) =>
        h("li", { attrs: { "data-entry": id } }, h("a", { href: href(["entry", id]) }, id)),
      ),
    );
    replace(
      panel,
      h("h2", { lang: "zh-Hant" }, edgeLabel(edge)),
      h("p", { class: "meta" }, dates(edge)),
      list,
    );
    for (const id of edge.entries.slice(0, 40)) {
      const entry = await api.entry(id).catch(() => null);
      if (signal.aborted) return;
      const item = list.querySelector(`[data-entry="${CSS.escape(id)}"] a`);
      if (entry && item) item.textContent = `${entry.headline} (${id})`;
    }
  }

  const pairIndex = new Map<string, number>();
  const edgeElements = data.edges.map((edge) => {
    const a = points.get(edge.source)!;
    const b = points.get(edge.target)!;
    const key = [edge.source, edge.target].sort().join("|");
    const n = pairIndex.get(key) ?? 0;
    pairIndex.set(key, n + 1);
    const bend = (n % 2 ? -1 : 1) * Math.ceil(n / 2) * 18;
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const cx = mx - (dy / d) * bend;
    const cy = my + (dx / d) * bend;
    const shape = `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
    const line = svg("path", {
      d: shape,
      class: "edge",
      "stroke-width": (1 + Math.log2(edge.count + 1) * 1.5).toFixed(1),
    });
    line.style.stroke = TYPE_COLORS[edge.type] ?? "#718096";
    const link = svg(
      "a",
      { href: "#", class: "edge-link", role: "button", "aria-label": edgeLabel(edge) },
      svg("path", { d: shape, class: "edge-hit" }),
      line,
      svg("title", {}, `${edgeLabel(edge)} (${dates(edge)})`),
    );
    link.addEventListener("click", (event) => {
      event.preventDefault();
      void showEdge(edge);
    });
    return link;
  });

  const nodeElements = data.nodes.map((node) => {
    const p = points.get(node.id)!;
    const r = node.kind === "polity" ? 9 + Math.sqrt(node.count) * 1.5 : 4 + Math.sqrt(node.count);
    return svg(
      "a",
      {
        href: href(["entity", node.id]),
        class: `node node-${node.kind}`,
        "aria-label": `${node.name} (${node.kind}, ${node.count} events)`,
      },
      svg("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }),
      svg("text", { x: (p.x + r + 3).toFixed(1), y: (p.y + 4).toFixed(1), lang: "zh-Hant" }, node.name),
    );
  });

  const types = [...new Set(data.edges.map((e) => e.type))];
  replace(
    main,
    h("h1", null, "Network"),
    h(
      "p",
      { class: "legend-line" },
      types.map((t) =>
        h("span", { class: "legend-item" }, h("span", { class: "swatch", attrs: { "data-type": t } }), t),
      ),
    ),
    h(
      "div",
      { class: "network-layout" },
      h(
        "div",
        { class: "network-wrap" },
        svg(
          "svg",
          {
            viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
            class: "network",
            role: "group",
            "aria-label": "Network of polities and persons",
          },
          svg("g", {}, ...edgeElements),
          svg("g", {}, ...nodeElements),
        ),
      ),
      panel,
    ),
    h(
      "table",
      { class: "edges-table" },
      h("caption", null, "Edges"),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["From", "Event", "To", "Count", "Dates", ""].map((c) => h("th", { attrs: { scope: "col" } }, c)),
        ),
      ),
      h(
        "tbody",
        null,
        data.edges.map((edge) =>
          h(
            "tr",
            null,
            h(
              "td",
              { lang: "zh-Hant" },
              h("a", { href: href(["entity", edge.source]) }, names.get(edge.source) ?? edge.source),
            ),
            h("td", null, edge.type),
            h(
              "td",
              { lang: "zh-Hant" },
              h("a", { href: href(["entity", edge.target]) }, names.get(edge.target) ?? edge.target),
            ),
            h("td", null, String(edge.count)),
            h("td", null, dates(edge)),
            h(
              "td",
              null,
              h("button", { type: "button", on: { click: () => void showEdge(edge) } }, "entries"),
            ),
          ),
        ),
      ),
    ),
  );
  for (const swatch of main.querySelectorAll<HTMLElement>(".swatch[data-type]"))
    swatch.style.background = TYPE_COLORS[swatch.dataset.type ?? ""] ?? "#718096";
  const selected = route.params.get("edge");
  if (selected) {
    const edge = data.edges.find((e) => `${e.source}|${e.target}|${e.type}` === selected);
    if (edge) void showEdge(edge);
  }
};
