/** The cited works: how often each is cited, and the entries behind each section and juan. */
import { api } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { chineseNumber, documentTitle } from "../format.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** `#/sources`: the cited works, most cited first. */
export const sourcesView: View = async ({ main }) => {
  setTitle("Sources");
  const { results } = await api.sources();
  const max = Math.max(1, ...results.map((r) => r.citationCount));
  replace(
    main,
    h("h1", null, "Sources"),
    h("p", { class: "lede" }, "The works the entries cite in their closing parentheses, most cited first."),
    results.length
      ? h(
          "table",
          { class: "sources-table" },
          h("caption", { class: "visually-hidden" }, "Cited works"),
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", { attrs: { scope: "col" } }, "Work"),
              h("th", { attrs: { scope: "col" } }, "Citations"),
              h("th", { attrs: { scope: "col" } }, "Entries"),
            ),
          ),
          h(
            "tbody",
            null,
            results.map((r) =>
              h(
                "tr",
                null,
                h(
                  "th",
                  { attrs: { scope: "row" }, lang: "zh-Hant" },
                  h("a", { href: href(["source", r.work]) }, `《${r.work}》`),
                ),
                h(
                  "td",
                  null,
                  h(
                    "span",
                    { class: "bar", attrs: { "data-value": r.citationCount } },
                    h("meter", { attrs: { min: 0, max, value: r.citationCount, "aria-hidden": "true" } }),
                  ),
                  ` ${r.citationCount}`,
                ),
                h("td", null, String(r.entryCount)),
              ),
            ),
          ),
        )
      : notice("No citations are stored yet."),
  );
};

/** `#/source/長編`: one work, its sections and juan, and the entries citing each. */
export const sourceView: View = async ({ route, main }) => {
  const work = route.path[1] ?? "";
  const [source, { results: stored }] = await Promise.all([api.source(work), api.documents()]);
  const documents = new Map(stored.map((d) => [d.id, documentTitle(d)]));
  /** The document an entry id (`2:e13`) names. */
  const documentOf = (entryId: string) => documents.get(Number(entryId.slice(0, entryId.indexOf(":"))));
  setTitle(`《${source.work}》`);
  replace(
    main,
    h("p", { class: "breadcrumb" }, h("a", { href: href(["sources"]) }, "← all sources")),
    h("h1", { lang: "zh-Hant" }, `《${source.work}》`),
    h(
      "p",
      { class: "meta" },
      `${source.citationCount} citations in ${source.entryCount} entries · `,
      h("a", { href: href(["search"], { work: source.work }) }, "search within these entries"),
    ),
    source.parts.map((part) =>
      h(
        "section",
        { class: "source-part" },
        h(
          "h2",
          { lang: "zh-Hant" },
          [part.section, part.juan !== null ? `卷${chineseNumber(part.juan)}` : null]
            .filter(Boolean)
            .join(" ") || "(whole work)",
          h(
            "span",
            { class: "count" },
            ` ${part.entries.length} ${part.entries.length === 1 ? "entry" : "entries"}`,
          ),
        ),
        h(
          "ul",
          null,
          part.entries.map((e) =>
            h(
              "li",
              null,
              h("a", { href: href(["entry", e.id]), lang: "zh-Hant" }, e.headline),
              [documentOf(e.id), e.year].some(Boolean)
                ? h(
                    "span",
                    { class: "meta", lang: "zh-Hant" },
                    ` — ${[documentOf(e.id), e.year].filter(Boolean).join(" · ")}`,
                  )
                : null,
            ),
          ),
        ),
      ),
    ),
  );
};
