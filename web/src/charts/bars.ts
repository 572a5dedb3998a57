/**
 * The event chart: one bar per month, stacked by key (state or event type) with d3-shape's
 * `stack`, on a d3-scale band scale; every part of a bar is a link (`<a>`) to its entries, with a
 * label for screen readers and a tooltip.
 */
import { axisBottom } from "d3-axis";
import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { chartSvg, type Margin, PALETTE, valueAxis, WIDTH } from "./frame.ts";

/** One segment of a stacked bar. */
export interface BarPart {
  key: string;
  value: number;
  href: string;
  title: string;
}

/** One bar: its label and its stacked parts. */
export interface Bar {
  /** A label on the time axis under the bar (the year at its first month), or null. */
  tick: string | null;
  parts: BarPart[];
  /** A data attribute to find the bar by (the month's first day). */
  id: string;
}

const HEIGHT = 280;
const MARGIN: Margin = { top: 12, right: 12, bottom: 28, left: 44 };

/**
 * A stacked bar chart, one bar per month, each part a link. The keys stack in the order of
 * `colors`, the first at the bottom.
 *
 * @param colors the colour of each key
 * @param label what the chart shows, for screen readers
 */
export function stackedBars(
  bars: readonly Bar[],
  colors: ReadonlyMap<string, string>,
  label: string,
): SVGSVGElement {
  const value = (bar: Bar, key: string) => bar.parts.find((p) => p.key === key)?.value ?? 0;
  const series = stack<Bar, string>()
    .keys([...colors.keys()])
    .value(value)([...bars]);
  const max = Math.max(1, ...bars.map((b) => b.parts.reduce((n, p) => n + p.value, 0)));
  const x = scaleBand<string>()
    .domain(bars.map((b) => b.id))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const chart = chartSvg(HEIGHT, label);
  valueAxis(chart, y, MARGIN);
  const ticks = new Map(bars.flatMap((b) => (b.tick === null ? [] : [[b.id, b.tick] as const])));
  chart
    .append("g")
    .attr("class", "axis time-axis")
    .attr("aria-hidden", "true")
    .attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(
      axisBottom(x)
        .tickValues([...ticks.keys()])
        .tickFormat((id) => ticks.get(id) ?? "")
        .tickSizeOuter(0),
    )
    .call((g) => g.attr("font-size", null).attr("font-family", null));
  const width = Math.max(1, x.bandwidth());
  // Month by month, each bar's parts from the bottom up: the order of the links for the keyboard.
  const parts = bars.flatMap((bar, i) =>
    series.flatMap((s) => {
      const part = bar.parts.find((p) => p.key === s.key);
      const point = s[i];
      return part && point && part.value > 0 ? [{ bar, part, y0: point[0], y1: point[1] }] : [];
    }),
  );
  chart
    .append("g")
    .attr("class", "bars")
    .selectAll("a")
    .data(parts)
    .join("a")
    .attr("href", (d) => d.part.href)
    .attr("data-month", (d) => d.bar.id)
    .attr("data-key", (d) => d.part.key)
    .attr("aria-label", (d) => d.part.title)
    .append("rect")
    .attr("x", (d) => x(d.bar.id) ?? 0)
    .attr("width", width)
    .attr("y", (d) => y(d.y1))
    .attr("height", (d) => Math.max(0.5, y(d.y0) - y(d.y1)))
    .attr("fill", (d) => colors.get(d.part.key) ?? PALETTE[0]!)
    .append("title")
    .text((d) => d.part.title);
  return chart.node()!;
}
