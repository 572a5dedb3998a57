/**
 * The store contract: every backend runs these tests through a factory that opens an empty store.
 * They use the `Store` interface only.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { ChronicleEvent } from "../../src/annotate/index.ts";
import { UNKNOWN_DOCUMENT as UNKNOWN } from "../../src/parse/document-info.ts";
import { type Entry, type Position, toEntryRecords } from "../../src/parse/index.ts";
import { entryVariants } from "../../src/parse/records.ts";
import { prepareDocument, readDocumentFile } from "../../src/pipeline.ts";
import { fold } from "../../src/search/fold.ts";
import { QueryError } from "../../src/search/query.ts";
import type { DocumentInput, EntryDetail, EntryFilter, SearchHit, Store } from "../../src/store/index.ts";
import { documentToRows } from "../../src/store/rows.ts";
import { correctionsContract } from "./corrections-contract.ts";
import { correctionsReadsContract } from "./corrections-reads-contract.ts";
import { annotatedInput, CHANGBIAN_143, documentInput, SAMPLE, SAMPLE_PATH, SYNTHETIC } from "./fixtures.ts";

/** Terms of one to four characters from the sample, for recall checks. */
export const RECALL_TERMS = [
  "茶",
  "青鹽",
  "韓琦",
  "元昊",
  "范仲淹",
  "鹽",
  "絹",
  "宋",
  "契丹",
  "歲幣",
  "延州",
  "龐籍",
  "稱臣",
  "兀卒",
  "曩霄",
  "請和",
  "西夏",
  "邵良佐",
  "野利旺榮",
  "張子奭",
  "為",
  "之",
];

function entries(input: DocumentInput): Entry[] {
  return input.tree.children.flatMap((y) => y.children);
}

function slice(text: string, position: Position): string {
  return text.slice(position.start.offset, position.end.offset);
}

/** The searchable fields of an entry of the tree: headline, details, notes. */
function fields(entry: Entry): string[] {
  return [
    entry.headline.value,
    ...entry.details.map((d) => d.value),
    ...(entry.sources?.notes ?? []).map((n) => n.value),
  ];
}

/** Records as the store gives them back when they carried no annotations: with none. */
function unannotated<R extends object>(records: readonly R[]): (R & { mentions: []; events: [] })[] {
  return records.map((r) => ({ ...r, mentions: [], events: [] }));
}

/** Every result of a search, page by page. */
async function searchAll(store: Store, query: string, pageSize = 7): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.search({ query, limit: pageSize, offset });
    hits.push(...page.results);
    if (page.results.length < pageSize) {
      assert.equal(hits.length, page.total, `total of "${query}"`);
      return hits;
    }
  }
}

/** Options of a contract suite. */
export interface ContractOptions {
  /** Why the backend cannot be tested here (the suite is reported as skipped with it), or false. */
  skip?: string | false;
  /** Whether the parity suite completes both stores' deferred index work (`indexStep`) after the ingest. */
  completeIndex?: boolean;
}

/**
 * Runs the store contract against a backend.
 *
 * @param name the backend's name in the test report
 * @param open opens an empty store (a fresh one for every test)
 */
export function storeContract(
  name: string,
  open: () => Store | Promise<Store>,
  options: ContractOptions = {},
): void {
  correctionsContract(name, open, options);
  correctionsReadsContract(name, open, options);
  describe(`store contract: ${name}`, { skip: options.skip ?? false }, () => {
    let store: Store;
    const sample = documentInput(SAMPLE, { path: "corpus/xixia.txt" });

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    test("starts empty", async () => {
      assert.deepEqual(await store.listDocuments(), []);
      assert.deepEqual(await store.listEntries(), { total: 0, limit: 20, offset: 0, results: [] });
      assert.equal((await store.search({ query: "元昊" })).total, 0);
      assert.deepEqual(await store.listSources(), []);
    });

    test("adds a document and gives its entries back as the entries command prints them", async () => {
      const put = await store.putDocument(sample);
      assert.equal(put.status, "added");
      const { ingestedAt, id, ...rest } = put.document;
      assert.deepEqual(rest, {
        corpus: "default",
        path: "corpus/xixia.txt",
        name: "xixia.txt",
        sha256: sample.sha256,
        encoding: "utf-8",
        charCount: [...SAMPLE].length,
        length: SAMPLE.length,
        yearCount: 2,
        entryCount: 45,
        ...sample.tree.meta.document,
      });
      assert.ok(!Number.isNaN(Date.parse(ingestedAt)));
      assert.deepEqual(await store.listDocuments(), [put.document]);
      assert.deepEqual(await store.getEntryRecords(id), unannotated(toEntryRecords(sample.tree)));
      assert.deepEqual(await store.getDocument(id), { ...put.document, messages: sample.tree.messages });
      assert.equal(await store.getDocumentText(id), SAMPLE);
    });

    test("stores what a document is: work, juan, section and title, from the tree, in the same write", async () => {
      const changbian = documentInput(CHANGBIAN_143, { path: "corpus/changbian/KR2b0019_143.txt" });
      // The expected values as the file writes them: its header and its title lines.
      assert.match(CHANGBIAN_143, /^#\+TITLE: 續資治通鑑長編$/mu);
      assert.match(CHANGBIAN_143, /^#\+PROPERTY: ID KR2b0019$/mu);
      assert.match(CHANGBIAN_143, /^#\+PROPERTY: JUAN 卷一百三十九$/mu);
      assert.match(CHANGBIAN_143, /宋　李燾　撰/u);
      const put = await store.putDocument(changbian);
      const expected = {
        work: "續資治通鑑長編",
        short: "長編",
        author: "李燾",
        juan: 139,
        juanLabel: "卷一百三十九",
        section: null,
        ruler: "仁宗",
        state: "宋",
        textId: "KR2b0019",
        title: "長編 卷一百三十九",
      };
      for (const [key, value] of Object.entries(expected))
        assert.deepEqual(put.document[key as keyof typeof expected], value, key);
      assert.deepEqual(await store.findDocument("default", changbian.path), put.document);
      assert.deepEqual(await store.getDocument(put.document.id), {
        ...put.document,
        messages: changbian.tree.messages,
      });
      // A tree that knows nothing of its document (null fields, as the sample's for now) stores nulls.
      const unknown = {
        ...sample,
        tree: { ...sample.tree, meta: { ...sample.tree.meta, document: UNKNOWN } },
      };
      const plain = await store.putDocument(unknown);
      assert.equal(plain.document.title, null);
      assert.equal(plain.document.work, null);
      assert.equal(plain.document.juan, null);
      assert.equal(plain.document.name, "xixia.txt");
    });

    test("lists documents by work, then juan, whatever their order of storing or file names", async () => {
      const info = (work: string | null, juan: number | null, title: string | null) => ({
        ...UNKNOWN,
        work,
        juan,
        title,
      });
      const put = async (path: string, document: typeof UNKNOWN) =>
        (
          await store.putDocument({
            ...documentInput(SYNTHETIC, { path }),
            tree: {
              ...documentInput(SYNTHETIC).tree,
              meta: { ...documentInput(SYNTHETIC).tree.meta, document },
            },
          })
        ).document.path;
      // Stored out of order, under file names whose order is not the works' order.
      await put("a/liao-115.txt", info("遼史", 115, "遼史 卷一百十五"));
      await put("b/cb-150.txt", info("續資治通鑑長編", 150, "長編 卷一百五十"));
      await put("c/liao-19.txt", info("遼史", 19, "遼史 卷十九"));
      await put("d/cb-139.txt", info("續資治通鑑長編", 139, "長編 卷一百三十九"));
      await put("e/song-485.txt", info("宋史", 485, "宋史 卷四百八十五"));
      await put("f/cb-whole.txt", info("續資治通鑑長編", null, "長編"));
      assert.deepEqual(
        (await store.listDocuments()).map((d) => d.path),
        // By work (code point order: 宋 < 續 < 遼), then juan, a work without a juan after its juan.
        [
          "e/song-485.txt",
          "d/cb-139.txt",
          "b/cb-150.txt",
          "f/cb-whole.txt",
          "c/liao-19.txt",
          "a/liao-115.txt",
        ],
      );
      assert.deepEqual(
        (await store.listDocuments({ corpus: "default" })).map((d) => d.juan),
        [485, 139, 150, null, 19, 115],
      );
    });

    test("keeps fields a later stage adds to the records, and the resolved day range", async () => {
      const input = documentInput(SYNTHETIC);
      const records = input.records.map((r, i) => ({
        ...r,
        date: { ...r.date, jdn: { start: 2102014 + i, end: 2102020 + i }, julian: { start: "x", end: "y" } },
        stage: { found: ["元昊"] },
      }));
      const put = await store.putDocument({ ...input, records });
      assert.deepEqual(await store.getEntryRecords(put.document.id), unannotated(records));
    });

    test("re-ingesting an unchanged document is a no-op", async () => {
      const first = await store.putDocument(sample);
      const second = await store.putDocument(sample);
      assert.equal(second.status, "unchanged");
      assert.deepEqual(second.document, first.document);
      assert.equal((await store.listEntries()).total, 45);
    });

    test("a changed document replaces the stored version, keeping its id, with no entry left over", async () => {
      const first = await store.putDocument(sample);
      const changed = documentInput(SYNTHETIC, { path: "corpus/xixia.txt" });
      const second = await store.putDocument(changed);
      assert.equal(second.status, "replaced");
      assert.equal(second.document.id, first.document.id);
      assert.equal(second.document.entryCount, 4);
      assert.deepEqual(await store.listDocuments(), [second.document]);
      assert.equal((await store.listEntries()).total, 4);
      assert.deepEqual(
        await store.getEntryRecords(first.document.id),
        unannotated(toEntryRecords(changed.tree)),
      );
      assert.equal((await store.search({ query: "龐籍" })).total, 0, "the old text is no longer found");
      assert.equal((await store.search({ query: "元昊" })).total, 1);
      assert.deepEqual(
        (await store.listSources()).map((s) => [s.work, s.citationCount]),
        [
          ["宋史", 1],
          ["遼史", 1],
          ["長編", 1],
        ],
      );
      assert.equal(await store.getEntry(`${first.document.id}:e45`), null);
      assert.equal(await store.getDocumentText(first.document.id), SYNTHETIC);
    });

    test("the data version changes with every document added, replaced or deleted, and only then", async () => {
      const seen = [await store.dataVersion()];
      const first = await store.putDocument(sample);
      seen.push(await store.dataVersion());
      await store.putDocument(sample);
      assert.equal(await store.dataVersion(), seen[1], "an unchanged document changes nothing");
      await store.putDocument(documentInput(SYNTHETIC, { path: "corpus/xixia.txt" }));
      seen.push(await store.dataVersion());
      // Deleting the last document and adding one back gives the same ids: the version still moves on.
      assert.equal(await store.deleteDocument(first.document.id), true);
      seen.push(await store.dataVersion());
      assert.equal(await store.deleteDocument(first.document.id), false);
      assert.equal(await store.dataVersion(), seen[3], "deleting nothing changes nothing");
      await store.putDocument(sample);
      seen.push(await store.dataVersion());
      assert.equal(new Set(seen).size, seen.length, `every change gives a new version: ${seen.join(", ")}`);
    });

    test("keeps documents apart by corpus and path, with entry ids unique across them", async () => {
      const a = await store.putDocument(sample);
      const b = await store.putDocument({ ...sample, corpus: "other" });
      const c = await store.putDocument({ ...sample, path: "copy.txt" });
      assert.deepEqual(
        [a, b, c].map((p) => p.status),
        ["added", "added", "added"],
      );
      assert.equal(new Set([a, b, c].map((p) => p.document.id)).size, 3);
      assert.equal((await store.listDocuments()).length, 3);
      assert.deepEqual(
        (await store.listDocuments({ corpus: "other" })).map((d) => d.id),
        [b.document.id],
      );
      const all = await store.listEntries({}, { limit: 1000 });
      assert.equal(all.total, 135);
      assert.equal(new Set(all.results.map((e) => e.id)).size, 135);
      assert.equal((await store.listEntries({ corpus: "other" })).total, 45);
      const everywhere = (await store.search({ query: "曩霄" })).total;
      assert.ok(everywhere > 0);
      assert.equal((await store.search({ query: "曩霄", corpus: "other" })).total * 3, everywhere);
      assert.equal((await store.findDocument("other", sample.path))?.id, b.document.id);
      assert.equal(await store.findDocument("nowhere", sample.path), null);
    });

    test("gives one entry with its text, citations, notes and variants, each with its position", async () => {
      const { document } = await store.putDocument(sample);
      for (const entry of entries(sample)) {
        const detail = await store.getEntry(`${document.id}:${entry.id}`);
        assert.ok(detail);
        const expected: EntryDetail = {
          id: `${document.id}:${entry.id}`,
          documentId: document.id,
          localId: entry.id,
          year: detail.year,
          date: { ...entry.date },
          headline: entry.headline.value,
          position: entry.position,
          text: slice(SAMPLE, entry.position),
          headlinePosition: entry.headline.position,
          details: entry.details.map((d) => ({ text: d.value, position: d.position })),
          citations: (entry.sources?.citations ?? []).map((c) => ({
            work: c.work,
            section: c.section,
            juan: c.juan,
            author: c.author,
            raw: c.raw,
            position: c.position,
          })),
          notes: (entry.sources?.notes ?? []).map((n) => ({
            kind: n.kind,
            text: n.value,
            position: n.position,
          })),
          variants: entryVariants(entry).map((v) => ({
            name: v.name,
            variant: v.variant,
            source: v.source,
            subject: v.subject,
            position: v.position,
            namePosition: v.namePosition,
          })),
        };
        assert.deepEqual(detail, expected);
        // Every position slices its own text out of the document.
        assert.equal(slice(SAMPLE, detail.headlinePosition), detail.headline);
        for (const d of detail.details) assert.equal(slice(SAMPLE, d.position), d.text);
        for (const c of detail.citations) assert.equal(slice(SAMPLE, c.position), c.raw);
        for (const n of detail.notes) assert.equal(slice(SAMPLE, n.position), n.text);
      }
      const first = await store.getEntry(`${document.id}:e1`);
      assert.deepEqual(first?.year, {
        label: "西夏稱天授禮法延祚六年",
        state: "西夏",
        era: "天授禮法延祚",
        number: 6,
        ganzhi: null,
        ce: null,
      });
    });

    test("returns null for unknown and malformed entry ids", async () => {
      const { document } = await store.putDocument(sample);
      assert.equal(await store.getEntry(`${document.id}:e999`), null);
      assert.equal(await store.getEntry(`${document.id + 1}:e1`), null);
      for (const id of ["", "e1", "1:", ":e1", "1:e1:e2", "x:e1", "-1:e1", "1:e 1", "1;DROP TABLE entries"]) {
        assert.equal(await store.getEntry(id), null, id);
      }
      assert.equal(await store.getDocument(document.id + 1), null);
      assert.equal(await store.getDocumentText(document.id + 1), null);
    });

    test("slices a document's text by UTF-16 offsets, non-BMP characters included", async () => {
      const { document } = await store.putDocument(documentInput(SYNTHETIC));
      const at = SYNTHETIC.indexOf("韓");
      assert.equal(await store.getDocumentText(document.id, at, at + 3), "韓\u{249BA}");
      assert.equal(
        await store.getDocumentText(document.id, SYNTHETIC.length - 1, SYNTHETIC.length + 10),
        "\n",
      );
      assert.equal(await store.getDocumentText(document.id, 5, 2), "");
    });

    test("stores a text that comes as UTF-8 bytes as the same text, non-BMP characters included", async () => {
      const input = documentInput(SYNTHETIC);
      const rows = documentToRows(input);
      const bytes = new TextEncoder().encode(SYNTHETIC);
      const { tree: _tree, records: _records, text: _text, ...rest } = input;
      const { document } = await store.putDocument({
        ...rest,
        rows: { ...rows, document: { ...rows.document, text: "" }, textBytes: bytes },
      });
      assert.equal(await store.getDocumentText(document.id), SYNTHETIC);
      const at = SYNTHETIC.indexOf("韓");
      assert.equal(await store.getDocumentText(document.id, at, at + 3), "韓\u{249BA}");
      assert.equal(document.charCount, [...SYNTHETIC].length);
    });

    test("lists entries in text order, page by page", async () => {
      await store.putDocument(sample);
      const ids = entries(sample).map((e) => e.id);
      const seen: string[] = [];
      for (let offset = 0; offset < 50; offset += 10) {
        const page = await store.listEntries({}, { limit: 10, offset });
        assert.equal(page.total, 45);
        assert.equal(page.limit, 10);
        assert.equal(page.offset, offset);
        seen.push(...page.results.map((e) => e.localId));
      }
      assert.deepEqual(seen, ids);
      assert.deepEqual((await store.listEntries({}, { offset: 45 })).results, []);
      assert.deepEqual((await store.listEntries({}, { limit: 0 })).results, []);
      await assert.rejects(async () => store.listEntries({}, { limit: -1 }), RangeError);
      await assert.rejects(async () => store.listEntries({}, { offset: -1 }), RangeError);
    });

    test("filters entries by era, year, month, leap month, state, cited work and juan", async () => {
      await store.putDocument(sample);
      await store.putDocument(documentInput(SYNTHETIC, { path: "syn.txt" }));
      const count = async (filter: Parameters<Store["listEntries"]>[0]) =>
        (await store.listEntries(filter)).total;
      const records = [...toEntryRecords(sample.tree)];
      assert.equal(await count({ state: "西夏" }), 45);
      assert.equal(
        await count({ era: "天授禮法延祚", year: 7 }),
        records.filter((r) => r.year.number === 7).length,
      );
      assert.equal(await count({ era: "庆历" }), 4, "the era is folded");
      assert.equal(await count({ era: "慶曆", year: 4 }), 1);
      assert.equal(
        await count({ month: 7, state: "西夏" }),
        records.filter((r) => r.date.month === 7).length,
      );
      assert.equal(await count({ leap: true }), records.filter((r) => r.date.leap).length + 1);
      const citing = (work: string, juan?: number) =>
        records.filter((r) =>
          r.citations.some((c) => c.work === work && (juan === undefined || c.juan === juan)),
        ).length;
      assert.equal(await count({ work: "長編", state: "西夏" }), citing("長編"));
      assert.equal(await count({ work: "长编", juan: 139, state: "西夏" }), citing("長編", 139));
      assert.equal(await count({ work: "長編", juan: 139 }), citing("長編", 139) + 1);
      assert.equal(await count({ work: "無此書" }), 0);
    });

    test("filters by CE year: the resolved day range when there is one, else the heading's year", async () => {
      const synthetic = documentInput(SYNTHETIC, { path: "syn.txt" });
      await store.putDocument(synthetic);
      assert.equal((await store.listEntries({ from: 1043, to: 1043 })).total, 3);
      assert.equal((await store.listEntries({ from: 1044 })).total, 1);
      assert.equal((await store.listEntries({ to: 1042 })).total, 0);
      // Dated records: the first entry's day range falls in 1044, whatever its heading says.
      const dated = synthetic.records.map((r, i) =>
        i === 0 ? { ...r, date: { ...r.date, jdn: { start: 2102400, end: 2102410 } } } : r,
      );
      await store.putDocument({ ...synthetic, path: "dated.txt", records: dated });
      const ids = async (filter: Parameters<Store["listEntries"]>[0]) =>
        (await store.listEntries({ ...filter, corpus: "default" }, { limit: 100 })).results
          .filter((e) => e.documentId === 2)
          .map((e) => e.localId);
      assert.deepEqual(await ids({ from: 1044, to: 1044 }), ["e1", "e4"]);
      assert.deepEqual(await ids({ from: 1043, to: 1043 }), ["e2", "e3"]);
      // A range that straddles the end of 1043 (JDN 2102378) catches it from either side.
      const straddling = synthetic.records.map((r, i) =>
        i === 0 ? { ...r, date: { ...r.date, jdn: { start: 2102370, end: 2102390 } } } : r,
      );
      await store.putDocument({ ...synthetic, path: "straddling.txt", records: straddling });
      const straddle = await store.listEntries({ documentId: 3, from: 1044, to: 1044 });
      assert.deepEqual(
        straddle.results.map((e) => e.localId),
        ["e1", "e4"],
      );
    });

    test("finds every entry that contains a term, checked against a scan of the text", async () => {
      await store.putDocument(sample);
      const all = entries(sample);
      for (const term of RECALL_TERMS) {
        const hits = await searchAll(store, term);
        const found = new Set(hits.map((h) => h.localId));
        const plain = all.filter((e) => fields(e).some((f) => f.includes(term))).map((e) => e.id);
        const folded = all
          .filter((e) => fields(e).some((f) => fold(f).includes(fold(term))))
          .map((e) => e.id);
        assert.ok(plain.length > 0, `"${term}" occurs in the sample`);
        for (const id of plain) assert.ok(found.has(id), `"${term}" is in ${id} but was not found`);
        assert.deepEqual(
          [...found].sort(),
          [...folded].sort(),
          `"${term}" finds exactly the entries with it, folded`,
        );
        assert.equal(hits.length, found.size, `"${term}" gives each entry once`);
        for (const hit of hits) {
          const entry = all.find((e) => e.id === hit.localId)!;
          const expected = fields(entry).reduce((n, f) => n + fold(f).split(fold(term)).length - 1, 0);
          assert.equal(
            hit.matches.length,
            expected,
            `"${term}" in ${hit.localId}: every occurrence is marked`,
          );
        }
      }
    });

    test("marks matches by offsets into the field and into the document", async () => {
      await store.putDocument(sample);
      for (const term of ["青鹽", "韓琦", "按"]) {
        for (const hit of await searchAll(store, term)) {
          const entry = (await store.getEntry(hit.id))!;
          for (const m of hit.matches) {
            const field =
              m.field === "headline"
                ? entry.headline
                : m.field === "detail"
                  ? entry.details[m.index]!.text
                  : entry.notes[m.index]!.text;
            assert.equal(fold(field.slice(m.start, m.end)), fold(term));
            assert.equal(SAMPLE.slice(m.documentStart, m.documentEnd), field.slice(m.start, m.end));
            assert.equal(m.term, 0);
          }
        }
      }
    });

    test("folds simplified, traditional and variant forms in queries and text", async () => {
      await store.putDocument(sample);
      const synthetic = await store.putDocument(documentInput(SYNTHETIC, { path: "syn.txt" }));
      const ids = async (query: string) => (await searchAll(store, query)).map((h) => h.id).sort();
      assert.deepEqual(await ids("青盐"), await ids("青鹽"));
      assert.ok((await ids("青盐")).includes("1:e13"));
      assert.ok(
        (await ids("青鹽")).includes(`${synthetic.document.id}:e2`),
        "simplified text found by a traditional query",
      );
      const fan = await ids("范仲淹");
      assert.ok(fan.includes(`${synthetic.document.id}:e1`), "範仲淹");
      assert.ok(fan.includes(`${synthetic.document.id}:e3`), "范仲淹");
      assert.deepEqual(await ids("範仲淹"), fan);
      const wei = await ids("为");
      assert.ok(wei.includes(`${synthetic.document.id}:e2`), "爲");
      assert.ok(wei.includes(`${synthetic.document.id}:e3`), "為");
      assert.deepEqual(await ids("爲"), wei);
      assert.deepEqual(await ids("為"), wei);
    });

    test("finds and highlights a character outside the BMP", async () => {
      const { document } = await store.putDocument(documentInput(SYNTHETIC));
      for (const query of ["韓琦", "韩琦", "韓\u{249BA}", "\u{249BA}言"]) {
        const page = await store.search({ query });
        assert.equal(page.total, 1, query);
        const [m] = page.results[0]!.matches;
        assert.ok(m);
        const original = SYNTHETIC.slice(m.documentStart, m.documentEnd);
        assert.equal(fold(original), fold(query));
        assert.equal(page.results[0]!.headline.slice(m.start, m.end), original);
        assert.equal(document.id, page.results[0]!.documentId);
      }
    });

    test("needs every term of a multi-term query and marks each", async () => {
      await store.putDocument(sample);
      const both = await searchAll(store, "韓琦 元昊");
      const all = entries(sample);
      const expected = all
        .filter((e) => fields(e).some((f) => f.includes("韓琦")) && fields(e).some((f) => f.includes("元昊")))
        .map((e) => e.id);
      assert.deepEqual(both.map((h) => h.localId).sort(), expected.sort());
      for (const hit of both) assert.deepEqual([...new Set(hit.matches.map((m) => m.term))].sort(), [0, 1]);
    });

    test("ranks headline matches first, then by relevance, and pages without repeats", async () => {
      await store.putDocument(sample);
      const hits = await searchAll(store, "元昊", 4);
      const inHeadline = hits.map((h) => h.matches.some((m) => m.field === "headline"));
      const firstOther = inHeadline.indexOf(false);
      assert.ok(firstOther > 0, "some headlines name 元昊");
      assert.ok(!inHeadline.slice(firstOther).includes(true), "all headline matches come first");
      assert.equal(new Set(hits.map((h) => h.id)).size, hits.length);
      const whole = await store.search({ query: "元昊", limit: 100 });
      assert.deepEqual(
        whole.results.map((h) => h.id),
        hits.map((h) => h.id),
      );
      const tier = whole.results.slice(0, firstOther).map((h) => h.score);
      assert.deepEqual(
        tier,
        [...tier].sort((a, b) => b - a),
      );
      assert.deepEqual((await store.search({ query: "元昊", offset: 1000 })).results, []);
      assert.equal((await store.search({ query: "元昊", offset: 1000 })).total, whole.total);
    });

    test("filters search results like entry lists", async () => {
      await store.putDocument(sample);
      const records = toEntryRecords(sample.tree);
      const inYear7 = records.filter(
        (r) => r.year.number === 7 && [r.headline, ...r.details, ...r.notes].some((f) => f.includes("元昊")),
      );
      assert.equal(
        (await store.search({ query: "元昊", era: "天授禮法延祚", year: 7 })).total,
        inYear7.length,
      );
      const citingSong = records.filter(
        (r) =>
          r.citations.some((c) => c.work === "宋史") &&
          [r.headline, ...r.details, ...r.notes].some((f) => f.includes("元昊")),
      );
      assert.equal((await store.search({ query: "元昊", work: "宋史" })).total, citingSong.length);
      assert.equal((await store.search({ query: "元昊", state: "遼" })).total, 0);
    });

    test("reports the query's terms, and refuses bad queries", async () => {
      const page = await store.search({ query: "韓琦  青鹽" });
      assert.deepEqual(page.terms, [
        { text: "韓琦", folded: "韩琦" },
        { text: "青鹽", folded: "青盐" },
      ]);
      await assert.rejects(async () => store.search({ query: "" }), QueryError);
      await assert.rejects(async () => store.search({ query: "之".repeat(10_000) }), QueryError);
      await assert.rejects(async () => store.search({ query: "\uD800" }), QueryError);
    });

    test("treats query syntax characters as text", async () => {
      await store.putDocument(sample);
      for (const query of [
        '"',
        "'",
        "*",
        "元昊*",
        "NEAR(元 昊)",
        "a OR b",
        "-",
        "(",
        ")",
        ":",
        "^",
        "%",
        "_",
        "\\",
      ]) {
        const page = await store.search({ query });
        assert.ok(page.total >= 0, query);
      }
      assert.equal((await store.search({ query: "「聖躬萬福」" })).total, 1);
      assert.equal((await store.search({ query: "元昊遂" })).total, 1);
    });

    test("lists cited works with counts, and the entries that cite each part", async () => {
      const { document } = await store.putDocument(sample);
      const records = toEntryRecords(sample.tree);
      const sources = await store.listSources();
      const works = new Map<string, { citations: number; entries: Set<string> }>();
      for (const r of records) {
        for (const c of r.citations) {
          const w = works.get(c.work) ?? { citations: 0, entries: new Set<string>() };
          w.citations++;
          w.entries.add(r.id);
          works.set(c.work, w);
        }
      }
      assert.deepEqual(
        [...sources].sort((a, b) => a.work.localeCompare(b.work)),
        [...works]
          .map(([work, w]) => ({ work, citationCount: w.citations, entryCount: w.entries.size }))
          .sort((a, b) => a.work.localeCompare(b.work)),
      );
      for (let i = 1; i < sources.length; i++)
        assert.ok(sources[i - 1]!.citationCount >= sources[i]!.citationCount);
      const source = await store.getSource("长编");
      assert.ok(source);
      assert.equal(source.work, "長編");
      assert.equal(source.citationCount, works.get("長編")!.citations);
      const juan139 = source.parts.find((p) => p.juan === 139);
      assert.deepEqual(
        juan139?.entries.map((e) => e.id),
        records
          .filter((r) => r.citations.some((c) => c.work === "長編" && c.juan === 139))
          .map((r) => `${document.id}:${r.id}`),
      );
      assert.equal(await store.getSource("無此書"), null);
    });

    test("stores a document's annotations in the same write and gives them back as the annotator made them", async () => {
      const input = annotatedInput(SAMPLE, { path: "xixia.txt" });
      const { document } = await store.putDocument(input);
      assert.deepEqual(await store.getEntryRecords(document.id), input.records);
      const annotated = input.records.filter((r) => r.mentions.length || r.events.length);
      assert.ok(annotated.length > 40, "the sample's entries name persons, places and polities");
      const all = await store.listAnnotations();
      assert.deepEqual(
        [...all.keys()],
        annotated.map((r) => `${document.id}:${r.id}`),
        "in text order",
      );
      for (const record of input.records) {
        const expected = { mentions: record.mentions, events: record.events };
        assert.deepEqual(await store.getAnnotations(`${document.id}:${record.id}`), expected, record.id);
        if (record.mentions.length || record.events.length)
          assert.deepEqual(all.get(`${document.id}:${record.id}`), expected, record.id);
      }
      assert.equal(await store.getAnnotations(`${document.id}:e999`), null);
      assert.equal(await store.getAnnotations("nonsense"), null);
      assert.deepEqual(await store.getDocumentAnnotation(document.id), input.tree.data?.annotation);
      // A document read without the annotation stage has none.
      const plain = await store.putDocument(documentInput(SYNTHETIC, { path: "plain.txt" }));
      assert.equal(await store.getDocumentAnnotation(plain.document.id), null);
      assert.deepEqual((await store.listAnnotations({ documentId: plain.document.id })).size, 0);
      assert.deepEqual(await store.getAnnotations(`${plain.document.id}:e1`), { mentions: [], events: [] });
    });

    test("counts the entities the entries name, by a mention or in an event", async () => {
      const input = annotatedInput(SAMPLE, { path: "xixia.txt" });
      await store.putDocument(input);
      const expected = new Map<string, { mentions: number; entries: Set<string> }>();
      const add = (ref: string, entry: string, mention: number) => {
        const found = expected.get(ref) ?? { mentions: 0, entries: new Set<string>() };
        found.mentions += mention;
        found.entries.add(entry);
        expected.set(ref, found);
      };
      for (const r of input.records) {
        for (const m of r.mentions) if (m.ref !== null) add(m.ref, r.id, 1);
        for (const e of r.events)
          for (const list of Object.values(e.roles)) for (const v of list) if (v.ref) add(v.ref, r.id, 0);
      }
      const entities = await store.listEntities();
      assert.equal(entities.length, expected.size);
      for (const e of entities) {
        const want = expected.get(e.ref)!;
        assert.deepEqual([e.mentionCount, e.entryCount], [want.mentions, want.entries.size], e.ref);
        assert.equal(e.kind, e.ref.slice(0, e.ref.indexOf(":")));
      }
      for (let i = 1; i < entities.length; i++)
        assert.ok(entities[i - 1]!.mentionCount >= entities[i]!.mentionCount, "most mentioned first");
      const persons = await store.listEntities({ kind: "person" });
      assert.deepEqual(
        persons,
        entities.filter((e) => e.kind === "person"),
      );
      const yuanhao = entities.find((e) => e.ref === "person:yuanhao")!;
      assert.equal(yuanhao.name, "元昊");
      // Counted within the entries a filter keeps: a second copy in another corpus counts apart.
      await store.putDocument({ ...input, corpus: "other" });
      const twice = (await store.listEntities()).find((e) => e.ref === "person:yuanhao")!;
      assert.equal(twice.mentionCount, 2 * yuanhao.mentionCount);
      assert.deepEqual(
        (await store.listEntities({ corpus: "other" })).find((e) => e.ref === "person:yuanhao"),
        yuanhao,
      );
    });

    test("lists events by type, date and participant, in text order, page by page", async () => {
      const input = annotatedInput(SAMPLE, { path: "xixia.txt" });
      const { document } = await store.putDocument(input);
      const events = input.records.flatMap((r) => r.events.map((event) => ({ id: r.id, event })));
      const list = async (filter: Parameters<Store["listEvents"]>[0], limit = 1000) =>
        store.listEvents(filter, { limit });
      const all = await list({});
      assert.equal(all.total, events.length);
      assert.deepEqual(
        all.results.map((h) => [h.entry.id, h.event]),
        events.map((e) => [`${document.id}:${e.id}`, e.event]),
      );
      assert.deepEqual(
        all.results.map((h) => h.entry),
        await Promise.all(
          all.results.map(
            async (h) =>
              (await store.listEntries({ documentId: document.id }, { limit: 100 })).results.find(
                (e) => e.id === h.entry.id,
              )!,
          ),
        ),
      );
      const embassies = await list({ type: "embassy" });
      assert.ok(embassies.total > 5);
      assert.deepEqual(
        embassies.results.map((h) => h.event),
        events.filter((e) => e.event.type === "embassy").map((e) => e.event),
      );
      const involving = (ref: string) => (e: ChronicleEvent) =>
        Object.values(e.roles).some((list) => list.some((v) => v.ref === ref));
      const song = await list({ participant: "polity:song" });
      assert.ok(song.total > 0);
      assert.deepEqual(
        song.results.map((h) => h.event),
        events.filter((e) => involving("polity:song")(e.event)).map((e) => e.event),
      );
      assert.equal((await list({ participant: "person:nobody" })).total, 0);
      const year = await list({ from: 1044, to: 1044, type: "embassy" });
      assert.ok(year.total > 0 && year.total < embassies.total);
      for (const h of year.results)
        assert.ok(
          String(h.entry.date.julian?.start ?? "").startsWith("1044") ||
            String(h.entry.date.julian?.end ?? "").startsWith("1044") ||
            String(h.entry.date.julian?.end).startsWith("1045"),
        );
      const page = await store.listEvents({}, { limit: 3, offset: 2 });
      assert.deepEqual(page.results, all.results.slice(2, 5));
      assert.equal(page.total, all.total);
    });

    test("filters entries and searches by entity, event type and reckoning state", async () => {
      const input = annotatedInput(SAMPLE, { path: "xixia.txt" });
      await store.putDocument(input);
      await store.putDocument(annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
      const ids = async (filter: EntryFilter) =>
        (await store.listEntries(filter, { limit: 1000 })).results.map((e) => e.id);
      const names = (ref: string) => (r: (typeof input.records)[number]) =>
        r.mentions.some((m) => m.ref === ref) ||
        r.events.some((e) => Object.values(e.roles).some((list) => list.some((v) => v.ref === ref)));
      assert.deepEqual(
        await ids({ entity: "person:yang-shousu", documentId: 1 }),
        input.records.filter(names("person:yang-shousu")).map((r) => `1:${r.id}`),
      );
      assert.ok((await ids({ entity: "person:yuanhao" })).some((id) => id.startsWith("2:")));
      assert.deepEqual(await ids({ entity: "person:nobody" }), []);
      assert.deepEqual(
        await ids({ eventType: "embassy", documentId: 1 }),
        input.records.filter((r) => r.events.some((e) => e.type === "embassy")).map((r) => `1:${r.id}`),
      );
      // The sample's headings name 西夏; 長編's 慶歴 is 北宋's era, as its dates' concurrent reigns say.
      assert.equal((await store.listEntries({ reckoningState: "西夏" })).total, 45);
      assert.equal((await store.listEntries({ reckoningState: "北宋" })).total, 31);
      assert.equal(
        (await store.listEntries({ state: "北宋" })).total,
        45 + 31,
        "every entry of both falls within 北宋's calendar (1043–1044), whatever its heading names",
      );
      const found = await store.search({ query: "元昊", entity: "person:yang-shousu", limit: 100 });
      const every = await store.search({ query: "元昊", limit: 100 });
      const kept = new Set(await ids({ entity: "person:yang-shousu" }));
      assert.deepEqual(
        found.results,
        every.results.filter((h) => kept.has(h.id)),
        "the same hits, ranked as without the filter",
      );
      assert.equal(found.total, found.results.length);
      const index = await store.listEntryIndex({ reckoningState: "北宋" });
      assert.equal(index.length, 31);
    });

    test("filters by the reign date of every state, with the era in any spelling", async () => {
      const sample = annotatedInput(SAMPLE, { path: "xixia.txt" });
      await store.putDocument(sample);
      await store.putDocument(annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
      const count = async (filter: EntryFilter) => (await store.listEntries(filter)).total;
      // 長編 卷一百三十九 is 慶歴三年 throughout (31 entries); the sample's 天授禮法延祚六年 is the same
      // year (1043: 天授禮法延祚 began in 1038, 慶曆 in 1041, 遼's 重熙 in 1032).
      const inYear6 = sample.records.filter((r) => r.year.number === 6).length;
      const inYear7 = sample.records.filter((r) => r.year.number === 7).length;
      assert.equal(inYear6 + inYear7, 45);
      const year1043 = inYear6 + 31;
      assert.equal(await count({ era: "慶曆", year: 3 }), year1043);
      assert.equal(await count({ era: "慶厯", year: 3 }), year1043, "the 四庫 texts' spelling");
      assert.equal(await count({ era: "庆历", year: 3 }), year1043, "simplified");
      assert.equal(await count({ era: "重熙", year: 12 }), year1043, "遼's reckoning");
      assert.equal(await count({ era: "遼重熙", year: 12 }), year1043, "a state before the era");
      assert.equal(await count({ era: "天授禮法延祚", year: 6 }), year1043, "西夏's reckoning");
      assert.equal(await count({ era: "慶曆", year: 4 }), inYear7);
      assert.equal(await count({ era: "重熙", year: 13, documentId: 2 }), 0);
      assert.equal(await count({ era: "慶曆" }), 45 + 31);
      assert.equal(await count({ state: "遼" }), 45 + 31);
      assert.equal(await count({ state: "夏" }), 45 + 31);
      assert.equal(await count({ state: "遼", year: 12 }), year1043, "重熙十二年, 遼's only era then");
      assert.equal(await count({ state: "金" }), 0, "金 reckoned from 1115");
      assert.equal(await count({ era: "慶曆", state: "遼" }), 0, "遼 had no era 慶曆");
      assert.equal(await count({ era: "無此", year: 1 }), 0);
      assert.equal(await count({ state: "無此國" }), 0);
      assert.equal(
        (await store.search({ query: "元昊", era: "重熙", year: 12, documentId: 2 })).total,
        (await store.search({ query: "元昊", documentId: 2 })).total,
        "all of 卷一百三十九 is 重熙十二年",
      );
      assert.equal((await store.search({ query: "元昊", era: "重熙", year: 13, documentId: 2 })).total, 0);
      const searched = await store.search({ query: "元昊", era: "慶厯", year: 3, limit: 100 });
      const every = await store.search({ query: "元昊", limit: 100 });
      assert.ok(searched.total > 0 && searched.total < every.total);
    });

    test("finds a name in either spelling: 龐籍 and the 四庫 texts' 龎籍", async () => {
      const sample = documentInput(SAMPLE, { path: "xixia.txt" });
      const juan = documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" });
      await store.putDocument(sample);
      await store.putDocument(juan);
      const expected = [
        ...sample.records.map((r) => ({ r, id: `1:${r.id}` })),
        ...juan.records.map((r) => ({ r, id: `2:${r.id}` })),
      ]
        .filter(({ r }) => [r.headline, ...r.details, ...r.notes].some((f) => /[龐龎]籍/u.test(f)))
        .map(({ id }) => id)
        .sort();
      assert.ok(expected.some((id) => id.startsWith("1:")) && expected.some((id) => id.startsWith("2:")));
      for (const query of ["龐籍", "龎籍", "庞籍"]) {
        const found = await store.search({ query, limit: 100 });
        assert.deepEqual(found.results.map((h) => h.id).sort(), expected, query);
      }
    });

    test("orders search results and entry lists by date or in document order", async () => {
      await store.putDocument(annotatedInput(SAMPLE, { path: "xixia.txt" }));
      await store.putDocument(annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
      const start = (h: { date: { jdn?: { start: number } | null } }) => h.date.jdn?.start ?? null;
      const relevance = await store.search({ query: "元昊", limit: 1000 });
      const byDate = await store.search({ query: "元昊", order: "date", limit: 1000 });
      const byText = await store.search({ query: "元昊", order: "document", limit: 1000 });
      assert.ok(relevance.total > 20);
      for (const page of [byDate, byText]) {
        assert.equal(page.total, relevance.total);
        assert.deepEqual(page.results.map((h) => h.id).sort(), relevance.results.map((h) => h.id).sort());
      }
      const days = byDate.results.map(start);
      const dated = days.filter((d): d is number => d !== null);
      assert.deepEqual(days.slice(0, dated.length), dated, "undated entries last");
      assert.deepEqual(
        dated,
        [...dated].sort((a, b) => a - b),
      );
      // The sample's second entry (宋建渭州籠竿城…, 元昊 in its details) is dated to 春正月, which opens
      // on the day 長編 卷一百三十九 opens with (慶歴三年春正月庚午朔): a tie, kept in document order.
      assert.equal(byDate.results[0]!.id, "1:e2");
      const textOrder = byText.results.map((h) => [h.documentId, Number(h.localId.slice(1))]);
      assert.deepEqual(
        textOrder,
        [...textOrder].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
      );
      const paged = [
        ...(await store.search({ query: "元昊", order: "date", limit: 7 })).results,
        ...(await store.search({ query: "元昊", order: "date", limit: 7, offset: 7 })).results,
      ];
      assert.deepEqual(
        paged.map((h) => h.id),
        byDate.results.slice(0, 14).map((h) => h.id),
      );
      assert.ok(paged.every((h) => h.matches.length > 0));
      const listed = await store.listEntries({}, { order: "date", limit: 100 });
      const listedDays = listed.results.map(start).filter((d): d is number => d !== null);
      assert.deepEqual(
        listedDays,
        [...listedDays].sort((a, b) => a - b),
      );
      // Both open on 慶曆三年正月一日 (the sample 春正月, 長編 春正月庚午朔): ties go in document order.
      assert.equal(listed.results[0]!.id, "1:e1");
      assert.ok(
        listed.results.findIndex((e) => e.id === "2:e1") < listed.results.findIndex((e) => e.id === "1:e10"),
      );
    });

    test("lists every entry with its date range and state, its date without the bulky parts", async () => {
      const input = annotatedInput(SAMPLE, { path: "xixia.txt" });
      const { document } = await store.putDocument(input);
      const index = await store.listEntryIndex();
      const summaries = (await store.listEntries({}, { limit: 100 })).results;
      assert.equal(index.length, 45);
      index.forEach((entry, i) => {
        const { concurrent: _c, warnings: _w, ...date } = summaries[i]!.date;
        assert.deepEqual(entry.summary, { ...summaries[i], date });
        assert.deepEqual(
          [entry.start, entry.end],
          [input.records[i]!.date.jdn?.start ?? null, input.records[i]!.date.jdn?.end ?? null],
        );
        assert.equal(entry.state, "西夏");
      });
      assert.equal(index[0]!.summary.id, `${document.id}:e1`);
      assert.deepEqual(await store.listEntryIndex({ documentId: document.id + 1 }), []);
    });

    test("lists a document's years with their headings as the dating stage read them, and their days", async () => {
      const input = annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" });
      const { document } = await store.putDocument(input);
      const years = await store.listYears(document.id);
      assert.ok(years);
      assert.deepEqual(
        years.map((y) => [y.heading, y.era, y.state, y.date]),
        input.tree.children.map((y) => [
          y.heading !== null,
          y.heading?.era ?? null,
          y.heading?.state ?? null,
          y.heading?.data?.date ?? null,
        ]),
      );
      assert.ok(years.some((y) => y.date?.julian.start.startsWith("1043")));
      assert.equal(await store.listYears(document.id + 1), null);
      // Read without the dating stage, a heading has no days.
      const plain = await store.putDocument(documentInput(SYNTHETIC, { path: "plain.txt" }));
      assert.deepEqual(
        (await store.listYears(plain.document.id))?.map((y) => [y.heading, y.date]),
        [
          [true, null],
          [true, null],
        ],
      );
    });

    test("gives several entries at once, in the order asked", async () => {
      const { document } = await store.putDocument(sample);
      const ids = [
        `${document.id}:e3`,
        `${document.id}:e1`,
        `${document.id}:e999`,
        "bad",
        `${document.id}:e2`,
      ];
      const entries = await store.getEntries(ids);
      assert.deepEqual(
        entries.map((e) => e.id),
        [`${document.id}:e3`, `${document.id}:e1`, `${document.id}:e2`],
      );
      for (const entry of entries) assert.deepEqual(entry, await store.getEntry(entry.id));
      assert.deepEqual(await store.getEntries([]), []);
    });

    test("replaces and deletes a document's annotations with it; the entities stay", async () => {
      const input = annotatedInput(SAMPLE, { path: "xixia.txt" });
      const first = await store.putDocument(input);
      const before = (await store.listEntities()).length;
      const changed = annotatedInput(SYNTHETIC, { path: "xixia.txt" });
      await store.putDocument(changed);
      assert.deepEqual(
        [...(await store.listAnnotations()).values()],
        changed.records
          .filter((r) => r.mentions.length || r.events.length)
          .map((r) => ({ mentions: r.mentions, events: r.events })),
      );
      assert.ok((await store.listEntities()).length < before, "only what the entries name is counted");
      assert.equal(await store.deleteDocument(first.document.id), true);
      assert.equal((await store.listAnnotations()).size, 0);
      assert.deepEqual(await store.listEntities(), []);
      assert.equal((await store.listEvents()).total, 0);
    });

    test("deletes a document with everything that hangs off it", async () => {
      const { document } = await store.putDocument(sample);
      assert.equal(await store.deleteDocument(document.id), true);
      assert.equal(await store.deleteDocument(document.id), false);
      assert.deepEqual(await store.listDocuments(), []);
      assert.equal((await store.listEntries()).total, 0);
      assert.equal((await store.search({ query: "元昊" })).total, 0);
      assert.deepEqual(await store.listSources(), []);
      assert.equal((await store.putDocument(sample)).status, "added");
    });
  });
}

/** The corpus both backends of a parity run hold: the sample and two juan of 長編, in two corpora. */
const PARITY_FILES = [
  { url: SAMPLE_PATH, corpus: "xixia" },
  { url: new URL("../../corpus/changbian/KR2b0019_143.txt", import.meta.url), corpus: "changbian" },
  { url: new URL("../../corpus/changbian/KR2b0019_153.txt", import.meta.url), corpus: "changbian" },
];

/** Query terms of one to four characters cut from the texts' entries, the same on every run. */
function sampledTerms(texts: readonly string[], count: number): string[] {
  let seed = 20260101;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const chars = texts.flatMap((t) => [...t].filter((c) => !/\s/u.test(c)));
  const out: string[] = [];
  while (out.length < count) {
    const length = 1 + (out.length % 4);
    const at = Math.floor(next() * (chars.length - length));
    out.push(chars.slice(at, at + length).join(""));
  }
  return out;
}

/**
 * Runs the same reads against two backends that store the same documents (the sample and
 * 長編) and asserts identical answers: documents, entries, records, sources, and searches —
 * the same ids in the same order, the same totals, scores and match offsets.
 *
 * @param name the pair's name in the test report
 * @param openReference opens an empty store of the reference backend (SQLite)
 * @param openOther opens an empty store of the backend compared with it
 */
export function storeParity(
  name: string,
  openReference: () => Store | Promise<Store>,
  openOther: () => Store | Promise<Store>,
  options: ContractOptions = {},
): void {
  describe(`store parity: ${name}`, { skip: options.skip ?? false }, () => {
    let reference: Store;
    let other: Store;
    const inputs: DocumentInput[] = [];

    before(async () => {
      if (options.skip) return;
      reference = await openReference();
      other = await openOther();
      for (const { url, corpus } of PARITY_FILES) {
        const input = prepareDocument(readDocumentFile(fileURLToPath(url)), corpus);
        inputs.push(input);
        const [a, b] = [await reference.putDocument(input), await other.putDocument(input)];
        assert.equal(b.document.id, a.document.id);
      }
      if (options.completeIndex)
        for (const store of [reference, other]) while (await store.indexStep?.(1000));
    });
    after(async () => {
      await reference?.close();
      await other?.close();
    });

    /** Asserts that both stores answer `read` alike, and returns the answer. */
    async function same<T>(read: (store: Store) => Promise<T>, message: string): Promise<T> {
      const expected = await read(reference);
      assert.deepEqual(await read(other), expected, message);
      return expected;
    }

    test("stores the same documents, entries, records and sources", async () => {
      const documents = await same(
        async (s) => (await s.listDocuments()).map(({ ingestedAt: _, ...d }) => d),
        "documents",
      );
      assert.equal(documents.length, PARITY_FILES.length);
      for (const document of documents) {
        await same((s) => s.getEntryRecords(document.id), `records of ${document.path}`);
        await same((s) => s.getDocumentText(document.id, 100, 200), `text of ${document.path}`);
      }
      const all = await same((s) => s.listEntries({}, { limit: 10_000 }), "every entry");
      for (const entry of all.results.filter((_, i) => i % 5 === 0)) {
        await same((s) => s.getEntry(entry.id), entry.id);
      }
      const filters: EntryFilter[] = [
        { corpus: "changbian" },
        { era: "慶曆", year: 3 },
        { from: 1043, to: 1043 },
        { month: 5 },
        { work: "長編" },
        { state: "西夏", leap: false },
      ];
      for (const filter of filters) {
        await same((s) => s.listEntries(filter, { limit: 7, offset: 3 }), JSON.stringify(filter));
      }
      const sources = await same((s) => s.listSources(), "sources");
      await same((s) => s.listSources({ corpus: "xixia" }), "sources of a corpus");
      for (const source of sources) await same((s) => s.getSource(source.work), source.work);
    });

    test("finds the same entries in the same order, with the same totals, scores and match offsets", async () => {
      const texts = inputs.flatMap((input) =>
        input.records.flatMap((r) => [r.headline, ...r.details, ...r.notes]),
      );
      const queries = [...RECALL_TERMS, ...sampledTerms(texts, 160)];
      let found = 0;
      for (const [i, query] of queries.entries()) {
        const page = await same(
          (s) => s.search({ query, limit: 10, offset: i % 3 === 0 ? 0 : i % 7 }),
          `search "${query}"`,
        );
        if (page.total > 0) found++;
      }
      assert.ok(found > queries.length * 0.9, "nearly every sampled term is found");
    });

    test("stores the same annotations and counts, lists the same events and filters alike", async () => {
      const annotations = await same(async (s) => [...(await s.listAnnotations())], "every annotation");
      assert.ok(annotations.length > 80);
      await same(async (s) => [...(await s.listAnnotations({ corpus: "changbian" }))], "a corpus's");
      for (const [id] of annotations.filter((_, i) => i % 7 === 0))
        await same((s) => s.getAnnotations(id), `annotations of ${id}`);
      for (const id of [1, 2, 3]) {
        await same((s) => s.getDocumentAnnotation(id), `document ${id}'s annotation`);
        await same((s) => s.listYears(id), `document ${id}'s years`);
      }
      const entities = await same((s) => s.listEntities(), "entities");
      await same((s) => s.listEntities({ kind: "place", corpus: "xixia" }), "places of a corpus");
      await same((s) => s.listEvents({}, { limit: 10_000 }), "every event");
      await same(
        (s) => s.listEvents({ type: "embassy", from: 1043, to: 1043 }, { limit: 5, offset: 2 }),
        "a page",
      );
      await same((s) => s.listEntryIndex(), "the entry index");
      for (const entity of entities.slice(0, 12)) {
        await same(
          (s) => s.listEvents({ participant: entity.ref }, { limit: 50 }),
          `events of ${entity.ref}`,
        );
        await same(
          (s) => s.listEntries({ entity: entity.ref }, { limit: 50 }),
          `entries naming ${entity.ref}`,
        );
        await same(
          (s) => s.search({ query: "使", entity: entity.ref, limit: 10 }),
          `search naming ${entity.ref}`,
        );
      }
      const filters: EntryFilter[] = [
        { eventType: "embassy" },
        { reckoningState: "北宋" },
        { reckoningState: "西夏", eventType: "raid", from: 1044 },
        { entity: "person:yuanhao", corpus: "changbian" },
      ];
      for (const filter of filters) {
        await same((s) => s.listEntries(filter, { limit: 20, offset: 1 }), JSON.stringify(filter));
        await same(
          (s) => s.search({ ...filter, query: "元昊", limit: 20 }),
          `元昊 ${JSON.stringify(filter)}`,
        );
      }
      await same((s) => s.getEntries(annotations.slice(0, 30).map(([id]) => id)), "entries at once");
    });

    test("agrees on multi-term, filtered and paged searches", async () => {
      const cases: [string, EntryFilter, number, number][] = [
        ["元昊 韓琦", {}, 20, 0],
        ["契丹 使", {}, 5, 2],
        ["夏 宋 遼", {}, 10, 0],
        ["之", { corpus: "changbian" }, 15, 10],
        ["元昊", { era: "慶曆" }, 10, 0],
        ["上 曰", { from: 1043, to: 1043 }, 10, 5],
        ["詔", { work: "長編" }, 10, 0],
        ["使", { state: "西夏", month: 7 }, 10, 0],
        ["韓琦 范仲淹", { corpus: "xixia" }, 10, 0],
        ["之", {}, 0, 0],
        ["之", {}, 10, 100_000],
        ["爲", {}, 1000, 0],
      ];
      for (const [query, filter, limit, offset] of cases) {
        await same(
          (s) => s.search({ ...filter, query, limit, offset }),
          `${query} ${JSON.stringify(filter)}`,
        );
      }
    });
  });
}
