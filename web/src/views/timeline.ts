/**
 * The timeline: every dated entry on a Julian time axis, drawn on a canvas. Month ticks carry the
 * lunar month and each state's reign year; entries are coloured by state, event type or chronicle
 * and can be hidden by category. Zoomed out, entries are counted in bins; zoomed in, each is a bar
 * that links to the entry. Drag or use the arrow keys to pan, the wheel or +/− to zoom.
 */
import { api, type CalendarMonth, type TimelineData } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { jdnToIso, julianNewYear } from "../format.ts";
import { categoryColor } from "../palette.ts";
import { href, replaceHash } from "../router.ts";
import { axisLabel, drawSpans } from "../timeline/labels.ts";
import { type ColorBy, TimelineIndex } from "../timeline/model.ts";
import { eraSpans, yearSpans } from "../timeline/years.ts";
import { setTitle, type View } from "../view.ts";

const FONT =
  '12px "Noto Serif CJK TC", "Noto Serif CJK SC", "Source Han Serif TC", "Source Han Serif", serif';
/** Height of the reign-year rows and the month row above the plot, and of the Julian axis below. */
const ROW = 16;
const BOTTOM = 20;
const LANE = 9;
const MAX_MONTH_DAYS = 110_000;
const MIN_SPAN = 20;
/** 建隆元年正月一日 (960-01-31 Julian), the first day of 北宋's calendar. */
const SONG_FIRST_DAY = julianNewYear(960) + 30;

/** The reign rows drawn whatever is stored: the states of the period's chronicles. */
const REIGN_ROWS = ["北宋", "遼", "西夏"];

/** Lunar months fetched so far, by the range they cover. */
class MonthCache {
  private from = Number.POSITIVE_INFINITY;
  private to = Number.NEGATIVE_INFINITY;
  months: CalendarMonth[] = [];
  private pending: Promise<void> | null = null;
  constructor(private readonly states: string[]) {}

  covers(from: number, to: number): boolean {
    return from >= this.from && to <= this.to;
  }

  /** Fetches the months of `[from, to]` (widened), then calls `done`. */
  ensure(from: number, to: number, done: () => void): void {
    if (this.covers(from, to) || this.pending || to - from > MAX_MONTH_DAYS) return;
    const span = to - from;
    // The months' reference calendar is the state in force on the first day asked for: asking from
    // before 北宋 would give 唐's or 後周's months and none after them, so a view that reaches
    // into 北宋 asks from 建隆 at the earliest (and counts the days before as covered).
    const a =
      to >= SONG_FIRST_DAY ? Math.max(SONG_FIRST_DAY, Math.floor(from - span)) : Math.floor(from - span);
    const b = Math.min(a + MAX_MONTH_DAYS, Math.ceil(to + span));
    this.pending = api
      .months(a, b, this.states)
      .then((result) => {
        this.months = result.months;
        this.from = Math.min(a, from);
        this.to = b;
        done();
      })
      .catch(() => undefined)
      .finally(() => {
        this.pending = null;
      });
  }
}

/** `#/timeline?from=JDN&to=JDN&color=event`: the canvas, its legend and the entries in view. */
export const timelineView: View = async ({ route, main, signal }) => {
  setTitle("Timeline");
  const data: TimelineData = await api.timeline();
  if (signal.aborted) return;
  if (data.count === 0) {
    replace(main, h("h1", null, "Timeline"), notice("No dated entries are stored yet."));
    return;
  }
  const index = new TimelineIndex(data);
  const color = (category: number): string =>
    categoryColor(index.labels(colorBy)[category], category, colorBy === "event");
  let colorBy: ColorBy =
    (["state", "event", "document"] as const).find((c) => c === route.params.get("color")) ?? "state";
  const hidden: Record<ColorBy, Set<number>> = { state: new Set(), event: new Set(), document: new Set() };
  const pad = Math.max(15, (index.last - index.first) * 0.03);
  const full = { from: index.first - pad, to: index.last + pad };
  const view = {
    from: Number(route.params.get("from")) || full.from,
    to: Number(route.params.get("to")) || full.to,
  };
  if (!(view.to - view.from >= MIN_SPAN)) Object.assign(view, full);

  const canvas = h("canvas", {
    class: "timeline-canvas",
    tabindex: 0,
    attrs: {
      role: "img",
      "aria-label": `Timeline of ${data.count} dated entries. Arrow keys pan, plus and minus zoom, 0 resets; the list below links the entries in view.`,
    },
  });
  const tooltip = h("div", { class: "timeline-tip", hidden: true, role: "tooltip" });
  const colorSelect = h(
    "select",
    { id: "timeline-color" },
    h("option", { value: "state" }, "state"),
    h("option", { value: "event" }, data.eventTypes.length ? "event type" : "event type (no events yet)"),
    h("option", { value: "document" }, "chronicle"),
  );
  colorSelect.value = colorBy;
  const legend = h("fieldset", { class: "legend" });
  const summary = h("p", { class: "timeline-summary", attrs: { "aria-live": "polite" } });
  const inView = h("ol", { class: "in-view" });
  const button = (label: string, title: string, action: () => void) =>
    h("button", { type: "button", title, attrs: { "aria-label": title }, on: { click: action } }, label);

  replace(
    main,
    h("h1", null, "Timeline"),
    h(
      "div",
      { class: "timeline-tools" },
      h("label", { for: "timeline-color" }, "Colour by "),
      colorSelect,
      button("+", "Zoom in", () => zoom(0.5)),
      button("−", "Zoom out", () => zoom(2)),
      button("⟲", "Show everything", () => {
        Object.assign(view, full);
        draw();
      }),
    ),
    legend,
    h("div", { class: "timeline-wrap" }, canvas, tooltip),
    summary,
    data.undated
      ? h("p", { class: "meta" }, `${data.undated} entries without a resolved date are not shown.`)
      : null,
    h("section", { class: "in-view-section" }, h("h2", null, "Entries in view"), inView),
  );

  const stateRows = [...new Set([...REIGN_ROWS, ...data.states])];
  const months = new MonthCache(stateRows);
  let lanesDrawn: { k: number; x: number; y: number; w: number }[] = [];
  let binsDrawn: { from: number; to: number; bins: number } | null = null;
  let frame = 0;

  function renderLegend(): void {
    const labels = index.labels(colorBy);
    const items = [
      ...labels.map((label, i) => [i, label] as const),
      [-1, colorBy === "event" ? "no event" : "none"] as const,
    ];
    replace(
      legend,
      h(
        "legend",
        null,
        `Show ${colorBy === "document" ? "chronicles" : colorBy === "event" ? "event types" : "states"}`,
      ),
      items.map(([i, label]) => {
        const box = h("input", { type: "checkbox", attrs: { "data-category": i } });
        box.checked = !hidden[colorBy].has(i);
        box.addEventListener("change", () => {
          if (box.checked) hidden[colorBy].delete(i);
          else hidden[colorBy].add(i);
          applyFilter();
        });
        return h(
          "label",
          { class: "legend-item" },
          box,
          h("span", { class: "swatch", attrs: { "data-color": i } }),
          label,
        );
      }),
    );
    for (const swatch of legend.querySelectorAll<HTMLElement>(".swatch"))
      swatch.style.background = color(Number(swatch.dataset.color));
  }

  function applyFilter(): void {
    index.filter(hidden);
    draw();
  }

  function x(day: number, width: number): number {
    return ((day - view.from) / (view.to - view.from)) * width;
  }

  function drawTicks(ctx: CanvasRenderingContext2D, width: number, height: number, top: number): void {
    const pxPerDay = width / (view.to - view.from);
    ctx.font = FONT;
    ctx.textBaseline = "top";
    const visibleMonths = months.months.filter((m) => m.end >= view.from && m.start <= view.to);
    const rows = stateRows.length;
    const drawnLabels: string[] = [];
    if (visibleMonths.length && pxPerDay * 29.5 * 12 >= 40) {
      const monthLabels = pxPerDay * 29.5 >= 30;
      const lastEnd = new Array<number>(rows + 1).fill(Number.NEGATIVE_INFINITY);
      for (const m of visibleMonths) {
        const mx = x(m.start, width);
        const newYear = m.month === 1 && !m.leap;
        if (!newYear && !monthLabels) continue;
        ctx.strokeStyle = newYear ? "#8a7f73" : "#e2dccf";
        ctx.beginPath();
        ctx.moveTo(Math.round(mx) + 0.5, newYear ? 0 : rows * ROW);
        ctx.lineTo(Math.round(mx) + 0.5, height - BOTTOM);
        ctx.stroke();
        if (monthLabels) {
          const label = m.labels.find((l) => l.state === "北宋") ?? m.labels[0];
          const text = label?.monthLabel ?? String(m.month);
          const lx = Math.max(2, mx + 3);
          const w = ctx.measureText(text).width;
          const room = x(m.end + 1, width) - lx;
          if (lx > lastEnd[rows]! + 4 && w < room - 4) {
            ctx.fillStyle = m.leap ? "#9b2c2c" : "#5a4d41";
            ctx.fillText(text, lx, rows * ROW + 2);
            lastEnd[rows] = lx + w;
          }
        }
      }
      // Each state's reign years where that state's year changes (its new year, or a new era).
      ctx.fillStyle = "#3d3229";
      stateRows.forEach((state, r) => {
        drawSpans(
          ctx,
          yearSpans(visibleMonths, state),
          r,
          r * ROW + 2,
          (d: number) => x(d, width),
          width,
          lastEnd,
          drawnLabels,
          (l) => `${state} ${l}`,
        );
      });
    } else if (visibleMonths.length) {
      // Too far out for years: each state's eras where they begin, after the state's name.
      const lastEnd = new Array<number>(rows).fill(Number.NEGATIVE_INFINITY);
      stateRows.forEach((state, r) => {
        ctx.fillStyle = "#8a7f73";
        const w = ctx.measureText(state).width;
        ctx.fillText(state, 2, r * ROW + 2);
        drawnLabels.push(`${state}@2-${Math.round(2 + w)}`);
        lastEnd[r] = 2 + w;
        ctx.fillStyle = "#3d3229";
        drawSpans(
          ctx,
          eraSpans(visibleMonths, state),
          r,
          r * ROW + 2,
          (d: number) => x(d, width),
          width,
          lastEnd,
          drawnLabels,
          (l) => l,
          true,
        );
      });
    }
    // for the tests: the reign-year labels drawn, with their x
    canvas.dataset.years = drawnLabels.join("|");
    // Julian axis below
    const startYear = Number.parseInt(jdnToIso(Math.floor(view.from)).slice(0, -6), 10);
    const endYear = Number.parseInt(jdnToIso(Math.ceil(view.to)).slice(0, -6), 10);
    const pxPerYear = pxPerDay * 365.25;
    ctx.fillStyle = "#5a4d41";
    ctx.strokeStyle = "#c9bfae";
    ctx.textBaseline = "bottom";
    if (pxPerYear >= 12 * 48) {
      for (let y = startYear; y <= endYear; y++) {
        for (let mo = 1; mo <= 12; mo++) {
          const day = julianMonthStart(y, mo);
          const mx = x(day, width);
          if (mx < -60 || mx > width) continue;
          ctx.beginPath();
          ctx.moveTo(Math.round(mx) + 0.5, height - BOTTOM);
          ctx.lineTo(Math.round(mx) + 0.5, height - BOTTOM + 5);
          ctx.stroke();
          axisLabel(ctx, `${y}-${String(mo).padStart(2, "0")}`, mx + 2, width, height - 1);
        }
      }
    } else {
      const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
      const step = steps.find((s) => s * pxPerYear >= 56) ?? 1000;
      for (let y = Math.ceil(startYear / step) * step; y <= endYear; y += step) {
        const mx = x(julianNewYear(y), width);
        ctx.beginPath();
        ctx.moveTo(Math.round(mx) + 0.5, top);
        ctx.lineTo(Math.round(mx) + 0.5, height - BOTTOM + 5);
        ctx.stroke();
        axisLabel(ctx, String(y), mx + 2, width, height - 1);
      }
    }
    ctx.textBaseline = "alphabetic";
  }

  function drawNow(): void {
    frame = 0;
    const began = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const ctx = canvas.getContext("2d");
    if (!ctx || width === 0) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    months.ensure(view.from, view.to, draw);
    const top = (stateRows.length + 1) * ROW + 6;
    drawTicks(ctx, width, height, top);
    const plotHeight = height - BOTTOM - top - 4;
    const maxLanes = Math.floor(plotHeight / LANE);
    const pxPerDay = width / (view.to - view.from);
    const lanes = index.lanes(view.from, view.to, 2 / pxPerDay, maxLanes * 4);
    lanesDrawn = [];
    binsDrawn = null;
    let shown = 0;
    if (lanes && (lanes.length === 0 || Math.max(...lanes.map((l) => l.lane)) < maxLanes)) {
      for (const item of lanes) {
        const k = item.index;
        const bx = x(index.starts[k]!, width);
        const bw = Math.max(2, (index.ends[k]! - index.starts[k]! + 1) * pxPerDay);
        const by = top + item.lane * LANE;
        ctx.fillStyle = color(index.category(colorBy, k));
        ctx.fillRect(bx, by, bw, LANE - 2);
        lanesDrawn.push({ k, x: bx, y: by, w: bw });
      }
      shown = lanes.length;
    } else {
      const bins = Math.max(1, Math.floor(width / 3));
      const { counts, columns, max } = index.bin(view.from, view.to, bins, colorBy);
      const scale = plotHeight / Math.max(1, max);
      const bw = width / bins;
      for (let b = 0; b < bins; b++) {
        let y = top + plotHeight;
        for (let c = 0; c < columns; c++) {
          const n = counts[b * columns + c]!;
          if (!n) continue;
          shown += n;
          const bh = n * scale;
          y -= bh;
          ctx.fillStyle = color(c === columns - 1 ? -1 : c);
          ctx.fillRect(b * bw, y, Math.max(1, bw - 0.5), bh);
        }
      }
      binsDrawn = { from: view.from, to: view.to, bins };
      ctx.fillStyle = "#5a4d41";
      ctx.textAlign = "right";
      ctx.fillText(`highest bar: ${max}`, width - 4, top + 12);
      ctx.textAlign = "left";
    }
    summary.textContent = `${jdnToIso(Math.max(index.first, Math.floor(view.from)))} – ${jdnToIso(Math.min(index.last, Math.ceil(view.to)))} (Julian): ${shown.toLocaleString("en")} of ${index.visibleCount.toLocaleString("en")} shown entries in view${index.visibleCount < index.count ? `, ${(index.count - index.visibleCount).toLocaleString("en")} hidden by the filters` : ""}.`;
    canvas.dataset.shown = String(shown);
    // for the benchmark and the tests: how long the frame took, and when it was done
    canvas.dataset.drawMs = (performance.now() - began).toFixed(2);
    canvas.dataset.drawnAt = performance.now().toFixed(2);
    scheduleList();
    scheduleUrl();
  }

  function draw(): void {
    if (!frame) frame = requestAnimationFrame(drawNow);
  }

  let listTimer = 0;
  function scheduleList(): void {
    clearTimeout(listTimer);
    listTimer = window.setTimeout(() => {
      const items: HTMLElement[] = [];
      for (
        let k = index.lowerBound(view.from - index.maxSpan - 1);
        k < index.count && items.length < 30;
        k++
      ) {
        if (index.starts[k]! >= view.to) break;
        if (!index.visible[k] || index.ends[k]! < view.from) continue;
        const cat = index.category(colorBy, k);
        items.push(
          h(
            "li",
            null,
            h("a", { href: href(["entry", index.id(k)]) }, index.id(k)),
            ` ${jdnToIso(index.starts[k]!)}${index.ends[k] !== index.starts[k] ? ` – ${jdnToIso(index.ends[k]!)}` : ""}`,
            cat >= 0 ? h("span", { class: "meta", lang: "zh-Hant" }, ` ${index.labels(colorBy)[cat]}`) : null,
          ),
        );
      }
      replace(inView, items.length ? items : h("li", null, "No entry in view."));
    }, 150);
  }

  let urlTimer = 0;
  function scheduleUrl(): void {
    clearTimeout(urlTimer);
    urlTimer = window.setTimeout(() => {
      if (!signal.aborted)
        replaceHash(
          href(["timeline"], {
            from: Math.round(view.from),
            to: Math.round(view.to),
            color: colorBy === "state" ? null : colorBy,
          }),
        );
    }, 300);
  }

  function zoom(factor: number, at = 0.5): void {
    const span = view.to - view.from;
    const next = Math.min(Math.max(span * factor, MIN_SPAN), (full.to - full.from) * 4);
    const center = view.from + span * at;
    view.from = center - next * at;
    view.to = view.from + next;
    draw();
  }

  function pan(fraction: number): void {
    const shift = (view.to - view.from) * fraction;
    view.from += shift;
    view.to += shift;
    draw();
  }

  function itemAt(px: number, py: number): { k: number } | null {
    return (
      lanesDrawn.find((r) => px >= r.x - 1 && px <= r.x + r.w + 1 && py >= r.y && py <= r.y + LANE) ?? null
    );
  }

  colorSelect.addEventListener("change", () => {
    colorBy = colorSelect.value as ColorBy;
    renderLegend();
    draw();
  });
  canvas.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      zoom(event.deltaY > 0 ? 1.25 : 0.8, (event.clientX - rect.left) / rect.width);
    },
    { passive: false },
  );
  let drag: { x: number; from: number; to: number; moved: boolean } | null = null;
  canvas.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, from: view.from, to: view.to, moved: false };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", (event) => {
    const rect = canvas.getBoundingClientRect();
    if (drag) {
      const dx = event.clientX - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      const days = (dx / rect.width) * (drag.to - drag.from);
      view.from = drag.from - days;
      view.to = drag.to - days;
      draw();
      return;
    }
    const hit = itemAt(event.clientX - rect.left, event.clientY - rect.top);
    canvas.style.cursor = hit ? "pointer" : "grab";
    if (!hit) {
      tooltip.hidden = true;
      return;
    }
    const id = index.id(hit.k);
    tooltip.hidden = false;
    tooltip.style.left = `${Math.min(rect.width - 220, Math.max(0, event.clientX - rect.left + 12))}px`;
    tooltip.style.top = `${event.clientY - rect.top + 12}px`;
    replace(tooltip, h("strong", null, id), ` ${jdnToIso(index.starts[hit.k]!)}`);
    api.entry(id).then(
      (entry) => {
        if (tooltip.firstChild?.textContent === id)
          tooltip.append(h("br"), h("span", { lang: "zh-Hant" }, entry.headline));
      },
      () => undefined,
    );
  });
  canvas.addEventListener("pointerleave", () => {
    tooltip.hidden = true;
  });
  canvas.addEventListener("pointerup", (event) => {
    const wasDrag = drag?.moved;
    drag = null;
    if (wasDrag) return;
    const rect = canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const hit = itemAt(px, event.clientY - rect.top);
    if (hit) location.hash = href(["entry", index.id(hit.k)]);
    else if (binsDrawn) zoom(0.25, px / rect.width);
  });
  canvas.addEventListener("keydown", (event) => {
    const actions: Record<string, () => void> = {
      ArrowLeft: () => pan(-0.1),
      ArrowRight: () => pan(0.1),
      "+": () => zoom(0.5),
      "=": () => zoom(0.5),
      "-": () => zoom(2),
      "0": () => {
        Object.assign(view, full);
        draw();
      },
      Home: () => {
        Object.assign(view, full);
        draw();
      },
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
  const resize = new ResizeObserver(() => draw());
  resize.observe(canvas);
  signal.addEventListener("abort", () => {
    resize.disconnect();
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(listTimer);
    clearTimeout(urlTimer);
  });
  renderLegend();
  drawNow();
};

/** The JDN of the first day of a Julian month. */
function julianMonthStart(year: number, month: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return 1 + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
}
