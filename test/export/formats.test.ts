import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { check } from "@placemarkio/check-geojson";
import { DOMParser } from "@xmldom/xmldom";
import { parse as parseCsv } from "csv-parse/sync";
import { MultiGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import jsonld from "jsonld";
import {
  CSV_FILES,
  exportDocuments,
  jsonLdContext,
  loadEntities,
  toCsvTables,
  toGeoJson,
  toGexf,
  toJsonLd,
  toTei,
  VOCABULARY,
} from "../../src/export/index.ts";
import { CHANGBIAN, documentOf, goldAnnotations, readDocument, SAMPLE } from "./support.ts";

const sample = readDocument(SAMPLE, true);
const gold = goldAnnotations();
const goldMentions = [...gold.values()].flatMap((g) => g.mentions);
const goldEvents = [...gold.values()].flatMap((g) => g.events);
const roleRefs = goldEvents.flatMap((e) =>
  Object.values(e.roles)
    .flatMap((v) => (typeof v === "string" ? [v] : [...v]))
    .filter((v) => /^[a-z]+:/.test(v)),
);
const referenced = new Set([...goldMentions.map((m) => m.ref!), ...roleRefs]);

type Row = Record<string, string>;
const tables = () => {
  const files = toCsvTables([sample]);
  return Object.fromEntries(
    files.map((f) => [
      f.name,
      parseCsv(f.content, { bom: true, columns: true, relax_quotes: false }) as Row[],
    ]),
  ) as Record<(typeof CSV_FILES)[number], Row[]>;
};

test("CSV: five tables with a BOM, one row per item, ids that join", () => {
  const files = toCsvTables([sample]);
  assert.deepEqual(
    files.map((f) => f.name),
    [...CSV_FILES],
  );
  for (const f of files) assert.ok(f.content.startsWith("\uFEFF"), f.name);
  const t = tables();
  const records = sample.records as unknown as { citations: unknown[] }[];
  assert.equal(t["entries.csv"].length, 45);
  assert.equal(
    t["citations.csv"].length,
    records.reduce((n, r) => n + r.citations.length, 0),
  );
  assert.equal(t["mentions.csv"].length, 358);
  assert.equal(t["events.csv"].length, 51);
  assert.equal(t["entities.csv"].length, referenced.size);

  const entryIds = new Set(t["entries.csv"].map((r) => r.entry_id));
  const entityIds = new Set(t["entities.csv"].map((r) => r.entity_id));
  assert.equal(entryIds.size, 45);
  for (const name of ["citations.csv", "mentions.csv", "events.csv"] as const)
    for (const row of t[name]) assert.ok(entryIds.has(row.entry_id!), `${name}: ${row.entry_id}`);
  for (const row of t["mentions.csv"]) assert.ok(entityIds.has(row.entity_id!), row.entity_id);
  for (const row of t["events.csv"])
    for (const id of row.participants!.split(" ").filter(Boolean)) assert.ok(entityIds.has(id), id);
  assert.equal(new Set(t["mentions.csv"].map((r) => r.mention_id)).size, 358);

  // The offsets point at the text each row names.
  for (const row of t["mentions.csv"])
    assert.equal(sample.text.slice(Number(row.start), Number(row.end)), row.text);
  const first = t["entries.csv"][0]!;
  assert.equal(first.entry_id, "xixia-ji-1043-1044/e1");
  assert.equal(first.date_text, "春正月");
  assert.equal(first.gregorian_start, "1043-02-19");
  assert.equal(first.julian_start, "1043-02-13");
  assert.equal(first.headline, "契丹遣同知析津府事耶律敵烈、樞密院都承旨王惟吉來議與宋和。");
  const e2 = t["entries.csv"][1]!;
  assert.equal(e2.details!.split("\n").length, 2, "details keep their line breaks inside one quoted field");
  const roles = JSON.parse(t["events.csv"][0]!.roles!);
  assert.deepEqual(roles.envoy, ["person:yelu-dilie", "person:wang-weiji"]);
  const yanzhou = t["entities.csv"].find((r) => r.entity_id === "place:yanzhou")!;
  assert.ok(Number(yanzhou.lat) > 30 && Number(yanzhou.lon) > 100);
});

test("CSV: two documents get distinct entry ids", () => {
  const files = toCsvTables([sample, readDocument(CHANGBIAN)]);
  const entries = parseCsv(files[0]!.content, { bom: true, columns: true }) as Row[];
  assert.equal(new Set(entries.map((r) => r.entry_id)).size, entries.length);
  assert.ok(entries.some((r) => r.entry_id === "KR2b0019_143/e1" && r.juan === "139" && r.page === "1"));
});

/** Every JSON object that is a node (not a value, list or bare reference) has a @type. */
function untypedNodes(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => untypedNodes(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  const object = value as Record<string, unknown>;
  if ("@value" in object) return [];
  const keys = Object.keys(object);
  const reference = keys.length === 1 && keys[0] === "@id";
  const own = "@type" in object || reference || "@list" in object ? [] : [path];
  return [
    ...own,
    ...Object.entries(object)
      .filter(([k]) => k !== "@context")
      .flatMap(([k, v]) => untypedNodes(v, `${path}.${k}`)),
  ];
}

test("JSON-LD: the context is embedded, every node has a @type, and it expands offline", async () => {
  const doc = toJsonLd([sample]);
  const parsed = JSON.parse(JSON.stringify(doc));
  assert.deepEqual(parsed["@context"], jsonLdContext());
  assert.equal(parsed["@context"].bn, VOCABULARY);
  assert.deepEqual(untypedNodes(parsed["@graph"]), []);
  const entries = parsed["@graph"].filter((n: { "@type": string[] }) => n["@type"].includes("Entry"));
  assert.equal(entries.length, 45);
  assert.equal(entries[0].startDate, "1043-02-19");
  assert.equal(
    entries.reduce((n: number, e: { annotation?: unknown[] }) => n + (e.annotation?.length ?? 0), 0),
    358,
  );
  const expanded = await jsonld.expand(parsed, {
    documentLoader: async (url: string) => {
      throw new Error(`no network: ${url}`);
    },
  });
  const e1 = expanded.find((n) => n["@id"] === "https://biannian.example/id/entry/xixia-ji-1043-1044/e1")!;
  assert.deepEqual(e1["https://schema.org/headline"], [
    { "@value": "契丹遣同知析津府事耶律敵烈、樞密院都承旨王惟吉來議與宋和。" },
  ]);
  assert.deepEqual(e1["https://schema.org/startDate"], [
    { "@type": "http://www.w3.org/2001/XMLSchema#date", "@value": "1043-02-19" },
  ]);
  assert.ok(e1["@type"]!.includes("https://biannian.example/vocab#Entry"));
  const mentions = e1["https://schema.org/mentions"] as { "@id": string }[];
  assert.ok(mentions.some((m) => m["@id"] === "https://biannian.example/id/person:yelu-dilie"));
  const quads = await jsonld.toRDF(parsed, { format: "application/n-quads" });
  assert.ok(String(quads).includes("<https://biannian.example/vocab#dateText>"));
});

test("GeoJSON: a valid RFC 7946 collection of located places and events, longitude first", () => {
  const collection = toGeoJson([sample]);
  check(JSON.stringify(collection));
  const entities = loadEntities();
  const located = [...referenced].filter((id) => {
    const e = entities.get(id);
    return e?.kind === "place" && e.lat !== null && e.lon !== null;
  });
  const places = collection.features.filter((f) => f.properties.kind === "place");
  assert.deepEqual(places.map((f) => f.id).sort(), located.sort());
  const yanzhou = places.find((f) => f.id === "place:yanzhou")!;
  const entity = entities.get("place:yanzhou")!;
  assert.deepEqual(yanzhou.geometry, { type: "Point", coordinates: [entity.lon, entity.lat] });
  const events = collection.features.filter((f) => f.properties.kind === "event");
  assert.ok(events.length > 0);
  for (const f of events) {
    const points = f.geometry.type === "Point" ? [f.geometry.coordinates] : f.geometry.coordinates;
    assert.equal(points.length, (f.properties.places as string[]).length);
    for (const [lon, lat] of points)
      assert.ok(lon > 90 && lon < 130 && lat > 20 && lat < 50, `${lon},${lat}`);
  }
});

test("GEXF: parses back into the network of persons and polities with weighted, dated edges", () => {
  const xml = toGexf([sample]);
  const graph = parseGexf(MultiGraph, xml);
  const entities = loadEntities();
  const nodes = [...referenced].filter((id) => ["person", "polity"].includes(entities.get(id)?.kind ?? ""));
  assert.deepEqual(graph.nodes().sort(), nodes.sort());
  assert.equal(graph.getNodeAttribute("polity:liao", "label"), "契丹");
  const embassies = graph.filterEdges((_e, a) => a.kind === "embassy");
  assert.ok(embassies.length > 0);
  const liaoToXia = graph
    .edges("polity:liao", "polity:xixia")
    .filter((e) => graph.getEdgeAttribute(e, "kind") === "embassy");
  assert.equal(liaoToXia.length, 1);
  const weight = graph.getEdgeAttribute(liaoToXia[0]!, "weight");
  const expected = goldEvents.filter((e) => {
    const s = e.roles.sender;
    const r = e.roles.receiver;
    return e.type === "embassy" && [s].flat().includes("polity:liao") && [r].flat().includes("polity:xixia");
  }).length;
  assert.equal(weight, expected);

  const dom = new DOMParser().parseFromString(xml, "text/xml");
  const g = dom.getElementsByTagName("graph")[0]!;
  assert.equal(g.getAttribute("mode"), "dynamic");
  assert.equal(g.getAttribute("timeformat"), "date");
  for (const edge of [...dom.getElementsByTagName("edge")]) {
    assert.match(edge.getAttribute("start") ?? "", /^\d{4}-\d\d-\d\d$/);
    assert.ok(edge.getAttribute("start")! <= edge.getAttribute("end")!);
    assert.equal(edge.getElementsByTagName("spell").length, Number(edge.getAttribute("weight")));
  }
});

test("a document is named by its work and juan, else by its file name, in every format", () => {
  // 長編 is how chronicles cite 續資治通鑑長編; the juan is the one the file's header gives.
  const header = readFileSync(CHANGBIAN, "utf8");
  assert.match(header, /^#\+TITLE: 續資治通鑑長編$/mu);
  const title = `長編 ${/^#\+PROPERTY: JUAN (.+)$/mu.exec(header)![1]!.trim()}`;
  assert.equal(title, "長編 卷一百三十九");
  const changbian = readDocument(CHANGBIAN);
  const plain = documentOf("慶曆三年\n春正月，元昊遣使來。（《長編》卷一百三十九）\n", "plain.txt");
  assert.equal(plain.tree.meta.document.title, null, "a text without a title line has no title");

  const csv = toCsvTables([changbian, plain]).find((f) => f.name === "entries.csv")!;
  const rows = parseCsv(csv.content, { bom: true, columns: true }) as Row[];
  const byFile = (file: string) => rows.filter((r) => r.file === file);
  assert.ok(byFile("KR2b0019_143.txt").length > 0);
  for (const r of byFile("KR2b0019_143.txt")) assert.equal(r.document, title);
  assert.deepEqual(
    byFile("plain.txt").map((r) => r.document),
    ["plain.txt"],
  );

  const tei = new DOMParser().parseFromString(toTei(changbian), "text/xml");
  const titleStmt = tei.getElementsByTagName("titleStmt")[0]!;
  assert.equal(titleStmt.getElementsByTagName("title")[0]!.textContent, title);
  assert.ok(toTei(plain).includes("<titleStmt><title>plain.txt</title></titleStmt>"));

  const graph = toJsonLd([changbian, plain])["@graph"] as { "@type"?: unknown; name?: unknown }[];
  const chronicles = graph.filter((n) => Array.isArray(n["@type"]) && n["@type"].includes("Chronicle"));
  assert.deepEqual(
    chronicles.map((n) => n.name),
    [title, "plain.txt"],
  );

  assert.ok(toGexf([changbian, plain]).includes(`read from ${title}, plain.txt`));

  const events = toGeoJson([sample]).features.filter((f) => f.properties.kind === "event");
  assert.ok(events.length > 0);
  const sampleTitle = sample.tree.meta.document.title ?? "xixia-ji-1043-1044.txt";
  for (const f of events) assert.equal(f.properties.document, sampleTitle);
});

test("exportDocuments names the files after the document and writes one TEI per document", () => {
  assert.deepEqual(
    exportDocuments([sample], "geojson").map((f) => f.name),
    ["xixia-ji-1043-1044.geojson"],
  );
  assert.deepEqual(
    exportDocuments([sample, readDocument(CHANGBIAN)], "tei").map((f) => f.name),
    ["xixia-ji-1043-1044.tei.xml", "KR2b0019_143.tei.xml"],
  );
  assert.deepEqual(
    exportDocuments([sample, readDocument(CHANGBIAN)], "gexf").map((f) => f.name),
    ["biannian.gexf"],
  );
  assert.throws(() => exportDocuments([], "csv"), /Cannot export without a document/);
});
