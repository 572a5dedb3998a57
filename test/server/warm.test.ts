/** Laying out the stored juan while the server already answers. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { storedLayout } from "../../src/server/routes/layout.ts";
import { storedContents, storedToc, tableOfContents } from "../../src/server/routes/navigation.ts";
import { memo, readModel } from "../../src/server/routes/read-model.ts";
import { completeSearchIndex, keepSearchIndex, warmLayouts, warmUp } from "../../src/server/routes/warm.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { CHANGBIAN_143, documentInput, SAMPLE } from "../store/fixtures.ts";

test("lays out every stored Kanripo juan once, leaves a plain text unread, and stops when asked", async () => {
  const store = openSqliteStore(":memory:");
  try {
    const sample = (await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }))).document;
    const juan = (await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" })))
      .document;
    const stopped = new AbortController();
    stopped.abort();
    assert.equal(await warmLayouts(store, stopped.signal), 0);
    // The juan (a Kanripo file, with its text id), not the sample, which has no markup to lay out.
    assert.equal(await warmLayouts(store), 1);
    assert.deepEqual(await storedLayout(store, sample), { hidden: [], pages: [], smallNotes: [] });
    // The juan's layout is kept: the same object, and its pages are those the file marks.
    const layout = await storedLayout(store, juan);
    assert.equal(await storedLayout(store, juan), layout);
    const marked = CHANGBIAN_143.match(/<pb:[^>]+>/g) ?? [];
    assert.ok(marked.length > 0 && layout.pages.length > 0 && layout.pages.length <= marked.length);
  } finally {
    await store.close();
  }
});

test("lays out nothing while the server is busy, and goes on once it is idle", async () => {
  const store = openSqliteStore(":memory:");
  try {
    await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
    let busy = true;
    let finished = false;
    const warming = warmLayouts(store, undefined, () => busy).then((n) => {
      finished = true;
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(finished, false, "waits while busy");
    busy = false;
    assert.equal(await warming, 1);
    // Stopped while waiting, it stops.
    const stop = new AbortController();
    const stopped = warmLayouts(store, stop.signal, () => true);
    stop.abort();
    assert.equal(await stopped, 0);
  } finally {
    await store.close();
  }
});

test("completes the search index in the idle time only, and stops when asked", async () => {
  const store = openSqliteStore(":memory:", { pairSlice: 8 });
  const pending = () =>
    (store.db.prepare("SELECT count(*) AS n FROM pairs_pending").get() as { n: number }).n;
  try {
    await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
    const entries = pending();
    assert.ok(entries > 16, `${entries} entries wait for the pair index`);
    const stop = new AbortController();
    stop.abort();
    assert.equal(await completeSearchIndex(store, stop.signal), false);
    assert.equal(pending(), entries, "stopped before it began");
    let busy = true;
    let finished = false;
    const completing = completeSearchIndex(store, undefined, () => busy).then((complete) => {
      finished = true;
      return complete;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(finished, false, "waits while busy");
    assert.equal(pending(), entries, "nothing indexed while busy");
    busy = false;
    assert.equal(await completing, true);
    assert.equal(pending(), 0);
    // A store that defers nothing is complete at once.
    const plain = { ...store, indexStep: undefined } as unknown as Parameters<typeof completeSearchIndex>[0];
    assert.equal(await completeSearchIndex(plain, undefined, () => true), true);
  } finally {
    await store.close();
  }
});

test("keeps the search index complete: entries stored while the server runs are indexed too", async () => {
  const store = openSqliteStore(":memory:", { pairSlice: 8 });
  const pending = () =>
    (store.db.prepare("SELECT count(*) AS n FROM pairs_pending").get() as { n: number }).n;
  const stop = new AbortController();
  let completions = 0;
  try {
    await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
    const keeping = keepSearchIndex(
      store,
      stop.signal,
      () => false,
      () => completions++,
      20,
    );
    const until = async (test: () => boolean) => {
      for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await until(() => pending() === 0 && completions === 1);
    assert.equal(pending(), 0);
    assert.equal(completions, 1);
    // A document imported while the server runs.
    await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
    assert.ok(pending() > 0);
    await until(() => pending() === 0);
    assert.equal(pending(), 0, "indexed without a restart");
    assert.equal(completions, 1, "told once");
    stop.abort();
    await keeping;
  } finally {
    stop.abort();
    await store.close();
  }
});

test("makes the contents and the whole corpus's table of contents before the server listens", async () => {
  const store = openSqliteStore(":memory:");
  try {
    await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
    await store.putDocument(documentInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" }));
    await warmUp(store);
    const model = await readModel(store);
    // Made by the warm-up: kept under the model before any request asks for it.
    const kept = memo<unknown>(model, `toc:${model.documents.map((d) => d.id).join(",")}`, () => null);
    assert.ok(kept !== null, "made by the warm-up");
    assert.ok(memo<unknown>(model, "contents", () => null) !== null, "the contents too");
    const toc = storedToc(model, model.documents);
    assert.equal(toc, kept);
    assert.deepEqual(toc, tableOfContents(model, model.documents));
    // Every stored entry stands under one year, and under one month of it.
    assert.equal(
      toc.reduce((n, year) => n + year.entryCount, 0),
      model.entries.length,
    );
    for (const year of toc)
      assert.equal(
        year.months.reduce((n, month) => n + month.entryCount, 0),
        year.entryCount,
      );
    assert.equal(storedContents(model), storedContents(model));
  } finally {
    await store.close();
  }
});
