/**
 * The same month in every chronicle: the entries of all stored documents dated within one lunar
 * month, day by day, in one column per chronicle (the juan of one work are one chronicle), with
 * every state's reckoning of the month. On a phone the columns stack.
 */
import { api, type ReaderEntry } from "../api.ts";
import { entryArticle } from "../article.ts";
import { h, notice, replace } from "../dom.ts";
import { dateFields, documentTitle, jdnToIso, sexagenaryDay, shortDate } from "../format.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

function dayLabel(entries: ReaderEntry[], monthStart: number): string {
  const d = dateFields(entries[0]!).jdn!;
  if (d.start === d.end)
    return `Day ${d.start - monthStart + 1} ${sexagenaryDay(d.start)} · ${jdnToIso(d.start)}`;
  return "Dated to the month";
}

/** `#/date/JDN`: the lunar month containing the day, every chronicle's entries side by side. */
export const byDateView: View = async ({ route, main }) => {
  let jdn = Number(route.path[1]);
  if (!Number.isInteger(jdn)) {
    const first = await api.find({ limit: 1 });
    const start = first.results[0] ? dateFields(first.results[0]).jdn?.start : undefined;
    if (start === undefined) {
      setTitle("By date");
      replace(main, h("h1", null, "By date"), notice("No dated entries are stored yet."));
      return;
    }
    jdn = start;
  }
  const data = await api.concordance(jdn);
  const labels = data.month.labels;
  const title = labels.map((l) => `${l.state} ${l.label}`).join(" · ");
  setTitle(labels.find((l) => l.state === "北宋")?.label ?? labels[0]?.label ?? "By date");
  const names = new Map(data.documents.map((d) => [d.id, documentTitle(d)]));
  const groups = new Map<string, ReaderEntry[]>();
  for (const entry of data.within) {
    const d = dateFields(entry).jdn!;
    const key = `${d.start}-${d.end}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const documentIds = data.documents.map((d) => d.id);
  // One column per chronicle: the juan of one work (長編) are one chronicle.
  const works = new Map((await api.documents()).results.map((d) => [d.id, d.work]));
  const chronicleOf = (documentId: number) => works.get(documentId) ?? `document ${documentId}`;
  const chronicles: { key: string; documents: number[] }[] = [];
  for (const id of documentIds) {
    if (!data.within.some((e) => e.documentId === id)) continue;
    const key = chronicleOf(id);
    const found = chronicles.find((c) => c.key === key);
    if (found) found.documents.push(id);
    else chronicles.push({ key, documents: [id] });
  }
  const columnName = (c: { documents: number[] }) =>
    c.documents.map((id) => names.get(id) ?? String(id)).join(" · ");
  replace(
    main,
    h(
      "header",
      { class: "month-head" },
      h("h1", { lang: "zh-Hant" }, title),
      h(
        "p",
        { class: "meta" },
        `Julian ${jdnToIso(data.month.start)} – ${jdnToIso(data.month.end)}, ${data.month.end - data.month.start + 1} days`,
      ),
      h(
        "nav",
        { class: "pager", attrs: { "aria-label": "Months" } },
        data.previous !== null
          ? h("a", { href: href(["date", data.previous]), attrs: { rel: "prev" } }, "← previous month")
          : null,
        data.next !== null
          ? h("a", { href: href(["date", data.next]), attrs: { rel: "next" } }, "next month →")
          : null,
      ),
    ),
    data.withinCount > data.within.length
      ? notice(
          `The first ${data.within.length} of ${data.withinCount} entries dated within this month are shown.`,
        )
      : null,
    groups.size === 0
      ? notice("No entry is dated within this month.")
      : h(
          "nav",
          { class: "day-index", attrs: { "aria-label": "Days of the month" } },
          h(
            "ol",
            null,
            [...groups.entries()].map(([key, entries]) =>
              h(
                "li",
                null,
                h(
                  "a",
                  { href: `#/date/${jdn}`, attrs: { "data-target": `day-${key}` } },
                  dayLabel(entries, data.month.start),
                ),
                h(
                  "span",
                  { class: "meta" },
                  ` — ${documentIds
                    .map((id) => [names.get(id), entries.filter((e) => e.documentId === id).length] as const)
                    .filter(([, n]) => n > 0)
                    .map(([name, n]) => `${name} ${n}`)
                    .join(", ")}`,
                ),
              ),
            ),
          ),
        ),
    groups.size === 0
      ? null
      : h(
          "div",
          { class: "chronicle-grid", attrs: { "data-columns": chronicles.length } },
          // The columns' names, repeated in each cell for screen readers and on a phone.
          h(
            "div",
            { class: "chronicle-heads chronicle-row", attrs: { "aria-hidden": "true" } },
            chronicles.map((c) =>
              h(
                "div",
                { class: "chronicle-head", lang: "zh-Hant", attrs: { "data-chronicle": c.key } },
                columnName(c),
              ),
            ),
          ),
          [...groups.entries()].map(([key, entries]) =>
            h(
              "section",
              { class: "day-group", id: `day-${key}` },
              h("h2", null, dayLabel(entries, data.month.start)),
              h(
                "div",
                { class: "chronicle-row" },
                chronicles.map((c) => {
                  const mine = entries.filter((e) => c.documents.includes(e.documentId));
                  return h(
                    "div",
                    {
                      class: mine.length ? "cell" : "cell empty",
                      attrs: { "data-chronicle": c.key, "aria-hidden": mine.length ? null : "true" },
                    },
                    mine.length
                      ? [
                          h("h3", { class: "doc-name cell-name", lang: "zh-Hant" }, columnName(c)),
                          mine.map((e) => entryArticle(e)),
                        ]
                      : null,
                  );
                }),
              ),
            ),
          ),
        ),
    data.broader.length
      ? h(
          "section",
          { class: "broader" },
          h("h2", null, `Dated more broadly (season or year): ${data.broaderCount}`),
          h(
            "ul",
            null,
            data.broader.map((e) =>
              h(
                "li",
                null,
                h("a", { href: href(["entry", e.id]), lang: "zh-Hant" }, e.headline),
                h("span", { class: "meta" }, ` — ${names.get(e.documentId) ?? ""} ${shortDate(e)}`),
              ),
            ),
          ),
        )
      : null,
  );
  // the index links scroll to their day without changing the route
  for (const link of main.querySelectorAll<HTMLAnchorElement>(".day-index a[data-target]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const target = document.getElementById(link.dataset.target ?? "");
      target?.scrollIntoView({ block: "start" });
      target?.querySelector<HTMLElement>("article.entry")?.focus({ preventScroll: true });
    });
  }
};
