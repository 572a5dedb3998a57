/**
 * Builds data/variants/name-variants.tsv: the variant characters that the Kanripo texts write in
 * names (逺 for 遠, 寜 for 寧, 鳯 for 鳳, 陜 for 陝, 羗 for 羌), each with the one character of the
 * authority's names it stands for, as published variant tables give them. The annotator matches
 * names through it, so that 柔逺寨 is 柔遠寨 and 秦鳯路 is 秦鳳路 without an alias for each.
 *
 *     node --import tsx scripts/build-name-variants.ts [SOURCE_DIR] [OUTPUT.tsv]
 *
 * SOURCE_DIR defaults to ../shared/variants (beside the checkout), the CJKVI variant tables (MIT
 * licence) that scripts/build-variants.ts reads too; OUTPUT defaults to
 * data/variants/name-variants.tsv.
 *
 * A written character is kept when the search folding (OpenCC and its variant list) leaves it
 * alone (those it folds already match) and it is not the folding of a name's character (陕 of 陝
 * matches 陝 already; read as 陜 it would not), when it is not a character of the standard names of the
 * hand-made authority files (persons, places, polities, offices), and when the tables relate it to
 * exactly one standard character (a regular form of the 教育部 and 漢語大字典 tables, or a
 * character of those names), or to several of which exactly one is a character of those names, or
 * one that more tables give than any other (陜: 狹, and 峽 and 陝 of 川峽 and 陝西, 陝 by two tables). A
 * written character that is itself a regular form of those tables (番, a turn) is kept only where two
 * tables relate it to the standard one (陜 and 陝: 教育部 and CJKVI).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { foldChar } from "../src/search/fold.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = process.argv[2] ?? join(root, "..", "shared", "variants");
const outputPath = process.argv[3] ?? join(root, "data", "variants", "name-variants.tsv");

/** The tables read: each line `A,RELATION,B`, with the direction in which B stands for A. */
const TABLES: readonly { file: string; relation: string; written: "a" | "b" | "both" }[] = [
  { file: "twedu-variants.txt", relation: "twedu/variant", written: "b" },
  { file: "hydzd-variants.txt", relation: "hydzd/variant", written: "b" },
  { file: "cjkvi-variants.txt", relation: "cjkvi/variant", written: "both" },
];

const isHan = (c: string) => /^\p{Script=Han}$/u.test(c) && c.length === 1;

/** Every character of the standard names of the hand-made authority files. */
function nameCharacters(): Set<string> {
  const chars = new Set<string>();
  for (const file of ["persons", "places", "polities", "offices"]) {
    const text = readFileSync(join(root, "data", "authority", `${file}.jsonl`), "utf8");
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const record = JSON.parse(line) as { name: string };
      for (const c of record.name) if (isHan(c)) chars.add(c);
    }
  }
  return chars;
}

const names = nameCharacters();
/** The regular forms of the 教育部 and 漢語大字典 tables (their first column). */
const regular = new Set<string>();
for (const file of ["twedu-variants.txt", "hydzd-variants.txt"])
  for (const line of readFileSync(join(sourceDir, file), "utf8").split("\n")) {
    const [a, relation] = line.split(",");
    if (a !== undefined && relation?.endsWith("/variant") && isHan(a)) regular.add(a);
  }
/** The foldings of the names' characters (陕 of 陝西, 关 of 關中): simplified text writes them. */
const foldedNames = new Set([...names].map(foldChar));
/** A character a name may hold in its standard form. */
const isStandard = (c: string) => names.has(c) || regular.has(c);
/** Written character → the name characters it may stand for, with the tables that say so. */
const candidates = new Map<string, Map<string, Set<string>>>();
const add = (written: string, standard: string, source: string) => {
  if (written === standard || !isHan(written) || !isStandard(standard) || names.has(written)) return;
  if (foldChar(written) !== written || foldChar(written) === foldChar(standard)) return;
  // The folding of a name's character (陕 of 陝) matches that character already.
  if (foldedNames.has(written)) return;
  const targets = candidates.get(written) ?? new Map<string, Set<string>>();
  candidates.set(written, targets);
  const sources = targets.get(standard) ?? new Set<string>();
  targets.set(standard, sources);
  sources.add(source);
};
for (const table of TABLES) {
  const text = readFileSync(join(sourceDir, table.file), "utf8");
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const [a, relation, b] = line.split(",");
    if (a === undefined || b === undefined || relation !== table.relation) continue;
    if (table.written !== "a") add(b, a, table.relation);
    if (table.written !== "b") add(a, b, table.relation);
  }
}
const rows: string[] = [];
for (const [written, targets] of [...candidates].sort(([x], [y]) => (x < y ? -1 : 1))) {
  // A character the tables relate to several standard characters is read as the one that names
  // hold, and else left alone.
  let options = [...targets].sort(([x], [y]) => (x < y ? -1 : 1));
  if (new Set(options.map(([c]) => foldChar(c))).size > 1) options = options.filter(([c]) => names.has(c));
  // Among name characters, the one that more tables give.
  const most = Math.max(...options.map(([, sources]) => sources.size));
  if (options.filter(([, sources]) => sources.size === most).length === 1)
    options = options.filter(([, sources]) => sources.size === most);
  if (options.length === 0 || new Set(options.map(([c]) => foldChar(c))).size > 1) continue;
  const [standard, sources] = options[0]!;
  // A character that is itself a regular form (番, a turn) is read as another (蕃) only where two
  // tables agree.
  if (regular.has(written) && sources.size < 2) continue;
  rows.push(`${written}\t${standard}\t${[...sources].sort().join(" ")}`);
}
const header = [
  "# biannian variant characters in names: the written character, the character of the authority's",
  "# names it stands for, and the tables that relate them. Generated by scripts/build-name-variants.ts",
  "# from the CJKVI variants database (https://github.com/cjkvi/cjkvi-variants), MIT licence,",
  "# Copyright (c) 2014 CJKVI Database; nothing here is added by hand.",
  "#",
  "# written\tstandard\tsources",
];
writeFileSync(outputPath, `${[...header, ...rows].join("\n")}\n`);
console.log(`${rows.length} variant characters → ${outputPath}`);
