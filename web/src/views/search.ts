/**
 * Search: a query in simplified or traditional characters, filters, matches highlighted from the
 * offsets the API returns, sorted by relevance, date or document order, shown as entries or as
 * keyword in context, and the whole state in the URL (`#/search?q=青鹽&state=西夏&sort=date&view=kwic`).
 */
import { EVENT_TYPES } from "../../../src/annotate/types.ts";
import { api, type FindHit, type Params } from "../api.ts";
import { type Child, h, notice, replace } from "../dom.ts";
import { exportButtons } from "../export-buttons.ts";
import { foldFilters } from "../fold-filters.ts";
import { documentTitle, shortDate } from "../format.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** Results per page. */
const PAGE = 20;

const STATES = ["北宋", "遼", "西夏", "金", "南宋"];
const FIELDS = [
  "q",
  "from",
  "to",
  "era",
  "year",
  "month",
  "state",
  "work",
  "event",
  "entity",
  "sort",
  "view",
] as const;
/** What the URL keeps for the page only: how the results are shown. */
const VIEW_ONLY = new Set<string>(["view"]);
/** Characters of context on each side of a keyword in the keyword-in-context view. */
const KWIC_CONTEXT = 20;

function highlighted(text: string, highlights: readonly { start: number; end: number }[]): Child[] {
  const out: Child[] = [];
  let at = 0;
  for (const m of [...highlights].sort((a, b) => a.start - b.start)) {
    if (m.start < at) continue;
    out.push(text.slice(at, m.start), h("mark", null, text.slice(m.start, m.end)));
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}

function hitItem(hit: FindHit, documents: ReadonlyMap<number, string>): HTMLElement {
  const headline = hit.snippets.find((s) => s.field === "headline");
  const others = hit.snippets.filter((s) => s.field !== "headline");
  return h(
    "li",
    { class: "hit", attrs: { "data-entry": hit.id } },
    h(
      "a",
      { class: "hit-title", href: href(["entry", hit.id]), lang: "zh-Hant" },
      headline ? highlighted(headline.text, headline.highlights) : hit.headline,
    ),
    h(
      "p",
      { class: "meta" },
      documents.has(hit.documentId)
        ? [h("span", { class: "doc-name", lang: "zh-Hant" }, documents.get(hit.documentId)!), " · "]
        : null,
      `${hit.id} · `,
      h("span", { lang: "zh-Hant" }, shortDate(hit)),
    ),
    others.map((s) =>
      h(
        "p",
        { class: `snippet snippet-${s.field}`, lang: "zh-Hant" },
        h("span", { class: "field" }, s.field === "note" ? "note" : "detail"),
        " ",
        s.cutStart ? "…" : "",
        highlighted(s.text, s.highlights),
        s.cutEnd ? "…" : "",
      ),
    ),
  );
}

/**
 * The results as keyword in context: one line per match, the words before it right-aligned, the
 * match in a column of its own, the words after it, and the entry it stands in.
 */
function kwicTable(hits: readonly FindHit[], documents: ReadonlyMap<number, string>): HTMLElement {
  const rows: HTMLElement[] = [];
  for (const hit of hits) {
    for (const s of hit.snippets) {
      for (const m of [...s.highlights].sort((a, b) => a.start - b.start)) {
        const from = Math.max(0, m.start - KWIC_CONTEXT);
        const to = Math.min(s.text.length, m.end + KWIC_CONTEXT);
        rows.push(
          h(
            "tr",
            { attrs: { "data-entry": hit.id } },
            h(
              "td",
              { class: "kwic-left", lang: "zh-Hant" },
              from > 0 || s.cutStart ? "…" : "",
              s.text.slice(from, m.start),
            ),
            h("td", { class: "kwic-key", lang: "zh-Hant" }, h("mark", null, s.text.slice(m.start, m.end))),
            h(
              "td",
              { class: "kwic-right", lang: "zh-Hant" },
              s.text.slice(m.end, to),
              to < s.text.length || s.cutEnd ? "…" : "",
            ),
            h(
              "td",
              { class: "kwic-source" },
              h("a", { href: href(["entry", hit.id]) }, hit.id),
              " ",
              h(
                "span",
                { class: "meta", lang: "zh-Hant" },
                [documents.get(hit.documentId), shortDate(hit)].filter(Boolean).join(" · "),
              ),
            ),
          ),
        );
      }
    }
  }
  return h(
    "table",
    { class: "kwic" },
    h("caption", { class: "visually-hidden" }, "Matches in context"),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { attrs: { scope: "col" } }, "Before"),
        h("th", { attrs: { scope: "col" } }, "Match"),
        h("th", { attrs: { scope: "col" } }, "After"),
        h("th", { attrs: { scope: "col" } }, "Entry"),
      ),
    ),
    h("tbody", null, rows),
  );
}

function field(label: string, input: HTMLElement, id: string): HTMLElement {
  input.id = id;
  return h("p", { class: "field" }, h("label", { for: id }, label), input);
}

function select(
  name: string,
  value: string,
  options: [string, string][],
  disabled = false,
): HTMLSelectElement {
  const el = h(
    "select",
    { name },
    options.map(([v, l]) => h("option", { value: v }, l)),
  );
  el.value = value;
  el.disabled = disabled;
  return el;
}

/** `#/search?q=…&from=…&state=…`: the form, and a page of results when anything is asked. */
export const searchView: View = async ({ route, main }) => {
  const p = route.params;
  const value = (name: string) => p.get(name) ?? "";
  const q = value("q").trim();
  setTitle(q ? `${q} — search` : "Search");
  const quick = document.getElementById("quick-q") as HTMLInputElement | null;
  if (quick) quick.value = q;
  const [sources, persons, places] = await Promise.all([
    api.sources(),
    api.entities("person"),
    api.entities("place"),
  ]);
  const annotated = persons.annotations !== "none";
  const entities = [...persons.results, ...places.results];

  const qInput = h("input", {
    name: "q",
    type: "search",
    value: q,
    attrs: { placeholder: "青鹽 or 青盐; several terms: 元昊 茶", autocomplete: "off" },
  });
  const from = h("input", {
    name: "from",
    type: "number",
    value: value("from"),
    attrs: { min: -9999, max: 9999, inputmode: "numeric" },
  });
  const to = h("input", {
    name: "to",
    type: "number",
    value: value("to"),
    attrs: { min: -9999, max: 9999, inputmode: "numeric" },
  });
  const era = h("input", {
    name: "era",
    type: "text",
    value: value("era"),
    attrs: {
      placeholder: "慶曆, 重熙, 天授禮法延祚",
      autocomplete: "off",
      title: "An era of any state: entries whose days fall in it, whatever their heading names",
    },
  });
  const year = h("input", {
    name: "year",
    type: "number",
    value: value("year"),
    attrs: { min: 1, max: 999, inputmode: "numeric" },
  });
  const month = select("month", value("month"), [
    ["", "any"],
    ...Array.from({ length: 12 }, (_, i): [string, string] => [String(i + 1), `${i + 1}`]),
  ]);
  const state = select("state", value("state"), [
    ["", "any"],
    ...STATES.map((s): [string, string] => [s, s]),
  ]);
  const work = select("work", value("work"), [
    ["", "any"],
    ...sources.results.map((s): [string, string] => [s.work, `《${s.work}》 (${s.entryCount})`]),
  ]);
  const event = select(
    "event",
    value("event"),
    [["", annotated ? "any" : "(no events yet)"], ...EVENT_TYPES.map((t): [string, string] => [t, t])],
    !annotated,
  );
  const entity = select(
    "entity",
    value("entity"),
    [
      ["", annotated ? "any" : "(no mentions yet)"],
      ...entities.map((e): [string, string] => [e.id, `${e.name} (${e.kind})`]),
    ],
    !annotated,
  );

  const sort = select("sort", value("sort"), [
    ["", q ? "relevance" : "document order"],
    ...(q ? [["relevance", "relevance"] as [string, string]] : []),
    ["date", "date"],
    ["document", "document order"],
  ]);
  const view = select("view", value("view"), [
    ["", "entries"],
    ["kwic", "keyword in context"],
  ]);

  const form = h(
    "form",
    { class: "search-form", role: "search", attrs: { "aria-label": "Search the chronicles" } },
    field("Words (simplified or traditional)", qInput, "search-q"),
    h(
      "fieldset",
      { class: "filters" },
      h("legend", null, "Filters"),
      field("From year (CE)", from, "search-from"),
      field("To year (CE)", to, "search-to"),
      field("Era (reign title)", era, "search-era"),
      field("Year of the era", year, "search-year"),
      field("Month", month, "search-month"),
      field("State", state, "search-state"),
      field("Source", work, "search-work"),
      field("Event type", event, "search-event"),
      field("Person or place", entity, "search-entity"),
    ),
    h(
      "fieldset",
      { class: "filters display" },
      h("legend", null, "Results"),
      field("Sort by", sort, "search-sort"),
      field("Show", view, "search-view"),
    ),
    h("p", null, h("button", { type: "submit" }, "Search"), " ", h("a", { href: href(["search"]) }, "clear")),
  );
  foldFilters(form.querySelector("fieldset.filters"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const params: Record<string, string> = {};
    for (const name of FIELDS) {
      const v = String(data.get(name) ?? "").trim();
      if (v) params[name] = v;
    }
    location.hash = href(["search"], params);
  });

  const params: Params = { limit: PAGE, offset: Number(value("offset")) || 0 };
  for (const name of FIELDS)
    if (!VIEW_ONLY.has(name) && value(name).trim()) params[name] = value(name).trim();
  const hasQuery = FIELDS.some(
    (name) => name !== "sort" && !VIEW_ONLY.has(name) && value(name).trim() !== "",
  );
  const results = h("section", { class: "results", attrs: { "aria-label": "Results" } });
  replace(main, h("h1", null, "Search"), form, results);
  if (!hasQuery) {
    replace(
      results,
      notice(
        "Type a word or choose a filter. Simplified and traditional forms find each other: 青盐 finds 青鹽.",
      ),
    );
    return;
  }
  const [page, { results: stored }] = await Promise.all([api.find(params), api.documents()]);
  const documents = new Map(stored.map((d) => [d.id, documentTitle(d)]));
  const offset = page.offset;
  const pageLink = (to: number, label: string, rel: string) =>
    h(
      "a",
      {
        href: href(["search"], {
          ...Object.fromEntries(FIELDS.map((n) => [n, value(n)])),
          offset: to || null,
        }),
        attrs: { rel },
      },
      label,
    );
  replace(
    results,
    h(
      "h2",
      { class: "result-count" },
      page.total === 0
        ? "Nothing found"
        : `${page.total} ${page.total === 1 ? "entry" : "entries"}${page.total > PAGE ? `, ${offset + 1}–${offset + page.results.length}` : ""}`,
    ),
    page.total > 0 ? exportButtons(params, "these results") : null,
    page.results.length === 0
      ? null
      : value("view") === "kwic" && q
        ? h("div", { class: "kwic-scroll" }, kwicTable(page.results, documents))
        : h(
            "ol",
            { class: "hits", attrs: { start: offset + 1 } },
            page.results.map((hit) => hitItem(hit, documents)),
          ),
    h(
      "nav",
      { class: "pager", attrs: { "aria-label": "Result pages" } },
      offset > 0 ? pageLink(Math.max(0, offset - PAGE), "← previous", "prev") : null,
      offset + PAGE < page.total ? pageLink(offset + PAGE, "next →", "next") : null,
    ),
  );
};
