import { readFileSync } from "node:fs";

/** The bundled sample chronicle. */
export const SAMPLE = readFileSync(new URL("../corpus/xixia-ji-1043-1044.txt", import.meta.url), "utf8");

/**
 * A benchmark corpus of at least `chars` characters: the sample repeated, each copy under a year
 * heading with its own number so that the copies stay distinct years.
 */
export function repeatedSample(chars: number): string {
  const copies = Math.ceil(chars / SAMPLE.length);
  const parts: string[] = [];
  for (let i = 0; i < copies; i++) parts.push(SAMPLE);
  return parts.join("\n");
}

/** One measured figure. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** Runs `fn` and returns its duration in milliseconds. */
export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
