/** The start page: the stored works and their juan, "go to" a date, and where to go from there. */
import { api, type DocumentSummary } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { gotoForm, navigationApi, type WorkContents } from "../navigation.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** The years a document covers: `慶曆四年 (1044)`, `景祐四年 – 寶元元年 (1037–1038)`. */
function yearSpan(years: WorkContents["documents"][number]["years"]): string {
  const { first, last, ce } = years;
  const labels = first === last ? (first ?? "") : `${first ?? "…"} – ${last ?? "…"}`;
  const western =
    ce.first === null
      ? ""
      : ce.first === ce.last || ce.last === null
        ? `${ce.first}`
        : `${ce.first}–${ce.last}`;
  return `${labels}${western ? ` (${western})` : ""}`;
}

/** A work with its juan, each with the years it covers; a work of many juan starts folded. */
function workItem(work: WorkContents, names: ReadonlyMap<number, DocumentSummary>): HTMLElement {
  const many = work.documents.length > 12;
  const juan = h(
    "ol",
    { class: "juan-list" },
    work.documents.map((d) => {
      const document = names.get(d.id);
      return h(
        "li",
        { attrs: { "data-document": d.id } },
        h("a", { href: href(["read", d.id]), lang: "zh-Hant" }, d.title),
        h("span", { class: "meta", lang: "zh-Hant" }, ` ${yearSpan(d.years)}`),
        h(
          "span",
          { class: "meta" },
          ` — ${d.entryCount.toLocaleString("en")} entries`,
          document?.title ? ` · ${document.name}` : "",
          " · ",
          h("a", { href: href(["toc"], { document: d.id }) }, "contents"),
        ),
      );
    }),
  );
  const name = work.work ?? "Other chronicles";
  const heading = [
    h("span", { class: "work-name", lang: "zh-Hant" }, name),
    work.title && work.title !== name
      ? h("span", { class: "meta", lang: "zh-Hant" }, ` ${work.title}`)
      : null,
    h(
      "span",
      { class: "meta" },
      ` — ${work.documents.length} ${work.work !== null ? "juan" : work.documents.length === 1 ? "document" : "documents"}, ${work.entryCount.toLocaleString("en")} entries`,
    ),
  ];
  return h(
    "li",
    { class: "work", attrs: { "data-work": work.work ?? "" } },
    h(
      "details",
      { attrs: { open: !many } },
      h("summary", null, heading),
      work.work === null
        ? null
        : h(
            "p",
            { class: "work-links" },
            h("a", { href: href(["toc"], { work: work.work }) }, "Contents by year and month"),
          ),
      juan,
    ),
  );
}

/** `#/`: the stored works with their juan, "go to" a date, and the views. */
export const homeView: View = async ({ main }) => {
  setTitle("");
  const [{ results }, { works }] = await Promise.all([api.documents(), navigationApi.contents()]);
  const byId = new Map(results.map((d) => [d.id, d]));
  replace(
    main,
    h("h1", null, "Chronicles"),
    h(
      "p",
      { class: "lede" },
      "Read the stored chronicles entry by entry, compare them month by month, search them in simplified or traditional characters, and follow persons, places and polities through them.",
    ),
    results.length ? gotoForm({}, "Go to a date (every chronicle)") : null,
    results.length
      ? h(
          "ul",
          { class: "works documents" },
          works.map((w) => workItem(w, byId)),
        )
      : notice("No chronicles are stored yet: run `biannian ingest FILE` first."),
    h(
      "ul",
      { class: "tiles" },
      [
        ["date", "By date", "every chronicle's entries of one lunar month, one column per chronicle"],
        [
          "synopsis",
          "Synopsis",
          "two chronicles side by side over a span of years, where they agree and disagree",
        ],
        ["timeline", "Timeline", "every entry on a time axis"],
        ["map", "Map", "places and the events located at them"],
        ["network", "Network", "polities and persons linked by embassies, wars, treaties and tribute"],
        ["sources", "Sources", "the works the entries cite"],
        ["entities", "Entities", "persons, places, polities and offices"],
      ].map(([path, label, text]) =>
        h("li", null, h("a", { href: href([path!]) }, label), h("span", null, ` — ${text}`)),
      ),
    ),
  );
};
