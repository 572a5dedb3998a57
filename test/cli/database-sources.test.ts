import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { parse as parseCsv } from "csv-parse/sync";
import { readTei } from "../../src/export/index.ts";
import { openStore } from "../../src/store/index.ts";
import { cli } from "./run-cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const SAMPLE = join(root, "corpus", "xixia-ji-1043-1044.txt");
const CHANGBIAN = join(root, "corpus", "changbian", "KR2b0019_143.txt");
const dir = mkdtempSync(join(tmpdir(), "biannian-db-sources-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Two entries of one year (1043) with no year heading, as a file of a single year often is. */
const ONE_YEAR =
  "春正月，契丹遣使來議與宋和。（《遼史·興宗本紀》）\n二月，遣使如契丹。（《遼史·興宗本紀》）\n";
const oneYear = join(dir, "one-year.txt");
writeFileSync(oneYear, ONE_YEAR);

let counter = 0;
async function database(...files: string[]): Promise<string> {
  const db = join(dir, `store-${++counter}.db`);
  const { code, err } = await cli("ingest", ...files, "--db", db);
  assert.equal(code, 0, err);
  return db;
}

test("export --db gives the same TEI as exporting the file it was ingested from", async () => {
  const db = await database(SAMPLE);
  const fromFile = await cli("export", SAMPLE, "--format", "tei");
  const fromDb = await cli("export", "--db", db, "--format", "tei");
  assert.equal(fromDb.code, 0, fromDb.err);
  assert.equal(fromDb.out, fromFile.out);
  const back = readTei(fromDb.out);
  assert.equal(back.name, "xixia-ji-1043-1044.txt");
  // The sample has 18 entries under 天授禮法延祚六年 and 27 under 七年.
  assert.equal(back.entries.length, 45);
  assert.equal(
    back.sha256,
    (await import("node:crypto")).createHash("sha256").update(readFileSync(SAMPLE)).digest("hex"),
  );
});

test("export --db writes one TEI document per stored chronicle, and CSV tables for all of them", async () => {
  const db = await database(SAMPLE, CHANGBIAN);
  const teiDir = join(dir, "tei");
  const tei = await cli("export", "--db", db, "--format", "tei", "--out", teiDir);
  assert.equal(tei.code, 0, tei.err);
  assert.deepEqual(readdirSync(teiDir).sort(), ["KR2b0019_143.tei.xml", "xixia-ji-1043-1044.tei.xml"]);
  const csvDir = join(dir, "csv");
  assert.equal((await cli("export", "--db", db, "--format", "csv", "--out", csvDir)).code, 0);
  const entries = parseCsv(readFileSync(join(csvDir, "entries.csv"), "utf8"), { bom: true, columns: true });
  // 45 entries of the sample and 31 dated items of 長編 卷一百四十三.
  assert.equal(entries.length, 45 + 31);
  const printed = await cli("export", "--db", db, "--format", "tei");
  assert.equal(printed.code, 2);
  assert.match(printed.err, /the database holds 2: give a directory with --out DIR/);
});

test("export --db --corpus exports only that corpus, and says so when it is empty", async () => {
  const db = join(dir, "corpora.db");
  assert.equal((await cli("ingest", SAMPLE, "--db", db, "--corpus", "xixia")).code, 0);
  assert.equal((await cli("ingest", CHANGBIAN, "--db", db, "--corpus", "changbian")).code, 0);
  const geo = await cli("export", "--db", db, "--corpus", "changbian", "--format", "jsonld");
  assert.equal(geo.code, 0, geo.err);
  assert.ok(geo.out.includes("KR2b0019_143"));
  assert.ok(!geo.out.includes("xixia-ji-1043-1044"));
  const none = await cli("export", "--db", db, "--corpus", "jin", "--format", "jsonld");
  assert.equal(none.code, 1);
  assert.match(none.err, /no documents in the corpus "jin"/);
});

test("entities --db adds up the mentions of every stored chronicle and names entries by store id", async () => {
  const db = await database(SAMPLE, CHANGBIAN);
  const all = JSON.parse((await cli("entities", "--db", db, "--kind", "person")).out) as {
    id: string;
    mentions: number;
    entries: string[];
  }[];
  const perFile = await Promise.all(
    [SAMPLE, CHANGBIAN].map(
      async (f) =>
        JSON.parse((await cli("entities", f, "--kind", "person")).out) as { id: string; mentions: number }[],
    ),
  );
  const yuanhao = all.find((e) => e.id === "person:yuanhao")!;
  const counts = perFile.map((list) => list.find((e) => e.id === "person:yuanhao")?.mentions ?? 0);
  assert.ok(counts[0]! > 0 && counts[1]! > 0, "元昊 is named in both chronicles");
  assert.equal(yuanhao.mentions, counts[0]! + counts[1]!);
  // The sample's second entry (宋建渭州籠竿城為德順軍。…元昊…) is document 1's e2.
  assert.ok(yuanhao.entries.includes("1:e2"));
  assert.ok(yuanhao.entries.some((id) => id.startsWith("2:")));
});

test("events --db lists every stored chronicle's events with their document", async () => {
  const db = await database(SAMPLE, CHANGBIAN);
  const rows = JSON.parse((await cli("events", "--db", db, "--type", "embassy")).out) as {
    entry: string;
    document: string;
    text: string;
  }[];
  // 春正月，契丹遣同知析津府事耶律敵烈、樞密院都承旨王惟吉來議與宋和 — the sample's first entry.
  const first = rows.find((r) => r.entry === "1:e1")!;
  assert.equal(first.document, "xixia-ji-1043-1044.txt");
  assert.ok(first.text.includes("耶律敵烈"));
  const all = JSON.parse((await cli("events", "--db", db)).out) as typeof rows;
  const changbian = all.filter((r) => r.document === "KR2b0019_143.txt");
  assert.ok(changbian.length > 0);
  assert.ok(changbian.every((r) => r.entry.startsWith("2:")));
});

test("--year dates a file without year headings, in entries, ingest and export --db", async () => {
  const entries = JSON.parse((await cli("entries", oneYear, "--year", "慶曆三年")).out) as {
    year: { label: string | null; era: string; number: number };
    date: { julian: { start: string; end: string }; warnings: string[] };
  }[];
  // 長編 卷一百三十九: 慶曆三年春正月庚午朔 = 1043-02-13 (Julian); 二月 follows the 29 or 30 days of 正月.
  assert.deepEqual(entries[0]!.year, { label: null, era: "慶曆", number: 3, state: null });
  assert.equal(entries[0]!.date.julian.start, "1043-02-13");
  const nextDay = new Date(`${entries[0]!.date.julian.end}T00:00:00Z`);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  assert.equal(entries[1]!.date.julian.start, nextDay.toISOString().slice(0, 10));
  assert.match(entries[0]!.date.warnings[0]!, /names no year: dated in 慶曆三年/);

  // Without --year the entries stay undated; stored again with it, they are dated.
  const db = join(dir, "one-year.db");
  assert.equal((await cli("ingest", oneYear, "--db", db)).code, 0);
  const again = await cli("ingest", oneYear, "--db", db, "--year", "慶曆三年");
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /^replaced /);
  const store = await openStore(db);
  try {
    const [document] = await store.listDocuments();
    const records = await store.getEntryRecords(document!.id);
    assert.deepEqual(records[0]!.year, { label: null, era: "慶曆", number: 3, state: null });
    const page = await store.listEntries({ era: "慶曆", year: 3 });
    assert.equal(page.total, 2);
  } finally {
    await store.close();
  }
  const tei = await cli("export", "--db", db, "--format", "tei");
  assert.equal(tei.code, 0, tei.err);
  const back = readTei(tei.out);
  assert.deepEqual(
    back.entries.map((e) => e.id),
    ["e1", "e2"],
  );
  assert.ok(tei.out.includes('from="1043-02-'), "the first entry's date is kept in the TEI");
});

test("export --db exports the dates the ingest stored, not the text dated again", async () => {
  // 長編 卷二百十 opens before its first year heading: its first entries continue the year that
  // 卷二百九, read in the same ingest, ends with; read alone, they are dated otherwise.
  const juan209 = join(root, "corpus", "changbian", "KR2b0019_213.txt");
  const juan210 = join(root, "corpus", "changbian", "KR2b0019_214.txt");
  const db = await database(juan209, juan210);
  const store = await openStore(db);
  let stored: (string | null)[];
  try {
    const doc = (await store.listDocuments()).find((d) => d.juan === 210)!;
    stored = (await store.getEntryRecords(doc.id)).map((r) => r.date.gregorian?.start ?? null);
  } finally {
    await store.close();
  }
  const dates = (dir: string) =>
    (
      parseCsv(readFileSync(join(dir, "entries.csv"), "utf8"), { bom: true, columns: true }) as Record<
        string,
        string
      >[]
    )
      .filter((r) => r.entry_id!.startsWith("KR2b0019_214/"))
      .map((r) => r.gregorian_start || null);
  const exported = join(dir, "carried");
  const run = await cli("export", "--db", db, "--format", "csv", "--out", exported);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(dates(exported), stored);
  const alone = join(dir, "alone");
  assert.equal((await cli("export", juan210, "--format", "csv", "--out", alone)).code, 0);
  assert.notDeepEqual(dates(alone), stored, "the juan read alone is dated otherwise");
  // A database stored before the headings' days were kept: its texts are dated again, each in
  // the year its first entry was stored with.
  const raw = new Database(db);
  raw.exec("UPDATE years SET date = NULL");
  raw.close();
  const again = join(dir, "dated-again");
  assert.equal((await cli("export", "--db", db, "--format", "csv", "--out", again)).code, 0);
  assert.equal(dates(again).length, stored.length);
});

test("the source options say what is wrong with them", async () => {
  const db = await database(SAMPLE);
  const both = await cli("export", SAMPLE, "--db", db, "--format", "gexf");
  assert.equal(both.code, 2);
  assert.match(both.err, /Give FILEs or --db, not both/);
  const late = await cli("entries", oneYear, "--year", "慶曆九年");
  assert.equal(late.code, 2);
  // 慶曆 lasted eight years (1041–1048).
  assert.match(late.err, /--year: Cannot date the year "慶曆九年"/);
  const word = await cli("entries", oneYear, "--year", "hello");
  assert.equal(word.code, 2);
  assert.match(word.err, /write an era and a year/);
  const stored = await cli("events", "--db", db, "--year", "慶曆三年");
  assert.equal(stored.code, 2);
  assert.match(stored.err, /stored documents keep the year they were ingested with/);
  const missing = await cli("entities", "--db", join(dir, "nothing-here.db"));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no database at .*nothing-here\.db/);
});
