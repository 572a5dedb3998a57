/** The web app's endpoints, over the bundled chronicles read through the whole pipeline. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createApp } from "../../src/server/index.ts";
import type {
  CalendarMonths,
  Concordance,
  EntityList,
  EntityPage,
  EntryAnnotations,
  FindPage,
  MapData,
  NetworkData,
  ReaderPage,
  TimelineData,
} from "../../src/server/routes/types.ts";
import type { SqliteStore } from "../../src/store/index.ts";
import { corpusStore, entriesContaining } from "./fixtures.ts";

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
    assert.equal(page.annotations, "records");
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
    assert.equal(t.count + t.undated, 45 + 31 + 27);
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
    assert.equal(song.total, 31 + 27);
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

  test("the OpenAPI document describes the new endpoints", async () => {
    const doc = await get<{ paths: Record<string, unknown> }>("/api/openapi.json");
    for (const path of [
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
