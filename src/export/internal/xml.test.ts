import assert from "node:assert/strict";
import { test } from "node:test";
import { fromXmlId, toXmlId } from "./ids.ts";
import { escapeAttribute, escapeText, parseXml, XmlError } from "./xml.ts";

test("escapes markup characters, carriage returns and characters XML cannot hold", () => {
  assert.equal(escapeText("<script>&\r\u0001"), "&lt;script&gt;&amp;&#13;\uFFFD");
  assert.equal(escapeAttribute('a "b"\n\t'), "a &quot;b&quot;&#10;&#9;");
});

test("parses elements, attributes, references, CDATA and skips comments and the prolog", () => {
  const root = parseXml(
    '\uFEFF<?xml version="1.0"?>\n<!DOCTYPE a [<!ELEMENT a ANY>]><!-- c --><a x=\'1 &amp; 2\' y="&#10;">t&lt;&#x20000;<![CDATA[<b>]]><b/></a>\n',
  );
  assert.deepEqual(root, {
    name: "a",
    attributes: { x: "1 & 2", y: "\n" },
    children: ["t<𠀀<b>", { name: "b", attributes: {}, children: [] }],
  });
});

test("normalises line ends and attribute white space as XML does", () => {
  assert.deepEqual(parseXml('<a b="x\ny">1\r\n2\r3</a>'), {
    name: "a",
    attributes: { b: "x y" },
    children: ["1\n2\n3"],
  });
});

test("reports mismatched tags and unknown entities with their line and column", () => {
  assert.throws(
    () => parseXml("<a>\n<b></a>"),
    (e: unknown) => e instanceof XmlError && e.line === 2,
  );
  assert.throws(() => parseXml("<a>&nbsp;</a>"), /unknown entity &nbsp;/);
  assert.throws(() => parseXml("<a/><b/>"), /text after the root element/);
  assert.throws(() => parseXml("<a>"), /unclosed element <a>/);
});

test("entity ids become XML ids and back", () => {
  for (const id of ["person:fan-zhongyan", "new:person:張三", "place:a.b_c", "1:x"]) {
    const xmlId = toXmlId(id);
    assert.match(xmlId, /^[A-Za-z_][A-Za-z0-9._-]*$/);
    assert.equal(fromXmlId(xmlId), id);
  }
  assert.equal(toXmlId("person:fan-zhongyan"), "person.fan-zhongyan");
});
