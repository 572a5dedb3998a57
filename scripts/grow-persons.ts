/**
 * Grows the authority's persons from the whole 續資治通鑑長編: runs the annotator's person rules
 * (src/annotate/person-rules.ts: office + name, 知X州, envoys, speakers) over every juan of
 * corpus/changbian/, groups the names they find into persons, and writes
 * data/authority/persons-changbian.jsonl.
 *
 *     node --import tsx scripts/grow-persons.ts [--min-entries N] [--out FILE]
 *
 * A name is one person while the years of the entries that name it follow each other with no gap
 * of more than 30 years; a longer gap starts another person of the same name. A name the rules cut
 * short (`陳升` of 陳升之) is completed by the character that follows nearly all its mentions. A
 * person is kept when the rules found the name in two juan of its years, or it is named in at least
 * `--min-entries` entries (default 3), and no hand-made record (persons.jsonl) has the name or alias
 * already; words the rules take for names (`司農寺`, `管勾`) are left out, and so is the start of
 * longer names (`劉繼` of 劉繼業, 劉繼元). A name written in variant characters (`呂公著`, `吕公著`)
 * is one name under the spelling found most often, the others its `variant` aliases.
 *
 * Every record keeps the mark `"provisional": true` until a historian confirms it: setting it to
 * `false` (and correcting the record as needed) keeps the record as it is when the file is grown
 * again; a confirmed record may also be moved to persons.jsonl. Ids are kept from one run to the
 * next for the same name and overlapping years (grow-persons-ids.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EntityMention, GrownPersonRecord } from "../src/annotate/index.ts";
import { loadAuthority, PROVISIONAL_PREFIX } from "../src/annotate/index.ts";
import { listEras, loadCalendar } from "../src/calendar/index.ts";
import type { YearContext } from "../src/date/index.ts";
import { readChronicle } from "../src/pipeline.ts";
import { foldChar } from "../src/search/fold.ts";
import { keptRecord, newId, slugOf } from "./grow-persons-ids.ts";
import { NOT_PERSONS } from "./grow-persons-words.ts";
import { COMPOUND, OFFICE_RULES, WORD_SURNAMES, WrittenNames } from "./grow-persons-written.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const MIN_ENTRIES = Number(option("--min-entries") ?? 3);
const OUT = option("--out") ?? join(root, "data", "authority", "persons-changbian.jsonl");
const CORPUS = join(root, "corpus", "changbian");
/**
 * The years 長編 tells (建隆元年 to 元符三年): an entry dated outside them was dated wrongly (a juan
 * of 淳化 read as 淳熙 gives 1178), and takes the year of the name's mention in the nearest juan.
 */
const FIRST_YEAR = 960;
const LAST_YEAR = 1100;
/** A gap of more years than this between two entries naming a name makes two persons. */
const GAP = 30;
/**
 * A name the rules found in one juan and fewer than `--min-entries` entries is kept when the
 * chronicle writes it in at least this many entries from `WRITTEN_REACH` years before its first
 * year to as many after its last (found or not): a man introduced once with his office is named
 * again without it (`西上閤門使劉几`; `詔几赴永興軍`, `召劉几`).
 */
const MIN_WRITTEN = 4;
const WRITTEN_REACH = 20;

const fold = (s: string) => [...s].map(foldChar).join("");

/** One mention of a name found by the rules, where it stands. */
interface Sighting {
  juan: number;
  entry: string;
  year: number | null;
  office: string | null;
  /** The character after the name in the reading text. */
  next: string;
  /** The name as this mention writes it (`吕公著`, `呂公著`). */
  written: string;
}

/** The first character of the reading text at or after `i`, past line marks and page markers. */
function readingCharAt(text: string, i: number): string {
  let at = i;
  for (;;) {
    if (text.startsWith("¶\n", at)) at += 2;
    else if (text.startsWith("<pb:", at)) at = text.indexOf("\n", at) + 1 || text.length;
    else break;
  }
  return text[at] ?? "";
}

const authority = loadAuthority({ grown: false });
const offices = new Map(authority.ofKind("office").map((o) => [o.id, o]));
/** Names and aliases of the hand-made persons, folded. */
const known = new Set<string>();
for (const p of authority.ofKind("person"))
  for (const n of [p.name, ...p.aliases.map((a) => a.name)]) known.add(fold(n));

/** Names and aliases of the places, folded: `任成都` (成都 after the surname 任) is no person. */
const PLACES = new Set(
  authority.ofKind("place").flatMap((p) => [p.name, ...p.aliases.map((a) => a.name)].map(fold)),
);
/** True when the name is a surname of one character with a place's name after it. */
const surnameAndPlace = (name: string) =>
  name.length === 3 && ["", "府"].some((end) => PLACES.has(fold(name.slice(1) + end)));

/** Verbs that follow a name: to recommend, confer, replace, give, go, teach, tell, follow, move, act, serve, lose. */
const VERB_AFTER = /[薦加代與如教告從遷轉改權充落]$/;
/**
 * True when the name is a shorter name found more often with one of `VERB_AFTER` after it
 * (`韓絳薦`: 韓絳 recommends).
 */
const nameAndVerb = (item: { name: string; sightings: readonly unknown[] }) => {
  if (item.name.length !== 3 || !VERB_AFTER.test(item.name)) return false;
  const shorter = byName.get(item.name.slice(0, 2));
  return shorter !== undefined && shorter.sightings.length > item.sightings.length;
};

const calendar = loadCalendar();
/** The era names of the calendar (`景徳`, `慶曆`), folded: a name the rules find that is one is a date. */
const ERAS = new Set(listEras(calendar).flatMap((e) => [e.name, ...e.aliases].map(fold)));
const files = readdirSync(CORPUS)
  .filter((f) => /^KR2b0019_\d+\.txt$/.test(f))
  .sort();
const byName = new Map<
  string,
  { name: string; rules: Map<string, number>; foundIn: Set<number>; sightings: Sighting[] }
>();
/** The reading text of every entry, with its year: where a name is written, whatever the rules found. */
const written: { text: string; year: number | null }[] = [];
let carry: YearContext | undefined;
let started = Date.now();
for (const file of files) {
  const number = Number(/_(\d+)\.txt$/.exec(file)![1]);
  const juan = number - 4;
  if (juan < 1) continue;
  const text = readFileSync(join(CORPUS, file), "utf8");
  const { tree, lastYear } = readChronicle(text, calendar, { authority, ...(carry ? { carry } : {}) });
  carry = lastYear ?? carry;
  for (const p of tree.data?.annotation?.provisional ?? []) {
    const item = byName.get(p.name) ?? { name: p.name, rules: new Map(), foundIn: new Set(), sightings: [] };
    item.rules.set(p.rule, (item.rules.get(p.rule) ?? 0) + 1);
    item.foundIn.add(juan);
    byName.set(p.name, item);
  }
  for (const year of tree.children)
    for (const entry of year.children) {
      const start = entry.data?.date?.julian.start ?? year.heading?.data?.date?.julian.start;
      const y = start === undefined ? null : Number.parseInt(start.slice(0, start.indexOf("-", 1)), 10);
      written.push({
        text: [entry.headline.value, ...entry.details.map((d) => d.value)].join("\n"),
        year: y !== null && Number.isInteger(y) && y >= FIRST_YEAR && y <= LAST_YEAR ? y : null,
      });
      const mentions = (entry.data?.mentions ?? []).filter((m): m is EntityMention => m.kind !== "quantity");
      for (const [i, m] of mentions.entries()) {
        if (!m.ref.startsWith(PROVISIONAL_PREFIX)) continue;
        const name = m.ref.slice(PROVISIONAL_PREFIX.length);
        // The office written right before the name (`右正言梁適`), if any.
        const before = mentions
          .slice(0, i)
          .reverse()
          .find((o) => o.kind === "office" && (o.end === m.start || o.end === m.start - 1));
        byName.get(name)?.sightings.push({
          juan,
          entry: entry.id,
          year: Number.isInteger(y) ? y : null,
          office: before ? (offices.get(before.ref)?.name ?? before.text) : null,
          next: readingCharAt(text, m.end),
          written: name,
        });
      }
    }
  if (Date.now() - started > 10_000) {
    process.stderr.write(`… 卷${juan}: ${byName.size} names\n`);
    started = Date.now();
  }
}

/** Verbs that follow a name and never end one (`孔子曰`, `王易副之`, `丁騭進`, `陳興等`, `王棠来賀`), and those after which a name has two characters (`程顥判武學`: see NEVER_ENDS in src/annotate/person-rule-facts.ts, less 初, which ends 宋太初 and 吕景初), in traditional and simplified forms; 言 may (趙昌言). */
const NEVER_COMPLETES = /^[曰奏副對对答為为等進进來来知有始賜弑弒迓即加論判兼懼]$/u;

/**
 * A name the rules cut short before a character that cannot end a name for them (`陳升` of 陳升之,
 * `李師` of 李師中): where one character follows three quarters of its mentions, it belongs to the
 * name.
 */
function completed(sightings: readonly Sighting[]): string | null {
  if (sightings.length < 2) return null;
  const counts = new Map<string, number>();
  for (const s of sightings) counts.set(s.next, (counts.get(s.next) ?? 0) + 1);
  const [next, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return /^\p{Script=Han}$/u.test(next) && !NEVER_COMPLETES.test(next) && count >= sightings.length * 0.75
    ? next
    : null;
}

/** The records of the last run by folded name (see grow-persons-ids.ts for how ids are kept). */
const existing = new Map<string, GrownPersonRecord[]>();
if (existsSync(OUT))
  for (const line of readFileSync(OUT, "utf8").split("\n"))
    if (line.trim() !== "") {
      const record = JSON.parse(line) as GrownPersonRecord;
      existing.set(fold(record.name), [...(existing.get(fold(record.name)) ?? []), record]);
    }

const CN = "〇一二三四五六七八九";
/** A juan number in Chinese numerals (一百二十六). */
function juanName(n: number): string {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  let s = h > 0 ? `${CN[h]}百` : "";
  if (t > 0) s += `${t > 1 || h > 0 ? CN[t] : ""}十`;
  else if (h > 0 && u > 0) s += "〇";
  if (u > 0) s += CN[u];
  return s;
}
const juanSource = (juan: number) =>
  `《長編》卷${juanName(juan)} (四庫全書文淵閣本, Kanripo KR2b0019_${String(juan + 4).padStart(3, "0")})`;

/** The dated sightings of a name, those dated outside the years of 長編 given the year of the nearest juan's. */
function redated(sightings: readonly Sighting[]): Sighting[] {
  const inSpan = sightings.filter((s) => s.year !== null && s.year >= FIRST_YEAR && s.year <= LAST_YEAR);
  if (inSpan.length === 0) return sightings.filter((s) => s.year !== null);
  return sightings
    .filter((s) => s.year !== null)
    .map((s) => {
      if (s.year! >= FIRST_YEAR && s.year! <= LAST_YEAR) return s;
      let near = inSpan[0]!;
      for (const t of inSpan) if (Math.abs(t.juan - s.juan) < Math.abs(near.juan - s.juan)) near = t;
      return { ...s, year: near.year };
    });
}

/** The other spellings of a name in a group of its mentions, each with the first juan that writes it. */
function variantsOf(name: string, group: readonly Sighting[]): GrownPersonRecord["aliases"] {
  const first = new Map<string, number>();
  for (const s of group)
    if (s.written !== name && fold(s.written) === fold(name) && !first.has(s.written))
      first.set(s.written, s.juan);
  return [...first].map(([written, juan]) => ({ name: written, type: "variant", source: juanSource(juan) }));
}

const usedIds = new Set(authority.records.map((r) => r.id));
/** The persons to write: each name's groups of sightings, with the record of the last run if any. */
const persons: {
  item: { name: string; rules: Map<string, number> };
  group: Sighting[];
  kept?: GrownPersonRecord;
  /** For a name kept for where the chronicle writes it: in how many entries. */
  writtenIn?: number;
}[] = [];
let candidates = 0;
// Names cut short are completed, and merged with the full name where the rules found it too.
for (const item of [...byName.values()]) {
  const next = completed(item.sightings);
  if (next === null || item.name.length >= 3) continue;
  const name = item.name + next;
  const full = byName.get(name);
  byName.delete(item.name);
  if (full) {
    for (const [rule, n] of item.rules) full.rules.set(rule, (full.rules.get(rule) ?? 0) + n);
    for (const j of item.foundIn) full.foundIn.add(j);
    full.sightings.push(...item.sightings);
  } else byName.set(name, { ...item, name });
}
// One name written in variant characters (`呂公著`, `吕公著`; `許將`, `許将`) is one name, under the
// spelling found most often.
const byFold = new Map<string, string[]>();
for (const name of byName.keys()) byFold.set(fold(name), [...(byFold.get(fold(name)) ?? []), name]);
for (const names of byFold.values()) {
  if (names.length < 2) continue;
  const [main, ...rest] = names
    .map((n) => byName.get(n)!)
    .sort((a, b) => b.sightings.length - a.sightings.length || (a.name < b.name ? -1 : 1));
  for (const item of rest) {
    for (const [rule, n] of item.rules) main!.rules.set(rule, (main!.rules.get(rule) ?? 0) + n);
    for (const j of item.foundIn) main!.foundIn.add(j);
    main!.sightings.push(...item.sightings);
    byName.delete(item.name);
  }
}
// A name that is the given name of a longer one that a record holds or the rules found more often
// (`安石` of 王安石) is that person's, not another.
const longer = new Map<string, number>([...known].map((n) => [n, Number.POSITIVE_INFINITY]));
for (const [name, item] of byName) if (name.length === 3) longer.set(fold(name), item.foundIn.size);
const givenOfLonger = (name: string) => {
  if (name.length !== 2) return false;
  const found = byName.get(name)?.foundIn.size ?? 0;
  for (const [l, n] of longer)
    if (l.length === 3 && l.endsWith(fold(name)) && (n >= 3 || n >= found)) return true;
  return false;
};
/**
 * A two-character name that is the start of longer names (`劉繼` of 劉繼業, 劉繼元; `吕大` of 吕大防):
 * in half its mentions or more it goes on with a character that makes a name a record holds or
 * the rules found, and no one character completes it.
 */
const startsLonger = (item: { name: string; sightings: readonly Sighting[] }) =>
  item.name.length === 2 &&
  item.sightings.length > 0 &&
  item.sightings.filter(
    (s) =>
      known.has(fold(item.name + s.next)) ||
      (byName.has(item.name + s.next) && !NOT_PERSONS.test(item.name + s.next)),
  ).length *
    2 >=
    item.sightings.length;
const writtenNames = new WrittenNames(written);
/**
 * True when the chronicle writes the name with 縣 after it twice or more: a county the records do
 * not hold (`駐蹕韋城` and `次韋城縣`), not a man.
 */
const countyName = (name: string) => {
  let n = 0;
  for (const w of written) {
    for (let at = w.text.indexOf(`${name}縣`); at !== -1; at = w.text.indexOf(`${name}縣`, at + 1)) n++;
    if (n >= 2) return true;
  }
  return false;
};
/** True when a name written between these characters is part of a longer name a record holds or the rules found. */
const partOfLonger = (name: string, before: string, after: string) =>
  known.has(fold(name + after)) ||
  (byName.has(name + after) && !NOT_PERSONS.test(name + after)) ||
  (name.length === 2 && (known.has(fold(before + name)) || byName.has(before + name)));
/**
 * The starts of the longer names of the records and of the rules (`韓宗` of 韓宗道, `耶律仁` of 耶律仁先);
 * of the rules', only names they found in two juan or more: `宋湜諡`, found once
 * (`刑部尚書宋湜諡曰恭`), does not make 宋湜 the start of a longer name.
 */
const prefixes = new Set(
  [
    ...known,
    // Not a name the words say is none (`程顥判`: 程顥 and the verb 判).
    ...[...byName.values()]
      .filter((i) => i.foundIn.size >= 2 && !NOT_PERSONS.test(i.name))
      .map((i) => fold(i.name)),
  ].flatMap((n) => Array.from({ length: Math.max(0, n.length - 2) }, (_, k) => n.slice(0, k + 2))),
);
/**
 * A name may be kept for where the chronicle writes it when a rule found it after an office, and
 * it is no known name, or name the rules found in two juan or more, with the next character taken in
 * (`韓絳薦`).
 */
const writtenMayKeep = (item: { name: string; rules: ReadonlyMap<string, number> }) => {
  if (!OFFICE_RULES.some((r) => item.rules.has(r))) return false;
  if (WORD_SURNAMES.has(item.name[0]!) || /[公氏]$/.test(item.name)) return false;
  if (prefixes.has(fold(item.name))) return false;
  const cut = item.name.slice(0, -1);
  if (cut.length < 2) return true;
  if (known.has(fold(cut))) return false;
  // A shorter name the rules found at the end of printed lines whose next line goes on with this
  // name's last character (`劉舜¶\n卿`) is this name cut short, not another.
  const shorter = byName.get(cut);
  if (shorter?.sightings.some((s) => s.next === item.name.at(-1))) return true;
  return (shorter?.foundIn.size ?? 0) < 2;
};
for (const item of [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
  if (known.has(fold(item.name)) || NOT_PERSONS.test(item.name) || givenOfLonger(item.name)) continue;
  if (startsLonger(item)) continue;
  if (ERAS.has(fold(item.name)) || surnameAndPlace(item.name) || nameAndVerb(item)) continue;
  if (countyName(item.name)) continue;
  // The sightings in order of year; a gap of more than GAP years starts another person.
  const dated = redated(item.sightings).sort((a, b) => a.year! - b.year! || a.juan - b.juan);
  const groups: Sighting[][] = [];
  for (const s of dated) {
    const last = groups.at(-1);
    if (last && s.year! - last.at(-1)!.year! <= GAP) last.push(s);
    else groups.push([s]);
  }
  for (const group of groups) {
    candidates++;
    const entries = new Set(group.map((s) => `${s.juan}:${s.entry}`));
    // The rules found the name in two juan of the group, or in one that names it in more entries.
    const foundIn = new Set(group.map((s) => s.juan).filter((j) => item.foundIn.has(j)));
    let writtenIn: number | undefined;
    if (foundIn.size < 2 && entries.size < MIN_ENTRIES) {
      if (!writtenMayKeep(item)) continue;
      writtenIn = writtenNames.entriesWriting(
        [...new Set(group.map((s) => s.written))],
        group[0]!.year! - WRITTEN_REACH,
        group.at(-1)!.year! + WRITTEN_REACH,
        (before, after) => partOfLonger(item.name, before, after),
      );
      if (writtenIn < MIN_WRITTEN) continue;
      // A name cut short: one character follows half its writings or more (`李巨` of 李巨源,
      // `耶律仁` of 耶律仁先); a Han name of three is whole.
      const following = writtenNames.mostFollowing([...new Set(group.map((s) => s.written))]);
      if (
        (item.name.length === 2 || (item.name.length === 3 && COMPOUND.test(item.name))) &&
        following.share >= 0.5 &&
        /^\p{Script=Han}$/u.test(following.char) &&
        !NEVER_COMPLETES.test(following.char)
      )
        continue;
    }
    const kept = keptRecord(
      existing.get(fold(item.name)),
      [group[0]!.year!, group.at(-1)!.year!],
      GAP,
      usedIds,
    );
    if (kept) usedIds.add(kept.id);
    persons.push({ item, group, ...(kept ? { kept } : {}), ...(writtenIn ? { writtenIn } : {}) });
  }
}
const records: GrownPersonRecord[] = [];
for (const { item, group, kept, writtenIn } of persons) {
  if (kept && !kept.provisional) {
    records.push(kept);
    continue;
  }
  const first = group[0]!.year!;
  const last = group.at(-1)!.year!;
  let id = kept?.id;
  if (id === undefined) {
    id = newId(slugOf(item.name), item.name, first, usedIds);
    usedIds.add(id);
  }
  const entries = new Set(group.map((s) => `${s.juan}:${s.entry}`));
  const officeCounts = new Map<string, number>();
  for (const s of group) if (s.office) officeCounts.set(s.office, (officeCounts.get(s.office) ?? 0) + 1);
  const officeList = [...officeCounts].sort((a, b) => b[1] - a[1]).map(([o]) => o);
  const juan = [...new Set(group.map((s) => s.juan))].sort((a, b) => a - b);
  const stateOf = officeList
    .map((o) => authority.ofKind("office").find((r) => r.name === o)?.state)
    .find((s) => s !== undefined && s !== null);
  records.push({
    id,
    name: item.name,
    state: stateOf ?? null,
    aliases: variantsOf(item.name, group),
    born: null,
    died: null,
    cbdb: null,
    note: `Found by the person rules in 長編, ${first === last ? first : `${first}–${last}`}${officeList.length > 0 ? `, after ${officeList.slice(0, 3).join(", ")}` : ""}${writtenIn ? `; written in ${writtenIn} entries of its years` : ""}.`,
    sources: [
      juanSource(juan[0]!),
      "the person rules of src/annotate/person-rules.ts (scripts/grow-persons.ts)",
    ],
    provisional: true,
    found: {
      work: "長編",
      rules: Object.fromEntries([...item.rules].sort()),
      mentions: group.length,
      entries: entries.size,
      years: [first, last],
      juan,
      at: [...entries].slice(0, 12),
      offices: officeList.slice(0, 5),
    },
  });
}
records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
writeFileSync(OUT, records.map((r) => JSON.stringify(r)).join("\n") + (records.length > 0 ? "\n" : ""));
console.log(
  `${files.length} juan: ${byName.size} names found by the rules, ${candidates} persons by name and years, ${records.length} kept → ${OUT}`,
);
