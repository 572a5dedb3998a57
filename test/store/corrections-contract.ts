/**
 * The corrections layer of the store contract (`src/store/corrections.ts`), run by
 * `storeContract` on every backend. The passages are of 長編 卷一百四十一 (KR2b0019_141):
 *
 * - 「審如聖意則所用者不過燕安朝路容身養望者爾」: 燕安 is 宴安, ease, not the place 燕;
 * - 「以助河東太宗怒其反覆遂伐燕薊蓋北朝自取之也」: 燕薊 is 幽州, which 太宗 attacked in 979;
 * - 「遣伊埒摩哩來聘」 opens the entry's embassy, sent by 北朝 (遼) to 南朝 (宋).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, test } from "node:test";
import { loadAuthority } from "../../src/annotate/authority/index.ts";
import type { EntityMention } from "../../src/annotate/types.ts";
import type { CorrectionInput, Store } from "../../src/store/index.ts";
import type { ContractOptions } from "./contract.ts";
import { annotatedInput } from "./fixtures.ts";

export const JUAN_141 = readFileSync(
  new URL("../../corpus/changbian/KR2b0019_141.txt", import.meta.url),
  "utf8",
);
const PATH = "changbian/KR2b0019_141.txt";

/** Where a passage of the juan stands, and the offset of a character of it. */
export function offsetIn(text: string, passage: string, char: string): number {
  const at = text.indexOf(passage);
  assert.ok(at >= 0, `「${passage}」 is in the text`);
  return at + passage.indexOf(char);
}

/** 燕 of 燕安 (ease). */
const YAN_AN = offsetIn(JUAN_141, "所用者不過燕", "燕");
/** 燕 and 薊 of 燕薊 (幽州). */
const YAN_JI = offsetIn(JUAN_141, "遂伐燕薊", "燕");
const EMBASSY = offsetIn(JUAN_141, "遣伊埒摩哩來聘", "遣");
const SOUTH = offsetIn(JUAN_141, "南朝皇帝", "南");
/** The bundled authority, which knows 幽州 though the juan never names it. */
const authority = loadAuthority();
const knownEntity = (ref: string) => authority.get(ref) !== undefined;

export function correctionsContract(
  name: string,
  open: () => Store | Promise<Store>,
  options: ContractOptions = {},
): void {
  describe(`store contract, corrections: ${name}`, { skip: options.skip ?? false }, () => {
    let store: Store;
    let documentId: number;
    const input = annotatedInput(JUAN_141, { corpus: "changbian", path: PATH });
    const ask = (over: Partial<CorrectionInput>): CorrectionInput => ({
      documentId,
      target: "mention",
      action: "remove",
      start: YAN_AN,
      end: YAN_AN + 1,
      data: {},
      author: "historian",
      reason: "燕安 is 宴安, ease",
      ...over,
    });
    const mentionsAt = async (entry: string, start: number) =>
      ((await store.getAnnotations(entry))?.mentions ?? []).filter((m) => m.start === start);

    beforeEach(async () => {
      store = await open();
      documentId = (await store.putDocument(input)).document.id;
    });
    afterEach(async () => {
      await store.close();
    });

    test("removes a mention, says who, when and why, and undoes it", async () => {
      const before = await mentionsAt(`${documentId}:e28`, YAN_AN);
      assert.deepEqual(
        before.map((m) => [m.text, (m as EntityMention).ref]),
        [["燕", "place:yan"]],
      );
      const made = await store.addCorrection(ask({}));
      assert.equal(made.status, "applied");
      assert.equal(made.text, "燕");
      assert.equal(made.entryId, `${documentId}:e28`);
      assert.equal(made.author, "historian");
      assert.equal(made.reason, "燕安 is 宴安, ease");
      assert.equal(made.corpus, "changbian");
      assert.equal(made.path, PATH);
      assert.ok(!Number.isNaN(Date.parse(made.createdAt)));
      assert.deepEqual(await mentionsAt(`${documentId}:e28`, YAN_AN), []);
      const listed = await store.listAnnotations({ documentId });
      assert.ok(!listed.get(`${documentId}:e28`)?.mentions.some((m) => m.start === YAN_AN));
      const records = await store.getEntryRecords(documentId);
      assert.ok(!records.find((r) => r.id === "e28")?.mentions.some((m) => m.start === YAN_AN));
      assert.deepEqual(
        (await store.listCorrections({ entryId: `${documentId}:e28` })).map((c) => c.id),
        [made.id],
      );

      const undone = await store.undoCorrection(made.id, "editor");
      assert.equal(undone?.status, "undone");
      assert.equal(undone?.undoneBy, "editor");
      assert.ok(!Number.isNaN(Date.parse(undone?.undoneAt ?? "")));
      assert.deepEqual(await mentionsAt(`${documentId}:e28`, YAN_AN), before);
      assert.deepEqual(await store.listCorrections(), []);
      assert.deepEqual(
        (await store.listCorrections({ includeUndone: true })).map((c) => [c.id, c.status]),
        [[made.id, "undone"]],
      );
      assert.equal(await store.undoCorrection(9999, "editor"), null);
    });

    test("changes and adds mentions, stamped with their correction", async () => {
      const entry = `${documentId}:e37`;
      await store.addCorrection(
        ask({
          action: "change",
          start: YAN_JI,
          end: YAN_JI + 1,
          data: { kind: "place", ref: "place:youzhou" },
        }),
        { knownEntity },
      );
      const added = await store.addCorrection(
        ask({
          action: "add",
          start: YAN_JI + 1,
          end: YAN_JI + 2,
          data: { kind: "place", ref: "place:youzhou" },
        }),
        { knownEntity },
      );
      assert.equal(added.text, "薊");
      const at = (await store.getAnnotations(entry))!.mentions.filter(
        (m) => m.start >= YAN_JI && m.end <= YAN_JI + 2,
      );
      assert.deepEqual(
        at.map((m) => [m.text, m.kind, m.ref, m.rule, m.field]),
        [
          ["燕", "place", "place:youzhou", "correction", "headline"],
          ["薊", "place", "place:youzhou", "correction", "headline"],
        ],
      );
      assert.equal((at[1] as unknown as { correction: { id: number } }).correction.id, added.id);
    });

    test("removes an event, adds a role, and undoes them", async () => {
      const entry = `${documentId}:e37`;
      const before = (await store.getAnnotations(entry))!.events;
      const embassy = before.find((e) => e.type === "embassy" && e.start === EMBASSY);
      assert.ok(embassy, "the embassy of 遣伊埒摩哩來聘");
      const role = await store.addCorrection(
        ask({
          target: "role",
          action: "add",
          start: SOUTH,
          end: SOUTH + 2,
          data: { event: { start: embassy.start, end: embassy.end }, role: "receiver", ref: "polity:song" },
        }),
      );
      const withRole = (await store.getAnnotations(entry))!.events.find((e) => e.start === EMBASSY)!;
      assert.deepEqual(
        withRole.roles.receiver?.map((r) => [r.text, r.ref]),
        [["南朝", "polity:song"]],
      );
      const removed = await store.addCorrection(
        ask({ target: "event", start: embassy.start, end: embassy.end, data: { type: "embassy" } }),
      );
      assert.ok(
        !(await store.getAnnotations(entry))!.events.some((e) => e.type === "embassy" && e.start === EMBASSY),
      );
      await store.undoCorrection(removed.id, "historian");
      await store.undoCorrection(role.id, "historian");
      assert.deepEqual((await store.getAnnotations(entry))!.events, before);
    });

    test("refuses a bad correction and writes nothing", async () => {
      const bad: [Partial<CorrectionInput>, RegExp][] = [
        [{ start: JUAN_141.length, end: JUAN_141.length + 1 }, /runs past the end/],
        [{ start: 5, end: 5 }, /not a span/],
        [{ start: -1, end: 2 }, /not a span/],
        [{ documentId: 999 }, /No document/],
        [{ action: "add", data: { kind: "place", ref: "place:no-such-place" } }, /Unknown entity id/],
        [{ action: "add", data: { kind: "river" as "place", ref: "river:huanghe" } }, /kind of entity/],
        [{ target: "sense" as "mention" }, /Unknown correction target/],
        [{ action: "erase" as "add" }, /Unknown correction action/],
        [{ start: YAN_AN + 1, end: YAN_AN + 2 }, /No mention stands/],
        [{ target: "event", data: { type: "war" as "battle" } }, /Unknown event type "war"/],
        [{ target: "event", data: { type: "battle" } }, /No event of type battle/],
        [{ target: "date", action: "change", data: {} }, /reading of the date/],
      ];
      for (const [over, message] of bad) {
        await assert.rejects(store.addCorrection(ask(over)), (error: Error) => {
          assert.equal(error.name, "CorrectionError");
          assert.match(error.message, message);
          return true;
        });
      }
      assert.deepEqual(await store.listCorrections({ includeUndone: true }), []);
    });

    test("outlives a new ingest, and is orphaned where the text changed", async () => {
      const made = await store.addCorrection(ask({}));
      // The same juan with a line added at its end: stored again, the span unchanged.
      const longer = annotatedInput(`${JUAN_141}\n`, { corpus: "changbian", path: PATH });
      assert.equal((await store.putDocument(longer)).status, "replaced");
      assert.deepEqual(
        (await store.listCorrections()).map((c) => [c.id, c.status]),
        [[made.id, "applied"]],
      );
      assert.deepEqual(await mentionsAt(`${documentId}:e28`, YAN_AN), []);
      // 燕安 written 宴安: the correction no longer matches its text.
      const changed = `${JUAN_141.slice(0, YAN_AN)}宴${JUAN_141.slice(YAN_AN + 1)}`;
      await store.putDocument(annotatedInput(changed, { corpus: "changbian", path: PATH }));
      assert.deepEqual(
        (await store.listCorrections()).map((c) => [c.id, c.status, c.text]),
        [[made.id, "orphaned", "燕"]],
      );
      await store.deleteDocument(documentId);
      const gone = await store.listCorrections();
      assert.deepEqual(
        gone.map((c) => [c.status, c.documentId]),
        [["orphaned", null]],
      );
    });
  });
}
