/**
 * A synopsis of two chronicles over a span of years: their entries in two columns, month by month,
 * each pair of parallel accounts (from /api/parallels) on one row with a marker that says whether
 * they agree (the same month) or disagree (a date, quantity or name differs); accounts without a
 * parallel stand alone in their column.
 */
import {
  api,
  type CalendarMonth,
  type Difference,
  type DocumentSummary,
  type EntrySummary,
  type ParallelGroupOut,
} from "../api.ts";
import { diffMarks, markedText } from "../collation.ts";
import { type Child, h, notice, replace } from "../dom.ts";
import { dateFields, documentTitle, isoRange, jdnYear, julianNewYear } from "../format.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** The most entries read of one document. */
const MAX_ENTRIES = 3000;

/** How a pair of accounts stands: the same month, or not; and what else differs. */
export interface Agreement {
  agree: boolean;
  /** Short words for the marker: `same month`, `month differs`, `quantity differs`… */
  notes: string[];
  /** The differences, as the API says them (the marker's longer description). */
  details: string[];
}

/**
 * Whether two parallel accounts agree: the same month (a day apart within it still agrees), and no
 * quantity or name given otherwise (names that are known aliases are a spelling, not a disagreement).
 *
 * @example
 * agreement([{ kind: "date", text: "the month differs: 春二月 … against 己丑 …", values: […] }]).agree //=> false
 */
export function agreement(differences: readonly Difference[]): Agreement {
  const notes: string[] = [];
  const details: string[] = [];
  let agree = true;
  for (const d of differences) {
    if (d.kind === "wording") continue;
    details.push(`${d.kind}: ${d.text}`);
    if (d.kind === "date") {
      const grain = /^the (year|month|day) differs/.exec(d.text)?.[1] ?? "month";
      if (grain === "day") notes.push("day differs");
      else {
        agree = false;
        const months = d.values.filter((v): v is string => v !== null).map((v) => v.replace(/^\S+\s/u, ""));
        notes.push(`${grain} differs: ${months.join(" / ")}`);
      }
    } else if (d.kind === "quantity") {
      agree = false;
      notes.push(`quantity differs: ${d.values.join(" / ")}`);
    } else if (d.kind === "name") {
      if (d.knownAliases) notes.push(`name spelled otherwise: ${d.values.filter(Boolean).join(" / ")}`);
      else {
        agree = false;
        notes.push(`name differs: ${d.values.filter(Boolean).join(" / ")}`);
      }
    }
  }
  if (agree) notes.unshift("same month");
  return { agree, notes, details };
}

/** All entries of a document within a span of years, page by page. */
async function entriesOf(document: number, from?: number, to?: number): Promise<EntrySummary[]> {
  const out: EntrySummary[] = [];
  while (out.length < MAX_ENTRIES) {
    const page = await api.entries({ document, from, to, limit: 100, offset: out.length });
    out.push(...page.results);
    if (page.results.length === 0 || out.length >= page.total) break;
  }
  return out;
}

/** The Julian years an entry list covers, by the first day of each dated entry. */
function yearsOf(entries: readonly EntrySummary[]): { from: number; to: number } | null {
  const years = entries
    .map((e) => dateFields(e).jdn?.start)
    .filter((d): d is number => d !== undefined)
    .map(jdnYear);
  return years.length ? { from: Math.min(...years), to: Math.max(...years) } : null;
}

/** A select of the stored documents, grouped by work. */
function documentSelect(name: string, label: string, documents: DocumentSummary[], value: number | null) {
  const groups = new Map<string, DocumentSummary[]>();
  for (const d of documents) {
    const key = d.work ?? "";
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const option = (d: DocumentSummary) => {
    const o = h("option", { value: String(d.id) }, documentTitle(d));
    o.selected = d.id === value;
    return o;
  };
  return h(
    "div",
    { class: "field" },
    h("label", { for: `synopsis-${name}` }, label),
    h(
      "select",
      { id: `synopsis-${name}`, name },
      value === null ? h("option", { value: "" }, "choose a chronicle…") : null,
      [...groups.entries()].map(([work, list]) =>
        work && list.length > 1
          ? h("optgroup", { attrs: { label: work } }, list.map(option))
          : list.map(option),
      ),
    ),
  );
}

function form(documents: DocumentSummary[], a: number | null, b: number | null, from?: number, to?: number) {
  const year = (name: string, label: string, value: number | undefined) =>
    h(
      "div",
      { class: "field field-year" },
      h("label", { for: `synopsis-${name}` }, label),
      h("input", {
        id: `synopsis-${name}`,
        name,
        type: "number",
        value: value === undefined ? "" : String(value),
        attrs: { min: -999, max: 2100, inputmode: "numeric" },
      }),
    );
  const element = h(
    "form",
    { class: "synopsis-form search-form" },
    documentSelect("a", "Left", documents, a),
    documentSelect("b", "Right", documents, b),
    year("from", "From (CE)", from),
    year("to", "To (CE)", to),
    h("button", { type: "submit" }, "Compare"),
  );
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(element);
    location.hash = href(["synopsis"], {
      a: String(data.get("a") ?? ""),
      b: String(data.get("b") ?? ""),
      from: String(data.get("from") ?? ""),
      to: String(data.get("to") ?? ""),
    });
  });
  return element;
}

/** The chronicles that tell most of the same events as one document: links to their synopsis. */
function suggestions(a: number, documents: Map<number, DocumentSummary>): HTMLElement {
  const list = h(
    "div",
    { class: "suggestions" },
    notice("Finding the chronicles that tell the same events…", "loading"),
  );
  api
    .documentParallels([a])
    .then(({ groups }) => {
      const counts = new Map<number, number>();
      for (const g of groups)
        for (const e of g.entries) {
          const id = Number(e.document);
          if (id !== a) counts.set(id, (counts.get(id) ?? 0) + 1);
        }
      const ranked = [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, 12);
      replace(
        list,
        ranked.length
          ? [
              h("h2", null, "Chronicles that tell the same events"),
              h(
                "ul",
                { class: "suggestion-list" },
                ranked.map(([id, n]) => {
                  const d = documents.get(id);
                  return h(
                    "li",
                    null,
                    h(
                      "a",
                      { href: href(["synopsis"], { a, b: id }), lang: "zh-Hant" },
                      d ? documentTitle(d) : String(id),
                    ),
                    h("span", { class: "meta" }, ` — ${n} ${n === 1 ? "account" : "accounts"} in common`),
                  );
                }),
              ),
            ]
          : notice("No other stored chronicle tells the same events as this one."),
      );
    })
    .catch((error: Error) =>
      replace(list, notice(`The parallels could not be loaded: ${error.message}`, "error")),
    );
  return list;
}

/** One row of the synopsis: a pair of parallel accounts, or one account standing alone. */
interface Row {
  a: EntrySummary | null;
  b: EntrySummary | null;
  group: ParallelGroupOut | null;
  /** Where the row stands: the first day of its left account, else its right one. */
  at: number;
  order: number;
  /** A right account told in another month than its parallel: where that row stands. */
  movedTo?: { id: string; month: string };
}

function entryCell(
  entry: EntrySummary | null,
  side: "a" | "b",
  name: string,
  group: ParallelGroupOut | null,
  dateDiffers: boolean,
): HTMLElement {
  if (!entry) return h("div", { class: `syn-cell syn-${side} empty`, attrs: { "aria-hidden": "true" } });
  const index = group ? group.entries.findIndex((e) => e.id === entry.id) : -1;
  const own =
    group && index >= 0
      ? group.differences
          .filter((d) => d.kind === "quantity" || d.kind === "name")
          .flatMap((d) =>
            (d.values[index] ?? "")
              .split("、")
              .filter(Boolean)
              .map((value) => ({ kind: d.kind as "quantity" | "name", value })),
          )
      : [];
  const julian = dateFields(entry).julian;
  return h(
    "div",
    { class: `syn-cell syn-${side}`, attrs: { "data-entry": entry.id } },
    h("span", { class: "syn-doc", lang: "zh-Hant" }, name),
    h(
      "p",
      { class: "syn-date", title: [entry.year.label, entry.date.text].filter(Boolean).join(" ") },
      h(
        "span",
        {
          class: `written${entry.date.own ? "" : " carried"}${dateDiffers ? " differs" : ""}`,
          lang: "zh-Hant",
          attrs: { "data-differs": dateDiffers ? "date" : null },
        },
        entry.date.text ?? "undated",
      ),
      julian ? h("span", { class: "ce" }, ` ${isoRange(julian)}`) : null,
    ),
    h(
      "p",
      { class: "syn-headline", lang: "zh-Hant" },
      h(
        "a",
        { href: href(["entry", entry.id]) },
        markedText(entry.headline, diffMarks(entry.headline, own, [])),
      ),
    ),
  );
}

/** The id of a pair's row, for the pointers of accounts drawn out of their month. */
function rowId(row: Row): string {
  return `pair-${(row.a?.id ?? "").replace(":", "-")}-${(row.b?.id ?? "").replace(":", "-")}`;
}

function marker(group: ParallelGroupOut | null): HTMLElement {
  if (!group) return h("div", { class: "syn-marker none", attrs: { "aria-hidden": "true" } });
  const { agree, notes, details } = agreement(group.differences);
  return h(
    "div",
    {
      class: `syn-marker ${agree ? "agree" : "disagree"}`,
      title: [`score ${group.score.toFixed(2)}`, ...details].join("\n"),
      attrs: { "data-agreement": agree ? "agree" : "disagree" },
    },
    h("span", { class: "symbol", attrs: { "aria-hidden": "true" } }, agree ? "＝" : "≠"),
    h("span", { class: "visually-hidden" }, agree ? "The accounts agree: " : "The accounts disagree: "),
    h(
      "ul",
      { class: "syn-notes" },
      notes.map((n) => h("li", { lang: /[\u3400-\u9fff]/u.test(n) ? "zh-Hant" : undefined }, n)),
    ),
    h("span", { class: "syn-score" }, group.score.toFixed(2)),
  );
}

/** `#/synopsis?a=1&b=5&from=1043&to=1044`: two chronicles side by side, month by month. */
export const synopsisView: View = async ({ route, main, signal }) => {
  setTitle("Synopsis");
  const { results: documents } = await api.documents();
  const byId = new Map(documents.map((d) => [d.id, d]));
  const param = (name: string) => {
    const value = Number.parseInt(route.params.get(name) ?? "", 10);
    return Number.isInteger(value) ? value : undefined;
  };
  // Without a choice, the chronicle stored first that has entries.
  const first = documents.filter((d) => d.entryCount > 0).sort((x, y) => x.id - y.id)[0];
  const aId = param("a") ?? first?.id;
  const bId = param("b");
  const a = aId === undefined ? undefined : byId.get(aId);
  const b = bId === undefined ? undefined : byId.get(bId);
  let from = param("from");
  let to = param("to");
  const heading = h("h1", null, "Synopsis");
  const lede = h(
    "p",
    { class: "lede" },
    "Two chronicles side by side, month by month: the accounts of one event on one row, marked ＝ where they agree on the month and ≠ where a date, a quantity or a name differs.",
  );
  if (!a || !b || a.id === b.id) {
    replace(
      main,
      heading,
      lede,
      form(documents, a?.id ?? null, b?.id ?? null, from, to),
      documents.length < 2
        ? notice("A synopsis needs two stored chronicles.")
        : a && b
          ? notice("Choose two different chronicles.")
          : a
            ? suggestions(a.id, byId)
            : null,
    );
    return;
  }
  const aName = documentTitle(a);
  const bName = documentTitle(b);
  setTitle(`Synopsis: ${aName} · ${bName}`);
  replace(
    main,
    heading,
    lede,
    form(documents, a.id, b.id, from, to),
    notice("Aligning the two chronicles…", "loading"),
  );

  if (from === undefined || to === undefined) {
    // The years both tell, else the years either tells.
    const [ya, yb] = [yearsOf(await entriesOf(a.id)), yearsOf(await entriesOf(b.id))];
    const both = ya && yb ? { from: Math.max(ya.from, yb.from), to: Math.min(ya.to, yb.to) } : null;
    const span = both && both.from <= both.to ? both : (ya ?? yb);
    from ??= span?.from ?? 0;
    to ??= span?.to ?? from;
  }
  if (to < from) [from, to] = [to, from];
  const [left, right, parallels] = await Promise.all([
    entriesOf(a.id, from, to),
    entriesOf(b.id, from, to),
    api.documentParallels([a.id, b.id]),
  ]);
  if (signal.aborted) return;
  const months = (
    await api.months(julianNewYear(from), julianNewYear(to + 1) - 1, ["北宋", "遼", "西夏", "金", "南宋"])
  ).months;
  if (signal.aborted) return;

  // Pairs: the groups holding an account of each chronicle within the span.
  const inLeft = new Map(left.map((e, i) => [e.id, i]));
  const inRight = new Map(right.map((e, i) => [e.id, i]));
  const rows: Row[] = [];
  const paired = new Set<string>();
  for (const group of parallels.groups) {
    const l = group.entries.find((e) => inLeft.has(e.id));
    const r = group.entries.find((e) => inRight.has(e.id));
    if (!l || !r) continue;
    const le = left[inLeft.get(l.id)!]!;
    const re = right[inRight.get(r.id)!]!;
    paired.add(le.id).add(re.id);
    const at = dateFields(le).jdn?.start ?? dateFields(re).jdn?.start ?? Number.POSITIVE_INFINITY;
    rows.push({ a: le, b: re, group, at, order: inLeft.get(l.id)! });
  }
  left.forEach((e, i) => {
    if (!paired.has(e.id))
      rows.push({
        a: e,
        b: null,
        group: null,
        at: dateFields(e).jdn?.start ?? Number.POSITIVE_INFINITY,
        order: i,
      });
  });
  right.forEach((e, i) => {
    if (!paired.has(e.id))
      rows.push({
        a: null,
        b: e,
        group: null,
        at: dateFields(e).jdn?.start ?? Number.POSITIVE_INFINITY,
        order: i,
      });
  });
  const monthOf = (day: number): CalendarMonth | null => {
    let lo = 0;
    let hi = months.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = months[mid]!;
      if (day < m.start) hi = mid - 1;
      else if (day > m.end) lo = mid + 1;
      else return m;
    }
    return null;
  };
  const referenceLabel = (m: CalendarMonth) =>
    (m.labels.find((l) => l.state === "北宋") ?? m.labels[0])?.label ?? "";
  const monthLabel = (m: CalendarMonth): Child => {
    const reference = m.labels.find((l) => l.state === "北宋") ?? m.labels[0];
    const others = m.labels.filter((l) => l !== reference);
    return [
      reference ? `${reference.state} ${reference.label}` : "",
      others.length
        ? h("span", { class: "month-others" }, ` ${others.map((l) => `${l.state} ${l.label}`).join(" · ")}`)
        : null,
    ];
  };
  /**
   * Where an account stands: the month its date falls in; a date broader than a month (a season,
   * 是歲) after the months it covers; an undated one at the end.
   */
  interface Place {
    key: string;
    /** Sections are shown in this order. */
    order: number;
    month: CalendarMonth | null;
    heading: Child;
    name: string;
  }
  const placeOf = (entry: EntrySummary): Place => {
    const jdn = dateFields(entry).jdn;
    const first = jdn ? monthOf(jdn.start) : null;
    if (!jdn || !first)
      return {
        key: "undated",
        order: Number.POSITIVE_INFINITY,
        month: null,
        heading: "Not dated",
        name: "not dated",
      };
    const last = monthOf(jdn.end);
    if (!last || last === first)
      return {
        key: String(first.start),
        order: first.start,
        month: first,
        heading: monthLabel(first),
        name: referenceLabel(first),
      };
    const span = `${referenceLabel(first)} – ${referenceLabel(last)}`;
    return {
      key: `${first.start}-${last.start}`,
      order: last.start + 0.5,
      month: null,
      heading: [span, h("span", { class: "month-others" }, " dated to a season or the year")],
      name: span,
    };
  };
  const sections = new Map<string, Place & { rows: Row[] }>();
  const place = (row: Row, where: Place) => {
    const found = sections.get(where.key);
    if (found) found.rows.push(row);
    else sections.set(where.key, { ...where, rows: [row] });
  };
  for (const row of rows) place(row, placeOf((row.a ?? row.b)!));

  // A right account its parallel draws into another month leaves a pointer where it stands.
  for (const [key, section] of [...sections]) {
    for (const row of section.rows) {
      if (!row.group || !row.b) continue;
      const own = placeOf(row.b);
      if (own.key === key) continue;
      place(
        {
          a: null,
          b: row.b,
          group: null,
          at: dateFields(row.b).jdn?.start ?? Number.POSITIVE_INFINITY,
          order: row.order,
          movedTo: { id: rowId(row), month: section.name },
        },
        own,
      );
    }
  }
  const ordered = [...sections.values()].sort((x, y) => x.order - y.order);
  for (const section of ordered)
    section.rows.sort((x, y) => x.at - y.at || (x.a ? 0 : 1) - (y.a ? 0 : 1) || x.order - y.order);

  const pairs = rows.filter((r) => r.group);
  const disagreeing = pairs.filter((r) => !agreement(r.group!.differences).agree).length;
  const alone = (side: "a" | "b") => rows.filter((r) => r[side] && !r.group).length;
  const rowElement = (row: Row) => {
    const dates = row.group?.differences.find((d) => d.kind === "date");
    const dateDisagrees = dates !== undefined && !/^the day differs/.test(dates.text);
    if (row.movedTo) {
      const { id, month } = row.movedTo;
      const go = h(
        "button",
        { type: "button", class: "link-button", attrs: { "data-target": id } },
        `told beside its parallel, under ${month}`,
      );
      go.addEventListener("click", () => {
        const target = document.getElementById(id);
        target?.scrollIntoView({ block: "center" });
        target?.querySelector<HTMLElement>("a")?.focus({ preventScroll: true });
      });
      const cell = entryCell(row.b, "b", bName, null, false);
      cell.classList.add("moved");
      cell.append(h("p", { class: "moved-note" }, "↪ ", go));
      return h(
        "div",
        { class: "syn-row moved-row", attrs: { "data-kind": "moved" } },
        h("div", { class: "syn-cell syn-a empty", attrs: { "aria-hidden": "true" } }),
        h("div", { class: "syn-marker none", attrs: { "aria-hidden": "true" } }),
        cell,
      );
    }
    return h(
      "div",
      {
        class: `syn-row ${row.group ? "pair" : row.a ? "alone-a" : "alone-b"}`,
        id: row.group ? rowId(row) : undefined,
        attrs: { "data-kind": row.group ? "pair" : "alone" },
      },
      entryCell(row.a, "a", aName, row.group, dateDisagrees),
      marker(row.group),
      entryCell(row.b, "b", bName, row.group, dateDisagrees),
    );
  };

  replace(
    main,
    heading,
    lede,
    form(documents, a.id, b.id, from, to),
    h(
      "p",
      { class: "synopsis-summary" },
      `${from === to ? from : `${from}–${to}`}: `,
      h("strong", null, `${pairs.length} pairs of parallel accounts`),
      `, ${pairs.length - disagreeing} agreeing on the month and ${disagreeing} disagreeing; ${alone("a")} entries of `,
      h("span", { lang: "zh-Hant" }, aName),
      ` and ${alone("b")} of `,
      h("span", { lang: "zh-Hant" }, bName),
      " stand alone. ",
      h("a", { href: href(["synopsis"], { a: b.id, b: a.id, from, to }) }, "Swap the columns"),
    ),
    rows.length === 0
      ? notice(
          `Neither chronicle has an entry dated ${from === to ? `in ${from}` : `between ${from} and ${to}`}.`,
        )
      : h(
          "div",
          { class: "synopsis", attrs: { "data-a": a.id, "data-b": b.id } },
          h(
            "div",
            { class: "syn-row syn-heads", attrs: { "aria-hidden": "true" } },
            h("div", { class: "syn-head", lang: "zh-Hant" }, h("a", { href: href(["read", a.id]) }, aName)),
            h("div", { class: "syn-head syn-head-marker" }, "agree?"),
            h("div", { class: "syn-head", lang: "zh-Hant" }, h("a", { href: href(["read", b.id]) }, bName)),
          ),
          ordered.map((section) =>
            h(
              "section",
              {
                class: section.month ? "syn-month" : "syn-month broad",
                attrs: { "data-month": section.month ? section.month.start : null },
              },
              h("h2", { lang: "zh-Hant" }, section.heading),
              section.rows.map(rowElement),
            ),
          ),
        ),
  );
};
