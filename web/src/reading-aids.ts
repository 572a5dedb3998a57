/**
 * Aids to reading the text: the key to the colours of the names (persons, places, polities,
 * offices, search matches) with a switch that turns them off, remembered on this browser; and one
 * tab stop for a whole text, inside which the arrow keys move from name to name and link to link.
 */
import { h } from "./dom.ts";

const STORAGE_KEY = "biannian.highlights";

/** What each colour of the text stands for, in the order of the key. */
const KEY: [cls: string, label: string][] = [
  ["mention-person", "person"],
  ["mention-place", "place"],
  ["mention-polity", "polity"],
  ["mention-office", "office"],
];

function stored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
}

/** Shows or hides the highlights of names on the whole page (the `data-highlights` of `<html>`). */
export function setHighlights(on: boolean): void {
  if (on) delete document.documentElement.dataset.highlights;
  else document.documentElement.dataset.highlights = "off";
  try {
    localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  } catch {
    // storage refused (a private window): the choice lasts for this page only
  }
}

/** The key of the highlights, with the switch that turns them off and on. */
export function highlightKey(): HTMLElement {
  const on = stored();
  if (!on) document.documentElement.dataset.highlights = "off";
  const box = h("input", { type: "checkbox", id: "highlights-on" });
  box.checked = on;
  box.addEventListener("change", () => setHighlights(box.checked));
  return h(
    "div",
    { class: "highlight-key", role: "group", attrs: { "aria-label": "Highlights" } },
    h("label", { for: "highlights-on", class: "highlight-switch" }, box, " Highlight names:"),
    h(
      "ul",
      { class: "key-list" },
      KEY.map(([cls, label]) =>
        h("li", null, h("span", { class: `mention ${cls} key-sample`, lang: "zh-Hant" }, "名"), ` ${label}`),
      ),
      h("li", null, h("mark", { class: "key-sample", lang: "zh-Hant" }, "字"), " search match"),
    ),
    h(
      "p",
      { class: "meta key-help" },
      "Tab reaches the text once; the arrow keys then move between its names and links (Home, End: first, last).",
    ),
  );
}

const ITEMS = "a[href], button:not([disabled]), summary";
/** A link or button of HTML or SVG. */
type Item = HTMLElement | SVGElement;

/**
 * Makes a text (or a list, a map, a graph) one tab stop: of the links and buttons inside it, only the last one focused (at
 * first the first) is in the tab order; ←/↑ and →/↓ move to the previous and next one, Home and
 * End to the first and last. Content added later (pages loaded as the reader scrolls) is taken in.
 */
export function rovingTabStop(container: Element, signal: AbortSignal): { refresh(): void } {
  let current: Item | null = null;
  const shown = (el: Item) => !el.closest("[hidden]");
  const items = () => [...container.querySelectorAll<Item>(ITEMS)].filter(shown);
  const take = (root: ParentNode) => {
    for (const el of root.querySelectorAll<Item>(ITEMS)) if (el !== current) el.tabIndex = -1;
    if (!current || !container.contains(current)) {
      current = container.querySelector<Item>(ITEMS);
      if (current) current.tabIndex = 0;
    }
  };
  take(container);
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement || node instanceof SVGElement)) continue;
        if (node.matches(ITEMS) && node !== current) node.tabIndex = -1;
        take(node);
      }
    if (!current || !container.contains(current)) take(container);
  });
  observer.observe(container, { childList: true, subtree: true });
  const moveTo = (el: Item | undefined) => {
    if (!el) return;
    if (current && current !== el) current.tabIndex = -1;
    current = el;
    el.tabIndex = 0;
    el.focus();
  };
  container.addEventListener("focusin", (event) => {
    const target = event.target instanceof Element ? event.target.closest<Item>(ITEMS) : null;
    if (!target || !container.contains(target) || target === current) return;
    if (current) current.tabIndex = -1;
    current = target;
    target.tabIndex = 0;
  });
  container.addEventListener("keydown", (event: Event) => {
    if (!(event instanceof KeyboardEvent)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest<Item>(ITEMS) : null;
    if (!target || !container.contains(target)) return;
    const list = items();
    const at = list.indexOf(target);
    const moves: Record<string, () => Item | undefined> = {
      ArrowRight: () => list[at + 1],
      ArrowDown: () => list[at + 1],
      ArrowLeft: () => list[Math.max(0, at - 1)],
      ArrowUp: () => list[Math.max(0, at - 1)],
      Home: () => list[0],
      End: () => list.at(-1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveTo(move());
  });
  signal.addEventListener("abort", () => observer.disconnect());
  return {
    /** After items are hidden (a filter): the first shown one takes the tab stop if its holder is hidden. */
    refresh() {
      if (current && shown(current)) return;
      if (current) current.tabIndex = -1;
      current = items()[0] ?? null;
      if (current) current.tabIndex = 0;
    },
  };
}
