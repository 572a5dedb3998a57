/**
 * The network's drawing: where the nodes go (a force layout, deterministic for a graph), and the
 * SVG of nodes, directed edges with arrowheads that stop at the node they point to, and the
 * nodes' names above everything with a halo, at a size readable on the screen.
 */
import type { NetworkEdge, NetworkNode } from "../api.ts";
import { EVENT_COLORS } from "../palette.ts";
import { href } from "../router.ts";
import { svg } from "../svg.ts";

/** Event types that link equals (a peace, an oath, a treaty): drawn without a direction. */
export const UNDIRECTED = new Set(["peace", "oath", "treaty"]);

export interface Point {
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
  size: { width: number; height: number },
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
    p.x = 30 + ((p.x - x0) / (x1 - x0 || 1)) * (size.width - 130);
    p.y = 30 + ((p.y - y0) / (y1 - y0 || 1)) * (size.height - 60);
  }
  return points;
}

/** The radius of a node's circle. */
export function nodeRadius(node: NetworkNode): number {
  return node.kind === "polity" ? 9 + Math.sqrt(node.count) * 1.5 : 4 + Math.sqrt(node.count);
}

/** What the graph's edges do when chosen, and how they are named. */
export interface GraphOptions {
  size: { width: number; height: number };
  label(edge: NetworkEdge): string;
  title(edge: NetworkEdge): string;
  select(edge: NetworkEdge): void;
}

/**
 * The graph as SVG: edges (arrowheads at the target for directed types), then nodes, then the
 * names on top of both.
 */
export function graphSvg(
  nodes: readonly NetworkNode[],
  edges: readonly NetworkEdge[],
  options: GraphOptions,
): SVGSVGElement {
  const { width, height } = options.size;
  const points = layout(nodes, edges, options.size);
  const radius = new Map(nodes.map((n) => [n.id, nodeRadius(n)]));
  const types = [...new Set(edges.map((e) => e.type))];
  const defs = svg(
    "defs",
    {},
    ...types.map((t) =>
      svg(
        "marker",
        {
          id: `arrow-${t}`,
          class: "arrow",
          viewBox: "0 0 10 10",
          refX: 9,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          markerUnits: "userSpaceOnUse",
          orient: "auto",
        },
        svg("path", { d: "M0,1 L10,5 L0,9 z", fill: EVENT_COLORS[t] ?? "#718096" }),
      ),
    ),
  );
  const pairIndex = new Map<string, number>();
  const edgeElements = edges.map((edge) => {
    const a = points.get(edge.source)!;
    const b = points.get(edge.target)!;
    const key = [edge.source, edge.target].sort().join("|");
    const n = pairIndex.get(key) ?? 0;
    pairIndex.set(key, n + 1);
    const bend = (n % 2 ? -1 : 1) * Math.ceil(n / 2) * 18;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const cx = (a.x + b.x) / 2 - (dy / d) * bend;
    const cy = (a.y + b.y) / 2 + (dx / d) * bend;
    const directed = !UNDIRECTED.has(edge.type);
    // a directed edge stops at the rim of its target, where its arrowhead points in
    const tx = b.x - cx;
    const ty = b.y - cy;
    const t = Math.sqrt(tx * tx + ty * ty) || 1;
    const back = directed ? (radius.get(edge.target) ?? 4) + 1.5 : 0;
    const ex = b.x - (tx / t) * back;
    const ey = b.y - (ty / t) * back;
    const shape = `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
    const line = svg("path", {
      d: shape,
      class: "edge",
      "stroke-width": (1 + Math.log2(edge.count + 1) * 1.5).toFixed(1),
      ...(directed ? { "marker-end": `url(#arrow-${edge.type})` } : {}),
    });
    line.style.stroke = EVENT_COLORS[edge.type] ?? "#718096";
    const link = svg(
      "a",
      {
        href: "#",
        class: "edge-link",
        role: "button",
        "aria-label": options.label(edge),
        "data-edge": `${edge.source}|${edge.target}|${edge.type}`,
      },
      svg("path", { d: shape, class: "edge-hit" }),
      line,
      svg("title", {}, options.title(edge)),
    );
    link.addEventListener("click", (event) => {
      event.preventDefault();
      options.select(edge);
    });
    return link;
  });
  const nodeElements = nodes.map((node) => {
    const p = points.get(node.id)!;
    return svg(
      "a",
      {
        href: href(["entity", node.id]),
        class: `node node-${node.kind}`,
        "aria-label": `${node.name} (${node.kind}, ${node.count} events)`,
        "data-node": node.id,
      },
      svg("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: radius.get(node.id)!.toFixed(1) }),
      svg("title", {}, node.name),
    );
  });
  // names last, so that no edge or node is drawn over them; hubs' names above the others'
  const labels = [...nodes]
    .sort((x, y) => x.count - y.count)
    .map((node) => {
      const p = points.get(node.id)!;
      const r = radius.get(node.id)!;
      return svg(
        "text",
        {
          x: (p.x + r + 3).toFixed(1),
          y: (p.y + 4).toFixed(1),
          lang: "zh-Hant",
          class: `node-label node-label-${node.kind}`,
          "data-node": node.id,
          "data-cx": p.x.toFixed(1),
          "data-cy": p.y.toFixed(1),
          "data-r": r.toFixed(1),
          "data-count": node.count,
          "aria-hidden": "true",
        },
        node.name,
      );
    });
  return svg(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      class: "network",
      role: "group",
      "aria-label": "Network of polities and persons",
    },
    defs,
    svg("g", { class: "edges" }, ...edgeElements),
    svg("g", { class: "nodes" }, ...nodeElements),
    svg("g", { class: "labels" }, ...labels),
  );
}
