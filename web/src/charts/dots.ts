/**
 * The ledger's dot chart: the amounts of one commodity in one unit on a time axis of Julian days,
 * with d3-scale's linear scales and d3-axis; each amount a d3-shape symbol inside a link (`<a>`)
 * to its entry: a circle for an amount as written, a triangle pointing up for a lower bound
 * (`十餘萬`, "or more").
 */
import { axisBottom } from "d3-axis";
import { scaleLinear } from "d3-scale";
import { symbol, symbolCircle, symbolTriangle } from "d3-shape";
import { chartSvg, type Margin, valueAxis, WIDTH } from "./frame.ts";

/** A point of a dot chart. */
export interface Dot {
  /** Its day (JDN). */
  x: number;
  value: number;
  /** True when the amount is a lower bound. */
  approximate: boolean;
  href: string;
  title: string;
  id: string;
}

/** The symbol of an amount as written, and of a lower bound. */
export const EXACT = symbolCircle;
export const AT_LEAST = symbolTriangle;

const HEIGHT = 180;
const MARGIN: Margin = { top: 12, right: 28, bottom: 28, left: 74 };
/** The area of a symbol: a circle of radius 6. */
const SIZE = Math.PI * 36;

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
): SVGSVGElement {
  const max = Math.max(1, ...dots.map((d) => d.value));
  const x = scaleLinear()
    .domain(domain[1] > domain[0] ? [...domain] : [domain[0], domain[0] + 1])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const chart = chartSvg(HEIGHT, label);
  valueAxis(chart, y, MARGIN);
  const labels = new Map(ticks.map((t) => [t.x, t.label]));
  chart
    .append("g")
    .attr("class", "axis time-axis")
    .attr("aria-hidden", "true")
    .attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(
      axisBottom(x)
        .tickValues(ticks.map((t) => t.x))
        .tickFormat((v) => labels.get(v.valueOf()) ?? "")
        .tickSizeOuter(0),
    )
    .call((g) => g.attr("font-size", null).attr("font-family", null));
  const mark = symbol<Dot>((d) => (d.approximate ? AT_LEAST : EXACT), SIZE);
  chart
    .append("g")
    .attr("class", "dots")
    .selectAll("a")
    .data(dots)
    .join("a")
    .attr("href", (d) => d.href)
    .attr("data-entry", (d) => d.id)
    .attr("aria-label", (d) => d.title)
    .append("path")
    .attr("class", (d) => (d.approximate ? "dot at-least" : "dot"))
    .attr("d", mark)
    .attr("transform", (d) => `translate(${x(d.x)},${y(d.value)})`)
    .attr("fill", color)
    .append("title")
    .text((d) => d.title);
  return chart.node()!;
}
