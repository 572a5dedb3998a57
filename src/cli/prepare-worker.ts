/**
 * The worker thread of `ingest`: prepares the files it is sent, in the order sent, with the era
 * of each work's last juan carried to its next (see `prepare.ts`).
 */
import { parentPort } from "node:worker_threads";
import { EraCarry, type PrepareStep, prepareStep } from "./prepare.ts";

const carry = new EraCarry();
parentPort?.on("message", (message: { seq: number; step: PrepareStep }) => {
  parentPort?.postMessage({ seq: message.seq, result: prepareStep(message.step, carry) });
});
parentPort?.postMessage({ ready: true });
