/**
 * Reading a TEI export back: entries, their citations, notes and variant readings, the mentions
 * (with their offsets in the source file) and the events. The reader follows the encoding that
 * `toTei` documents in its `editorialDecl`; it needs no schema and no XML library.
 */
import { fromXmlId } from "./internal/ids.ts";
import { parseXml, type XmlElement, type XmlNode } from "./internal/xml.ts";
import { MENTION_ELEMENTS } from "./tei.ts";
import type { ExportEvent, ExportMention, RoleValue } from "./types.ts";

/** An entry as read from TEI. */
export interface TeiEntry {
  id: string;
  year: { label: string | null; era: string | null; number: number | null; state: string | null };
  date: {
    text: string | null;
    own: boolean;
    gregorian: { start: string; end: string } | null;
    julian: { start: string; end: string } | null;
  };
  headline: string;
  details: string[];
  citations: {
    work: string;
    section: string | null;
    juan: number | null;
    author: string | null;
    raw: string;
  }[];
  notes: string[];
  variants: { name: string; variant: string; source: string }[];
  /** The entry's range in the source file, from its `@source`. */
  span: { start: number; end: number };
}

/** Everything `readTei` reads. */
export interface TeiReading {
  /** The source file's name and checksum, from the header. */
  name: string | null;
  sha256: string | null;
  title: string | null;
  entries: TeiEntry[];
  mentions: (ExportMention & { entry: string })[];
  events: (ExportEvent & { entry: string })[];
}

const KIND_OF_ELEMENT = new Map(Object.entries(MENTION_ELEMENTS).map(([kind, name]) => [name, kind]));

const isElement = (node: XmlNode): node is XmlElement => typeof node !== "string";
const elements = (el: XmlElement, name?: string) =>
  el.children.filter((c): c is XmlElement => isElement(c) && (name === undefined || c.name === name));
const firstChild = (el: XmlElement, name: string, type?: string) =>
  elements(el, name).find((c) => type === undefined || c.attributes.type === type);

/** Every descendant element (document order) that `match` accepts; `skip` prunes subtrees. */
function descendants(
  el: XmlElement,
  match: (e: XmlElement) => boolean,
  skip: (e: XmlElement) => boolean = () => false,
): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (match(child)) out.push(child);
      if (!skip(child)) walk(child);
    }
  };
  walk(el);
  return out;
}

/** The characters of the source file a node stands for (markers restored, readings left out). */
function sourceLength(
  node: XmlNode,
  visit?: (el: XmlElement, start: number, end: number) => void,
  at = 0,
): number {
  if (!isElement(node)) return node.length;
  let length: number;
  switch (node.name) {
    case "rdg":
    case "supplied":
      length = 0;
      break;
    case "lb":
    case "cb":
      length = 1;
      break;
    case "pb":
      length = `<pb:${node.attributes["xml:id"] ?? node.attributes.corresp ?? ""}>`.length;
      break;
    case "g":
      length = node.attributes.type === "codepoint" ? String.fromCodePoint(codepoint(node)).length : 0;
      break;
    case "space":
      length = Number(node.attributes.quantity ?? 1);
      break;
    default:
      length = 0;
      for (const child of node.children) length += sourceLength(child, visit, at + length);
  }
  visit?.(node, at, at + length);
  return length;
}

const codepoint = (el: XmlElement) => Number.parseInt((el.attributes.n ?? "U+FFFD").slice(2), 16);

/**
 * The reading text of a node: the text as the parser reads it, with line, page and column marks
 * (and the line break after a line mark) left out, joins of continued notes left out, readings of
 * other witnesses left out and supplied names kept.
 */
function reading(node: XmlNode | readonly XmlNode[]): string {
  let out = "";
  let afterLine = false;
  const walk = (n: XmlNode) => {
    if (!isElement(n)) {
      out += afterLine && n.startsWith("\n") ? n.slice(1) : n;
      afterLine = false;
      return;
    }
    switch (n.name) {
      case "lb":
        afterLine = true;
        return;
      case "pb":
      case "cb":
      case "rdg":
        return;
      case "pc":
        if (n.attributes.type === "join") return;
        break;
      case "g":
        if (n.attributes.type === "codepoint") out += String.fromCodePoint(codepoint(n));
        afterLine = false;
        return;
      case "space":
        out += "\u3000".repeat(Number(n.attributes.quantity ?? 1));
        afterLine = false;
        return;
    }
    for (const child of n.children) walk(child);
  };
  // The node's own content, even when the node itself would be left out (a <rdg>).
  const top = Array.isArray(node)
    ? node
    : isElement(node as XmlNode)
      ? (node as XmlElement).children
      : [node as XmlNode];
  for (const child of top) walk(child);
  return out;
}

/** A field written as text or, when the text has none, as `@key` on an empty element. */
const fieldValue = (el: XmlElement | undefined): string | null =>
  el === undefined ? null : el.children.length > 0 ? reading(el) : (el.attributes.key ?? null);

const numberOf = (el: XmlElement): number | null =>
  el.attributes.n === undefined ? null : Number(el.attributes.n);

function readCitations(bibl: XmlElement): TeiEntry["citations"] {
  const raw = reading(bibl);
  const fields = descendants(bibl, (e) => ["title", "author", "biblScope"].includes(e.name));
  const shared = (name: string, level?: string) =>
    fieldValue(
      fields.find((f) => f.name === name && f.attributes.n === undefined && f.attributes.level === level),
    );
  const numbers = [...new Set(fields.flatMap((f) => numberOf(f) ?? []))].sort((a, b) => a - b);
  const parts = numbers.length > 0 ? numbers : [null];
  return parts.map((n) => {
    const own = (name: string, level?: string) =>
      fields.find((f) => f.name === name && numberOf(f) === n && f.attributes.level === level);
    const juan = fields.find(
      (f) => f.name === "biblScope" && f.attributes.unit === "juan" && numberOf(f) === n,
    );
    return {
      work: fieldValue(own("title", "m")) ?? shared("title", "m") ?? "",
      section: fieldValue(own("title", "a")),
      juan: juan?.attributes.from === undefined ? null : Number(juan.attributes.from),
      author: fieldValue(own("author")) ?? shared("author"),
      raw,
    };
  });
}

function readRoles(event: XmlElement): Record<string, RoleValue> {
  const roles: Record<string, string[]> = {};
  const lists = new Set<string>();
  for (const label of elements(event, "label")) {
    if (label.attributes.type !== "role") continue;
    const role = label.attributes.subtype ?? "";
    const ref = elements(label).find((c) => c.attributes.ref !== undefined)?.attributes.ref;
    const value = ref === undefined ? reading(label) : fromXmlId(ref.replace(/^#/, ""));
    roles[role] = [...(roles[role] ?? []), value];
    if (label.attributes.n !== undefined) lists.add(role);
  }
  return Object.fromEntries(
    Object.entries(roles).map(([role, values]) => [role, lists.has(role) ? values : values.join("")]),
  );
}

const range = (el: XmlElement | undefined, prefix = ""): { start: string; end: string } | null => {
  if (!el) return null;
  const a = el.attributes;
  const start = a[`when${prefix}`] ?? a[`from${prefix}`];
  const end = a[`when${prefix}`] ?? a[`to${prefix}`];
  return start === undefined || end === undefined ? null : { start, end };
};

/**
 * Reads a TEI document written by `toTei` back into entries, mentions and events.
 *
 * @param xml the document
 * @throws XmlError (with line and column) when the XML is not well-formed
 * @throws Error when the root is not a TEI element
 * @example
 * readTei(toTei(doc)).entries[0].headline //=> "契丹遣同知析津府事耶律敵烈、…來議與宋和。"
 */
export function readTei(xml: string): TeiReading {
  const root = parseXml(xml);
  if (root.name !== "TEI") throw new Error(`Cannot read TEI from a document whose root is <${root.name}>`);
  const header = firstChild(root, "teiHeader");
  const sourceDesc = header && descendants(header, (e) => e.name === "sourceDesc")[0];
  const sourceBibl = sourceDesc && firstChild(sourceDesc, "bibl");
  const idno = (type: string) => {
    const el = sourceBibl && elements(sourceBibl, "idno").find((i) => i.attributes.type === type);
    return el ? reading(el) : null;
  };
  const witnesses = new Map(
    (sourceDesc ? descendants(sourceDesc, (e) => e.name === "witness") : []).map((w) => [
      w.attributes["xml:id"] ?? "",
      reading(w),
    ]),
  );
  const title = header ? descendants(header, (e) => e.name === "title")[0] : undefined;
  const entries: TeiEntry[] = [];
  const mentions: TeiReading["mentions"] = [];
  const text = firstChild(root, "text");
  const years = text ? descendants(text, (e) => e.name === "div" && e.attributes.type === "year") : [];
  for (const yearDiv of years) {
    const yearDate = firstChild(yearDiv, "head") && firstChild(firstChild(yearDiv, "head")!, "date");
    const part = (type: string) =>
      yearDate && descendants(yearDate, (e) => e.name === "name" && e.attributes.type === type)[0];
    const num = yearDate && descendants(yearDate, (e) => e.name === "num" && e.attributes.type === "year")[0];
    const year: TeiEntry["year"] = {
      label: yearDate ? reading(yearDate) : null,
      era: fieldValue(part("era")),
      number: num?.attributes.value === undefined ? null : Number(num.attributes.value),
      state: fieldValue(part("state")),
    };
    let carried: string | null = null;
    for (const div of elements(yearDiv, "div").filter((d) => d.attributes.type === "entry")) {
      const id = div.attributes["xml:id"] ?? "";
      const span = /#char=(\d+),(\d+)$/.exec(div.attributes.source ?? "");
      const start = span ? Number(span[1]) : 0;
      const head = firstChild(div, "head");
      const date = head && firstChild(head, "date");
      const dateText = date ? reading(date) : "";
      const own = dateText !== "";
      if (own) carried = dateText;
      const seg = head && firstChild(head, "seg", "headline");
      const headline = seg ? reading(seg) : head ? reading(head.children.filter((c) => c !== date)) : "";
      const sources = firstChild(div, "note", "sources");
      const glosses = descendants(
        div,
        (e) => e.name === "note" && e.attributes.type === "gloss" && e.attributes.subtype === "small",
        (e) => e.name === "note",
      );
      const variants = descendants(div, (e) => e.name === "app").flatMap((app) => {
        const lem = firstChild(app, "lem");
        const name = lem ? reading(lem) : "";
        return elements(app, "rdg").map((rdg) => ({
          n: Number(rdg.attributes.n ?? 0),
          name,
          variant: reading(rdg),
          source: witnesses.get((rdg.attributes.wit ?? "").replace(/^#/, "")) ?? "",
        }));
      });
      entries.push({
        id,
        year,
        date: {
          text: own ? dateText : carried,
          own,
          gregorian: range(date),
          julian: range(date, "-custom"),
        },
        headline,
        details: elements(div, "p").map(reading),
        citations: sources ? elements(sources, "bibl").flatMap(readCitations) : [],
        notes: [
          ...(sources
            ? elements(sources, "note").filter((n) =>
                ["editorial", "supplement"].includes(n.attributes.type ?? ""),
              )
            : []
          ).map(reading),
          ...glosses.map((g) => reading(g).slice(1, -1)),
        ],
        variants: variants
          .sort((a, b) => a.n - b.n)
          .map(({ name, variant, source }) => ({ name, variant, source })),
        span: { start, end: span ? Number(span[2]) : start },
      });
      let length = 0;
      for (const child of div.children)
        length += sourceLength(
          child,
          (el, s, e) => {
            const kind =
              KIND_OF_ELEMENT.get(el.name) ?? (el.name === "name" ? (el.attributes.type ?? "name") : null);
            if (kind === null) return;
            const ref = el.attributes.ref;
            mentions.push({
              entry: id,
              kind,
              start: start + s,
              end: start + e,
              text: reading(el),
              ref: ref === undefined ? null : fromXmlId(ref.replace(/^#/, "")),
            });
          },
          length,
        );
    }
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  const standOff = elements(root, "standOff");
  const events = standOff
    .flatMap((s) => descendants(s, (e) => e.name === "event"))
    .map((event) => {
      const rule = elements(event, "note").find((n) => n.attributes.type === "rule");
      return {
        entry: (event.attributes.corresp ?? "").replace(/^#/, ""),
        type: event.attributes.type ?? "",
        rule: rule ? reading(rule) : null,
        roles: readRoles(event),
      };
    });
  return {
    name: idno("file"),
    sha256: idno("sha256"),
    title: title ? reading(title) : null,
    entries,
    mentions,
    events,
  };
}
