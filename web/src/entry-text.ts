/**
 * An entry as the reader shows it: the written date and headline (綱) set apart from the details
 * (目), the closing citations and editor's notes as apparatus, variant readings where they occur,
 * mentions linked to their entities and search matches highlighted — all from the stored offsets,
 * all as text nodes. A Kanripo text is shown as a historian reads it: the edition's markup (page
 * markers, line marks, column breaks) left out, each page's beginning marked in the margin, small
 * double-column notes set small — while every offset still points into the file.
 */
import type { EntryDetail, PageMark, TextLayout, TextRange, WebMention } from "./api.ts";
import { type Child, h } from "./dom.ts";
import { concurrentLabels, dateFields, isoRange } from "./format.ts";
import { rareText } from "./glyphs.ts";
import { type Mark, type MarkNode, nestMarks } from "./ranges.ts";
import { href } from "./router.ts";

const OPEN_PAREN = "（";
/** Mentions of these kinds link to their entity's page. */
const LINKED_KINDS = new Set(["person", "place", "polity", "office"]);
const CLOSE_PAREN = "）";

type MarkValue =
  | { kind: "note"; note: "editorial" | "supplement" }
  | { kind: "citation"; indexes: number[] }
  | { kind: "variant-note" }
  | { kind: "variant-name"; readings: string[] }
  | { kind: "mention"; mention: WebMention }
  | { kind: "match" }
  | { kind: "date" }
  | { kind: "small-note" };

/** Options of `entryBody`. */
export interface BodyOptions {
  /** Document offsets of search matches to highlight. */
  highlights?: readonly { start: number; end: number }[];
  mentions?: readonly WebMention[];
  /** How the edition lays the text out (a Kanripo text's markup, pages and small notes). */
  layout?: TextLayout | undefined;
  /**
   * Citations as buttons that open the cited passages (`data-cite` holds the indexes of the
   * entry's citations they stand for); names inside them are then not links.
   */
  citationButtons?: boolean;
}

/** The margin mark of a page's beginning: `3a`, drawn by the stylesheet from `data-page`. */
function pageMark(page: PageMark): HTMLElement {
  const label = `${page.page}${page.side}`;
  return h("span", {
    class: "page-mark",
    title: `page ${label} (${page.id})`,
    role: "note",
    attrs: { "data-page": label, "aria-label": `page ${label}` },
  });
}

/**
 * The characters of `[start, end)` a reader sees: the text without the hidden stretches, with a
 * page mark before the character where a page begins.
 */
function visiblePieces(text: string, base: number, start: number, end: number, layout: TextLayout): Child[] {
  const out: Child[] = [];
  let at = start;
  const hidden = layout.hidden.filter((r) => r.end > start && r.start < end);
  const pages = layout.pages.filter((p) => p.at >= start && p.at < end);
  let h1 = 0;
  let p1 = 0;
  while (at < end) {
    const nextHidden = hidden[h1];
    const nextPage = pages[p1];
    if (nextPage && nextPage.at <= at) {
      out.push(pageMark(nextPage));
      p1++;
      continue;
    }
    if (nextHidden && nextHidden.start <= at) {
      at = Math.max(at, nextHidden.end);
      h1++;
      continue;
    }
    const stop = Math.min(end, nextHidden?.start ?? end, nextPage?.at ?? end);
    out.push(rareText(text.slice(at - base, stop - base)));
    at = stop;
  }
  return out;
}

const NO_LAYOUT: TextLayout = { hidden: [], pages: [], smallNotes: [] };

function renderNodes(
  text: string,
  base: number,
  nodes: MarkNode<MarkValue>[],
  layout: TextLayout = NO_LAYOUT,
  buttons = false,
  inButton = false,
  inLink = false,
): Child[] {
  return nodes.map((node) => {
    if (node.type === "text") {
      return layout.hidden.length || layout.pages.length
        ? visiblePieces(text, base, node.start, node.end, layout)
        : rareText(text.slice(node.start - base, node.end - base));
    }
    const v = node.mark.value;
    const button = buttons && v.kind === "citation";
    // A name inside another name (長編's overlapping names) is never a link inside a link.
    const link =
      v.kind === "mention" &&
      v.mention.ref !== null &&
      LINKED_KINDS.has(v.mention.kind) &&
      !inButton &&
      !inLink;
    const children = renderNodes(
      text,
      base,
      node.children,
      layout,
      buttons,
      inButton || button,
      inLink || link,
    );
    switch (v.kind) {
      case "note":
        return h("span", { class: `note note-${v.note}` }, children);
      case "citation":
        return button
          ? h(
              "button",
              {
                type: "button",
                class: "citation cite-open",
                title: "Open the cited passages beside the entry",
                attrs: { "data-cite": v.indexes.join(","), "aria-expanded": "false" },
              },
              h("cite", null, children),
            )
          : h("cite", { class: "citation" }, children);
      case "variant-note":
        return h("span", { class: "variant-note" }, children);
      case "variant-name":
        return h(
          "span",
          {
            class: "variant-name",
            title: v.readings.join("；"),
            attrs: { "aria-description": `variant readings: ${v.readings.join("；")}` },
          },
          children,
        );
      case "mention": {
        const m = v.mention;
        const cls = `mention mention-${m.kind}`;
        return link && m.ref
          ? h("a", { class: cls, href: href(["entity", m.ref]), title: m.ref }, children)
          : h("span", { class: cls }, children);
      }
      case "match":
        return h("mark", null, children);
      case "date":
        return h("span", { class: "date-written" }, children);
      case "small-note":
        // A small double-column note (夾注): set small, its two columns run on as one.
        return h("small", { class: "note-small", attrs: { "data-note": "small" } }, children);
    }
    return children;
  });
}

/** Widens a range over the full-width parentheses around it. */
function withParentheses(text: string, base: number, start: number, end: number): [number, number] {
  const before = text[start - base - 1];
  const after = text[end - base];
  return before === OPEN_PAREN && after === CLOSE_PAREN ? [start - 1, end + 1] : [start, end];
}

/**
 * The paragraphs of an entry: the headline (with its written date), each detail, and the closing
 * parenthesis of sources and notes as apparatus.
 *
 * @example
 * entryBody(entry).map((p) => p.className) //=> ["headline", "detail", "detail", "apparatus"]
 */
export function entryBody(entry: EntryDetail, options: BodyOptions = {}): HTMLElement[] {
  const base = entry.position.start.offset;
  const text = entry.text;
  const end = base + text.length;
  const marks: Mark<MarkValue>[] = [];
  for (const n of entry.notes)
    marks.push({
      start: n.position.start.offset,
      end: n.position.end.offset,
      rank: 0,
      value: { kind: "note", note: n.kind },
    });
  // Citations written as one (`《長編》一百三十九及一百四十九`: two juan) share their place: one mark.
  const cited = new Map<string, Mark<MarkValue> & { value: { kind: "citation"; indexes: number[] } }>();
  entry.citations.forEach((c, i) => {
    const key = `${c.position.start.offset}-${c.position.end.offset}`;
    const found = cited.get(key);
    if (found) found.value.indexes.push(i);
    else
      cited.set(key, {
        start: c.position.start.offset,
        end: c.position.end.offset,
        rank: 1,
        value: { kind: "citation", indexes: [i] },
      });
  });
  marks.push(...cited.values());
  const readings = new Map<string, { start: number; end: number; readings: string[] }>();
  for (const v of entry.variants) {
    const [s, e] = withParentheses(text, base, v.position.start.offset, v.position.end.offset);
    marks.push({ start: s, end: e, rank: 2, value: { kind: "variant-note" } });
    if (v.namePosition) {
      const key = `${v.namePosition.start.offset}-${v.namePosition.end.offset}`;
      const reading = `${v.source}作${v.variant}`;
      const found = readings.get(key);
      if (found) found.readings.push(reading);
      else
        readings.set(key, {
          start: v.namePosition.start.offset,
          end: v.namePosition.end.offset,
          readings: [reading],
        });
    }
  }
  for (const r of readings.values())
    marks.push({
      start: r.start,
      end: r.end,
      rank: 3,
      value: { kind: "variant-name", readings: r.readings },
    });
  for (const m of options.mentions ?? [])
    marks.push({ start: m.start, end: m.end, rank: 4, value: { kind: "mention", mention: m } });
  for (const m of options.highlights ?? [])
    marks.push({ start: m.start, end: m.end, rank: 5, value: { kind: "match" } });
  const headStart = entry.headlinePosition.start.offset;
  if (headStart > base && entry.date.own)
    marks.push({ start: base, end: headStart, rank: 0, value: { kind: "date" } });
  const layout = options.layout ?? NO_LAYOUT;
  for (const n of layout.smallNotes)
    marks.push({ start: n.start, end: n.end, rank: -1, value: { kind: "small-note" } });

  const block = (cls: string, from: number, to: number, tag: "p" | "div" = "p"): HTMLElement => {
    const inside = marks
      .filter((m) => m.end > from && m.start < to)
      .map((m) => ({ ...m, start: m.start - from, end: m.end - from }));
    const nodes = nestMarks(to - from, inside).map((n) => shift(n, from));
    return h(tag, { class: cls }, renderNodes(text, base, nodes, layout, options.citationButtons === true));
  };

  const out: HTMLElement[] = [block("headline", base, entry.headlinePosition.end.offset)];
  let last = entry.headlinePosition.end.offset;
  for (const d of entry.details) {
    out.push(block("detail", d.position.start.offset, d.position.end.offset));
    last = Math.max(last, d.position.end.offset);
  }
  let from = last;
  let to = end;
  while (from < to && /\s/.test(text[from - base] ?? "")) from++;
  while (to > from && /\s/.test(text[to - base - 1] ?? "")) to--;
  if (to > from) out.push(block("apparatus", from, to, "div"));
  return out;
}

/**
 * The headline as a title: the reading text without the edition's markup and without its small
 * notes.
 *
 * @example
 * headlineTitle(entry) //=> "癸巳延州言元昊遣偽六宅使…"
 */
export function headlineTitle(entry: EntryDetail & { layout?: TextLayout | undefined }): string {
  const layout = entry.layout;
  if (!layout || (layout.hidden.length === 0 && layout.smallNotes.length === 0)) return entry.headline;
  const base = entry.position.start.offset;
  const skip: TextRange[] = [...layout.hidden, ...layout.smallNotes].sort((a, b) => a.start - b.start);
  let out = "";
  let at = entry.headlinePosition.start.offset;
  const end = entry.headlinePosition.end.offset;
  for (const r of skip) {
    if (r.end <= at) continue;
    if (r.start >= end) break;
    if (r.start > at) out += entry.text.slice(at - base, r.start - base);
    at = Math.max(at, r.end);
  }
  if (at < end) out += entry.text.slice(at - base, end - base);
  return out;
}

function shift<T>(node: MarkNode<T>, by: number): MarkNode<T> {
  if (node.type === "text") return { ...node, start: node.start + by, end: node.end + by };
  return {
    ...node,
    start: node.start + by,
    end: node.end + by,
    children: node.children.map((c) => shift(c, by)),
  };
}

/**
 * The converted date of an entry: Julian and Gregorian ranges, and each state's reign date.
 *
 * @example
 * dateLine(entry).textContent //=> "1043-08-08 – 08-05 Julian · … · 北宋 慶曆三年七月 · 遼 重熙十二年七月 …"
 */
export function dateLine(entry: Pick<EntryDetail, "date" | "year">): HTMLElement {
  const d = dateFields(entry);
  const julian = isoRange(d.julian);
  const gregorian = isoRange(d.gregorian);
  const reigns = concurrentLabels(entry);
  return h(
    "p",
    { class: "date-line" },
    h(
      "span",
      { class: `written${entry.date.own ? "" : " carried"}`, lang: "zh-Hant" },
      entry.date.text ?? "—",
      entry.date.own || !entry.date.text
        ? null
        : h("span", { class: "visually-hidden", lang: "en" }, " (date carried over)"),
    ),
    julian ? h("span", { class: "ce" }, h("abbr", { title: "Julian calendar" }, "Jul."), " ", julian) : null,
    gregorian
      ? h(
          "span",
          { class: "ce" },
          h("abbr", { title: "Gregorian calendar (proleptic)" }, "Greg."),
          " ",
          gregorian,
        )
      : null,
    reigns.length
      ? h(
          "span",
          { class: "reigns" },
          reigns.map((r) =>
            h("span", { class: "reign", lang: "zh-Hant" }, h("span", { class: "state" }, r.state), r.label),
          ),
        )
      : h("span", { class: "ce undated" }, "date not resolved"),
  );
}
