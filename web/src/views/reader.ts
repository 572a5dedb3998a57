/**
 * The reader: a chronicle as the historian knows it, named by its work and juan, year heading
 * after year heading, entry after entry, loaded a page at a time as the reader scrolls; and its
 * date problems as an apparatus.
 */
import { api, type DateProblem, type DocumentSummary, type ReaderEntry } from "../api.ts";
import { articleId, entryArticle } from "../article.ts";
import { h, notice, replace } from "../dom.ts";
import { exportButtons } from "../export-buttons.ts";
import { documentTitle } from "../format.ts";
import { markChinese } from "../lang.ts";
import { gotoForm } from "../navigation.ts";
import { highlightKey, rovingTabStop } from "../reading-aids.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** Entries fetched per request, and in the first (smaller, so that the page shows sooner). */
const PAGE = 50;
const FIRST_PAGE = 12;
/** Places of one date problem listed before the rest are folded away. */
const SHOWN_PLACES = 6;

/** One place of a date problem: line and column, the text as written, the entry. */
function problemPlace(documentId: number, p: DateProblem): HTMLElement {
  const localId = p.entryId?.slice(p.entryId.indexOf(":") + 1) ?? null;
  return h(
    "li",
    { class: "problem-place", attrs: { "data-entry": p.entryId } },
    h("span", { class: "place" }, `${p.place.start.line}:${p.place.start.column}`),
    " ",
    h("span", { class: "as-written", lang: "zh-Hant" }, p.text || "—"),
    p.carried ? h("span", { class: "meta" }, " (carried over)") : null,
    localId
      ? [
          " → ",
          h("a", { href: href(["read", documentId], { at: localId }), title: `entry ${p.entryId}` }, localId),
        ]
      : null,
  );
}

/**
 * The document's date problems as an apparatus: each problem once, with every place it occurs
 * (line:column, the text as written, a link to the entry).
 */
function dateApparatus(documentId: number, problems: readonly DateProblem[]): HTMLElement | null {
  if (problems.length === 0) return null;
  const groups = new Map<string, DateProblem[]>();
  for (const p of problems) {
    const key = `${p.ruleId}\u0000${p.message}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return h(
    "details",
    { class: "date-problems" },
    h(
      "summary",
      null,
      `Date problems: ${problems.length} ${problems.length === 1 ? "place" : "places"}`,
      groups.size > 1 ? `, ${groups.size} kinds` : "",
    ),
    h(
      "ol",
      { class: "problem-list" },
      [...groups.values()].map((places) => {
        const first = places[0]!;
        const shown = places.slice(0, SHOWN_PLACES);
        const rest = places.slice(SHOWN_PLACES);
        return h(
          "li",
          { class: `date-problem date-problem-${first.kind}`, attrs: { "data-rule": first.ruleId } },
          h(
            "p",
            { class: "problem-message" },
            h("span", { class: "message" }, markChinese(first.message)),
            " ",
            h("code", { class: "rule" }, first.ruleId),
          ),
          h(
            "ul",
            { class: "problem-places" },
            shown.map((p) => problemPlace(documentId, p)),
          ),
          rest.length
            ? h(
                "details",
                { class: "more-places" },
                h("summary", null, `${rest.length} more`),
                h(
                  "ul",
                  { class: "problem-places" },
                  rest.map((p) => problemPlace(documentId, p)),
                ),
              )
            : null,
        );
      }),
    ),
  );
}

function yearHeading(entry: ReaderEntry): HTMLElement {
  const y = entry.year;
  return h(
    "h2",
    { class: "year-heading", lang: "zh-Hant" },
    y.label ?? "(before the first year heading)",
    y.ganzhi || y.ce
      ? h("span", { class: "year-extra" }, ` ${[y.ganzhi, y.ce].filter(Boolean).join(" ")}`)
      : null,
  );
}

/** Chronicles listed before the list folds away (the whole 長編 is 520 of them). */
const SHOWN_DOCUMENTS = 12;

function chooser(documents: DocumentSummary[], current: number | null): HTMLElement {
  const list = h(
    "ul",
    null,
    documents.map((d) =>
      h(
        "li",
        null,
        h(
          "a",
          {
            href: href(["read", d.id]),
            title: d.name,
            lang: d.title ? "zh-Hant" : undefined,
            attrs: { "aria-current": d.id === current ? "page" : null },
          },
          documentTitle(d),
        ),
      ),
    ),
  );
  return h(
    "nav",
    { class: "doc-chooser", attrs: { "aria-label": "Chronicles" } },
    documents.length > SHOWN_DOCUMENTS
      ? h("details", { class: "doc-fold" }, h("summary", null, `All chronicles (${documents.length})`), list)
      : list,
  );
}

/** `#/read/1?at=e13`: a chronicle in text order, scrolled to an entry when asked. */
export const readerView: View = async ({ route, main, signal }) => {
  const { results: documents } = await api.documents();
  const id = Number(route.path[1] ?? documents[0]?.id ?? Number.NaN);
  const document = documents.find((d) => d.id === id);
  if (!document) {
    setTitle("Reader");
    replace(
      main,
      h("h1", null, "Reader"),
      chooser(documents, null),
      documents.length
        ? notice(`There is no chronicle ${route.path[1] ?? ""}.`)
        : notice("No chronicles are stored yet."),
    );
    return;
  }
  const title = documentTitle(document);
  setTitle(title);
  // every juan of 長編 is a link: the list is one tab stop, the arrow keys move within it
  const documentChooser = chooser(documents, id);
  rovingTabStop(documentChooser, signal);
  const list = h("div", {
    class: "reader",
    role: "group",
    attrs: { "aria-label": `${title}: the text (arrow keys move between its names and links)` },
  });
  const sentinel = h("p", { class: "sentinel notice notice-loading" }, "Loading…");
  const annotationNote = h("p", { class: "annotation-note", hidden: true });
  const apparatus = h("div", { class: "apparatus-slot" });
  replace(
    main,
    h(
      "h1",
      { class: "document-title", lang: document.title ? "zh-Hant" : undefined },
      title,
      document.title ? h("span", { class: "file-name" }, ` ${document.name}`) : null,
    ),
    documentChooser,
    h(
      "p",
      { class: "reader-tools meta" },
      h(
        "a",
        { href: href(["synopsis"], { a: id }) },
        "Synopsis: this chronicle beside another, month by month",
      ),
      " · ",
      h("a", { href: href(["toc"], { document: id }) }, "Contents by year and month"),
    ),
    gotoForm({ document: id }, "Go to a date in this chronicle"),
    exportButtons({ document: id }, "this chronicle"),
    highlightKey(),
    annotationNote,
    apparatus,
    list,
    sentinel,
  );
  void api
    .dateProblems(id)
    .then((problems) => {
      if (!signal.aborted) replace(apparatus, dateApparatus(id, problems.results));
    })
    .catch(() => {
      if (!signal.aborted) replace(apparatus, notice("The date problems could not be loaded.", "error"));
    });

  let offset = 0;
  let total = Number.POSITIVE_INFINITY;
  let lastYear: string | null | undefined;
  let loading: Promise<void> | null = null;

  const loadMore = (): Promise<void> => {
    loading ??= (async () => {
      const page = await api.readerPage(id, offset, offset === 0 ? FIRST_PAGE : PAGE);
      if (signal.aborted) return;
      total = page.total;
      if (offset === 0 && page.annotations === "none") {
        annotationNote.hidden = false;
        annotationNote.textContent =
          "No mentions yet: persons, places and polities are highlighted once the annotation stage has run on this database.";
      }
      const fragment = new DocumentFragment();
      for (const entry of page.results) {
        if (entry.layout.hidden.length || entry.layout.pages.length) list.classList.add("edition");
        const year = entry.year.label;
        if (year !== lastYear) fragment.append(yearHeading(entry));
        lastYear = year;
        fragment.append(entryArticle(entry, { contextLink: false, citations: true, otherAccounts: true }));
      }
      list.append(fragment);
      offset += page.results.length;
      if (offset >= total || page.results.length === 0) {
        sentinel.textContent = `${total} entries.`;
        sentinel.className = "sentinel notice";
      }
    })().finally(() => {
      loading = null;
    });
    return loading;
  };

  rovingTabStop(list, signal);
  await loadMore();
  const at = route.params.get("at");
  if (at) {
    const target = `${id}:${at}`;
    while (!list.querySelector(`[data-entry="${CSS.escape(target)}"]`) && offset < total && !signal.aborted)
      await loadMore();
    const element = list.querySelector<HTMLElement>(`#${CSS.escape(articleId(target))}`);
    if (element) {
      const saved = readingState(at);
      // enough text below the entry to scroll to it (and to the place within it) as before
      while (
        offset < total &&
        !signal.aborted &&
        list.getBoundingClientRect().bottom - element.getBoundingClientRect().top <
          (saved ?? 0) + window.innerHeight
      )
        await loadMore();
      element.focus({ preventScroll: true });
      if (saved === null) {
        element.classList.add("target");
        element.scrollIntoView({ block: "start" });
      } else window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY + saved);
    }
  }
  followReading(list, id, signal);
  const observer = new IntersectionObserver(
    (records) => {
      if (records.some((r) => r.isIntersecting) && offset < total) void loadMore();
    },
    { rootMargin: "800px 0px" },
  );
  observer.observe(sentinel);
  signal.addEventListener("abort", () => observer.disconnect());
};

/** Where the reader was within the entry of the URL (pixels below its top), kept in the history. */
function readingState(at: string): number | null {
  const state = history.state as { readerAt?: string; readerOffset?: number } | null;
  return state?.readerAt === at && typeof state.readerOffset === "number" ? state.readerOffset : null;
}

/** The entry at the top of the window: the first whose bottom is below the sticky header. */
function topEntry(list: HTMLElement): HTMLElement | null {
  const articles = list.querySelectorAll<HTMLElement>("article.entry");
  let lo = 0;
  let hi = articles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (articles[mid]!.getBoundingClientRect().bottom <= 8) lo = mid + 1;
    else hi = mid;
  }
  return articles[lo] ?? null;
}

/**
 * The URL follows the reading position: `#/read/1?at=e13` names the entry at the top of the
 * window, replaced (not pushed) as the reader scrolls, with how far into it the reader is kept in
 * the history's state, so that Back and reloading come back to the same place.
 */
function followReading(list: HTMLElement, documentId: number, signal: AbortSignal): void {
  let timer = 0;
  const record = () => {
    if (signal.aborted) return;
    const entry = topEntry(list);
    const id = entry?.dataset.entry;
    if (!entry || !id || window.scrollY < 1) return;
    const at = id.slice(id.indexOf(":") + 1);
    const offset = Math.round(window.scrollY - (entry.getBoundingClientRect().top + window.scrollY));
    const hash = href(["read", documentId], { at });
    history.replaceState({ ...(history.state ?? {}), readerAt: at, readerOffset: offset }, "", hash);
  };
  const onScroll = () => {
    clearTimeout(timer);
    timer = window.setTimeout(record, 150);
  };
  window.addEventListener("scroll", onScroll, { passive: true, signal });
  signal.addEventListener("abort", () => clearTimeout(timer));
}
