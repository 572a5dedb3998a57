/**
 * The reader: a chronicle as the historian knows it, year heading after year heading, entry after
 * entry, loaded a page at a time as the reader scrolls.
 */
import { api, type DocumentSummary, type ReaderEntry } from "../api.ts";
import { articleId, entryArticle } from "../article.ts";
import { h, notice, replace } from "../dom.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** Entries fetched per request, and in the first (smaller, so that the page shows sooner). */
const PAGE = 50;
const FIRST_PAGE = 12;

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

function chooser(documents: DocumentSummary[], current: number | null): HTMLElement {
  return h(
    "nav",
    { class: "doc-chooser", attrs: { "aria-label": "Chronicles" } },
    h(
      "ul",
      null,
      documents.map((d) =>
        h(
          "li",
          null,
          h(
            "a",
            { href: href(["read", d.id]), attrs: { "aria-current": d.id === current ? "page" : null } },
            d.name,
          ),
        ),
      ),
    ),
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
  setTitle(document.name);
  const list = h("div", { class: "reader" });
  const sentinel = h("p", { class: "sentinel notice notice-loading" }, "Loading…");
  const annotationNote = h("p", { class: "annotation-note", hidden: true });
  replace(main, h("h1", null, document.name), chooser(documents, id), annotationNote, list, sentinel);

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
        const year = entry.year.label;
        if (year !== lastYear) fragment.append(yearHeading(entry));
        lastYear = year;
        fragment.append(entryArticle(entry, { contextLink: false }));
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

  await loadMore();
  const at = route.params.get("at");
  if (at) {
    const target = `${id}:${at}`;
    while (!list.querySelector(`[data-entry="${CSS.escape(target)}"]`) && offset < total && !signal.aborted)
      await loadMore();
    const element = list.querySelector<HTMLElement>(`#${CSS.escape(articleId(target))}`);
    if (element) {
      element.classList.add("target");
      element.focus({ preventScroll: true });
      element.scrollIntoView({ block: "start" });
    }
  }
  const observer = new IntersectionObserver(
    (records) => {
      if (records.some((r) => r.isIntersecting) && offset < total) void loadMore();
    },
    { rootMargin: "800px 0px" },
  );
  observer.observe(sentinel);
  signal.addEventListener("abort", () => observer.disconnect());
};
