/**
 * The cited works: how often each is cited, the entries behind each section and juan, and whether
 * that juan is stored (a link to it in the reader).
 */
import { api, type DocumentSummary } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { chineseNumber, documentTitle } from "../format.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** The stored documents of a cited work: named by its title or the short name it is cited by (長編). */
function ofWork(work: string, documents: readonly DocumentSummary[]): DocumentSummary[] {
  return documents.filter((d) => d.work === work || d.short === work);
}

/**
 * The stored documents a cited part names, as a citation resolves: the work's juan, or, for a
 * part cited by its section (《宋史·夏國傳》), the juan whose section it opens (夏國傳上, 夏國傳下).
 *
 * @example
 * storedPart("長編", null, 139, documents).map(documentTitle) //=> ["長編 卷一百三十九"]
 */
export function storedPart(
  work: string,
  section: string | null,
  juan: number | null,
  documents: readonly DocumentSummary[],
): DocumentSummary[] {
  return ofWork(work, documents).filter((d) =>
    juan !== null
      ? d.juan === juan
      : section !== null && (d.section ?? "").startsWith(section.replace(/傳$/u, "")),
  );
}

/** Whether a cited part is stored: links to the stored juan in the reader, or plainly not. */
function storedLine(documents: readonly DocumentSummary[]): HTMLElement {
  return documents.length
    ? h(
        "p",
        { class: "stored-line held", attrs: { "data-stored": "true" } },
        "Stored: ",
        documents.map((d, i) => [
          i ? ", " : "",
          h("a", { href: href(["read", d.id]), lang: "zh-Hant" }, `${documentTitle(d)} →`),
        ]),
      )
    : h("p", { class: "stored-line", attrs: { "data-stored": "false" } }, "Not stored in this database.");
}

/** `#/sources`: the cited works, most cited first. */
export const sourcesView: View = async ({ main }) => {
  setTitle("Sources");
  const [{ results }, { results: documents }] = await Promise.all([api.sources(), api.documents()]);
  /** How much of a work is stored: `2 juan`, else plainly not. */
  const storedCell = (work: string) => {
    const held = ofWork(work, documents);
    const juan = held.filter((d) => d.juan !== null).length;
    return h(
      "td",
      { class: held.length ? "stored-count held" : "stored-count", attrs: { "data-stored": held.length } },
      held.length === 0 ? "not stored" : juan ? `${juan} juan stored` : "stored",
    );
  };
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
              h("th", { attrs: { scope: "col" }, title: "How many juan of the work are stored" }, "Stored"),
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
                storedCell(r.work),
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
        storedLine(storedPart(source.work, part.section, part.juan, stored)),
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
