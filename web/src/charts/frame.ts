/**
 * What the charts share: the palette, the SVG element and the value axis, drawn with d3-selection
 * and d3-axis. d3 writes attributes only (never a `style` attribute), so the page's
 * Content-Security-Policy (`style-src 'self'`) holds; the look comes from style.css.
 */
import { axisLeft } from "d3-axis";
import type { ScaleLinear } from "d3-scale";
import { create, type Selection } from "d3-selection";
import { type SymbolType, symbol } from "d3-shape";

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

/** The width of every chart's drawing (its viewBox; the page scales it to the column). */
export const WIDTH = 960;

/** Room around the plot for the axes. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A selection of a chart's root element. */
export type Chart = Selection<SVGSVGElement, undefined, null, undefined>;

/** An empty chart of `height`, labelled for screen readers. */
export function chartSvg(height: number, label: string): Chart {
  return create("svg")
    .attr("class", "chart")
    .attr("viewBox", `0 0 ${WIDTH} ${height}`)
    .attr("role", "group")
    .attr("aria-label", label);
}

/** Numbers on an axis: 100000 → "100,000". */
export const count = (n: number): string => n.toLocaleString("en");

/**
 * The value axis on the left of the plot, its ticks drawn across the plot as grid lines.
 *
 * @param y the value scale, its domain already made nice
 * @param margin where the plot stands in the chart
 */
export function valueAxis(chart: Chart, y: ScaleLinear<number, number>, margin: Margin): void {
  const plotWidth = WIDTH - margin.left - margin.right;
  chart
    .append("g")
    .attr("class", "axis value-axis")
    .attr("aria-hidden", "true")
    .attr("transform", `translate(${margin.left},0)`)
    .call(
      axisLeft(y)
        // Counts and amounts are whole numbers: no tick between 0 and 1.
        .tickValues(y.ticks(4).filter(Number.isInteger))
        .tickFormat((v) => count(v.valueOf()))
        .tickSize(-plotWidth)
        .tickPadding(6),
    )
    .call((g) => g.attr("font-size", null).attr("font-family", null))
    .call((g) => g.select(".domain").remove());
}

/** A swatch of a colour for a legend. */
export function swatch(color: string): SVGSVGElement {
  const el = create("svg")
    .attr("class", "swatch")
    .attr("width", 12)
    .attr("height", 12)
    .attr("viewBox", "0 0 12 12")
    .attr("aria-hidden", "true");
  el.append("rect").attr("width", 12).attr("height", 12).attr("fill", color);
  return el.node()!;
}

/** A d3 symbol for a legend, in `color`. */
export function symbolSwatch(type: SymbolType, color: string): SVGSVGElement {
  const el = create("svg")
    .attr("class", "legend-symbol")
    .attr("width", 14)
    .attr("height", 14)
    .attr("viewBox", "-7 -7 14 14")
    .attr("aria-hidden", "true");
  el.append("path").attr("d", symbol(type, 80)()).attr("fill", color);
  return el.node()!;
}
