/**
 * The charts' drawing: SVG built with the DOM (no library, no inline style, so the page's
 * Content-Security-Policy holds), every bar and point a link to its entries with a tooltip.
 * Stacked bars by month for the event chart, dots on a time axis for the ledger.
 */

const NS = "http://www.w3.org/2000/svg";

/** Colours of the keys (states, event types, series), in order; from the Tableau 10 palette. */
export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/** An SVG element with attributes and children (strings become text nodes). */
export function svg(
  tag: string,
  attrs: Record<string, string | number | null | undefined> = {},
  ...children: (Node | string | null)[]
): SVGElement {
  const el = document.createElementNS(NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child !== null) el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/** A swatch of a colour for a legend. */
export function swatch(color: string): SVGElement {
  return svg(
    "svg",
    { class: "swatch", width: 12, height: 12, viewBox: "0 0 12 12", "aria-hidden": "true" },
    svg("rect", { width: 12, height: 12, fill: color }),
  );
}

/** Round numbers for an axis up to `max`: 0, and two or three steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0];
  const rough = max / 3;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.001; v += step) ticks.push(v);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** One segment of a stacked bar. */
export interface BarPart {
  key: string;
  value: number;
  href: string;
  title: string;
}

/** One bar: its label and its stacked parts. */
export interface Bar {
  /** Where the bar's time starts (for year ticks) and a label for the axis. */
  tick: string | null;
  parts: BarPart[];
  /** A data attribute to find the bar by (the month's first day). */
  id: string;
}

const W = 960;
const H = 280;
const M = { top: 12, right: 12, bottom: 28, left: 44 };

/**
 * A stacked bar chart, one bar per month, each part a link.
 *
 * @param colors the colour of each key
 * @param label what the chart shows, for screen readers
 */
export function stackedBars(
  bars: readonly Bar[],
  colors: ReadonlyMap<string, string>,
  label: string,
): SVGElement {
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((n, p) => n + p.value, 0)));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const step = plotW / Math.max(1, bars.length);
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const chart = svg("svg", {
    class: "chart",
    viewBox: `0 0 ${W} ${H}`,
    role: "group",
    "aria-label": label,
  });
  for (const t of ticks) {
    chart.append(
      svg("line", { class: "grid", x1: M.left, x2: W - M.right, y1: y(t), y2: y(t) }),
      svg("text", { class: "axis", x: M.left - 6, y: y(t) + 4, "text-anchor": "end" }, String(t)),
    );
  }
  bars.forEach((bar, i) => {
    const x = M.left + i * step;
    if (bar.tick !== null) {
      chart.append(
        svg("line", { class: "tick", x1: x, x2: x, y1: M.top + plotH, y2: M.top + plotH + 5 }),
        svg("text", { class: "axis", x: x + 2, y: H - 8 }, bar.tick),
      );
    }
    let base = 0;
    for (const part of bar.parts) {
      if (part.value <= 0) continue;
      const rect = svg(
        "rect",
        {
          x: x + step * 0.1,
          width: Math.max(1, step * 0.8),
          y: y(base + part.value),
          height: Math.max(0.5, y(base) - y(base + part.value)),
          fill: colors.get(part.key) ?? PALETTE[0],
        },
        svg("title", {}, part.title),
      );
      chart.append(
        svg(
          "a",
          { href: part.href, "data-month": bar.id, "data-key": part.key, "aria-label": part.title },
          rect,
        ),
      );
      base += part.value;
    }
  });
  chart.append(svg("line", { class: "baseline", x1: M.left, x2: W - M.right, y1: y(0), y2: y(0) }));
  return chart;
}

/** A point of a dot chart. */
export interface Dot {
  x: number;
  value: number;
  href: string;
  title: string;
  id: string;
}

/**
 * Dots on a shared time axis (`x` from `domain[0]` to `domain[1]`), values from 0 up; each dot a link.
 *
 * @param ticks the time axis' labels and where they stand
 */
export function dotChart(
  dots: readonly Dot[],
  domain: readonly [number, number],
  ticks: readonly { x: number; label: string }[],
  color: string,
  label: string,
): SVGElement {
  const height = 180;
  const max = Math.max(1, ...dots.map((d) => d.value));
  const yTicks = niceTicks(max);
  const top = yTicks[yTicks.length - 1]!;
  const plotW = W - M.left - 30 - M.right - 16;
  const plotH = height - M.top - M.bottom;
  const span = Math.max(1, domain[1] - domain[0]);
  const x = (v: number) => M.left + 30 + ((v - domain[0]) / span) * plotW;
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const chart = svg("svg", {
    class: "chart",
    viewBox: `0 0 ${W} ${height}`,
    role: "group",
    "aria-label": label,
  });
  for (const t of yTicks) {
    chart.append(
      svg("line", { class: "grid", x1: M.left + 30, x2: W - M.right, y1: y(t), y2: y(t) }),
      svg(
        "text",
        { class: "axis", x: M.left + 24, y: y(t) + 4, "text-anchor": "end" },
        t.toLocaleString("en"),
      ),
    );
  }
  for (const t of ticks) {
    chart.append(
      svg("line", { class: "tick", x1: x(t.x), x2: x(t.x), y1: M.top + plotH, y2: M.top + plotH + 5 }),
      svg("text", { class: "axis", x: x(t.x), y: height - 8, "text-anchor": "middle" }, t.label),
    );
  }
  for (const d of dots) {
    chart.append(
      svg(
        "a",
        { href: d.href, "data-entry": d.id, "aria-label": d.title },
        svg("circle", { cx: x(d.x), cy: y(d.value), r: 6, fill: color }, svg("title", {}, d.title)),
      ),
    );
  }
  chart.append(svg("line", { class: "baseline", x1: M.left + 30, x2: W - M.right, y1: y(0), y2: y(0) }));
  return chart;
}
