/**
 * Labels drawn on the timeline's canvas: rows of spans (reign years, eras) labelled where each
 * begins without overlapping (the span in force at the left edge only where that leaves room for
 * the next), and the Julian axis's labels kept whole within the canvas.
 */
import type { YearSpan } from "./years.ts";

/** A label of the Julian axis at its tick, drawn only where it fits whole within the canvas. */
export function axisLabel(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  width: number,
  y: number,
): void {
  if (x >= 0 && x + ctx.measureText(text).width <= width) ctx.fillText(text, x, y);
}

/**
 * Labels a row of spans (reign years or eras) where each begins: the span in force at the left
 * edge is labelled there only if that leaves room for the next one; labels never overlap.
 */
export function drawSpans(
  ctx: CanvasRenderingContext2D,
  spans: readonly YearSpan[],
  row: number,
  y: number,
  x: (day: number) => number,
  width: number,
  lastEnd: number[],
  drawn: string[],
  label: (text: string, first: boolean) => string,
  /** Label a span only where its label ends before the next span begins (eras, some a year long). */
  within = false,
): void {
  spans.forEach((span, i) => {
    const sx = x(span.start);
    const lx = Math.max(2, sx + 3);
    const next = spans[i + 1];
    const limit = next ? x(next.start) - 3 : Number.POSITIVE_INFINITY;
    const text = label(span.label, lastEnd[row] === Number.NEGATIVE_INFINITY);
    const w = ctx.measureText(text).width;
    if ((within || sx < 0) && lx + w > limit) return;
    if (lx > lastEnd[row]! + 6 && lx + w <= width - 2) {
      ctx.fillText(text, lx, y);
      drawn.push(`${text}@${Math.round(lx)}-${Math.round(lx + w)}`);
      lastEnd[row] = lx + w;
    }
  });
}
