/**
 * The network: polities and persons as nodes, embassies, wars, treaties and tribute as edges (one
 * per pair and type, with counts and dates; an arrow from sender to receiver, giver to receiver,
 * attacker to attacked). A span of years keeps the edges of the entries dated within it. Selecting
 * an edge lists the entries behind it.
 */
import { api, type NetworkData, type NetworkEdge } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { jdnToIso, jdnYear, julianNewYear } from "../format.ts";
import { EVENT_COLORS } from "../palette.ts";
import { rovingTabStop } from "../reading-aids.ts";
import { href, replaceHash } from "../router.ts";
import { setTitle, type View } from "../view.ts";
import { placeLabels } from "./map-labels.ts";
import { graphSvg } from "./network-graph.ts";

/** The drawing's size on a wide screen, and on a narrow one (taller, so that names stay legible). */
const WIDE = { width: 960, height: 620 };
const NARROW = { width: 480, height: 720 };
/** The names' size on the screen, in CSS pixels, whatever the drawing's scale. */
const LABEL_PX = 12.5;

function dates(edge: { first: number | null; last: number | null }): string {
  if (edge.first === null || edge.last === null) return "undated";
  const a = jdnToIso(edge.first);
  const b = jdnToIso(edge.last);
  return a === b ? a : `${a} – ${b}`;
}

/** The edges of the entries dated within `[from, to]` (JDN), each with those entries only. */
function edgesWithin(
  edges: readonly NetworkEdge[],
  day: ReadonlyMap<string, readonly [number, number]>,
  from: number,
  to: number,
): NetworkEdge[] {
  return edges.flatMap((edge) => {
    const entries = edge.entries.filter((id) => {
      const d = day.get(id);
      return d !== undefined && d[1] >= from && d[0] <= to;
    });
    if (!entries.length) return [];
    const days = entries.flatMap((id) => day.get(id) ?? []);
    return [{ ...edge, entries, count: entries.length, first: Math.min(...days), last: Math.max(...days) }];
  });
}

/** `#/network?from=1043&to=1044&edge=SOURCE|TARGET|TYPE`: the graph, its edges as a table, an edge's entries. */
export const networkView: View = async ({ route, main, signal }) => {
  setTitle("Network");
  const [data, timeline]: [NetworkData, Awaited<ReturnType<typeof api.timeline>>] = await Promise.all([
    api.network(),
    api.timeline(),
  ]);
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
  const day = new Map<string, readonly [number, number]>(
    timeline.ids.map((id, i) => [id, [timeline.start[i]!, timeline.end[i]!]] as const),
  );
  const names = new Map(data.nodes.map((n) => [n.id, n.name]));
  const known = data.edges.flatMap((e) => (e.first !== null && e.last !== null ? [e.first, e.last] : []));
  const firstYear = known.length ? jdnYear(Math.min(...known)) : null;
  const lastYear = known.length ? jdnYear(Math.max(...known)) : null;
  const param = (name: string, fallback: number | null) => {
    const v = Number(route.params.get(name));
    return route.params.has(name) && Number.isInteger(v) ? v : fallback;
  };
  let fromYear = param("from", firstYear);
  let toYear = param("to", lastYear);
  let selected = route.params.get("edge");

  const panel = h(
    "section",
    { class: "edge-panel", attrs: { "aria-live": "polite" } },
    h("p", { class: "meta" }, "Select an edge (or a row of the table) to list the entries behind it."),
  );
  const edgeLabel = (e: NetworkEdge) =>
    `${names.get(e.source) ?? e.source} → ${names.get(e.target) ?? e.target}: ${e.type} ×${e.count}`;
  const keyOf = (e: NetworkEdge) => `${e.source}|${e.target}|${e.type}`;

  async function showEdge(edge: NetworkEdge): Promise<void> {
    selected = keyOf(edge);
    updateUrl();
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
      if (entry && item) {
        item.textContent = `${entry.headline} (${id})`;
        item.setAttribute("lang", "zh-Hant");
      }
    }
  }

  function updateUrl(): void {
    replaceHash(
      href(["network"], {
        from: fromYear !== firstYear ? fromYear : null,
        to: toYear !== lastYear ? toYear : null,
        edge: selected,
      }),
    );
  }

  const graphSlot = h("div", { class: "network-wrap" });
  const legend = h("p", { class: "legend-line" });
  const status = h("p", { class: "meta", attrs: { "aria-live": "polite" } });
  const tbody = h("tbody");
  rovingTabStop(tbody, signal);
  let graph: SVGSVGElement | null = null;

  /** Keeps the names at LABEL_PX on the screen, whatever the drawing's scale. */
  function sizeLabels(): void {
    if (!graph) return;
    const shown = graph.getBoundingClientRect().width;
    const units = graph.viewBox.baseVal.width;
    if (shown <= 0) return;
    const scale = shown / units;
    graph.style.setProperty("--label-size", `${(LABEL_PX / scale).toFixed(2)}px`);
    // names that would overlap are moved around their node, or hidden (the node's title keeps it)
    const labels = [...graph.querySelectorAll<SVGTextElement>("text.node-label")];
    const at = (t: SVGTextElement, name: string) => Number(t.dataset[name]);
    const places = placeLabels(
      labels.map((t) => ({
        x: at(t, "cx") * scale,
        y: at(t, "cy") * scale,
        width: (t.textContent ?? "").length * LABEL_PX,
        height: LABEL_PX,
        gap: at(t, "r") * scale + 3,
        priority: at(t, "count"),
      })),
      { width: shown, height: graph.getBoundingClientRect().height },
    );
    places.forEach((place, i) => {
      const t = labels[i]!;
      t.classList.toggle("label-hidden", place === null);
      if (!place) return;
      t.setAttribute("x", (at(t, "cx") + place.dx / scale).toFixed(1));
      t.setAttribute("y", (at(t, "cy") + place.dy / scale).toFixed(1));
      t.setAttribute("text-anchor", place.anchor);
    });
  }

  function render(): void {
    const from = fromYear === null ? Number.NEGATIVE_INFINITY : julianNewYear(fromYear);
    const to = toYear === null ? Number.POSITIVE_INFINITY : julianNewYear(toYear + 1) - 1;
    const whole = fromYear === firstYear && toYear === lastYear;
    const edges = whole ? data.edges : edgesWithin(data.edges, day, from, to);
    const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
    const nodes = data.nodes.filter((n) => linked.has(n.id));
    const size = graphSlot.clientWidth > 0 && graphSlot.clientWidth < 600 ? NARROW : WIDE;
    graph = graphSvg(nodes, edges, {
      size,
      label: edgeLabel,
      title: (e) => `${edgeLabel(e)} (${dates(e)})`,
      select: (e) => void showEdge(e),
    });
    replace(graphSlot, graph);
    // the graph and the table are a tab stop each: the arrow keys move within them
    rovingTabStop(graph, signal);
    sizeLabels();
    const types = [...new Set(edges.map((e) => e.type))];
    replace(
      legend,
      types.map((t) =>
        h("span", { class: "legend-item" }, h("span", { class: "swatch", attrs: { "data-type": t } }), t),
      ),
      h("span", { class: "legend-item meta" }, "→ from sender, giver or attacker to receiver or attacked"),
    );
    for (const swatch of legend.querySelectorAll<HTMLElement>(".swatch[data-type]"))
      swatch.style.background = EVENT_COLORS[swatch.dataset.type ?? ""] ?? "#718096";
    status.textContent = `${edges.length} links between ${nodes.length} polities and persons${fromYear !== null ? `, ${fromYear}–${toYear}` : ""}.`;
    replace(
      tbody,
      edges.map((edge) =>
        h(
          "tr",
          { attrs: { "data-edge": keyOf(edge) } },
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
          h("td", null, h("button", { type: "button", on: { click: () => void showEdge(edge) } }, "entries")),
        ),
      ),
    );
    updateUrl();
  }

  const yearInput = (id: string, value: number | null) =>
    h("input", {
      id,
      type: "number",
      value: value === null ? "" : String(value),
      attrs: { min: firstYear ?? undefined, max: lastYear ?? undefined },
    });
  const fromInput = yearInput("network-from", fromYear);
  const toInput = yearInput("network-to", toYear);
  fromInput.disabled = toInput.disabled = known.length === 0;
  const onRange = () => {
    const a = Number.parseInt(fromInput.value, 10);
    const b = Number.parseInt(toInput.value, 10);
    const nextFrom = Number.isInteger(a) ? a : firstYear;
    const nextTo = Number.isInteger(b) ? b : lastYear;
    if (nextFrom === fromYear && nextTo === toYear) return;
    fromYear = nextFrom;
    toYear = nextTo;
    render();
  };
  let typing = 0;
  for (const input of [fromInput, toInput]) {
    input.addEventListener("input", () => {
      clearTimeout(typing);
      typing = window.setTimeout(onRange, 250);
    });
    input.addEventListener("change", () => {
      clearTimeout(typing);
      onRange();
    });
  }
  signal.addEventListener("abort", () => clearTimeout(typing));

  replace(
    main,
    h("h1", null, "Network"),
    h(
      "form",
      {
        class: "map-tools network-tools",
        attrs: { "aria-label": "Time range" },
        on: { submit: (e) => e.preventDefault() },
      },
      h("label", { for: "network-from" }, "From year "),
      fromInput,
      h("label", { for: "network-to" }, " to "),
      toInput,
      known.length ? h("span", { class: "meta" }, ` (links ${firstYear}–${lastYear})`) : null,
    ),
    legend,
    status,
    h("div", { class: "network-layout" }, graphSlot, panel),
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
      tbody,
    ),
  );
  render();
  const resize = new ResizeObserver(() => sizeLabels());
  resize.observe(graphSlot);
  signal.addEventListener("abort", () => resize.disconnect());
  if (selected) {
    const edge = data.edges.find((e) => keyOf(e) === selected);
    if (edge) void showEdge(edge);
  }
};
