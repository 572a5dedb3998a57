/**
 * The map: places with coordinates on an offline basemap (Natural Earth land outlines from the
 * world-atlas package, bundled), and the events located at them, filtered by a time range.
 */
import { geoConicEqualArea, geoGraticule, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import land50 from "world-atlas/land-50m.json";
import { api, type MapData } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { jdnToIso, jdnYear, julianNewYear } from "../format.ts";
import { EVENT_COLORS } from "../palette.ts";
import { rovingTabStop } from "../reading-aids.ts";
import { href, replaceHash } from "../router.ts";
import { svg } from "../svg.ts";
import { setTitle, type View } from "../view.ts";
import { geographyLayer } from "./map-geography.ts";
import { placeLabels } from "./map-labels.ts";

const WIDTH = 960;
const HEIGHT = 560;
/** The names' size on the screen, in CSS pixels (the stylesheet's `.map .place text`). */
const LABEL_PX = 13;

function button(label: string, title: string, action: () => void): HTMLButtonElement {
  return h("button", { type: "button", title, attrs: { "aria-label": title }, on: { click: action } }, label);
}

let landGeometry: GeoJSON.FeatureCollection | GeoJSON.Feature | null = null;
function land(): GeoJSON.FeatureCollection | GeoJSON.Feature {
  if (!landGeometry) {
    const topology = land50 as unknown as Topology<{ land: GeometryCollection }>;
    landGeometry = feature(topology, topology.objects.land);
  }
  return landGeometry;
}

/** `#/map?from=1043&to=1044&place=ID`: places and located events in a span of years. */
export const mapView: View = async ({ route, main, signal }) => {
  setTitle("Map");
  const data: MapData = await api.map();
  if (signal.aborted) return;
  const places = data.places;
  if (!places.length) {
    replace(main, h("h1", null, "Map"), notice("No place in the authority data has coordinates."));
    return;
  }
  const lons = places.map((p) => p.lon!);
  const lats = places.map((p) => p.lat!);
  const margin = 2.5;
  const bounds: GeoJSON.Feature = {
    type: "Feature",
    properties: {},
    geometry: {
      type: "MultiPoint",
      coordinates: [
        [Math.min(...lons) - margin, Math.min(...lats) - margin],
        [Math.max(...lons) + margin, Math.max(...lats) + margin],
      ],
    },
  };
  const centre = (Math.min(...lons) + Math.max(...lons)) / 2;
  const projection = geoConicEqualArea()
    .parallels([25, 45])
    .rotate([-centre, 0])
    .fitExtent(
      [
        [10, 10],
        [WIDTH - 10, HEIGHT - 10],
      ],
      bounds,
    );
  projection.clipExtent([
    [0, 0],
    [WIDTH, HEIGHT],
  ]);
  const path = geoPath(projection);

  const days = data.events.flatMap((e) => (e.start !== null && e.end !== null ? [e.start, e.end] : []));
  const firstYear = days.length ? jdnYear(Math.min(...days)) : null;
  const lastYear = days.length ? jdnYear(Math.max(...days)) : null;
  const param = (name: string, fallback: number | null) => {
    const v = Number(route.params.get(name));
    return Number.isInteger(v) && route.params.has(name) ? v : fallback;
  };
  let fromYear = param("from", firstYear);
  let toYear = param("to", lastYear);

  const markers = svg("g", { class: "events" });
  const labels: { text: SVGTextElement; x: number; y: number; priority: number; width: number }[] = [];
  const label = (p: MapData["places"][number], x: number, y: number) => {
    const text = svg("text", { x: x.toFixed(1), y: y.toFixed(1), lang: "zh-Hant" }, p.name);
    const focused = route.params.get("place") === p.id;
    labels.push({
      text,
      x,
      y,
      priority: (focused ? 1e9 : 0) + (p.inherited ? 0 : 1e6) + p.mentionCount,
      width: 0,
    });
    return text;
  };
  const map = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", role: "img", "aria-labelledby": "map-title" },
    svg(
      "title",
      { id: "map-title" },
      "Map of the places named in the chronicles, with the events located at them",
    ),
    svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }),
    svg("path", { d: path(geoGraticule().step([5, 5])()) ?? "", class: "graticule" }),
    svg("path", { d: path(land()) ?? "", class: "land" }),
    geographyLayer(path),
    markers,
    svg(
      "g",
      { class: "places" },
      ...places.map((p) => {
        const [px, py] = projection([p.lon!, p.lat!]) ?? [0, 0];
        const focused = route.params.get("place") === p.id;
        return svg(
          "a",
          {
            href: href(["entity", p.id]),
            "aria-label": `${p.name}${p.modern ? `, today ${p.modern}` : ""}${p.inherited ? ", shown at the place it belongs to" : ""}`,
            class: `place${focused ? " focused" : ""}${p.inherited ? " inherited" : ""}`,
          },
          svg("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: focused ? 6 : 3.5, class: "dot" }),
          label(p, px, py),
        );
      }),
    ),
  );

  const table = h("tbody");
  rovingTabStop(table, signal);
  const fromInput = h("input", {
    id: "map-from",
    type: "number",
    value: fromYear === null ? "" : String(fromYear),
    attrs: { min: firstYear ?? undefined, max: lastYear ?? undefined },
  });
  const toInput = h("input", {
    id: "map-to",
    type: "number",
    value: toYear === null ? "" : String(toYear),
    attrs: { min: firstYear ?? undefined, max: lastYear ?? undefined },
  });
  fromInput.disabled = toInput.disabled = days.length === 0;
  const status = h("p", { class: "meta", attrs: { "aria-live": "polite" } });

  function update(): void {
    const from = fromYear === null ? Number.NEGATIVE_INFINITY : julianNewYear(fromYear);
    const to = toYear === null ? Number.POSITIVE_INFINITY : julianNewYear(toYear + 1) - 1;
    const at = new Map<string, { count: number; types: Map<string, number> }>();
    for (const e of data.events) {
      if (e.start !== null && e.end !== null && (e.end < from || e.start > to)) continue;
      let slot = at.get(e.place);
      if (!slot) {
        slot = { count: 0, types: new Map() };
        at.set(e.place, slot);
      }
      slot.count++;
      slot.types.set(e.type, (slot.types.get(e.type) ?? 0) + 1);
    }
    markers.replaceChildren(
      ...[...at].map(([id, slot]) => {
        const place = places.find((p) => p.id === id)!;
        const [px, py] = projection([place.lon!, place.lat!]) ?? [0, 0];
        const top = [...slot.types].sort((a, b) => b[1] - a[1])[0]![0];
        const circle = svg("circle", {
          cx: px.toFixed(1),
          cy: py.toFixed(1),
          r: (4 + 4 * Math.sqrt(slot.count)).toFixed(1),
          class: "event-marker",
        });
        circle.style.setProperty("--r", (4 + 4 * Math.sqrt(slot.count)).toFixed(1));
        circle.style.fill = EVENT_COLORS[top] ?? "#6b46c1";
        return svg(
          "a",
          { href: href(["search"], { entity: id }), "aria-label": `${place.name}: ${slot.count} events` },
          circle,
          svg("title", {}, `${place.name}: ${[...slot.types].map(([t, n]) => `${t} ${n}`).join(", ")}`),
        );
      }),
    );
    replace(
      table,
      places.map((p) =>
        h(
          "tr",
          null,
          h(
            "th",
            { attrs: { scope: "row" }, lang: "zh-Hant" },
            h("a", { href: href(["entity", p.id]) }, p.name),
          ),
          h("td", { lang: "zh-Hant" }, p.modern ?? ""),
          h(
            "td",
            null,
            p.inherited
              ? `${p.lat!.toFixed(2)}, ${p.lon!.toFixed(2)} (at ${places.find((q) => q.id === p.at)?.name ?? p.at})`
              : `${p.lat!.toFixed(2)}, ${p.lon!.toFixed(2)}`,
          ),
          h("td", null, String(at.get(p.id)?.count ?? 0)),
        ),
      ),
    );
    status.textContent =
      data.annotations === "none"
        ? "No events yet: the annotation stage has not been run on this database, so only the places of the authority data are shown."
        : `${[...at.values()].reduce((n, s) => n + s.count, 0)} events located at ${at.size} places${fromYear !== null ? `, ${fromYear}–${toYear}` : ""}.`;
    status.textContent += ` ${places.length} of the ${data.placeCount} places of the authority data are on the map, ${places.filter((p) => p.inherited).length} of them at the place they belong to (a fort at its 州); ${data.unlocated} have no coordinates.`;
    replaceHash(
      href(["map"], {
        from: fromYear !== firstYear ? fromYear : null,
        to: toYear !== lastYear ? toYear : null,
        place: route.params.get("place"),
      }),
    );
  }

  const onRange = () => {
    const a = Number.parseInt(fromInput.value, 10);
    const b = Number.parseInt(toInput.value, 10);
    fromYear = Number.isInteger(a) ? a : firstYear;
    toYear = Number.isInteger(b) ? b : lastYear;
    update();
  };
  fromInput.addEventListener("input", onRange);
  toInput.addEventListener("input", onRange);

  replace(
    main,
    h("h1", null, "Map"),
    h(
      "form",
      {
        class: "map-tools",
        attrs: { "aria-label": "Time range" },
        on: { submit: (e) => e.preventDefault() },
      },
      h("label", { for: "map-from" }, "From year "),
      fromInput,
      h("label", { for: "map-to" }, " to "),
      toInput,
      days.length
        ? h(
            "span",
            { class: "meta" },
            ` (events ${jdnToIso(Math.min(...days))} – ${jdnToIso(Math.max(...days))})`,
          )
        : null,
    ),
    status,
    h(
      "div",
      { class: "map-zoom" },
      button("+", "Zoom in", () => zoom(0.5)),
      button("−", "Zoom out", () => zoom(2)),
      button("⟲", "Show every place", () => {
        Object.assign(box, { x: 0, y: 0, w: WIDTH, h: HEIGHT });
        applyBox();
      }),
      h("span", { class: "meta" }, " drag to pan, wheel or +/− to zoom"),
    ),
    h("div", { class: "map-wrap" }, map),
    h(
      "p",
      { class: "meta" },
      "Outlines: Natural Earth 1:50m land (modern coastlines), for orientation. Coordinates: the project's authority data.",
    ),
    h(
      "p",
      { class: "map-legend meta" },
      h("span", { class: "legend-item" }, h("span", { class: "line-swatch river" }), "rivers"),
      h("span", { class: "legend-item" }, h("span", { class: "line-swatch frontier" }), "frontiers c. 1040"),
      "Both approximate: drawn through the places each passes (data/geography/rivers-frontiers-1040.json names them), not surveyed.",
    ),
    h(
      "table",
      { class: "places-table" },
      h("caption", null, "Places with coordinates"),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["Place", "Today", "Lat, lon", "Events in range"].map((c) =>
            h("th", { attrs: { scope: "col" } }, c),
          ),
        ),
      ),
      table,
    ),
  );
  // Zoom and pan by the viewBox.
  const box = { x: 0, y: 0, w: WIDTH, h: HEIGHT };
  function applyBox(): void {
    box.w = Math.min(WIDTH * 2, Math.max(WIDTH / 16, box.w));
    box.h = (box.w * HEIGHT) / WIDTH;
    map.setAttribute(
      "viewBox",
      `${box.x.toFixed(1)} ${box.y.toFixed(1)} ${box.w.toFixed(1)} ${box.h.toFixed(1)}`,
    );
    // user units per screen pixel: labels and dots keep their size whatever the zoom and the screen
    const k = box.w / (map.clientWidth || WIDTH);
    map.style.setProperty("--k", k.toFixed(4));
    arrangeLabels(k);
  }
  /** Names that would overlap at this zoom are moved around their dot, or hidden. */
  function arrangeLabels(k: number): void {
    const shown = map.clientWidth;
    if (!shown) return;
    for (const l of labels) if (!l.width) l.width = l.text.textContent!.length * LABEL_PX; // CJK names: one em a character
    const places = placeLabels(
      labels.map((l) => ({
        x: (l.x - box.x) / k,
        y: (l.y - box.y) / k,
        width: l.width,
        height: LABEL_PX,
        priority: l.priority,
      })),
      { width: shown, height: map.clientHeight },
    );
    places.forEach((at, i) => {
      const text = labels[i]!.text;
      text.classList.toggle("label-hidden", at === null);
      if (!at) return;
      text.setAttribute("text-anchor", at.anchor);
      text.style.translate = `calc(${at.dx}px * var(--k)) calc(${at.dy}px * var(--k))`;
    });
  }
  function zoom(factor: number, at: [number, number] = [0.5, 0.5]): void {
    const cx = box.x + box.w * at[0];
    const cy = box.y + box.h * at[1];
    box.w *= factor;
    box.h *= factor;
    box.x = cx - box.w * at[0];
    box.y = cy - box.h * at[1];
    applyBox();
  }
  map.setAttribute("tabindex", "0");
  map.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const rect = map.getBoundingClientRect();
      zoom(event.deltaY > 0 ? 1.25 : 0.8, [
        (event.clientX - rect.left) / rect.width,
        (event.clientY - rect.top) / rect.height,
      ]);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; bx: number; by: number; moved: boolean } | null = null;
  map.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, y: event.clientY, bx: box.x, by: box.y, moved: false };
  });
  map.addEventListener("pointermove", (event) => {
    if (!drag || event.buttons === 0) return;
    const rect = map.getBoundingClientRect();
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) map.setPointerCapture(event.pointerId);
    drag.moved = true;
    box.x = drag.bx - (dx / rect.width) * box.w;
    box.y = drag.by - (dy / rect.height) * box.h;
    applyBox();
  });
  map.addEventListener("pointerup", () => {
    drag = null;
  });
  map.addEventListener(
    "click",
    (event) => {
      if (drag?.moved) event.preventDefault();
    },
    true,
  );
  map.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return; // the arrow keys moved among the places
    const step = 0.1;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => (box.x -= box.w * step),
      ArrowRight: () => (box.x += box.w * step),
      ArrowUp: () => (box.y -= box.h * step),
      ArrowDown: () => (box.y += box.h * step),
      "+": () => zoom(0.5),
      "=": () => zoom(0.5),
      "-": () => zoom(2),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
      applyBox();
    }
  });
  const focus = places.find((p) => p.id === route.params.get("place"));
  if (focus) {
    const [px, py] = projection([focus.lon!, focus.lat!]) ?? [WIDTH / 2, HEIGHT / 2];
    Object.assign(box, { w: WIDTH / 3, x: px - WIDTH / 6, y: py - HEIGHT / 6 });
  }
  applyBox();
  update();
  // the places and events are one tab stop: the arrow keys move among them
  rovingTabStop(map.querySelector(".places") ?? map, signal);
  rovingTabStop(markers, signal);
  const resize = new ResizeObserver(() => applyBox());
  resize.observe(map);
  signal.addEventListener("abort", () => resize.disconnect());
};
