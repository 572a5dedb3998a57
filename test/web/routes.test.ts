/** The web app's endpoints, over the bundled chronicles read through the whole pipeline. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { createApp } from "../../src/server/index.ts";
import type {
  CalendarMonths,
  Concordance,
  DateProblems,
  EntityList,
  EntityPage,
  EntryAnnotations,
  FindPage,
  MapData,
  NetworkData,
  ReaderPage,
  TimelineData,
} from "../../src/server/routes/types.ts";
import type { DocumentSummary, SqliteStore } from "../../src/store/index.ts";
import { CORPUS, corpusStore, entriesContaining, putText } from "./fixtures.ts";

/** 長編 卷一百三十九, as the repository holds it: document 2 of the corpus store. */
const JUAN_139 = readFileSync(new URL("changbian/KR2b0019_143.txt", CORPUS), "utf8");

/** `[start, end)` of `text` without the hidden stretches. */
function visible(
  text: string,
  base: number,
  hidden: readonly { start: number; end: number }[],
  start: number,
  end: number,
) {
  let out = "";
  let at = start;
  for (const r of hidden) {
    if (r.end <= at || r.start >= end) continue;
    out += text.slice(at - base, r.start - base);
    at = r.end;
  }
  return out + text.slice(at - base, end - base);
}

/** A plain chronicle whose one entry writes a day that is not in its month: 慶曆三年正月 opens on 庚午 (長編 卷一百三十九), so 甲子 falls 54 days later. */
const BAD_DAY = "慶曆三年\n春正月甲子，元昊遣使來。（《長編》卷一百三十九）\n";

let store: SqliteStore;
let app: ReturnType<typeof createApp>;

async function get<T>(url: string, status = 200): Promise<T> {
  const response = await app.request(url);
  assert.equal(response.status, status, `${url}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

before(async () => {
  store = await corpusStore();
  app = createApp(store, { webRoot: "/nonexistent" });
});
after(() => store.close());

describe("web endpoints", () => {
  test("the reader's page holds entries in full with their mentions and events", async () => {
    const page = await get<ReaderPage>("/api/documents/1/entries?offset=12&limit=2");
    assert.equal(page.total, 45);
    assert.deepEqual(
      page.results.map((e) => e.id),
      ["1:e13", "1:e14"],
    );
    const e13 = page.results[0]!;
    assert.equal(e13.state, "西夏");
    assert.equal(page.annotations, "tables");
    const text = await store.getDocumentText(1);
    for (const m of e13.mentions)
      assert.equal(text!.slice(m.start, m.end), m.text, "mentions are document offsets");
    assert.ok(e13.mentions.some((m) => m.ref === "person:yang-shousu" && m.text === "楊守素"));
    await get("/api/documents/99/entries", 404);
    await get("/api/documents/1/entries?limit=201", 400);
  });

  test("an entry's annotations, and 404 for an unknown entry", async () => {
    const notes = await get<EntryAnnotations>("/api/entries/1:e13/annotations");
    assert.equal(notes.id, "1:e13");
    assert.ok(notes.events.length > 0);
    await get("/api/entries/1:e999/annotations", 404);
  });

  test("the timeline gives every dated entry as parallel arrays; 長編 entries get the era's state", async () => {
    const t = await get<TimelineData>("/api/timeline");
    // 卷一百四十九 has 29 items: 27 with a standard day, and 甲戍 and 丙戍, days written with 戍 for 戌.
    assert.equal(t.count + t.undated, 45 + 31 + 29);
    for (const key of ["ids", "start", "end", "state", "document", "event"] as const)
      assert.equal(t[key].length, t.count);
    assert.deepEqual(
      t.documents.map((d) => d.id),
      [1, 2, 3],
    );
    assert.ok(t.states.includes("西夏") && t.states.includes("北宋"), t.states.join());
    const i = t.ids.indexOf("2:e1");
    assert.equal(t.states[t.state[i]!], "北宋");
    assert.equal(t.start[i], 2102057);
  });

  test("calendar months carry each state's era year and month", async () => {
    const m = await get<CalendarMonths>(
      "/api/calendar/months?from=2102233&to=2102261&states=%E5%8C%97%E5%AE%8B,%E9%81%BC",
    );
    assert.equal(m.reference, "北宋");
    assert.deepEqual(m.months, [
      {
        start: 2102233,
        end: 2102261,
        month: 7,
        leap: false,
        labels: [
          {
            state: "遼",
            era: "重熙",
            year: 12,
            month: 7,
            leap: false,
            yearLabel: "重熙十二年",
            monthLabel: "七月",
            label: "重熙十二年七月",
          },
          {
            state: "北宋",
            era: "慶曆",
            year: 3,
            month: 7,
            leap: false,
            yearLabel: "慶曆三年",
            monthLabel: "七月",
            label: "慶曆三年七月",
          },
        ],
      },
    ]);
    await get("/api/calendar/months?from=2102233&to=2000000", 400);
    await get("/api/calendar/months?from=x&to=1", 400);
  });

  test("the concordance sets the entries of every chronicle in one lunar month together", async () => {
    const c = await get<Concordance>("/api/concordance?jdn=2102240");
    assert.equal(c.month.start, 2102233);
    assert.equal(c.previous, 2102203);
    assert.equal(c.next, 2102262);
    const documents = new Set(c.within.map((e) => e.documentId));
    assert.ok(documents.has(1), "the sample's 秋七月 entries");
    for (const e of c.within) {
      const jdn = e.date.jdn as { start: number; end: number };
      assert.ok(jdn.start >= c.month.start && jdn.end <= c.month.end, e.id);
    }
    await get("/api/concordance?jdn=1", 404);
  });

  test("entity pages list the authority record and every entry that mentions it", async () => {
    const list = await get<EntityList>("/api/entities?kind=person");
    assert.ok(list.results.every((r) => r.kind === "person"));
    const page = await get<EntityPage>("/api/entities/person:yang-shousu");
    assert.equal(page.entity.name, "楊守素");
    assert.ok(page.entries.some((e) => e.id === "1:e13"));
    assert.ok(
      page.entries.every((e) => e.mentions.length > 0 || page.events.some((v) => v.entryId === e.id)),
    );
    await get("/api/entities/person:nobody", 404);
    await get("/api/entities/nonsense", 400);
  });

  test("the map gives places with coordinates and events located at them", async () => {
    const map = await get<MapData>("/api/map");
    assert.ok(map.places.length >= 20);
    assert.ok(map.places.every((p) => typeof p.lat === "number" && typeof p.lon === "number"));
    const ids = new Set(map.places.map((p) => p.id));
    assert.ok(map.events.every((e) => ids.has(e.place)));
    // Every place of the authority data is on the map or counted among those without coordinates.
    const places = readFileSync(new URL("../../data/authority/places.jsonl", import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { id: string; lat?: number | null; part_of?: string | null });
    assert.equal(map.placeCount, places.length);
    assert.equal(map.places.length + map.unlocated, places.length);
    // A place without its own coordinates that belongs to one with them is shown there, marked so.
    const byId = new Map(places.map((p) => [p.id, p]));
    const fort = places.find(
      (p) => (p.lat ?? null) === null && p.part_of && typeof byId.get(p.part_of)?.lat === "number",
    )!;
    const shown = map.places.find((p) => p.id === fort.id)!;
    assert.equal(shown.inherited, true);
    assert.equal(shown.at, fort.part_of);
    assert.equal(shown.lat, byId.get(fort.part_of!)!.lat);
  });

  test("the network links polities and persons by events, each edge with its entries", async () => {
    const net = await get<NetworkData>("/api/network");
    const nodes = new Set(net.nodes.map((n) => n.id));
    assert.ok(nodes.has("polity:xixia") && nodes.has("polity:song"));
    for (const edge of net.edges) {
      assert.ok(nodes.has(edge.source) && nodes.has(edge.target));
      assert.ok(edge.count >= edge.entries.length && edge.entries.length > 0);
    }
    assert.ok(net.edges.some((e) => e.type === "embassy"));
  });

  test("find: 青鹽 and 青盐 find the sample's entries that contain 青鹽, with passages", async () => {
    const expected = await entriesContaining(store, 1, "青鹽");
    for (const q of ["青鹽", "青盐"]) {
      const page = await get<FindPage>(`/api/find?q=${encodeURIComponent(q)}&document=1`);
      assert.deepEqual(page.results.map((h) => h.id).sort(), [...expected].sort(), q);
      for (const hit of page.results) {
        assert.ok(hit.snippets.length > 0);
        for (const s of hit.snippets)
          for (const m of s.highlights) assert.equal(s.text.slice(m.start, m.end), "青鹽");
      }
    }
  });

  test("find filters by the entry's state, an entity and an event type, and pages without a query", async () => {
    const song = await get<FindPage>("/api/find?state=%E5%8C%97%E5%AE%8B&limit=5");
    // 長編 卷一百三十九 and 卷一百四十九, and the sample's 45 entries of 1043–1044: 北宋's days, whatever
    // the heading (西夏稱天授禮法延祚六年) names.
    assert.equal(song.total, 31 + 29 + 45);
    assert.equal(song.results.length, 5);
    const person = await get<FindPage>("/api/find?entity=person:yang-shousu&limit=100");
    const page = await get<EntityPage>("/api/entities/person:yang-shousu");
    assert.deepEqual(
      person.results.map((h) => h.id),
      page.entries.map((e) => e.id),
    );
    const embassies = await get<FindPage>("/api/find?event=embassy&q=%E9%81%A3");
    assert.ok(embassies.total > 0 && embassies.total <= (await get<FindPage>("/api/find?q=%E9%81%A3")).total);
    await get("/api/find?event=Embassy!", 400);
  });

  test("documents are named by work and juan, and listed by work, then juan", async () => {
    const { results } = await get<{ results: DocumentSummary[] }>("/api/documents");
    // The header of the file says which work and juan it is; 長編 is how chronicles cite the work.
    const work = /^#\+TITLE: (.+)$/mu.exec(JUAN_139)![1]!;
    const juan = /^#\+PROPERTY: JUAN (.+)$/mu.exec(JUAN_139)![1]!.trim();
    assert.equal(work, "續資治通鑑長編");
    const doc2 = results.find((d) => d.id === 2)!;
    assert.equal(doc2.title, `長編 ${juan}`);
    assert.equal(doc2.work, work);
    assert.equal(doc2.juanLabel, juan);
    assert.equal(doc2.name, "KR2b0019_143.txt", "the file name is still there");
    const sample = results.find((d) => d.id === 1)!;
    assert.equal(sample.name, "xixia-ji-1043-1044.txt");
    // Two juan of one work, by juan; a chronicle of no known work by its file name.
    const changbian = results.filter((d) => d.work === work);
    assert.deepEqual(
      changbian.map((d) => d.juan),
      [...changbian.map((d) => d.juan)].sort((a, b) => a! - b!),
    );
    assert.deepEqual(
      (await get<Concordance>("/api/concordance?jdn=2102240")).documents.find((d) => d.id === 1),
      { id: 1, name: sample.name, title: sample.title },
    );
    assert.deepEqual(
      (await get<TimelineData>("/api/timeline")).documents.find((d) => d.id === 2),
      { id: 2, name: doc2.name, title: doc2.title },
    );
  });

  test("a Kanripo juan in the reader: no markup in the text, pages and small notes where the file has them", async () => {
    const page = await get<ReaderPage>("/api/documents/2/entries?limit=200");
    assert.equal(page.results.length, page.total);
    const shown: string[] = [];
    for (const entry of page.results) {
      const base = entry.position.start.offset;
      assert.equal(
        entry.text,
        JUAN_139.slice(base, entry.position.end.offset),
        "offsets point into the file",
      );
      for (const r of entry.layout.hidden) {
        // Only the edition's markup is left out: page markers, line marks and ends, a note's brackets and column breaks.
        assert.match(
          JUAN_139.slice(r.start, r.end),
          /^(?:<pb:[^>]+>|[¶\r\n/()])+$/u,
          `${entry.id} ${r.start}`,
        );
      }
      const text = visible(entry.text, base, entry.layout.hidden, base, entry.position.end.offset);
      assert.ok(!/[¶<>/]/u.test(text), `${entry.id}: ${text.slice(0, 40)}`);
      shown.push(text);
    }
    // Every page whose text holds an entry is marked where its text begins; the first is 1a.
    const markers = [...JUAN_139.matchAll(/<pb:(KR2b0019_WYG_143-(\d+)([ab]))>/gu)];
    assert.equal(markers[0]![1], "KR2b0019_WYG_143-1a");
    const pages = page.results.flatMap((e) => e.layout.pages.map((p) => ({ ...p, entry: e.id })));
    const first = page.results[0]!;
    assert.deepEqual(
      {
        id: pages[0]!.id,
        label: `${pages[0]!.page}${pages[0]!.side}`,
        at: pages[0]!.at,
        entry: pages[0]!.entry,
      },
      { id: "KR2b0019_WYG_143-1a", label: "1a", at: first.position.start.offset, entry: first.id },
    );
    const second = markers.find((m) => m[2] === "2" && m[3] === "a")!;
    const mark2a = pages.find((p) => p.id === second[1])!;
    assert.equal(mark2a.offset, second.index);
    // Between the marker and the mark there is nothing but markup.
    assert.match(JUAN_139.slice(second.index! + second[0].length, mark2a.at), /^[¶\r\n]*$/u);
    for (const m of markers.slice(1))
      assert.ok(
        pages.some((p) => p.id === m[1]),
        m[1],
      );
    // A small note `(right/left)` of the file is a small note, read right column then left.
    const note = /\(([^()/¶\n]+)\/([^()/¶\n]+)\)/u.exec(JUAN_139)!;
    const holder = page.results.find((e) =>
      e.layout.smallNotes.some((n) => n.start <= note.index && note.index + note[0].length <= n.end),
    );
    assert.ok(holder, `the note ${note[0]} is a small note`);
    const range = holder.layout.smallNotes.find((n) => n.start <= note.index && note.index < n.end)!;
    const base = holder.position.start.offset;
    assert.ok(
      visible(holder.text, base, holder.layout.hidden, range.start, range.end).startsWith(
        note[1]! + note[2]!,
      ),
    );
    // The entry page gives the same layout.
    const notes = await get<EntryAnnotations>(`/api/entries/${holder.id}/annotations`);
    assert.deepEqual(notes.layout, holder.layout);
    // A plain chronicle has no layout to apply.
    const plain = await get<ReaderPage>("/api/documents/1/entries?limit=3");
    for (const e of plain.results) assert.deepEqual(e.layout, { hidden: [], pages: [], smallNotes: [] });
  });

  test("a document's date problems: place, text as written, message and entry", async () => {
    // The juan writes its era 慶歴, which the dating reads as 慶曆: a note on the heading.
    const opening = /^(慶[歴厯])三年(春正月[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]朔)/mu.exec(
      JUAN_139,
    )!;
    const line = JUAN_139.slice(0, opening.index).split("\n").length;
    const problems = await get<DateProblems>("/api/documents/2/date-problems");
    assert.equal(problems.total, problems.results.length);
    const era = problems.results.find((p) => p.entryId === "2:e1" && p.message.includes(opening[1]!));
    assert.ok(era, JSON.stringify(problems.results.slice(0, 2)));
    // Said once, on the year heading that writes it, and linked to the year's first entry.
    assert.equal(era.text, `${opening[1]}三年`);
    assert.deepEqual([era.place.start.line, era.place.start.column], [line, 1]);
    assert.equal(era.kind, "message");
    assert.equal(era.ruleId, "date-era-spelling");
    assert.ok(!problems.results.some((p) => p.kind === "warning" && p.message === era.message));
    const offsets = problems.results.map((p) => p.place.start.offset);
    assert.deepEqual(
      offsets,
      [...offsets].sort((a, b) => a - b),
      "in text order",
    );

    await putText(store, BAD_DAY, "bad-day.txt", false);
    const id = (await store.findDocument("default", "bad-day.txt"))!.id;
    const bad = await get<DateProblems>(`/api/documents/${id}/date-problems`);
    const day = bad.results.find((p) => p.ruleId === "date-ganzhi-not-in-month");
    assert.ok(day, JSON.stringify(bad.results));
    assert.equal(day.kind, "message");
    assert.equal(day.text, "春正月甲子");
    assert.equal(day.entryId, `${id}:e1`);
    assert.deepEqual([day.place.start.line, day.place.start.column], [2, 1]);
    assert.ok(
      !bad.results.some((p) => p.kind === "warning" && p.message === day.message),
      "a warning the message already gives is not listed twice",
    );
    await store.deleteDocument(id);
    await get("/api/documents/999/date-problems", 404);
    await get("/api/documents/abc/date-problems", 400);
  });

  test("the OpenAPI document describes the new endpoints", async () => {
    const doc = await get<{ paths: Record<string, unknown> }>("/api/openapi.json");
    for (const path of [
      "/api/documents/{id}/date-problems",
      "/api/timeline",
      "/api/concordance",
      "/api/entities/{id}",
      "/api/map",
      "/api/network",
      "/api/find",
      "/api/documents/{id}/entries",
      "/api/entries/{id}/annotations",
      "/api/calendar/months",
    ]) {
      assert.ok(path in doc.paths, path);
    }
  });
});
