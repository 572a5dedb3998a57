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
/** The parts still to send, by the step they belong to, with the text they go out with last. */
const parts = new Map<number, { iterator: Iterator<YearRows[]>; text: string }>();

parentPort?.on("message", (message: WorkerRequest) => {
  if ("pull" in message) {
    const seq = message.pull;
    const pending = parts.get(seq);
    try {
      const next = pending?.iterator.next();
      if (!pending || !next || next.done) {
        parts.delete(seq);
        // The text comes after the last part, when the tree it was read into is gone.
        const textBytes = pending ? new TextEncoder().encode(pending.text) : undefined;
        parentPort?.postMessage({ seq, part: null, textBytes }, textBytes ? [textBytes.buffer] : []);
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
  const { step } = message;
  const result = prepareStep(step, carry);
  if (!result?.ok) {
    parentPort?.postMessage({ seq: message.seq, result });
    return;
  }
  const { parts: _parts, release: _release, ...sent } = result;
  const { moreYears: _more, ...rows } = sent.document.rows;
  const { document } = sent;
  const text = rows.document.text;
  // The text goes over as its UTF-8 bytes, moved rather than copied: a large file's after its
  // last part (its bytes let go of now), another's with its rows, the file's own bytes where
  // they are UTF-8 (this thread's to give: they came over the same way).
  let textBytes: Uint8Array | undefined;
  if (result.parts) {
    parts.set(message.seq, { iterator: result.parts, text });
    step.file.bytes = new Uint8Array(0);
  } else textBytes = utf8Of(text, document.encoding, step.file.bytes);
  parentPort?.postMessage(
    {
      seq: message.seq,
      result: {
        ...sent,
        document: { ...document, rows: { ...rows, document: { ...rows.document, text: "" }, textBytes } },
      },
      ...(result.parts ? { parts: true } : {}),
    },
    textBytes ? [textBytes.buffer as ArrayBuffer] : [],
  );
});

/**
 * The UTF-8 bytes of a file's decoded text: the file's bytes after any byte order mark when it
 * was UTF-8 (decoding changed nothing else), else the text encoded, in a buffer of its own.
 */
function utf8Of(text: string, encoding: string, bytes: Uint8Array): Uint8Array {
  if (encoding !== "utf-8") return new TextEncoder().encode(text);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.subarray(bom ? 3 : 0);
}
parentPort?.postMessage({ ready: true });
