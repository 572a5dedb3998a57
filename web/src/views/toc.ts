/**
 * A table of contents by year and month, of a work (`#/toc?work=長編`: its juan one after another)
 * or of one document (`#/toc?document=3`): each year with its months, each month linked to its
 * first entry in the reader, with the juan it stands in; and a "go to" box for the same documents.
 */
import { api } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { documentTitle } from "../format.ts";
import { gotoForm, navigationApi, readerHref, type Scope, type TocYear } from "../navigation.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

function yearSection(year: TocYear, titles: ReadonlyMap<number, string>, showJuan: boolean): HTMLElement {
  const label = year.label ?? "Before the first year heading";
  return h(
    "section",
    { class: "toc-year", attrs: { "aria-label": label } },
    h(
      "h2",
      null,
      h("a", { href: readerHref(year.first), lang: "zh-Hant" }, label),
      h(
        "span",
        { class: "meta" },
        `${year.ce === null ? "" : ` ${year.ce} ·`} ${year.entryCount.toLocaleString("en")} ${year.entryCount === 1 ? "entry" : "entries"}`,
      ),
    ),
    h(
      "ol",
      { class: "toc-months" },
      year.months.map((m) =>
        h(
          "li",
          null,
          h("a", { href: readerHref(m.first), lang: "zh-Hant" }, m.label ?? "undated"),
          h(
            "span",
            { class: "meta" },
            ` ${m.entryCount}`,
            showJuan
              ? h(
                  "span",
                  { lang: "zh-Hant" },
                  ` · ${m.documents.map((d) => titles.get(d) ?? String(d)).join("、")}`,
                )
              : null,
          ),
        ),
      ),
    ),
  );
}

/** `#/toc?work=長編` or `#/toc?document=3`. */
export const tocView: View = async ({ route, main }) => {
  const work = route.params.get("work")?.trim() || undefined;
  const documentId = Number(route.params.get("document")) || undefined;
  const scope: Scope = documentId !== undefined ? { document: documentId } : { work };
  const [{ years }, { results: documents }] = await Promise.all([navigationApi.toc(scope), api.documents()]);
  const titles = new Map(documents.map((d) => [d.id, documentTitle(d)]));
  const name =
    documentId !== undefined
      ? (titles.get(documentId) ?? `document ${documentId}`)
      : (work ?? "every chronicle");
  setTitle(`${name} — contents`);
  const entries = years.reduce((n, y) => n + y.entryCount, 0);
  replace(
    main,
    h("h1", null, h("span", { lang: "zh-Hant" }, name), " — contents by year and month"),
    h(
      "p",
      { class: "lede" },
      `${years.length.toLocaleString("en")} ${years.length === 1 ? "year" : "years"}, ${entries.toLocaleString("en")} entries. Each month opens the reader at its first entry.`,
      documentId !== undefined
        ? [" ", h("a", { href: href(["read", documentId]) }, "Read from the beginning")]
        : null,
    ),
    gotoForm(scope, `Go to a date in ${name}`),
    years.length
      ? h(
          "nav",
          { class: "toc", attrs: { "aria-label": "Contents" } },
          years.map((y) => yearSection(y, titles, documentId === undefined)),
        )
      : notice("Nothing is stored here."),
  );
};
