import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DOMParser, type Element, type Node } from "@xmldom/xmldom";
import { type ExportMention, readTei, TEI_NS, teiDocument, toTei } from "../../src/export/index.ts";
import { CHANGBIAN, documentOf, goldAnnotations, readDocument, root, SAMPLE } from "./support.ts";

const SCHEMA = join(root, "..", "shared", "schemas", "tei_all.rng");

/** A chronicle whose text is hostile to XML: markup-like text, entities, a CR, a non-BMP character. */
const EDGE_TEXT =
  "西夏稱天授禮法延祚六年\n春正月，契丹遣使<script>alert&amp;</script>來𠀀議。（《遼史·興宗本紀》）\n" +
  "二月，𠀀𠀁人來附]]>，獻馬\u0001十匹。（《長編》一百三十九）\r\n";

const pick = (r: {
  id: string;
  year: unknown;
  date: { text: string | null };
  headline: string;
  details: string[];
  citations: unknown;
  notes: string[];
  variants: unknown;
  span: unknown;
}) => ({
  id: r.id,
  year: r.year,
  date: r.date.text,
  headline: r.headline,
  details: r.details,
  citations: r.citations,
  notes: r.notes,
  variants: r.variants,
  span: r.span,
});

/** The source characters an element stands for, read with a DOM: markers restored, readings left out. */
function sourceText(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return node.nodeValue ?? "";
  if (node.nodeType !== node.ELEMENT_NODE) return "";
  const el = node as Element;
  switch (el.localName) {
    case "rdg":
    case "supplied":
      return "";
    case "lb":
      return "¶";
    case "cb":
      return "/";
    case "pb":
      return `<pb:${el.getAttribute("xml:id") ?? el.getAttribute("corresp")}>`;
    case "space":
      return "\u3000".repeat(Number(el.getAttribute("quantity")));
    case "g":
      return String.fromCodePoint(Number.parseInt(el.getAttribute("n")!.slice(2), 16));
  }
  let out = "";
  for (let c = el.firstChild; c; c = c.nextSibling) out += sourceText(c);
  return out;
}

test("the TEI of the sample, a 長編 juan and a hostile text validate against tei_all.rng", (t) => {
  if (!existsSync(SCHEMA)) return t.skip(`no TEI schema at ${SCHEMA}`);
  if (spawnSync("jing", [], { encoding: "utf8" }).error)
    return t.skip("jing is not installed (apt-get install jing)");
  const dir = mkdtempSync(join(tmpdir(), "biannian-tei-"));
  const files = [
    ["sample.xml", toTei(readDocument(SAMPLE, true))],
    ["changbian.xml", toTei(readDocument(CHANGBIAN))],
    ["edge.xml", toTei(documentOf(EDGE_TEXT))],
  ].map(([name, xml]) => {
    const path = join(dir, name!);
    writeFileSync(path, xml!);
    return path;
  });
  const result = spawnSync("jing", [SCHEMA, ...files], { encoding: "utf8" });
  assert.equal(result.stdout, "");
  assert.equal(result.status, 0, result.stderr);
});

test("every character of every entry is kept, in order, with Kanripo markers as elements", () => {
  for (const doc of [readDocument(SAMPLE, true), readDocument(CHANGBIAN), documentOf(EDGE_TEXT)]) {
    const dom = new DOMParser().parseFromString(toTei(doc), "text/xml");
    const divs = [...dom.getElementsByTagNameNS(TEI_NS, "div")].filter(
      (d) => d.getAttribute("type") === "entry",
    );
    const entries = doc.tree.children.flatMap((y) => y.children);
    assert.equal(divs.length, entries.length);
    divs.forEach((div, i) => {
      const entry = entries[i]!;
      assert.equal(div.getAttribute("xml:id"), entry.id);
      assert.equal(sourceText(div), doc.text.slice(entry.position.start.offset, entry.position.end.offset));
    });
  }
});

test("text that looks like markup comes out as text", () => {
  const xml = toTei(documentOf(EDGE_TEXT));
  assert.ok(xml.includes("遣使&lt;script&gt;alert&amp;amp;&lt;/script&gt;來𠀀議。"));
  assert.ok(!xml.includes("<script>"));
  assert.ok(xml.includes('<g type="codepoint" n="U+0001"/>'));
  assert.ok(xml.includes("&#13;"));
  const back = readTei(xml);
  assert.equal(back.entries[0]!.headline, "契丹遣使<script>alert&amp;</script>來𠀀議。");
  assert.equal(back.entries[1]!.headline, "𠀀𠀁人來附]]>，獻馬\u0001十匹。");
});

test("readTei gives back the entries of the sample: ids, years, dates, text, citations, notes, variants", () => {
  const doc = readDocument(SAMPLE);
  const back = readTei(toTei(doc));
  assert.equal(back.name, "xixia-ji-1043-1044.txt");
  assert.match(back.sha256 ?? "", /^[0-9a-f]{64}$/);
  assert.deepEqual(
    back.entries.map(pick),
    doc.records!.map((r) => pick(r as Parameters<typeof pick>[0])),
  );
  assert.deepEqual(back.entries[0]!.date, {
    text: "春正月",
    own: true,
    gregorian: { start: "1043-02-19", end: "1043-03-19" },
    julian: { start: "1043-02-13", end: "1043-03-13" },
  });
  assert.equal(back.entries[1]!.date.own, false);
});

test("readTei gives back the entries of a 長編 juan, small notes and page breaks included", () => {
  const doc = readDocument(CHANGBIAN);
  const xml = toTei(doc);
  assert.ok(xml.includes('<pb n="1b" edRef="#wit.base" xml:id="KR2b0019_WYG_143-1b"/>'));
  assert.ok(xml.includes('<pc type="join">)</pc>'));
  const back = readTei(xml);
  assert.deepEqual(
    back.entries.map(pick),
    doc.records!.map((r) => pick(r as Parameters<typeof pick>[0])),
  );
});

test("readTei gives back the mentions and events attached to the records", () => {
  const doc = readDocument(SAMPLE, true);
  const { xml, droppedMentions } = teiDocument(doc);
  assert.equal(droppedMentions, 0);
  const back = readTei(xml);
  const gold = goldAnnotations();
  const mentions = [...gold].flatMap(([entry, g]) => g.mentions.map((m) => ({ entry, ...m })));
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  assert.equal(mentions.length, 358);
  assert.deepEqual(back.mentions, mentions);
  const events = [...gold].flatMap(([entry, g]) => g.events.map((e) => ({ entry, ...e })));
  assert.equal(events.length, 51);
  assert.deepEqual(back.events, events);
});

test("the header lists the witnesses, the calendars and the entities with their places", () => {
  const xml = toTei(readDocument(SAMPLE, true));
  assert.ok(xml.includes('<witness xml:id="wit.1">韓、范《文集》</witness>'));
  assert.ok(xml.includes('<calendar xml:id="cal.chinese" xml:lang="en">'));
  assert.match(xml, /<person xml:id="person\.fan-zhongyan"><persName>范仲淹<\/persName>/);
  assert.match(
    xml,
    /<place xml:id="place\.yanzhou"[^>]*><placeName>延州<\/placeName>.*?<location><geo>[\d.]+ [\d.]+<\/geo><\/location>/,
  );
  assert.ok(xml.includes('<persName ref="#person.yelu-dilie">耶律敵烈</persName>'));
  assert.ok(
    xml.includes(
      '<roleName ref="#office.tongzhi-xijinfu-shi">同知<placeName ref="#place.youzhou">析津府</placeName>事</roleName>',
    ),
  );
});

/** What the annotator puts on every name it finds, besides its place, text and entity. */
const MENTION = { field: "headline", rule: "name", form: "name" } as const;

test("a mention that would cross other markup is left out and counted", () => {
  const doc = documentOf("西夏稱天授禮法延祚六年\n春正月，契丹遣使來。（《遼史·興宗本紀》）\n");
  const headline = doc.tree.children[0]!.children[0]!.headline;
  const at = headline.position.start.offset;
  const records = doc.records!.map((r) => ({
    ...r,
    mentions: [
      { ...MENTION, kind: "polity" as const, start: at, end: at + 2, text: "契丹", ref: "polity:liao" },
      // From the headline into the citation: it cannot nest.
      { ...MENTION, kind: "person" as const, start: at + 7, end: at + 9, text: "（《", ref: "person:x" },
    ],
  }));
  const { xml, droppedMentions } = teiDocument({ ...doc, records });
  assert.equal(droppedMentions, 1);
  assert.deepEqual(
    readTei(xml).mentions.map((m) => m.text),
    ["契丹"],
  );
});

test("an empty chronicle is still a TEI document", () => {
  const back = readTei(toTei(documentOf("")));
  assert.deepEqual(back.entries, []);
});

test("readTei gives back the annotation stage's mentions and events of the sample and a 長編 juan", () => {
  for (const doc of [readDocument(SAMPLE), readDocument(CHANGBIAN)]) {
    const { xml, droppedMentions } = teiDocument(doc);
    assert.equal(droppedMentions, 0);
    const back = readTei(xml);
    const records = doc.records!;
    const mentions = records.flatMap((r) =>
      (r.mentions ?? []).map((m) => {
        const { kind, start, end, text, ref } = m as ExportMention;
        return { entry: r.id, kind, start, end, text, ref };
      }),
    );
    mentions.sort((a, b) => a.start - b.start || b.end - a.end);
    assert.deepEqual(back.mentions, mentions);
    const events = records.flatMap((r) =>
      (r.events ?? []).map((e) => {
        const { type, rule, roles } = e as {
          type: string;
          rule: string;
          roles: Record<string, { ref: string | null; text: string }[]>;
        };
        const values = Object.fromEntries(
          Object.entries(roles).map(([role, list]) => [role, list.map((v) => v.ref ?? v.text)]),
        );
        return { entry: r.id, type, rule, roles: values };
      }),
    );
    assert.deepEqual(back.events, events);
  }
});
