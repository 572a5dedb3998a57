/**
 * The corrections layer in the reads that count and filter in SQL (`listEntities`, `listEvents`,
 * the entity and event-type filters of `listEntries` and `search`), run by `storeContract` on
 * every backend. The passages are those of `corrections-contract.ts`, 長編 卷一百四十一:
 * 燕 of 「所用者不過燕安朝路」 (ease, not the place 燕; the only 燕 of its entry, e28), 燕 of
 * 「遂伐燕薊」 (幽州, which the juan never names) and the embassy of 「遣伊埒摩哩來聘」 (e37).
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { loadAuthority } from "../../src/annotate/authority/index.ts";
import type { CorrectionInput, EntryAnnotations, Store } from "../../src/store/index.ts";
import type { ContractOptions } from "./contract.ts";
import { JUAN_141, offsetIn } from "./corrections-contract.ts";
import { annotatedInput } from "./fixtures.ts";

const PATH = "changbian/KR2b0019_141.txt";
const YAN_AN = offsetIn(JUAN_141, "所用者不過燕", "燕");
const YAN_JI = offsetIn(JUAN_141, "遂伐燕薊", "燕");
const EMBASSY = offsetIn(JUAN_141, "遣伊埒摩哩來聘", "遣");
const authority = loadAuthority();
const knownEntity = (ref: string) => authority.get(ref) !== undefined;
const ALL = { limit: 100_000 };

/** Each entity's mentions and the entries naming it (in a mention or a role), from annotations. */
function countsOf(annotations: Map<string, EntryAnnotations>): Map<string, [number, number]> {
  const mentions = new Map<string, number>();
  const entries = new Map<string, Set<string>>();
  const name = (ref: string, entry: string, mention: number) => {
    mentions.set(ref, (mentions.get(ref) ?? 0) + mention);
    entries.set(ref, (entries.get(ref) ?? new Set()).add(entry));
  };
  for (const [entry, a] of annotations) {
    for (const m of a.mentions) if (m.ref !== null) name(m.ref, entry, 1);
    for (const e of a.events)
      for (const r of Object.values(e.roles).flat()) if (r.ref !== null) name(r.ref, entry, 0);
  }
  return new Map([...mentions].map(([ref, n]) => [ref, [n, entries.get(ref)!.size]]));
}

/** Asserts that the SQL reads of a document say what its annotations, as read, say. */
async function assertAgree(store: Store, documentId: number): Promise<void> {
  const annotations = await store.listAnnotations({ documentId });
  const listed = await store.listEntities({ documentId });
  assert.deepEqual(
    new Map(listed.map((e) => [e.ref, [e.mentionCount, e.entryCount]])),
    countsOf(annotations),
    "listEntities counts what the annotations name",
  );
  const events = [...annotations].flatMap(([entry, a]) => a.events.map((event) => ({ entry, event })));
  const page = await store.listEvents({ documentId }, ALL);
  assert.equal(page.total, events.length);
  assert.deepEqual(
    page.results.map((h) => [h.entry.id, h.event.type, h.event.start, h.event.end, h.event.roles]),
    events.map(({ entry, event }) => [entry, event.type, event.start, event.end, event.roles]),
    "listEvents lists the annotations' events in text order",
  );
  // Pages of 7 make up the whole list, a corrected entry's events where they stand.
  const paged = [];
  for (let offset = 0; offset < page.total; offset += 7)
    paged.push(...(await store.listEvents({ documentId }, { limit: 7, offset })).results);
  assert.deepEqual(paged, page.results);
  for (const ref of ["place:yan", "place:youzhou", "polity:song", "polity:liao"]) {
    const naming = [...annotations]
      .filter(([, a]) => countsOf(new Map([["", a]])).has(ref))
      .map(([entry]) => entry);
    const found = await store.listEntries({ documentId, entity: ref }, ALL);
    assert.deepEqual(
      found.results.map((e) => e.id),
      naming,
      `the entries naming ${ref}`,
    );
    assert.equal(found.total, naming.length);
    const withRole = events.filter(({ event }) =>
      Object.values(event.roles)
        .flat()
        .some((r) => r.ref === ref),
    );
    assert.deepEqual(
      (await store.listEvents({ documentId, participant: ref }, ALL)).results.map((h) => [
        h.entry.id,
        h.event.start,
      ]),
      withRole.map(({ entry, event }) => [entry, event.start]),
      `the events ${ref} takes part in`,
    );
  }
  const embassies = [...annotations].filter(([, a]) => a.events.some((e) => e.type === "embassy"));
  assert.deepEqual(
    (await store.listEntries({ documentId, eventType: "embassy" }, ALL)).results.map((e) => e.id),
    embassies.map(([entry]) => entry),
    "the entries with an embassy",
  );
}

/** What the reads in SQL answer for a document, whole. */
async function readsOf(store: Store, documentId: number) {
  return {
    entities: await store.listEntities({ documentId }),
    events: await store.listEvents({ documentId }, ALL),
    yan: await store.listEntries({ documentId, entity: "place:yan" }, ALL),
    embassies: await store.listEntries({ documentId, eventType: "embassy" }, ALL),
  };
}

export function correctionsReadsContract(
  name: string,
  open: () => Store | Promise<Store>,
  options: ContractOptions = {},
): void {
  describe(`store contract, corrections in counts and filters: ${name}`, {
    skip: options.skip ?? false,
  }, () => {
    let store: Store;
    let documentId: number;
    const input = annotatedInput(JUAN_141, { corpus: "changbian", path: PATH });
    const correct = async (over: Partial<CorrectionInput>) =>
      store.addCorrection(
        {
          documentId,
          target: "mention",
          action: "remove",
          start: YAN_AN,
          end: YAN_AN + 1,
          data: {},
          author: "historian",
          reason: "燕安 is 宴安, ease",
          ...over,
        },
        { knownEntity },
      );
    /** Unlinks 燕 of 燕安, links 燕 of 燕薊 to 幽州 and removes the embassy of e37. */
    const correctAll = async () => {
      const embassy = (await store.getAnnotations(`${documentId}:e37`))!.events.find(
        (e) => e.type === "embassy" && e.start === EMBASSY,
      );
      assert.ok(embassy, "the embassy of 遣伊埒摩哩來聘");
      return [
        await correct({}),
        await correct({
          action: "change",
          start: YAN_JI,
          end: YAN_JI + 1,
          data: { kind: "place", ref: "place:youzhou" },
        }),
        await correct({ target: "event", start: embassy.start, end: embassy.end, data: { type: "embassy" } }),
      ];
    };
    const yan = async () =>
      (await store.listEntities({ documentId, kind: "place" })).find((e) => e.ref === "place:yan");

    beforeEach(async () => {
      store = await open();
      documentId = (await store.putDocument(input)).document.id;
    });
    afterEach(async () => {
      await store.close();
    });

    test("counts, events and filters follow the corrections, and undoing gives the annotator's back", async () => {
      const annotator = await readsOf(store, documentId);
      await assertAgree(store, documentId);
      const before = await yan();
      assert.ok(before, "place:yan is counted");
      assert.ok(annotator.yan.results.some((e) => e.id === `${documentId}:e28`));
      const searchYan = async () =>
        (await store.search({ query: "燕", documentId, entity: "place:yan", limit: 1000 })).results.map(
          (h) => h.id,
        );
      assert.ok((await searchYan()).includes(`${documentId}:e28`));

      const jiBefore = (await store.getAnnotations(`${documentId}:e37`))!.mentions.find(
        (m) => m.start === YAN_JI,
      );
      assert.equal(jiBefore && "ref" in jiBefore ? jiBefore.ref : null, "place:yan");
      const made = await correctAll();
      await assertAgree(store, documentId);
      // Two mentions of place:yan fewer: 燕 of 燕安 (e28's only 燕) is unlinked, 燕 of 燕薊 names 幽州.
      assert.equal((await yan())?.mentionCount ?? 0, before.mentionCount - 2);
      assert.ok(
        !(await store.listEntries({ documentId, entity: "place:yan" }, ALL)).results.some(
          (e) => e.id === `${documentId}:e28`,
        ),
      );
      assert.ok(!(await searchYan()).includes(`${documentId}:e28`));
      const youzhou = (await store.listEntities({ documentId, kind: "place" })).find(
        (e) => e.ref === "place:youzhou",
      );
      assert.deepEqual([youzhou?.kind, youzhou?.mentionCount, youzhou?.entryCount], ["place", 1, 1]);
      assert.ok(
        !(await store.listEntities({ documentId, kind: "person" })).some((e) => e.ref === "place:youzhou"),
      );
      assert.deepEqual(
        (await store.listEntries({ documentId, entity: "place:youzhou" }, ALL)).results.map((e) => e.id),
        [`${documentId}:e37`],
      );
      const embassies = await store.listEvents({ documentId, type: "embassy" }, ALL);
      assert.equal(
        embassies.total,
        annotator.events.results.filter((h) => h.event.type === "embassy").length - 1,
      );
      assert.ok(!embassies.results.some((h) => h.event.start === EMBASSY));

      for (const c of made.reverse()) await store.undoCorrection(c.id, "historian");
      assert.deepEqual(await readsOf(store, documentId), annotator);
    });

    test("hold after the document is stored again, unchanged or changed elsewhere", async () => {
      await correctAll();
      const corrected = await readsOf(store, documentId);
      assert.equal((await store.putDocument({ ...input, replace: true })).status, "replaced");
      assert.deepEqual(await readsOf(store, documentId), corrected);
      await assertAgree(store, documentId);
      // A line added at the end: the spans are unchanged.
      const longer = annotatedInput(`${JUAN_141}\n`, { corpus: "changbian", path: PATH });
      assert.equal((await store.putDocument(longer)).status, "replaced");
      assert.deepEqual(await readsOf(store, documentId), corrected);
      await assertAgree(store, documentId);
    });

    test("an orphaned correction applies nowhere", async () => {
      const made = await correct({
        action: "change",
        start: YAN_JI,
        end: YAN_JI + 1,
        data: { kind: "place", ref: "place:youzhou" },
      });
      // A character written before 燕薊: the correction's span now covers 之, not 燕.
      const changed = `${JUAN_141.slice(0, YAN_JI)}之${JUAN_141.slice(YAN_JI)}`;
      await store.putDocument(annotatedInput(changed, { corpus: "changbian", path: PATH }));
      assert.deepEqual(
        (await store.listCorrections()).map((c) => [c.id, c.status]),
        [[made.id, "orphaned"]],
      );
      await assertAgree(store, documentId);
      const orphaned = await readsOf(store, documentId);
      assert.ok(!orphaned.entities.some((e) => e.ref === "place:youzhou"));
      await store.undoCorrection(made.id, "historian");
      assert.deepEqual(orphaned, await readsOf(store, documentId));
    });
  });
}
