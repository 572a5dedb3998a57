/** Persons, places, polities and offices: the authority records and the entries that name them. */
import { api, type EntityList } from "../api.ts";
import { h, notice, replace } from "../dom.ts";
import { exportButtons } from "../export-buttons.ts";
import { shortDate } from "../format.ts";
import { markChinese } from "../lang.ts";
import { rovingTabStop } from "../reading-aids.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

const KINDS: [kind: string, label: string][] = [
  ["person", "Persons"],
  ["place", "Places"],
  ["polity", "Polities"],
  ["office", "Offices"],
];

const NO_MENTIONS =
  "No mentions yet: the annotation stage has not been run on this database, so only the authority records are shown.";

/** `#/entities?kind=person`: the authority records of one kind, with a filter. */
export const entitiesView: View = async ({ route, main, signal }) => {
  const kind = route.params.get("kind") ?? "person";
  const label = KINDS.find(([k]) => k === kind)?.[1] ?? "Entities";
  setTitle(label);
  const data: EntityList = await api.entities(kind);
  const filter = h("input", {
    id: "entity-filter",
    type: "search",
    attrs: { placeholder: "filter by name or id", autocomplete: "off" },
  });
  const rows = data.results.map((r) =>
    h(
      "li",
      { attrs: { "data-search": `${r.name} ${r.id} ${r.state ?? ""}` } },
      h("a", { href: href(["entity", r.id]), lang: "zh-Hant" }, r.name),
      h(
        "span",
        { class: "meta" },
        ` ${r.id}${r.state ? ` · ${r.state}` : ""}${r.aliasCount ? ` · ${count(r.aliasCount, "alias", "aliases")}` : ""}${data.annotations !== "none" ? ` · ${count(r.mentionCount, "mention", "mentions")} in ${count(r.entryCount, "entry", "entries")}` : ""}`,
      ),
    ),
  );
  const list = h(
    "ul",
    { class: "entity-list", attrs: { "aria-label": `${label} (arrow keys move in the list)` } },
    rows,
  );
  // the list is one tab stop: the arrow keys move within it
  const roving = rovingTabStop(list, signal);
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    for (const row of rows) row.hidden = q !== "" && !(row.dataset.search ?? "").toLowerCase().includes(q);
    roving.refresh();
  });
  replace(
    main,
    h("h1", null, label),
    h(
      "nav",
      { class: "tabs", attrs: { "aria-label": "Kinds of entity" } },
      h(
        "ul",
        null,
        KINDS.map(([k, l]) =>
          h(
            "li",
            null,
            h(
              "a",
              {
                href: href(["entities"], { kind: k }),
                attrs: { "aria-current": k === kind ? "page" : null },
              },
              l,
            ),
          ),
        ),
      ),
    ),
    data.annotations === "none" ? notice(NO_MENTIONS) : null,
    h("p", null, h("label", { for: "entity-filter" }, "Filter "), filter),
    list,
  );
};

/** `#/entity/ID`: one record, its names and sources, and the entries that name it. */
export const entityView: View = async ({ route, main, signal }) => {
  const id = route.path[1] ?? "";
  const page = await api.entity(id);
  const e = page.entity;
  setTitle(e.name);
  const facts = Object.entries(e.extra).filter(
    ([, v]) => v !== null && v !== "" && !(Array.isArray(v) && v.length === 0),
  );
  replace(
    main,
    h("p", { class: "breadcrumb" }, h("a", { href: href(["entities"], { kind: e.kind }) }, `← ${e.kind}s`)),
    h("h1", { lang: "zh-Hant" }, e.name, h("span", { class: "entity-id" }, ` ${e.id}`)),
    /^[a-z]+:[a-z0-9:-]{1,100}$/.test(e.id) ? exportButtons({ entity: e.id }, "the entries naming it") : null,
    h(
      "dl",
      { class: "facts" },
      e.state ? [h("dt", null, "State"), h("dd", { lang: "zh-Hant" }, e.state)] : null,
      e.type ? [h("dt", null, "Type"), h("dd", null, e.type)] : null,
      e.lat !== null && e.lon !== null
        ? [
            h("dt", null, "Location"),
            h(
              "dd",
              null,
              `${e.lat.toFixed(2)}° N, ${e.lon.toFixed(2)}° E · `,
              h("a", { href: href(["map"], { place: e.id }) }, "on the map"),
            ),
          ]
        : null,
      facts.map(([k, v]) => [
        h("dt", null, k),
        h("dd", null, typeof v === "object" ? JSON.stringify(v) : String(v)),
      ]),
      e.note ? [h("dt", null, "Note"), h("dd", null, e.note)] : null,
    ),
    h("h2", null, "Names and spellings"),
    e.aliases.length || page.spellings.length
      ? h(
          "table",
          { class: "aliases" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              ["Name", "Type", "Source", "Note"].map((c) => h("th", { attrs: { scope: "col" } }, c)),
            ),
          ),
          h(
            "tbody",
            null,
            e.aliases.map((a) =>
              h(
                "tr",
                null,
                h("td", { lang: "zh-Hant" }, a.name),
                h("td", null, a.type),
                h("td", null, a.source ?? "—"),
                h("td", null, [a.context, a.note].filter(Boolean).join("; ")),
              ),
            ),
            page.spellings.map((s) =>
              h(
                "tr",
                null,
                h("td", { lang: "zh-Hant" }, s.text),
                h("td", null, "in the texts"),
                h("td", null, `${s.count} mentions`),
                h("td", null, "not in the record"),
              ),
            ),
          ),
        )
      : h("p", null, "No other names are recorded."),
    h("h2", null, "Sources of the record"),
    h(
      "ul",
      null,
      e.sources.map((s) => h("li", null, s)),
    ),
    h("h2", null, page.annotations === "none" ? "Entries" : `Entries (${page.entryCount})`),
    page.entryCount > page.entries.length
      ? h(
          "p",
          { class: "meta" },
          `The first ${page.entries.length} are listed; `,
          h("a", { href: href(["search"], { entity: e.id }) }, "search to page through all of them"),
          ".",
        )
      : null,
    page.annotations === "none"
      ? notice(`No mentions yet: the annotation stage has not been run on this database. `)
      : page.entries.length
        ? h(
            "ol",
            { class: "entity-entries" },
            page.entries.map((entry) =>
              h(
                "li",
                null,
                h(
                  "a",
                  {
                    href: href(["entry", entry.id]),
                    lang: "zh-Hant",
                    title: entry.headline.length > HEADLINE ? entry.headline : undefined,
                  },
                  entry.headline.length > HEADLINE ? `${entry.headline.slice(0, HEADLINE)}…` : entry.headline,
                ),
                h(
                  "span",
                  { class: "meta" },
                  markChinese(
                    ` — ${shortDate(entry)} · as ${[...new Set(entry.mentions.map((m) => m.text))].join("、") || "a participant"}`,
                  ),
                ),
              ),
            ),
          )
        : notice("No stored entry mentions it."),
    page.annotations !== "none" && page.entries.length
      ? h("p", null, h("a", { href: href(["search"], { entity: e.id }) }, "Search within these entries"))
      : null,
  );
  // the list of entries is one tab stop: the arrow keys move within it
  const entries = main.querySelector("ol.entity-entries");
  if (entries) rovingTabStop(entries, signal);
};

/** Characters of a headline shown in a list of entries (a 長編 item's headline can run on for a page). */
const HEADLINE = 80;

/** `1 entry`, `2 entries`. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
