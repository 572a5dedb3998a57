/** Citations in the TEI export: locating their fields in the text and marking them up as `<bibl>`. */
import type { Citation } from "../../parse/types.ts";
import { NUMERAL_CHARS, parseChineseNumber } from "../../text/numerals.ts";
import type { Span } from "../internal/markup.ts";
import { attributes, element } from "../internal/xml.ts";
import { RANK_BIBL, RANK_FIELD } from "./constants.ts";

/** Finds `needle` in `text[start, end)` clear of the claimed ranges, and claims it. */
export function locate(
  text: string,
  needle: string,
  start: number,
  end: number,
  claimed: { start: number; end: number }[],
): { start: number; end: number } | null {
  if (needle === "") return null;
  for (
    let i = text.indexOf(needle, start);
    i !== -1 && i + needle.length <= end;
    i = text.indexOf(needle, i + 1)
  ) {
    const range = { start: i, end: i + needle.length };
    if (claimed.some((c) => c.start < range.end && range.start < c.end)) continue;
    claimed.push(range);
    return range;
  }
  return null;
}

export const NUMERAL_RUN = new RegExp(`[${NUMERAL_CHARS}元正0-9]+`, "gu");

/** Finds the numeral that writes `value` in `text[start, end)`, and claims it. */
export function locateNumber(
  text: string,
  value: number,
  start: number,
  end: number,
  claimed: { start: number; end: number }[],
): { start: number; end: number } | null {
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(NUMERAL_RUN)) {
    const n = /^[0-9]+$/.test(m[0]) ? Number(m[0]) : parseChineseNumber(m[0]);
    if (n !== value) continue;
    const range = { start: start + m.index, end: start + m.index + m[0].length };
    if (claimed.some((c) => c.start < range.end && range.start < c.end)) continue;
    claimed.push(range);
    return range;
  }
  return null;
}

/**
 * One `<bibl>` for the citations that share a written item (`《長編》一百三十九及一百四十九`):
 * the work and author once, then per citation its section (`title level="a"`) and juan
 * (`biblScope unit="juan"`), numbered with `@n` when the item holds several. A field that cannot
 * be found in the item's text is an empty element with its value in `@key` or `@from`.
 */
export function biblSpans(text: string, group: readonly Citation[]): Span[] {
  const first = group[0]!;
  const start = first.position.start.offset;
  const end = first.position.end.offset;
  const claimed: { start: number; end: number }[] = [];
  const spans: Span[] = [];
  let empty = "";
  const field = (
    name: string,
    attrs: Record<string, string | number | null>,
    range: { start: number; end: number } | null,
    key: string,
  ) => {
    if (range)
      spans.push({ ...range, rank: RANK_FIELD, open: `<${name}${attributes(attrs)}>`, close: `</${name}>` });
    else empty += element(name, { ...attrs, ...(name === "biblScope" ? {} : { key }) }, null);
  };
  const several = group.length > 1;
  const sameWork = group.every((c) => c.work === first.work);
  const sameAuthor = group.every((c) => c.author === first.author);
  let workEnd = start;
  if (sameWork) {
    const range =
      locate(text, `《${first.work}`, start, end, [])?.start !== undefined
        ? locate(text, first.work, text.indexOf(`《${first.work}`, start) + 1, end, claimed)
        : locate(text, first.work, start, end, claimed);
    if (range) workEnd = range.end;
    field("title", { level: "m" }, range, first.work);
  }
  if (sameAuthor && first.author !== null)
    field("author", {}, locate(text, first.author, start, end, claimed), first.author);
  group.forEach((c, index) => {
    const n = several ? index + 1 : null;
    if (!sameWork) field("title", { level: "m", n }, null, c.work);
    if (!sameAuthor && c.author !== null) field("author", { n }, null, c.author);
    if (c.section !== null)
      field("title", { level: "a", n }, locate(text, c.section, workEnd, end, claimed), c.section);
    if (c.juan !== null) {
      const range = locateNumber(text, c.juan, start, end, claimed);
      field("biblScope", { unit: "juan", from: c.juan, to: c.juan, n }, range, String(c.juan));
    }
    if (several && c.section === null && c.juan === null)
      empty += element("biblScope", { unit: "citation", n }, null);
  });
  spans.push({ start, end, rank: RANK_BIBL, open: `<bibl>${empty}`, close: "</bibl>" });
  return spans;
}

/** The citations of a list, grouped by the written item they come from. */
export function citationGroups(citations: readonly Citation[]): Citation[][] {
  const groups = new Map<string, Citation[]>();
  for (const c of citations) {
    const key = `${c.position.start.offset}:${c.position.end.offset}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}
