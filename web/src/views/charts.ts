/**
 * Charts: events per month (by state or by event type) and the ledger of goods counted in the
 * texts (silver, silk, tea…, each commodity in its own unit). Every bar and point links to its
 * entries: a bar lists the entries of its month below the chart, a point opens its entry.
 * `#/charts?chart=events&group=type&from=1040&to=1044&month=JDN&key=embassy`, `#/charts?chart=ledger`.
 */
import type { EventBar, EventChart, Ledger, LedgerSeries } from "../../../src/server/routes/charts.ts";
import { getJson } from "../api.ts";
import { type Bar, stackedBars } from "../charts/bars.ts";
import { AT_LEAST, dotChart, EXACT } from "../charts/dots.ts";
import { PALETTE, swatch, symbolSwatch } from "../charts/frame.ts";
import { h, notice, replace } from "../dom.ts";
import { jdnYear, julianNewYear, shortDate } from "../format.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

const DEFAULT_FROM = 1040;
const DEFAULT_TO = 1044;

/** A year parameter, or the default. */
function year(params: URLSearchParams, name: string, fallback: number): number {
  const value = Number(params.get(name));
  return Number.isInteger(value) && params.get(name) ? value : fallback;
}

function field(label: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  return h("label", { class: "field", for: id }, h("span", null, label), control);
}

function select(name: string, value: string, options: [string, string][]): HTMLSelectElement {
  const el = h("select", { name });
  for (const [v, label] of options) {
    const option = h("option", { value: v }, label);
    if (v === value) option.selected = true;
    el.append(option);
  }
  return el;
}

/** The form that chooses the chart and its years. */
function controls(chart: string, group: string, from: number | null, to: number | null): HTMLFormElement {
  const form = h(
    "form",
    { class: "chart-form", attrs: { "aria-label": "Choose the chart" } },
    field(
      "Chart",
      select("chart", chart, [
        ["events", "Events per month"],
        ["ledger", "Ledger of goods"],
      ]),
      "chart-kind",
    ),
    chart === "events"
      ? field(
          "Split by",
          select("group", group, [
            ["state", "state"],
            ["type", "event type"],
          ]),
          "chart-group",
        )
      : null,
    field(
      "From year (CE)",
      h("input", { type: "number", name: "from", value: from === null ? "" : String(from) }),
      "chart-from",
    ),
    field(
      "To year (CE)",
      h("input", { type: "number", name: "to", value: to === null ? "" : String(to) }),
      "chart-to",
    ),
    h("p", null, h("button", { type: "submit" }, "Show")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = href(["charts"], {
      chart: String(data.get("chart") ?? "events"),
      group: String(data.get("group") ?? "state"),
      from: String(data.get("from") ?? ""),
      to: String(data.get("to") ?? ""),
    });
  });
  return form;
}

/** The entries behind the chosen bar, listed under the chart. */
async function barEntries(group: string, month: number, key: string | null): Promise<HTMLElement> {
  const bar = await getJson<EventBar>("/api/charts/events/entries", { group, jdn: month, key });
  const label = bar.month.labels.map((l) => l.label).join(" · ");
  return h(
    "section",
    { class: "bar-entries", attrs: { "aria-label": "The entries of this bar" } },
    h(
      "h2",
      null,
      `${key ?? "All events"}, `,
      h("span", { lang: "zh-Hant" }, label),
      `: ${bar.events} ${bar.events === 1 ? "event" : "events"} in ${bar.results.length} ${bar.results.length === 1 ? "entry" : "entries"}`,
    ),
    h(
      "ul",
      { class: "hits" },
      bar.results.map((e) =>
        h(
          "li",
          null,
          h("a", { href: href(["entry", e.id]), lang: "zh-Hant" }, e.headline),
          h("span", { class: "meta", lang: "zh-Hant" }, ` ${shortDate(e)}`),
        ),
      ),
    ),
    h("p", null, h("a", { href: href(["date", bar.month.start]) }, "This month in every chronicle →")),
  );
}

async function eventsChart(
  params: URLSearchParams,
  group: string,
  from: number,
  to: number,
): Promise<HTMLElement[]> {
  const data = await getJson<EventChart>("/api/charts/events", { group, from, to });
  const colors = new Map(data.keys.map((k, i) => [k.key, PALETTE[i % PALETTE.length]!]));
  const bars: Bar[] = data.months.map((m) => {
    // A tick at each new year of the reference calendar, labelled with its Julian year.
    const tick = m.label.endsWith("正月") ? String(jdnYear(m.start)) : null;
    return {
      id: String(m.start),
      tick,
      parts: data.keys.map(({ key }) => ({
        key,
        value: m.counts[key] ?? 0,
        href: href(["charts"], { chart: "events", group, from, to, month: m.start, key }),
        title: `${m.label}: ${key} ${m.counts[key] ?? 0}`,
      })),
    };
  });
  const total = data.keys.reduce((n, k) => n + k.total, 0);
  const out: HTMLElement[] = [
    h(
      "p",
      { class: "meta" },
      `${total} events of entries dated within a month, ${from}–${to}, by the months of the ${data.reference} calendar`,
      data.broader ? `; ${data.broader} more of entries dated only to a season or a year` : "",
      ". Choose a bar to list its entries.",
    ),
    h(
      "figure",
      { class: "chart-figure" },
      h(
        "div",
        { class: "chart-scroll" },
        stackedBars(
          bars,
          colors,
          `Events per month, ${from}–${to}, by ${group === "type" ? "event type" : "state"}`,
        ),
      ),
      h(
        "figcaption",
        null,
        h(
          "ul",
          { class: "legend inline-list" },
          data.keys.map((k) => h("li", null, swatch(colors.get(k.key)!), ` ${k.key} (${k.total})`)),
        ),
      ),
    ),
  ];
  const month = Number(params.get("month"));
  if (Number.isInteger(month) && month > 0) out.push(await barEntries(group, month, params.get("key")));
  return out;
}

function seriesTitle(s: LedgerSeries): string {
  const unit = s.unitName
    ? ` in ${s.unitName}${s.unitGloss ? ` (${s.unitGloss})` : ""}`
    : " (no unit written)";
  return `${s.name}${s.gloss ? ` (${s.gloss})` : ""}${unit}`;
}

async function ledgerChart(from: number | null, to: number | null): Promise<HTMLElement[]> {
  const data = await getJson<Ledger>("/api/charts/ledger", { from, to });
  if (data.series.length === 0)
    return [notice("No amount of goods is counted in the stored entries of these years.")];
  const all = data.series.flatMap((s) => s.points);
  const first = Math.min(...all.map((p) => p.start));
  const last = Math.max(...all.map((p) => p.start));
  const y0 = jdnYear(first);
  const y1 = jdnYear(last) + 1;
  const stepYears = Math.max(1, Math.ceil((y1 - y0) / 10));
  const ticks: { x: number; label: string }[] = [];
  for (let y = y0; y <= y1; y += stepYears) ticks.push({ x: julianNewYear(y), label: String(y) });
  const domain: [number, number] = [julianNewYear(y0), julianNewYear(y1)];
  return [
    h(
      "p",
      { class: "meta" },
      "Every amount of one commodity the texts count, one chart per commodity and unit: amounts in different units are never added together. Choose a point to open its entry.",
    ),
    ...data.series.map((s, i) =>
      h(
        "figure",
        { class: "chart-figure", attrs: { "data-series": `${s.commodity} ${s.unit ?? ""}` } },
        h("figcaption", null, h("h2", { lang: "zh-Hant" }, seriesTitle(s))),
        h(
          "div",
          { class: "chart-scroll" },
          dotChart(
            s.points.map((p) => ({
              x: p.start,
              value: p.amount,
              approximate: p.approximate,
              href: href(["entry", p.entry]),
              title: `${p.text} (${p.amount.toLocaleString("en")}${p.approximate ? " or more" : ""}), ${p.date}`,
              id: p.entry,
            })),
            domain,
            ticks,
            PALETTE[i % PALETTE.length]!,
            seriesTitle(s),
          ),
        ),
        s.points.some((p) => p.approximate)
          ? h(
              "ul",
              { class: "legend inline-list" },
              h("li", null, symbolSwatch(EXACT, PALETTE[i % PALETTE.length]!), " the amount written"),
              h(
                "li",
                null,
                symbolSwatch(AT_LEAST, PALETTE[i % PALETTE.length]!),
                " at least this amount (餘)",
              ),
            )
          : null,
        h(
          "ul",
          { class: "ledger-points inline-list" },
          s.points.map((p) =>
            h("li", null, h("a", { href: href(["entry", p.entry]), lang: "zh-Hant" }, `${p.date} ${p.text}`)),
          ),
        ),
      ),
    ),
  ];
}

/** `#/charts`: the event chart or the ledger, with the entries behind a chosen bar. */
export const chartsView: View = async ({ route, main, signal }) => {
  const params = route.params;
  const chart = params.get("chart") === "ledger" ? "ledger" : "events";
  const group = params.get("group") === "type" ? "type" : "state";
  const from = year(params, "from", DEFAULT_FROM);
  const to = year(params, "to", DEFAULT_TO);
  setTitle(chart === "ledger" ? "Ledger of goods" : "Events per month");
  const body = h("div", { class: "charts" }, notice("Loading…", "loading"));
  // The ledger spans every year unless years are given; the event chart a few years by default.
  const ledgerFrom = params.get("from") ? from : null;
  const ledgerTo = params.get("to") ? to : null;
  replace(
    main,
    h("h1", null, "Charts"),
    chart === "ledger" ? controls(chart, group, ledgerFrom, ledgerTo) : controls(chart, group, from, to),
    body,
  );
  const parts =
    chart === "ledger" ? await ledgerChart(ledgerFrom, ledgerTo) : await eventsChart(params, group, from, to);
  if (signal.aborted) return;
  replace(body, parts);
  const bar = body.querySelector(".bar-entries");
  if (bar) bar.scrollIntoView({ block: "nearest" });
};
