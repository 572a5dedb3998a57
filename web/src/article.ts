/** One entry as an article: its dates and links above, its text, its sources and events below. */
import type { ReaderEntry } from "./api.ts";
import { citationPanel, otherAccountsPanel } from "./collation.ts";
import { h } from "./dom.ts";
import { dateLine, entryBody } from "./entry-text.ts";
import { eventList } from "./events.ts";
import { dateFields } from "./format.ts";
import { href } from "./router.ts";

/** Options of `entryArticle`. */
export interface ArticleOptions {
  /** Document offsets of search matches to highlight. */
  highlights?: readonly { start: number; end: number }[];
  /** The document's name, shown when entries of several documents stand together. */
  documentName?: string;
  /** Link to the entry's place in its chronicle (default true). */
  contextLink?: boolean;
  /** Citations open the cited passages beside the entry (the reader and the entry's page). */
  citations?: boolean;
  /** A button that shows the other accounts of the entry's event below it (the reader). */
  otherAccounts?: boolean;
}

/** The id of an entry's article element. */
export function articleId(entryId: string): string {
  return `entry-${entryId.replace(":", "-")}`;
}

/**
 * An entry's article element.
 *
 * @example
 * entryArticle(entry).id //=> "entry-1-e13"
 */
export function entryArticle(entry: ReaderEntry, options: ArticleOptions = {}): HTMLElement {
  const jdn = dateFields(entry).jdn;
  const works = [...new Set(entry.citations.map((c) => c.work))];
  const events = entry.events;
  const edition = entry.layout.hidden.length > 0 || entry.layout.pages.length > 0;
  const accountsButton = options.otherAccounts
    ? h(
        "button",
        {
          type: "button",
          class: "link-button accounts-toggle",
          attrs: { "aria-expanded": "false" },
        },
        "other accounts",
      )
    : null;
  const article = h(
    "article",
    {
      class: edition ? "entry edition" : "entry",
      id: articleId(entry.id),
      tabindex: -1,
      attrs: { "data-entry": entry.id, "aria-label": `Entry ${entry.id}` },
    },
    h(
      "header",
      { class: "entry-head" },
      dateLine(entry),
      h(
        "p",
        { class: "entry-links" },
        options.documentName ? h("span", { class: "doc-name" }, options.documentName) : null,
        h(
          "a",
          { class: "permalink", href: href(["entry", entry.id]), title: "Permanent link" },
          `§ ${entry.id}`,
        ),
        options.contextLink === false
          ? null
          : h("a", { href: href(["read", entry.documentId], { at: entry.localId }) }, "in the chronicle"),
        jdn ? h("a", { href: href(["date", jdn.start]) }, "same month, all chronicles") : null,
        accountsButton,
        h("span", { class: "line" }, `line ${entry.position.start.line}`),
      ),
    ),
    h(
      "div",
      { class: "entry-body", lang: "zh-Hant" },
      entryBody(entry, {
        ...(options.highlights ? { highlights: options.highlights } : {}),
        mentions: entry.mentions,
        layout: entry.layout,
        citationButtons: options.citations === true,
      }),
    ),
    works.length || events.length
      ? h(
          "footer",
          { class: "entry-foot" },
          works.length
            ? h(
                "p",
                { class: "sources" },
                "Sources: ",
                works.map((w, i) => [
                  i ? "、" : "",
                  h("a", { href: href(["source", w]), lang: "zh-Hant" }, `《${w}》`),
                ]),
              )
            : null,
          events.length ? eventList(events, entry.mentions) : null,
        )
      : null,
  );
  if (options.citations) wireCitations(article, entry.id);
  if (accountsButton) wireAccounts(article, accountsButton, entry.id);
  return article;
}

/** Each citation button opens its passages beside the entry; another replaces them, the same one closes them. */
function wireCitations(article: HTMLElement, entryId: string): void {
  let open: { button: HTMLButtonElement; aside: HTMLElement } | null = null;
  const close = (focus: boolean) => {
    if (!open) return;
    open.aside.remove();
    open.button.setAttribute("aria-expanded", "false");
    if (focus) open.button.focus();
    open = null;
  };
  for (const button of article.querySelectorAll<HTMLButtonElement>("button.cite-open")) {
    button.addEventListener("click", () => {
      const same = open?.button === button;
      close(false);
      if (same) return;
      const indexes = (button.dataset.cite ?? "").split(",").map(Number);
      const aside = citationPanel(entryId, indexes, button.textContent ?? "", () => close(true));
      const id = `cited-${entryId.replace(":", "-")}`;
      aside.id = id;
      button.setAttribute("aria-controls", id);
      button.setAttribute("aria-expanded", "true");
      article.querySelector(".entry-body")?.after(aside);
      open = { button, aside };
      aside.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
    });
  }
}

/** The "other accounts" button shows the panel below the entry, loaded on first use. */
function wireAccounts(article: HTMLElement, button: HTMLButtonElement, entryId: string): void {
  let panel: HTMLElement | null = null;
  button.addEventListener("click", () => {
    if (!panel) {
      panel = otherAccountsPanel(entryId, 3);
      article.append(panel);
      button.setAttribute("aria-controls", panel.id);
      button.setAttribute("aria-expanded", "true");
      return;
    }
    panel.hidden = !panel.hidden;
    button.setAttribute("aria-expanded", String(!panel.hidden));
  });
}
