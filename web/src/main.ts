/** The web app: navigation, routing and the keyboard shortcuts shared by every view. */
import "./style.css";
import { ApiError } from "./api.ts";
import { announce, h, notice, replace } from "./dom.ts";
import { href, parseHash } from "./router.ts";
import type { View } from "./view.ts";
import { byDateView } from "./views/by-date.ts";
import { entitiesView, entityView } from "./views/entities.ts";
import { entryView } from "./views/entry.ts";
import { homeView } from "./views/home.ts";
import { readerView } from "./views/reader.ts";
import { searchView } from "./views/search.ts";
import { sourcesView, sourceView } from "./views/sources.ts";
import { synopsisView } from "./views/synopsis.ts";

const NAV: [path: string, label: string, key: string][] = [
  ["read", "Reader", "r"],
  ["date", "By date", "d"],
  ["synopsis", "Synopsis", "y"],
  ["search", "Search", "f"],
  ["timeline", "Timeline", "t"],
  ["map", "Map", "m"],
  ["network", "Network", "n"],
  ["sources", "Sources", "s"],
  ["entities", "Entities", "e"],
  ["charts", "Charts", "c"],
  ["import", "Import", "i"],
];

const VIEWS: Record<string, () => Promise<View> | View> = {
  "": () => homeView,
  read: () => readerView,
  entry: () => entryView,
  date: () => byDateView,
  synopsis: () => synopsisView,
  search: () => searchView,
  timeline: async () => (await import("./views/timeline.ts")).timelineView,
  map: async () => (await import("./views/map.ts")).mapView,
  network: async () => (await import("./views/network.ts")).networkView,
  sources: () => sourcesView,
  source: () => sourceView,
  entities: () => entitiesView,
  entity: () => entityView,
  charts: async () => (await import("./views/charts.ts")).chartsView,
  cite: async () => (await import("./views/permalink.ts")).permalinkView,
  toc: async () => (await import("./views/toc.ts")).tocView,
  import: async () => (await import("./views/import.ts")).importView,
};

const main = document.getElementById("main") as HTMLElement;
let controller: AbortController | null = null;
let firstRoute = true;

function renderNav(current: string): void {
  const nav = document.getElementById("nav");
  if (!nav) return;
  replace(
    nav,
    NAV.map(([path, label]) => {
      const active =
        current === path ||
        (path === "read" && current === "entry") ||
        (path === "sources" && current === "source") ||
        (path === "entities" && current === "entity");
      return h(
        "li",
        null,
        h("a", { href: href([path]), attrs: { "aria-current": active ? "page" : null } }, label),
      );
    }),
  );
}

// Back and Forward come back to where each page was scrolled (the reader keeps its place by entry).
history.scrollRestoration = "manual";
let scrollTimer = 0;
window.addEventListener(
  "scroll",
  () => {
    clearTimeout(scrollTimer);
    scrollTimer = window.setTimeout(() => {
      if (!main.hasAttribute("aria-busy"))
        history.replaceState({ ...(history.state ?? {}), scrollY: Math.round(window.scrollY) }, "");
    }, 150);
  },
  { passive: true },
);

async function route(): Promise<void> {
  clearTimeout(scrollTimer);
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const parsed = parseHash(location.hash);
  const name = parsed.path[0] ?? "";
  renderNav(name);
  const quick = document.getElementById("quick-q") as HTMLInputElement | null;
  if (quick && name !== "search") quick.value = "";
  const load = VIEWS[name];
  main.setAttribute("aria-busy", "true");
  try {
    if (!load) {
      replace(main, h("h1", null, "Not found"), notice(`There is no view at ${location.hash}.`, "error"));
      return;
    }
    const view = await load();
    if (signal.aborted) return;
    await view({ route: parsed, main, signal });
    if (signal.aborted) return;
    if (!firstRoute && !parsed.params.has("at")) main.focus({ preventScroll: true });
    const saved = (history.state as { scrollY?: number } | null)?.scrollY;
    if (typeof saved === "number" && !parsed.params.has("at")) window.scrollTo(0, saved);
    announce(document.title);
  } catch (error) {
    if (signal.aborted) return;
    const message =
      error instanceof ApiError ? error.message : `The view failed: ${(error as Error).message}`;
    replace(main, h("h1", null, "Something went wrong"), notice(message, "error"));
    if (!(error instanceof ApiError)) console.error(error);
  } finally {
    if (!signal.aborted) main.removeAttribute("aria-busy");
    firstRoute = false;
  }
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Moves the focus to the next (1) or previous (-1) entry article. */
function stepEntry(direction: 1 | -1): void {
  const articles = [...main.querySelectorAll<HTMLElement>("article.entry")];
  if (!articles.length) return;
  const current = articles.findIndex((a) => a.contains(document.activeElement));
  let next: number;
  if (current === -1) {
    const top = articles.findIndex((a) => a.getBoundingClientRect().bottom > 80);
    next = top === -1 ? 0 : direction === 1 ? top : Math.max(0, top - 1);
  } else next = Math.min(articles.length - 1, Math.max(0, current + direction));
  articles[next]?.focus();
  articles[next]?.scrollIntoView({ block: "start" });
}

let pendingG = false;
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  if (pendingG) {
    pendingG = false;
    const target = NAV.find(([, , key]) => key === event.key);
    if (target) {
      event.preventDefault();
      location.hash = href([target[0]]);
    }
    return;
  }
  if (event.key === "/") {
    event.preventDefault();
    (document.getElementById("quick-q") as HTMLInputElement | null)?.focus();
  } else if (event.key === "j") stepEntry(1);
  else if (event.key === "k") stepEntry(-1);
  else if (event.key === "g") pendingG = true;
});

document.getElementById("quick-search")?.addEventListener("submit", (event) => {
  event.preventDefault();
  const q = (document.getElementById("quick-q") as HTMLInputElement).value.trim();
  if (q) location.hash = href(["search"], { q });
});

document.querySelector("[data-skip]")?.addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener("hashchange", () => void route());
void route();
