/**
 * Reads what the web app's views need over the whole corpus before the server takes requests,
 * so that no visitor waits for it: the read model, the timeline's arrays, the entity counts,
 * the index of the entries that name each entity, the network, the map, the ledger of goods, the
 * contents and the whole corpus's table of contents.
 */
import type { Store } from "../../store/types.ts";
import { ledger } from "./charts.ts";
import { mapData, networkData, warmEntities } from "./entities.ts";
import { LAYOUT_CACHE_LIMIT, storedLayout } from "./layout.ts";
import { storedContents, storedToc } from "./navigation.ts";
import { memo, readModel } from "./read-model.ts";
import { timelineData } from "./timeline.ts";

/**
 * Builds the read model of `store` and what the views compute from it once.
 *
 * @returns how many entries the model holds
 */
export async function warmUp(store: Store): Promise<number> {
  const model = await readModel(store);
  memo(model, "timeline", () => timelineData(model));
  await warmEntities(store, model);
  memo(model, "network", () => networkData(model));
  await memo(model, "map", () => mapData(store, model));
  ledger(model);
  storedContents(model);
  storedToc(model, model.documents);
  return model.entries.length;
}

/**
 * The answers over the whole corpus that the web app's first views ask for (the home page, the
 * timeline, the map, the network, the sources, the contents): `biannian serve` makes them
 * before it listens (`startServer`'s `warmPaths`), so that their first reader gets them kept,
 * compressed, instead of waiting for several megabytes of JSON to be written and gzipped.
 */
export const WARM_ANSWERS: readonly string[] = [
  "/api/timeline",
  "/api/map",
  "/api/network",
  "/api/documents",
  "/api/sources",
  "/api/contents",
  "/api/toc",
];

/** How often background work waiting for the server to be idle looks again. */
const IDLE_POLL_MS = 50;

/**
 * Waits for the server to be idle: lets what is queued run, then waits while `busy()` says it is
 * answering requests. Resolves false when `signal` stops the work meanwhile.
 */
async function idle(signal: AbortSignal | undefined, busy: () => boolean): Promise<boolean> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (busy() && !signal?.aborted) await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
  return !signal?.aborted;
}

/**
 * Lays out the stored Kanripo documents one at a time, in the server's idle time, so that the
 * first reader of a juan does not wait for its text to be parsed again: run once the server
 * listens, and stopped by `signal`. Before each document it waits while `busy()` says the server
 * is answering requests (a layout takes the main thread for ~10 ms, which a request would wait
 * for), and it stops once the layout cache is full (`LAYOUT_CACHE_LIMIT` documents), where a
 * further layout would only push out one laid out before. Failures are left to the request
 * that meets them.
 *
 * @returns how many documents with a text id were laid out before it finished or was stopped
 */
export async function warmLayouts(
  store: Store,
  signal?: AbortSignal,
  busy: () => boolean = () => false,
): Promise<number> {
  const model = await readModel(store);
  let done = 0;
  for (const document of model.documents) {
    if (signal?.aborted || done >= LAYOUT_CACHE_LIMIT) break;
    // A Kanripo file names its text (`#+PROPERTY: ID KR2b0019`); another text has no layout to
    // build, and its text is not read for nothing.
    if (document.textId === null) continue;
    if (!(await idle(signal, busy))) break;
    try {
      await storedLayout(store, document);
      done++;
    } catch {
      // The request that needs this layout reports the failure.
    }
  }
  return done;
}

/** How long one step of the search index holds the main thread, in milliseconds. */
const INDEX_STEP_MS = 10;

/**
 * Completes the search index's deferred work (`Store.indexStep`: SQLite's pair index and postings after an
 * ingest) in the server's idle time, a step of ~10 ms at a time, waiting while `busy()` says the
 * server is answering requests; stopped by `signal`. Searches answer the same meanwhile, from
 * the index of single characters. A failure stops the work: searches keep that index.
 *
 * @returns whether the index is complete
 */
export async function completeSearchIndex(
  store: Store,
  signal?: AbortSignal,
  busy: () => boolean = () => false,
): Promise<boolean> {
  if (!store.indexStep) return true;
  for (;;) {
    if (!(await idle(signal, busy))) return false;
    if (!(await store.indexStep(INDEX_STEP_MS))) return true;
  }
}

/** Waits `ms`, or less when `signal` is aborted. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done);
  });
}

/** How often a served store is looked at for entries its search index does not hold yet. */
const INDEX_WATCH_MS = 2000;

/**
 * Keeps the search index complete while the server runs: completes it (`completeSearchIndex`),
 * calls `onComplete` the first time it is, and from then on looks every `everyMs` for entries
 * written since (an import from the browser) and indexes them in the same idle time, until
 * `signal` stops it. A failure ends it (thrown): searches keep the index of single characters.
 */
export async function keepSearchIndex(
  store: Store,
  signal?: AbortSignal,
  busy: () => boolean = () => false,
  onComplete: () => void = () => {},
  everyMs = INDEX_WATCH_MS,
): Promise<void> {
  if (!store.indexStep) return;
  let completed = false;
  while (!signal?.aborted) {
    const complete = await completeSearchIndex(store, signal, busy);
    if (complete && !completed) {
      completed = true;
      onComplete();
    }
    await pause(everyMs, signal);
  }
}
