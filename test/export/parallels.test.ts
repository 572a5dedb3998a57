/**
 * Parallel accounts exported: a TEI linkGrp per group in each document's standOff, valid against
 * tei_all, its links pointing at the entries of both files; a CSV table.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DOMParser } from "@xmldom/xmldom";
import { collatedEntries, findParallels } from "../../src/collate/index.ts";
import { parallelsCsv, teiParallels } from "../../src/export/parallels.ts";
import { toTei } from "../../src/export/tei.ts";
import { readChronicle } from "../../src/pipeline.ts";

const SCHEMA = join(process.cwd(), "..", "shared", "schemas", "tei_all.rng");
const TEI_NS = "http://www.tei-c.org/ns/1.0";
const files = ["corpus/xixia-ji-1043-1044.txt", "corpus/liaoshi/KR2a0033_019.txt"];
const docs = files.map((name) => {
  const text = readFileSync(name, "utf8");
  const { tree, records } = readChronicle(text);
  return { name, text, tree, records, entries: collatedEntries(name, tree.meta.document, records) };
});
const groups = findParallels(docs.flatMap((d) => d.entries));
const fileOf = (name: string) =>
  `${name
    .split("/")
    .pop()!
    .replace(/\.txt$/u, "")}.xml`;

test("each document's TEI links its entries to their parallels in the other file, with the differences", (t) => {
  const [sample, liao] = docs;
  const xml = toTei(sample!, { parallels: teiParallels(groups, sample!.name, fileOf) });
  const dom = new DOMParser().parseFromString(xml, "text/xml");
  const linkGrps = [...dom.getElementsByTagNameNS(TEI_NS, "linkGrp")];
  assert.equal(linkGrps.length, groups.length);
  // 宋以契丹主親征夏國，遣餘靖致贐禮 (the sample's e29) and 遼史's 宋以親征夏國遣余靖致贐禮.
  const group = groups.find((g) => g.entries.some((e) => e.document === sample!.name && e.id === "e29"))!;
  const other = group.entries.find((e) => e.document === liao!.name)!;
  const link = linkGrps
    .flatMap((g) => [...g.getElementsByTagNameNS(TEI_NS, "link")])
    .find((l) => l.getAttribute("target")!.startsWith("#e29 "))!;
  assert.equal(link.getAttribute("target"), `#e29 KR2a0033_019.xml#${other.id}`);
  // Every difference of every group is a desc of its linkGrp.
  assert.equal(
    [...dom.getElementsByTagNameNS(TEI_NS, "desc")].filter((d) => d.getAttribute("type") === "difference")
      .length,
    groups.reduce((n, g) => n + g.differences.length, 0),
  );
  if (!existsSync(SCHEMA)) return t.skip(`no TEI schema at ${SCHEMA}`);
  if (spawnSync("jing", [], { encoding: "utf8" }).error) return t.skip("jing is not installed");
  const dir = mkdtempSync(join(tmpdir(), "biannian-parallels-"));
  const paths = docs.map((d) => {
    const path = join(dir, fileOf(d.name));
    writeFileSync(path, toTei(d, { parallels: teiParallels(groups, d.name, fileOf) }));
    return path;
  });
  const result = spawnSync("jing", [SCHEMA, ...paths], { encoding: "utf8" });
  assert.equal(result.stdout, "");
  assert.equal(result.status, 0, result.stderr);
});

test("the parallels CSV has one row per account of each group", () => {
  const csv = parallelsCsv(groups);
  const lines = csv.trimEnd().split("\r\n");
  assert.equal(
    lines.length - 1,
    groups.reduce((n, g) => n + g.entries.length, 0),
  );
  assert.match(lines[0]!, /^\uFEFFgroup,score,document,entry,date,headline,differences$/u);
});
