/**
 * Writing and reading XML without a dependency: escaping for text and attributes, and a small
 * non-validating parser (elements, attributes, text, character and predefined entity
 * references, CDATA; comments, processing instructions and the document type are skipped).
 */

/** Characters XML 1.0 cannot hold, not even as character references. */
export const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const REPLACEMENT_CHARACTER = "\uFFFD";

/**
 * Escapes text content: `&`, `<`, `>`, and carriage returns (which a parser would turn into line
 * feeds); characters XML cannot hold become U+FFFD.
 *
 * @example
 * escapeText("<script>&") //=> "&lt;script&gt;&amp;"
 */
export function escapeText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, REPLACEMENT_CHARACTER)
    .replace(/[&<>\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#13;"));
}

/**
 * Escapes an attribute value for double quotes; tabs and line breaks become character
 * references so that they survive attribute-value normalisation.
 *
 * @example
 * escapeAttribute('a "b"\n') //=> "a &quot;b&quot;&#10;"
 */
export function escapeAttribute(value: string): string {
  return value.replace(NOT_XML_CHAR, REPLACEMENT_CHARACTER).replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

/** Attributes as written after an element name; `null` and `undefined` values are left out. */
export function attributes(values: Readonly<Record<string, string | number | null | undefined>>): string {
  let out = "";
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

/**
 * An element with escaped text content, or empty when `text` is `null`.
 *
 * @example
 * element("title", { level: "m" }, "長編") //=> '<title level="m">長編</title>'
 */
export function element(
  name: string,
  attrs: Readonly<Record<string, string | number | null | undefined>>,
  text: string | null,
): string {
  return text === null
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${escapeText(text)}</${name}>`;
}

/** A parsed element. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

/** A parsed node: an element or a run of text. */
export type XmlNode = XmlElement | string;

/** XML that cannot be read, with the line and column where reading stopped. */
export class XmlError extends Error {
  override name = "XmlError";
  constructor(
    reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${reason}`);
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const NAME = /[^\s/>=<"'&]+/y;

/**
 * Parses an XML document into its root element. Qualified names are kept as written
 * (`xml:id`); namespaces are not resolved.
 *
 * @throws XmlError when the document is not well-formed (mismatched or unclosed tags, unknown
 *   entities, text after the root)
 * @example
 * parseXml('<a n="1">x<b/></a>') //=> { name: "a", attributes: { n: "1" }, children: ["x", { name: "b", … }] }
 */
export function parseXml(source: string): XmlElement {
  const xml = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let at = 0;
  const fail = (reason: string, where = at): never => {
    const before = xml.slice(0, where);
    const line = before.split("\n").length;
    throw new XmlError(reason, line, where - before.lastIndexOf("\n"));
  };
  const decode = (raw: string, where: number): string =>
    raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);|&/g, (whole, ref: string | undefined) => {
      if (ref === undefined) return fail("a bare & (write &amp;)", where);
      if (ref.startsWith("#x")) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
      if (ref.startsWith("#")) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
      return PREDEFINED[ref] ?? fail(`unknown entity ${whole}`, where);
    });
  const skipMarkup = (): boolean => {
    if (xml.startsWith("<?", at)) {
      const end = xml.indexOf("?>", at);
      if (end === -1) fail("unclosed processing instruction");
      at = end + 2;
      return true;
    }
    if (xml.startsWith("<!--", at)) {
      const end = xml.indexOf("-->", at);
      if (end === -1) fail("unclosed comment");
      at = end + 3;
      return true;
    }
    if (xml.startsWith("<!DOCTYPE", at)) {
      let depth = 0;
      for (let i = at; i < xml.length; i++) {
        if (xml[i] === "[") depth++;
        else if (xml[i] === "]") depth--;
        else if (xml[i] === ">" && depth === 0) {
          at = i + 1;
          return true;
        }
      }
      fail("unclosed document type declaration");
    }
    return false;
  };
  const skipProlog = () => {
    for (;;) {
      while (at < xml.length && /\s/.test(xml[at]!)) at++;
      if (!skipMarkup()) return;
    }
  };

  skipProlog();
  if (xml[at] !== "<") fail("expected the root element");
  const stack: XmlElement[] = [];
  const found: { root: XmlElement | null } = { root: null };
  readStartTag(undefined);
  while (at < xml.length) {
    const parent = stack.at(-1);
    if (!parent) break;
    if (xml[at] !== "<") {
      const end = xml.indexOf("<", at);
      const stop = end === -1 ? xml.length : end;
      const text = decode(xml.slice(at, stop), at);
      const last = parent.children.at(-1);
      if (typeof last === "string") parent.children[parent.children.length - 1] = last + text;
      else parent.children.push(text);
      at = stop;
      continue;
    }
    if (xml.startsWith("<![CDATA[", at)) {
      const end = xml.indexOf("]]>", at);
      if (end === -1) fail("unclosed CDATA section");
      const text = xml.slice(at + 9, end);
      const last = parent.children.at(-1);
      if (typeof last === "string") parent.children[parent.children.length - 1] = last + text;
      else parent.children.push(text);
      at = end + 3;
      continue;
    }
    if (skipMarkup()) continue;
    if (xml.startsWith("</", at)) {
      NAME.lastIndex = at + 2;
      const name = NAME.exec(xml)?.[0];
      if (name !== parent.name) fail(`expected </${parent.name}>`);
      at = NAME.lastIndex;
      while (/\s/.test(xml[at] ?? "")) at++;
      if (xml[at] !== ">") fail("expected >");
      at++;
      stack.pop();
      if (stack.length === 0) break;
      continue;
    }
    readStartTag(stack.at(-1)!);
  }
  if (stack.length > 0) fail(`unclosed element <${stack.at(-1)!.name}>`);
  skipProlog();
  if (at < xml.length) fail("text after the root element");
  if (found.root === null) return fail("expected the root element");
  return found.root;

  function readStartTag(parent: XmlElement | undefined): void {
    NAME.lastIndex = at + 1;
    const name = NAME.exec(xml)?.[0];
    if (!name) fail("expected an element name");
    at = NAME.lastIndex;
    const element: XmlElement = { name: name!, attributes: {}, children: [] };
    for (;;) {
      while (/\s/.test(xml[at] ?? "")) at++;
      if (xml.startsWith("/>", at)) {
        at += 2;
        attach(element, parent, false);
        return;
      }
      if (xml[at] === ">") {
        at++;
        attach(element, parent, true);
        return;
      }
      NAME.lastIndex = at;
      const attribute = NAME.exec(xml)?.[0];
      if (!attribute) fail("expected an attribute or the end of the tag");
      at = NAME.lastIndex;
      while (/\s/.test(xml[at] ?? "")) at++;
      if (xml[at] !== "=") fail("expected = after the attribute name");
      at++;
      while (/\s/.test(xml[at] ?? "")) at++;
      const quote = xml[at];
      if (quote !== '"' && quote !== "'") fail("expected a quoted attribute value");
      const end = xml.indexOf(quote!, at + 1);
      if (end === -1) fail("unclosed attribute value");
      const raw = xml.slice(at + 1, end);
      if (raw.includes("<")) fail("< in an attribute value");
      if (attribute! in element.attributes) fail(`attribute ${attribute} given twice`);
      element.attributes[attribute!] = decode(raw.replace(/[\t\n]/g, " "), at);
      at = end + 1;
    }
  }

  function attach(element: XmlElement, parent: XmlElement | undefined, open: boolean): void {
    if (parent) parent.children.push(element);
    else if (found.root === null) found.root = element;
    else fail("a second root element");
    if (open) stack.push(element);
  }
}
