/**
 * An entry as the reader shows it: the written date and headline (綱) set apart from the details
 * (目), the closing citations and editor's notes as apparatus, variant readings where they occur,
 * mentions linked to their entities and search matches highlighted — all from the stored offsets,
 * all as text nodes.
 */
import type { EntryDetail, WebMention } from "./api.ts";
import { type Child, h } from "./dom.ts";
import { concurrentLabels, dateFields, isoRange } from "./format.ts";
import { type Mark, type MarkNode, nestMarks } from "./ranges.ts";
import { href } from "./router.ts";

const OPEN_PAREN = "（";
/** Mentions of these kinds link to their entity's page. */
const LINKED_KINDS = new Set(["person", "place", "polity", "office"]);
const CLOSE_PAREN = "）";

type MarkValue =
  | { kind: "note"; note: "editorial" | "supplement" }
  | { kind: "citation" }
  | { kind: "variant-note" }
  | { kind: "variant-name"; readings: string[] }
  | { kind: "mention"; mention: WebMention }
  | { kind: "match" }
  | { kind: "date" };

/** Options of `entryBody`. */
export interface BodyOptions {
  /** Document offsets of search matches to highlight. */
  highlights?: readonly { start: number; end: number }[];
  mentions?: readonly WebMention[];
}

function renderNodes(text: string, base: number, nodes: MarkNode<MarkValue>[]): Child[] {
  return nodes.map((node) => {
    const slice = text.slice(node.start - base, node.end - base);
    if (node.type === "text") return slice;
    const children = renderNodes(text, base, node.children);
    const v = node.mark.value;
    switch (v.kind) {
      case "note":
        return h("span", { class: `note note-${v.note}` }, children);
      case "citation":
        return h("cite", { class: "citation" }, children);
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
        return m.ref && LINKED_KINDS.has(m.kind)
          ? h("a", { class: cls, href: href(["entity", m.ref]), title: m.ref }, children)
          : h("span", { class: cls }, children);
      }
      case "match":
        return h("mark", null, children);
      case "date":
        return h("span", { class: "date-written" }, children);
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
  for (const c of entry.citations)
    marks.push({
      start: c.position.start.offset,
      end: c.position.end.offset,
      rank: 1,
      value: { kind: "citation" },
    });
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

  const block = (cls: string, from: number, to: number, tag: "p" | "div" = "p"): HTMLElement => {
    const inside = marks
      .filter((m) => m.end > from && m.start < to)
      .map((m) => ({ ...m, start: m.start - from, end: m.end - from }));
    const nodes = nestMarks(to - from, inside).map((n) => shift(n, from));
    return h(tag, { class: cls }, renderNodes(text, base, nodes));
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
      { class: `written${entry.date.own ? "" : " carried"}` },
      entry.date.text ?? "—",
      entry.date.own || !entry.date.text
        ? null
        : h("span", { class: "visually-hidden" }, " (date carried over)"),
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
