/**
 * Colours shared by the timeline, the map and the network: one distinct colour for each of the
 * annotator's fifteen event types (hues grouped by kind: diplomacy blues, war reds and oranges,
 * agreements greens, gifts and tribute golds, titles purples), and a palette of twenty distinct
 * colours for other categories (states, chronicles).
 */

/** Each event type's colour; no two alike. */
export const EVENT_COLORS: Readonly<Record<string, string>> = {
  embassy: "#1f5fa8",
  raid: "#d1495b",
  battle: "#8b1e1e",
  siege: "#e07b24",
  peace: "#3a9d5d",
  oath: "#1b5e3b",
  treaty: "#8cc084",
  tribute: "#b8860b",
  gift: "#e6c229",
  investiture: "#6a3d9a",
  submission: "#b39ddb",
  defection: "#c2185b",
  death: "#333333",
  appointment: "#1b9aaa",
  construction: "#8d6e63",
};

/** Twenty colours told apart at a glance (after Kelly's colours of maximum contrast). */
export const PALETTE: readonly string[] = [
  "#b2412b",
  "#2b6cb0",
  "#2f855a",
  "#d69e2e",
  "#6b46c1",
  "#00a0b0",
  "#c2185b",
  "#4a5568",
  "#8cc084",
  "#e07b24",
  "#1b5e3b",
  "#b39ddb",
  "#8d6e63",
  "#e6c229",
  "#0b3954",
  "#d1495b",
  "#6d9dc5",
  "#7b2d26",
  "#98a886",
  "#f4a259",
];

/** Colour of a category without a colour of its own. */
export const NONE_COLOR = "#a0aec0";

/** The colour of an event type, or of the i-th category of another colouring. */
export function categoryColor(label: string | undefined, index: number, byEvent: boolean): string {
  if (index < 0 || label === undefined) return NONE_COLOR;
  if (byEvent && EVENT_COLORS[label]) return EVENT_COLORS[label];
  return PALETTE[index % PALETTE.length] ?? NONE_COLOR;
}
