/**
 * Names on the map (and the network's) without overlaps: in order of priority (the place asked for, then the
 * places named most often, places with points of their own before those shown at their 州), each
 * name takes the first of four positions around its dot (right, left, above, below) that overlaps
 * no name already placed and stays on the map; a name with no such position is hidden (shown again
 * when its place is hovered or focused, and always named by its link). Worked out in screen
 * pixels, so it holds at any zoom.
 */

/** A name to place: its dot on the screen, its width and its font size there. */
export interface LabelInput {
  x: number;
  y: number;
  width: number;
  /** The font size (the glyph box is taller: see ASCENT and DESCENT). */
  height: number;
  /** Pixels between the point and its name (default 6: a dot; more for a larger circle). */
  gap?: number;
  priority: number;
}

/** Where a name goes: its offset from the dot and its anchor, or hidden. */
export type LabelPlace = { dx: number; dy: number; anchor: "start" | "middle" | "end" } | null;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const GAP = 6;
/** A CJK serif's glyph box around the baseline, in ems (Noto Serif CJK: ascent 1.16, descent 0.29). */
const ASCENT = 1.16;
const DESCENT = 0.3;
/** Pixels kept clear around each name. */
const MARGIN = 1;

/** The four positions, as offsets of the text's anchor (on its baseline) from the dot. */
function candidates(
  l: LabelInput,
): { dx: number; dy: number; anchor: "start" | "middle" | "end"; box: Box }[] {
  const size = l.height;
  const w = l.width;
  const gap = l.gap ?? GAP;
  const right = { dx: gap, dy: size * 0.35, anchor: "start" as const };
  const left = { dx: -gap, dy: size * 0.35, anchor: "end" as const };
  const above = { dx: 0, dy: -gap - DESCENT * size, anchor: "middle" as const };
  const below = { dx: 0, dy: gap + ASCENT * size, anchor: "middle" as const };
  return [right, left, above, below].map((c) => {
    const x0 = c.anchor === "start" ? l.x + c.dx : c.anchor === "end" ? l.x + c.dx - w : l.x - w / 2;
    const baseline = l.y + c.dy;
    return {
      ...c,
      box: {
        x0: x0 - MARGIN,
        y0: baseline - ASCENT * size - MARGIN,
        x1: x0 + w + MARGIN,
        y1: baseline + DESCENT * size + MARGIN,
      },
    };
  });
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Places the names: one result per input, in the input's order.
 *
 * @param bounds the visible map, in the same pixels
 */
export function placeLabels(
  labels: readonly LabelInput[],
  bounds: { width: number; height: number },
): LabelPlace[] {
  const out: LabelPlace[] = labels.map(() => null);
  const placed: Box[] = [];
  const order = labels.map((_, i) => i).sort((a, b) => labels[b]!.priority - labels[a]!.priority || a - b);
  for (const i of order) {
    const l = labels[i]!;
    if (l.x < -l.width || l.y < -l.height || l.x > bounds.width + l.width || l.y > bounds.height + l.height)
      continue;
    for (const c of candidates(l)) {
      const b = c.box;
      if (b.x0 < 0 || b.y0 < 0 || b.x1 > bounds.width || b.y1 > bounds.height) continue;
      if (placed.some((p) => overlaps(p, b))) continue;
      placed.push(b);
      out[i] = { dx: c.dx, dy: c.dy, anchor: c.anchor };
      break;
    }
  }
  return out;
}
