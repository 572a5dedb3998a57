/** The start page: the stored chronicles and where to go from there. */
import { api } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { documentTitle } from "../format.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** `#/`: the stored chronicles and the views. */
export const homeView: View = async ({ main }) => {
  setTitle("");
  const { results } = await api.documents();
  replace(
    main,
    h("h1", null, "Chronicles"),
    h(
      "p",
      { class: "lede" },
      "Read the stored chronicles entry by entry, compare them month by month, search them in simplified or traditional characters, and follow persons, places and polities through them.",
    ),
    results.length
      ? h(
          "ul",
          { class: "documents" },
          results.map((d) =>
            h(
              "li",
              null,
              h("a", { href: href(["read", d.id]), lang: d.title ? "zh-Hant" : undefined }, documentTitle(d)),
              h(
                "span",
                { class: "meta" },
                d.title ? ` ${d.name}` : "",
                ` — ${d.entryCount.toLocaleString("en")} entries, ${d.yearCount} years, ${d.charCount.toLocaleString("en")} characters`,
              ),
            ),
          ),
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
