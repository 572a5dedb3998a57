/**
 * Where `ingest` prepares its files: in a worker thread, so that decoding, parsing, dating and
 * annotating one file overlaps with storing the one before (two cores at work instead of one), or
 * in the same thread when no worker can start (one core, or the worker's code cannot load).
 * Either way the files are prepared one after another in the order they are submitted.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { DocumentRows, YearRows } from "../store/rows.ts";
import { EraCarry, type Prepared, type PrepareStep, prepareStep } from "./prepare.ts";
import type { WorkerRequest } from "./prepare-worker.ts";

/** Prepares steps in the order submitted. */
export interface PreparePool {
  /** The prepared file (null for a skipped one), once the steps before it are done. */
  submit(step: PrepareStep): Promise<Prepared | null>;
  /** True when the work runs in a thread of its own. */
  readonly threaded: boolean;
  close(): Promise<void>;
}

/** A pool that prepares each step in this thread, when it is submitted. */
export function inThreadPool(carry = new EraCarry()): PreparePool {
  return {
    threaded: false,
    submit: async (step) => prepareStep(step, carry),
    close: async () => {},
  };
}

/** The worker's module: the sources run through tsx, the build beside the built command line. */
const FROM_SOURCES = import.meta.url.endsWith(".ts");
const WORKER_MODULE = FROM_SOURCES ? "./prepare-worker.ts" : "./prepare-worker.js";

/**
 * The reading thread's space for new objects, in MiB (V8's default on 64 bits is 48): the
 * annotator makes many short-lived objects for each entry, and with twice the room fewer of them
 * live long enough to be copied. On the bundled corpus, in 14 runs alternated with the default,
 * 11 ingests were faster (about 5% on average), at 20–30 MiB more at the peak; one file of
 * 10 M characters peaked no higher.
 */
const READER_YOUNG_GENERATION_MB = 96;

/** A worker running the worker module, registering tsx first when it runs from the sources. */
function newWorker(): Worker {
  const module = new URL(WORKER_MODULE, import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB };
  if (!FROM_SOURCES) return new Worker(module, { resourceLimits });
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/** The worker, once its module has loaded and said so; null when it cannot start. */
function startWorker(): Promise<Worker | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = newWorker();
    } catch {
      resolve(null);
      return;
    }
    const failed = () => {
      worker.off("message", ready);
      void worker.terminate();
      resolve(null);
    };
    const ready = (message: unknown) => {
      if ((message as { ready?: boolean }).ready !== true) return;
      worker.off("message", ready);
      worker.off("error", failed);
      worker.off("exit", failed);
      resolve(worker);
    };
    worker.on("message", ready);
    worker.once("error", failed);
    worker.once("exit", failed);
  });
}

/**
 * A pool with a worker thread where the machine has more than one core and the worker starts,
 * else one that works in this thread. A worker that dies hands its unfinished steps back as
 * failures, and the steps after them are prepared in this thread.
 */
export async function preparePool(): Promise<PreparePool> {
  if (availableParallelism() < 2) return inThreadPool();
  const worker = await startWorker();
  if (!worker) return inThreadPool();
  let seq = 0;
  let fallback: PreparePool | null = null;
  const pending = new Map<number, { resolve: (p: Prepared | null) => void; reject: (e: Error) => void }>();
  /** The rows of the files whose parts are still coming, by step: their text comes after the last part. */
  const inParts = new Map<number, DocumentRows>();
  /** Requests for a file's next part, by step, waiting for the part. */
  const pulls = new Map<number, { resolve: (part: YearRows[] | null) => void; reject: (e: Error) => void }>();
  const fail = (error: Error) => {
    fallback ??= inThreadPool();
    for (const { reject } of [...pending.values(), ...pulls.values()]) reject(error);
    pending.clear();
    pulls.clear();
  };
  /** Asks for the next part of step `id`'s rows. */
  const pull = (id: number): Promise<YearRows[] | null> => {
    const part = new Promise<YearRows[] | null>((resolve, reject) => {
      pulls.set(id, { resolve, reject });
      worker.postMessage({ pull: id } satisfies WorkerRequest);
    });
    part.catch(() => {});
    return part;
  };
  /**
   * The parts of step `id`'s rows, one at a time, each asked for as soon as the one before
   * arrives: the worker makes the next part while this thread stores the one it has.
   */
  const partsOf = (id: number): AsyncIterable<YearRows[]> => ({
    [Symbol.asyncIterator]: () => {
      let done = false;
      let ahead: Promise<YearRows[] | null> | null = null;
      return {
        next: async (): Promise<IteratorResult<YearRows[]>> => {
          if (done) return { done: true, value: undefined };
          const part = await (ahead ?? pull(id));
          ahead = null;
          if (part === null) {
            done = true;
            return { done: true, value: undefined };
          }
          ahead = pull(id);
          return { done: false, value: part };
        },
        return: async () => {
          if (!done) {
            // A part asked for ahead is not wanted: its answer finds no one waiting.
            pulls.delete(id);
            inParts.delete(id);
            worker.postMessage({ release: id } satisfies WorkerRequest);
          }
          done = true;
          ahead = null;
          return { done: true, value: undefined };
        },
      };
    },
  });
  worker.on(
    "message",
    (
      message:
        | { seq: number; result: Prepared | null; parts?: true }
        | { seq: number; part: YearRows[] | null; textBytes?: Uint8Array }
        | { seq: number; partError: string },
    ) => {
      if ("result" in message) {
        const waiting = pending.get(message.seq);
        pending.delete(message.seq);
        const { result } = message;
        if (result?.ok && message.parts) {
          const id = message.seq;
          result.document.rows.moreYears = partsOf(id);
          inParts.set(id, result.document.rows);
          result.release = () => {
            inParts.delete(id);
            worker.postMessage({ release: id } satisfies WorkerRequest);
          };
        }
        waiting?.resolve(result);
        return;
      }
      const pull = pulls.get(message.seq);
      pulls.delete(message.seq);
      if ("partError" in message) {
        inParts.delete(message.seq);
        pull?.reject(new Error(message.partError));
        return;
      }
      if (message.part === null) {
        // Set before the parts end for the store, which reads it after them.
        const rows = inParts.get(message.seq);
        inParts.delete(message.seq);
        if (rows && message.textBytes) rows.textBytes = message.textBytes;
      }
      pull?.resolve(message.part);
    },
  );
  worker.on("error", (error) => fail(error));
  worker.on("exit", (code) => {
    if (pending.size > 0 || pulls.size > 0) fail(new Error(`the reading thread stopped (exit code ${code})`));
  });
  return {
    threaded: true,
    submit(step) {
      if (fallback) return fallback.submit(step);
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A file's bytes are moved to the worker, not copied, where they are this thread's
        // alone (not a slice of Node's shared pool): nothing here reads them again.
        const bytes = step.file.bytes;
        const own =
          bytes.byteLength > 0 && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
        worker.postMessage(
          { seq: id, step } satisfies WorkerRequest,
          own ? [bytes.buffer as ArrayBuffer] : [],
        );
      });
    },
    async close() {
      // Steps still waiting (a skipped file's, never awaited) have nothing more to give.
      for (const { resolve } of pending.values()) resolve(null);
      pending.clear();
      await worker.terminate();
    },
  };
}
