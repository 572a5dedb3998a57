/** One entry as an article: its dates and links above, its text, its sources and events below. */
import type { ReaderEntry } from "./api.ts";
import { h } from "./dom.ts";
import { dateLine, entryBody } from "./entry-text.ts";
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
  return h(
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
          events.length
            ? h(
                "p",
                { class: "events" },
                "Events: ",
                events.map((e, i) => [
                  i ? ", " : "",
                  h(
                    "a",
                    { href: href(["search"], { event: e.type }), class: `event event-${e.type}` },
                    e.type,
                  ),
                ]),
              )
            : null,
        )
      : null,
  );
}
