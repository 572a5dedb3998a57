/**
 * The worker thread of `ingest`: prepares the files it is sent, in the order sent, with the era
 * of each work's last juan carried to its next (see `prepare.ts`). A large file's rows stay here
 * and go over one part at a time, when the thread that stores them asks for the next (`pull`),
 * until it has them all or lets them go (`release`).
 */
import { parentPort } from "node:worker_threads";
import type { YearRows } from "../store/rows.ts";
import { EraCarry, type PrepareStep, prepareStep } from "./prepare.ts";

/** What the storing thread sends: a step to prepare, a request for a file's next part, or its release. */
export type WorkerRequest = { seq: number; step: PrepareStep } | { pull: number } | { release: number };

const carry = new EraCarry();
/** The parts still to send, by the step they belong to. */
const parts = new Map<number, Iterator<YearRows[]>>();

parentPort?.on("message", (message: WorkerRequest) => {
  if ("pull" in message) {
    const seq = message.pull;
    const iterator = parts.get(seq);
    try {
      const next = iterator?.next();
      if (!next || next.done) {
        parts.delete(seq);
        parentPort?.postMessage({ seq, part: null });
      } else parentPort?.postMessage({ seq, part: next.value });
    } catch (error) {
      parts.delete(seq);
      parentPort?.postMessage({ seq, partError: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if ("release" in message) {
    parts.delete(message.release);
    return;
  }
  const result = prepareStep(message.step, carry);
  if (!result?.ok) {
    parentPort?.postMessage({ seq: message.seq, result });
    return;
  }
  if (result.parts) parts.set(message.seq, result.parts);
  const { parts: _parts, release: _release, ...sent } = result;
  const { moreYears: _more, ...rows } = sent.document.rows;
  // The text goes over once, in the document's row: the other thread gives it to the document.
  const { text: _text, ...document } = sent.document;
  parentPort?.postMessage({
    seq: message.seq,
    result: { ...sent, document: { ...document, rows } },
    ...(result.parts ? { parts: true } : {}),
  });
});
parentPort?.postMessage({ ready: true });
