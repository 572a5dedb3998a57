import { mkdirSync, writeFileSync } from "node:fs";
import { benchAnnotate } from "./annotate.ts";
import { benchCalendar } from "./calendar.ts";
import type { Figure } from "./corpus.ts";
import { benchParse } from "./parse.ts";
import { benchPostgres } from "./postgres.ts";
import { benchStore } from "./store.ts";
import { benchWeb } from "./web.ts";

/** Every benchmark of the project: prints a table and writes bench/out/results.json. */
const suites: [string, () => Promise<Figure[]>][] = [
  ["parse", benchParse],
  ["calendar", benchCalendar],
  ["annotate", benchAnnotate],
  ["store", benchStore],
  ["postgres", benchPostgres],
  ["web", benchWeb],
];

const rows: (Figure & { suite: string })[] = [];
for (const [suite, run] of suites) {
  process.stderr.write(`running ${suite}…\n`);
  for (const figure of await run()) rows.push({ suite, ...figure });
}
const width = Math.max(...rows.map((r) => `${r.suite}: ${r.name}`.length));
for (const r of rows) {
  console.log(
    `${`${r.suite}: ${r.name}`.padEnd(width)}  ${r.value.toLocaleString("en").padStart(14)} ${r.unit}`,
  );
}
mkdirSync(new URL("./out/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("./out/results.json", import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
