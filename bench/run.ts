/**
 * Every benchmark of the project (`npm run bench`): prints one table — suite, figure, value,
 * unit, and for the figures with a goal the goal and whether it was met — with notes on how the
 * corpus was built and what was skipped, and writes the same to bench/out/results.json.
 * `BENCH_SCALE=0.05` runs it on a twentieth of the corpus for a quick check,
 * `BENCH_HTTP_SECONDS=10` shortens the HTTP load, `BENCH_SUITES=pipeline,search` runs some suites.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { benchAnnotate } from "./annotate.ts";
import { benchCalendar } from "./calendar.ts";
import type { Figure } from "./corpus.ts";
import { benchHttp } from "./http.ts";
import { benchPipeline } from "./pipeline.ts";
import { benchSearch } from "./search.ts";
import { benchStart } from "./start.ts";
import { benchWeb } from "./web.ts";
import { benchScale, notes } from "./workspace.ts";

/** Selects suites by name, separated by commas; default every suite. */
const SUITES_ENV = "BENCH_SUITES";

const suites: [string, () => Promise<Figure[]>][] = [
  ["pipeline", benchPipeline],
  ["start", benchStart],
  ["search", benchSearch],
  ["http", benchHttp],
  ["annotate", benchAnnotate],
  ["calendar", benchCalendar],
  ["web", benchWeb],
];

const chosen = process.env[SUITES_ENV]
  ?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = chosen?.filter((name) => !suites.some(([suite]) => suite === name)) ?? [];
if (unknown.length) {
  process.stderr.write(
    `unknown suite ${unknown.join(", ")}; the suites: ${suites.map(([s]) => s).join(", ")}\n`,
  );
  process.exit(2);
}

const started = performance.now();
const rows: (Figure & { suite: string })[] = [];
for (const [suite, run] of suites) {
  if (chosen && !chosen.includes(suite)) continue;
  process.stderr.write(`running ${suite}…\n`);
  const suiteStart = performance.now();
  for (const figure of await run()) rows.push({ suite, ...figure });
  process.stderr.write(`  ${suite}: ${((performance.now() - suiteStart) / 1000).toFixed(0)} s\n`);
}

const verdict = (r: Figure) => (r.goal === undefined ? "" : r.met ? "met" : "NOT MET");
const cells = rows.map((r) => [
  r.suite,
  r.name,
  r.value.toLocaleString("en"),
  r.unit,
  r.goal ?? "",
  verdict(r),
]);
const header = ["suite", "figure", "value", "unit", "goal", ""];
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]) =>
  c
    .map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
    .join("  ")
    .trimEnd();
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const c of cells) console.log(line(c));
for (const n of notes) console.log(`note: ${n}`);
const seconds = Math.round((performance.now() - started) / 1000);
console.log(`scale ${benchScale()}, ${seconds} s, node ${process.version}, ${cpus().length} cores`);

mkdirSync(new URL("./out/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("./out/results.json", import.meta.url),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      memory: totalmem(),
      scale: benchScale(),
      seconds,
      notes,
      rows,
    },
    null,
    2,
  )}\n`,
);
