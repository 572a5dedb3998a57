/**
 * The source text in the TEI export: Kanripo markers and characters XML cannot hold as atoms,
 * note joins, the text between elements, and where the body starts.
 */
import { type Atom, atomsIn, type Span } from "../internal/markup.ts";
import type { DocumentView } from "../internal/view.ts";
import { attributes, element, escapeText, NOT_XML_CHAR } from "../internal/xml.ts";
import { BASE_WITNESS_ID, RANK_JOIN } from "./constants.ts";

const PAGE_MARK = /<pb:([^>\s]*)>/g;
const LINE_MARK = "¶";
const COLUMN_BREAK = "/";
const NOTE_OPEN = "(";
const NOTE_CLOSE = ")";
const IDEOGRAPHIC_SPACE = "\u3000";
const XML_SPACE = /^[ \t\n\r]+$/;

/** The atoms of a whole document: Kanripo markers, and characters XML cannot hold. */
export function documentAtoms(doc: DocumentView): Atom[] {
  const { text } = doc;
  const atoms: Atom[] = [];
  if (doc.tree.meta.format === "kanripo") {
    const ids = new Set<string>();
    const pages = new Map(doc.tree.meta.pages.map((p) => [p.offset, p]));
    for (const m of text.matchAll(PAGE_MARK)) {
      const id = m[1]!;
      const page = pages.get(m.index);
      const unique = /^[A-Za-z_][\w.-]*$/.test(id) && !ids.has(id);
      ids.add(id);
      atoms.push({
        start: m.index,
        end: m.index + m[0].length,
        xml: `<pb${attributes({
          n: page ? `${page.page}${page.side}` : id.slice(id.lastIndexOf("-") + 1),
          edRef: `#${BASE_WITNESS_ID}`,
          "xml:id": unique ? id : null,
          corresp: unique ? null : id,
        })}/>`,
      });
    }
    for (let i = text.indexOf(LINE_MARK); i !== -1; i = text.indexOf(LINE_MARK, i + 1))
      atoms.push({ start: i, end: i + 1, xml: "<lb/>" });
    for (const year of doc.tree.children)
      for (const entry of year.children)
        for (const paragraph of [entry.headline, ...entry.details])
          for (const child of paragraph.children) {
            if (child.type !== "gloss" || !child.small) continue;
            const { start, end } = { start: child.position.start.offset, end: child.position.end.offset };
            for (
              let i = text.indexOf(COLUMN_BREAK, start);
              i !== -1 && i < end;
              i = text.indexOf(COLUMN_BREAK, i + 1)
            )
              atoms.push({ start: i, end: i + 1, xml: "<cb/>" });
          }
  }
  for (const m of text.matchAll(NOT_XML_CHAR)) {
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    atoms.push({ start: m.index, end: m.index + m[0].length, xml: `<g type="codepoint" n="U+${code}"/>` });
  }
  return atoms.sort((a, b) => a.start - b.start);
}

/** Whether a parenthesis at `at` only continues a small note (`…)¶\n(…`). */
export function joinSpans(text: string, start: number, end: number, atoms: readonly Atom[]): Span[] {
  const spans: Span[] = [];
  const isAtom = new Map(atomsIn(atoms, start, end).map((a) => [a.start, a]));
  for (let i = start + 1; i < end - 1; i++) {
    if (text[i] !== NOTE_CLOSE) continue;
    let j = i + 1;
    for (;;) {
      const atom = isAtom.get(j);
      if (atom) j = atom.end;
      else if (text[j] === "\n") j++;
      else break;
    }
    if (j > i + 1 && j < end - 1 && text[j] === NOTE_OPEN) {
      const pc = { rank: RANK_JOIN, open: '<pc type="join">', close: "</pc>" };
      spans.push({ start: i, end: i + 1, ...pc }, { start: j, end: j + 1, ...pc });
      i = j;
    }
  }
  return spans;
}

/**
 * Text that stands between elements (between entries, or between a heading and an entry):
 * white space and atoms as they are, ideographic spaces as `<space>`, anything else in a
 * `<note type="unparsed">` so that no character is lost.
 */
export function betweenText(text: string, start: number, end: number, atoms: readonly Atom[]): string {
  let out = "";
  let at = start;
  const flush = (until: number) => {
    for (const m of text.slice(at, until).matchAll(/[ \t\n\r]+|\u3000+|[^ \t\n\r\u3000]+/gu)) {
      const run = m[0];
      if (XML_SPACE.test(run)) out += run.replaceAll("\r", "&#13;");
      else if (run[0] === IDEOGRAPHIC_SPACE)
        out += element("space", { type: "ideographic", unit: "chars", quantity: run.length }, null);
      else out += `<note type="unparsed">${escapeText(run)}</note>`;
    }
    at = until;
  };
  for (const atom of atomsIn(atoms, start, end)) {
    flush(atom.start);
    out += atom.xml;
    at = atom.end;
  }
  flush(end);
  return out;
}

/** True when `text[start, end)` holds nothing but white space, ideographic spaces and atoms. */
export function onlySpaceAndAtoms(text: string, start: number, end: number, atoms: readonly Atom[]): boolean {
  let at = start;
  for (const atom of [...atomsIn(atoms, start, end), { start: end, end }]) {
    if (!/^[ \t\n\r\u3000]*$/u.test(text.slice(at, atom.start))) return false;
    at = atom.end;
  }
  return true;
}

/** Where the Org-mode header of a Kanripo file ends (0 for other files). */
export function headerEnd(doc: DocumentView): number {
  if (doc.tree.meta.format !== "kanripo") return 0;
  let at = 0;
  while (doc.text.startsWith("#", at)) {
    const nl = doc.text.indexOf("\n", at);
    if (nl === -1) return doc.text.length;
    at = nl + 1;
  }
  return at;
}
