/**
 * Builds data/variants/date-variants.tsv: the variant, old and simplified forms of every character
 * that can occur in a date or an era name, as published variant tables give them.
 *
 *     node --import tsx scripts/build-variants.ts [SOURCE_DIR] [OUTPUT.tsv]
 *
 * SOURCE_DIR defaults to ../shared/variants (beside the checkout) and holds the CJKVI variant
 * tables (MIT licence) and Unihan_Variants.txt.bz2 (Unicode licence). OUTPUT defaults to
 * data/variants/date-variants.tsv.
 *
 * The date characters are the characters of every era name in data/calendar/chinese-calendar.tsv,
 * the ten stems, the twelve branches, the numerals and the few words of a date (年月日正閏春夏秋冬朔晦是
 * 歲元). A written character is kept when a table maps it to one of them; it then keeps every
 * standard character the tables give it (夘: 卯, and also 夗, 外 …), ranked date characters first.
 *
 * Relations, each a row `WRITTEN STANDARD RELATION SOURCES`:
 *
 * - `variant`: a table says WRITTEN is a variant, old form or simplified form of STANDARD
 *   (漢語大字典 and 教育部 variants, CJKVI variants and simplified forms, Japanese old forms,
 *   numeral variants, Unihan semantic, Z, simplified and traditional variants);
 * - `indirect`: WRITTEN, not itself a date character, is a variant of a date character that at
 *   least two tables make a variant of STANDARD (厯 → 歷 → 曆); SOURCES names both steps and the
 *   character between them;
 * - `lookalike`: for stems and branches only, WRITTEN and STANDARD are look-alikes that are not
 *   variants (CJKVI non-cognates and radical forms, Unihan spoofing variants), directly or through
 *   one character (已 – 己 – 巳), for a reader that knows whether a stem or a branch is expected.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeCalendarData } from "../src/calendar/data-format.ts";
import { BRANCHES, STEMS } from "../src/text/ganzhi.ts";
import { DATE_CHARACTERS_PREFIX, DATE_NUMERALS, DATE_WORDS } from "../src/text/variants.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = process.argv[2] ?? join(root, "..", "shared", "variants");
const outputPath = process.argv[3] ?? join(root, "data", "variants", "date-variants.tsv");

/** A relation between two single characters, `from` read as `to`, with the table that says so. */
interface Edge {
  from: string;
  to: string;
  source: string;
}

/** Removes variation selectors (the Japanese old-form table writes its characters with IVS). */
const bare = (text: string): string => text.trim().replace(/[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu, "");

/** The one character `text` holds, or null for a description sequence, a note or a blank. */
function single(text: string | undefined): string | null {
  if (text === undefined) return null;
  const chars = Array.from(bare(text));
  if (chars.length !== 1) return null;
  const c = chars[0]!;
  return /\p{Script=Han}|〇/u.test(c) ? c : null;
}

/** The data lines of a CJKVI table: `A,table/relation,B[,note]`, without comments and headers. */
function csvRows(file: string): [string, string, string][] {
  const rows: [string, string, string][] = [];
  for (const line of readFileSync(join(sourceDir, file), "utf8").split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const [a, relation, b] = line.split(",");
    const from = single(a);
    const to = single(b);
    if (from === null || to === null || relation === undefined) continue;
    rows.push([from, relation.trim(), to]);
  }
  return rows;
}

/** The Unihan variant fields, decompressed with bzip2 or, failing that, python3. */
function unihanText(): string {
  const path = join(sourceDir, "Unihan_Variants.txt.bz2");
  const attempts: [string, string[]][] = [
    ["bzip2", ["-dc", path]],
    ["python3", ["-c", "import bz2,sys; sys.stdout.buffer.write(bz2.open(sys.argv[1]).read())", path]],
  ];
  for (const [command, args] of attempts) {
    const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status === 0 && result.stdout.length > 0) return result.stdout;
  }
  throw new Error(`cannot decompress ${path}: neither bzip2 nor python3 worked`);
}

const fromCodePoint = (token: string): string | null => {
  const m = /^U\+([0-9A-F]{4,6})/.exec(token);
  return m ? String.fromCodePoint(Number.parseInt(m[1]!, 16)) : null;
};

/** Variant edges (written → standard) and look-alike pairs, from every table. */
function readTables(): { variants: Edge[]; lookalikes: Edge[] } {
  const variants: Edge[] = [];
  const lookalikes: Edge[] = [];
  const both = (list: Edge[], a: string, b: string, source: string): void => {
    list.push({ from: a, to: b, source }, { from: b, to: a, source });
  };
  // 漢語大字典 and 教育部: `STANDARD,table/variant,VARIANT` and `TRADITIONAL,hydzd/simplified,SIMPLIFIED`.
  for (const file of ["hydzd-variants.txt", "twedu-variants.txt"]) {
    for (const [a, relation, b] of csvRows(file)) {
      if (/^(hydzd|twedu)\/(variant|simplified)$/.test(relation))
        variants.push({ from: b, to: a, source: relation });
    }
  }
  // CJKVI's own variants are related both ways (the relation is its own reverse).
  for (const [a, relation, b] of csvRows("cjkvi-variants.txt")) {
    if (relation === "cjkvi/variant") both(variants, a, b, relation);
  }
  // `TRADITIONAL,cjkvi/simplified,SIMPLIFIED` (also variant- and pseudo-simplified);
  // `SIMPLIFIED,cjkvi/traditional,TRADITIONAL`. A simplified form is read as its traditional one.
  for (const [a, relation, b] of csvRows("cjkvi-simplified.txt")) {
    if (relation === "cjkvi/traditional") variants.push({ from: a, to: b, source: relation });
    else if (/^cjkvi\/(variant-|pseudo-)?simplified$/.test(relation)) {
      variants.push({ from: b, to: a, source: relation });
    }
  }
  // `NUMERAL,cjkvi/numeric,VARIANT` (壹 for 一).
  for (const [a, relation, b] of csvRows("numeric-variants.txt")) {
    if (relation === "cjkvi/numeric") variants.push({ from: b, to: a, source: relation });
  }
  // Japanese new form, tab, old form: the new form is read as the old one.
  for (const line of readFileSync(join(sourceDir, "jp-old-style.txt"), "utf8").split("\n")) {
    if (line.startsWith("#")) continue;
    const [fresh, old] = line.split("\t");
    const from = single(fresh);
    const to = single(old);
    if (from !== null && to !== null && from !== to) variants.push({ from, to, source: "jp-old-style" });
  }
  // Look-alikes that are not variants, and the forms a radical takes inside other characters.
  for (const [a, relation, b] of csvRows("non-cognates.txt")) {
    if (relation === "cjkvi/non-cognate") both(lookalikes, a, b, relation);
  }
  for (const [a, relation, b] of csvRows("radical-variants.txt")) {
    // Only the forms of a radical that is itself a stem or branch (己: 已, 巳); 甲 and 申 as forms
    // of the radical 田 say nothing about reading one for the other.
    if (/^cjkvi\/radical-variant/.test(relation) && GANZHI.has(a)) both(lookalikes, a, b, relation);
  }
  for (const line of unihanText().split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const [code, field, values] = line.split("\t");
    const a = fromCodePoint(code ?? "");
    if (a === null || field === undefined || values === undefined) continue;
    for (const token of values.trim().split(/\s+/)) {
      const b = fromCodePoint(token);
      if (b === null || b === a) continue;
      const source = `unihan/${field}`;
      if (field === "kSemanticVariant" || field === "kZVariant") both(variants, a, b, source);
      else if (field === "kTraditionalVariant") variants.push({ from: a, to: b, source });
      else if (field === "kSimplifiedVariant") variants.push({ from: b, to: a, source });
      else if (field === "kSpoofingVariant") both(lookalikes, a, b, source);
    }
  }
  return { variants, lookalikes };
}

/** The characters of every era name and alias in the calendar. */
function eraCharacters(): string[] {
  const text = readFileSync(join(root, "data", "calendar", "chinese-calendar.tsv"), "utf8");
  const chars = new Set<string>();
  for (const era of decodeCalendarData(text).eras) {
    for (const name of era.names) {
      if (name === "" || name.startsWith("（")) continue; // （無年號）: a reign without era name
      for (const c of name) chars.add(c);
    }
  }
  return [...chars].sort(byCodePoint);
}

const byCodePoint = (a: string, b: string): number => a.codePointAt(0)! - b.codePointAt(0)!;

const GANZHI = new Set([...STEMS, ...BRANCHES]);
const ERA_CHARS = eraCharacters();
const DATE_CHARS = new Set([...ERA_CHARS, ...STEMS, ...BRANCHES, ...DATE_NUMERALS, ...DATE_WORDS]);

/** Sources of each relation: written → standard → tables. */
type Relation = Map<string, Map<string, Set<string>>>;

function index(edges: Edge[], keep: (edge: Edge) => boolean = () => true): Relation {
  const out: Relation = new Map();
  for (const edge of edges) {
    if (edge.from === edge.to || !keep(edge)) continue;
    const targets = out.get(edge.from) ?? new Map<string, Set<string>>();
    out.set(edge.from, targets);
    const sources = targets.get(edge.to) ?? new Set<string>();
    targets.set(edge.to, sources);
    sources.add(edge.source);
  }
  return out;
}

const joinSources = (sources: Iterable<string>): string => [...new Set(sources)].sort().join(",");

/**
 * Paths of two steps, `from` → middle → `to`, where `from` → `to` is not itself a step: each target
 * with its paths written `TABLES>MIDDLE>TABLES`. `middles` and `targets` limit the characters, and
 * `second` is the least number of tables that must attest the second step.
 */
function twoSteps(
  relation: Relation,
  from: string,
  middles: Set<string> | null,
  targets: Set<string>,
  second = 1,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const direct = relation.get(from) ?? new Map<string, Set<string>>();
  for (const [middle, first] of direct) {
    if (middles !== null && !middles.has(middle)) continue;
    for (const [to, sources] of relation.get(middle) ?? []) {
      if (to === from || direct.has(to) || !targets.has(to) || sources.size < second) continue;
      const paths = out.get(to) ?? [];
      paths.push(`${joinSources(first)}>${middle}>${joinSources(sources)}`);
      out.set(to, paths);
    }
  }
  return out;
}

interface Row {
  written: string;
  standard: string;
  relation: "variant" | "indirect" | "lookalike";
  sources: string;
  /** Number of tables behind it, for ranking. */
  weight: number;
}

function derive(): Row[] {
  const { variants, lookalikes } = readTables();
  const variantIndex = index(variants);
  // Look-alike pairs with a stem or branch on one side.
  const lookIndex = index(lookalikes, (e) => GANZHI.has(e.from) || GANZHI.has(e.to));
  const rows: Row[] = [];
  const written = new Set<string>([...variantIndex.keys(), ...lookIndex.keys()]);
  for (const w of [...written].sort(byCodePoint)) {
    const ownDate = DATE_CHARS.has(w);
    // A date character is read as itself first; it only gains other date characters.
    const wanted = (c: string): boolean => !ownDate || DATE_CHARS.has(c);
    const direct = [...(variantIndex.get(w) ?? [])].filter(([to]) => wanted(to));
    const indirect = ownDate ? [] : [...twoSteps(variantIndex, w, DATE_CHARS, DATE_CHARS, 2)];
    const reachesDate = direct.some(([to]) => DATE_CHARS.has(to)) || indirect.length > 0;
    const group: Row[] = [];
    if (reachesDate) {
      for (const [to, sources] of direct) {
        group.push({
          written: w,
          standard: to,
          relation: "variant",
          sources: joinSources(sources),
          weight: sources.size,
        });
      }
      for (const [to, paths] of indirect) {
        group.push({
          written: w,
          standard: to,
          relation: "indirect",
          sources: paths.sort().join(","),
          weight: 0,
        });
      }
    }
    const looks = new Map<string, { sources: string; weight: number }>();
    for (const [to, sources] of lookIndex.get(w) ?? []) {
      if (GANZHI.has(to)) looks.set(to, { sources: joinSources(sources), weight: sources.size });
    }
    for (const [to, paths] of twoSteps(lookIndex, w, null, GANZHI)) {
      looks.set(to, { sources: paths.sort().join(","), weight: 0 });
    }
    for (const [to, { sources, weight }] of looks) {
      group.push({ written: w, standard: to, relation: "lookalike", sources, weight });
    }
    const order = { variant: 0, indirect: 1, lookalike: 2 };
    group.sort(
      (a, b) =>
        order[a.relation] - order[b.relation] ||
        Number(DATE_CHARS.has(b.standard)) - Number(DATE_CHARS.has(a.standard)) ||
        b.weight - a.weight ||
        byCodePoint(a.standard, b.standard),
    );
    rows.push(...group);
  }
  return rows;
}

function render(rows: Row[]): string {
  const covered = new Set(rows.map((r) => r.standard).filter((c) => DATE_CHARS.has(c)));
  const header = [
    "# biannian variant characters in dates and era names: for each written character, the standard",
    "# characters it may stand for, when one of them can occur in a date or an era name.",
    "#",
    "# Derived from published tables; nothing here is added by hand:",
    "# - CJKVI variants database (https://github.com/cjkvi/cjkvi-variants), MIT licence,",
    "#   Copyright (c) 2014 CJKVI Database: hydzd-variants (漢語大字典), twedu-variants (教育部 異體字字典),",
    "#   cjkvi-variants, cjkvi-simplified, numeric-variants, jp-old-style, non-cognates, radical-variants.",
    "# - Unicode Character Database, Unihan_Variants.txt (Unicode 15.0), © 2022 Unicode, Inc.,",
    "#   Unicode License (https://www.unicode.org/license.txt).",
    "#",
    "# Regenerate with:  node --import tsx scripts/build-variants.ts [../shared/variants]",
    "# (it also reads the era names of data/calendar/chinese-calendar.tsv).",
    "#",
    `# Date characters (${DATE_CHARS.size}, listed on the next line): the ${ERA_CHARS.length} characters of the era`,
    `# names, the stems ${STEMS}, the branches ${BRANCHES}, the numerals`,
    `# ${DATE_NUMERALS} and ${DATE_WORDS}. ${covered.size} of them have other written forms here,`,
    `# in ${rows.length} rows for ${new Set(rows.map((r) => r.written)).size} written characters.`,
    `${DATE_CHARACTERS_PREFIX}${[...DATE_CHARS].sort(byCodePoint).join("")}`,
    "#",
    "# Columns, tab-separated: WRITTEN  STANDARD  RELATION  SOURCES. A written character's rows come in",
    "# order of preference: variants before indirect ones, date characters first, then the most tables.",
    "# RELATION: variant   — a table makes WRITTEN a variant, old or simplified form of STANDARD;",
    "#           indirect  — through a date character that two tables or more make a variant of STANDARD:",
    "#                       SOURCES reads `TABLES>MIDDLE>TABLES` (厯 → 歷 → 曆);",
    "#           lookalike — stems and branches only: look-alikes that are not variants (已 for 己 or 巳),",
    "#                       to be read only where a stem or a branch is expected.",
    "# SOURCES: table/relation names, comma-separated (unihan/kSemanticVariant, hydzd/variant …).",
  ];
  const lines = rows.map((r) => [r.written, r.standard, r.relation, r.sources].join("\t"));
  return `${[...header, ...lines].join("\n")}\n`;
}

if (!existsSync(sourceDir)) {
  console.error(`no variant tables at ${sourceDir}`);
  process.exit(1);
}
const rows = derive();
mkdirSync(dirname(outputPath), { recursive: true });
writeFileSync(outputPath, render(rows));
const writtenCount = new Set(rows.map((r) => r.written)).size;
console.log(`${outputPath}: ${rows.length} rows, ${writtenCount} written characters`);
