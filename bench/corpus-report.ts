/**
 * Reads chronicle files through parse → date (no annotation) and reports how many entries are
 * dated, and the dating problems counted by kind. `node --import tsx bench/corpus-report.ts FILE…`
 * (`--json` for machine-readable output, `--list RULE` to print every message of one kind).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { loadCalendar } from "../src/calendar/index.ts";
import type { YearContext } from "../src/date/index.ts";
import { readChronicle } from "../src/pipeline.ts";
import { decodeChronicle } from "../src/text/decode.ts";

process.stdout.on("error", () => process.exit(0));
const args = process.argv.slice(2);
const json = args.includes("--json");
const listAt = args.indexOf("--list");
const list = listAt >= 0 ? args[listAt + 1] : null;
const files = args.filter((a, i) => !a.startsWith("--") && (listAt < 0 || i !== listAt + 1));
const calendar = loadCalendar();
// Each work's last year, carried to its next juan as `biannian ingest` does.
const last = new Map<string, { juan: number; year: YearContext }>();
let entries = 0;
let dated = 0;
let datedDay = 0;
const byRule = new Map<string, number>();
const warnings = new Map<string, number>();
for (const file of files) {
  const text = decodeChronicle(readFileSync(file)).text;
  const { tree, records, lastYear } = readChronicle(text, calendar, {
    annotate: false,
    carry: (d) => {
      const known = last.get(d.textId ?? d.work ?? "");
      return known && d.juan !== null && known.juan === d.juan - 1 ? known.year : undefined;
    },
  });
  const doc = tree.meta.document;
  if (doc.juan !== null && lastYear)
    last.set(doc.textId ?? doc.work ?? "", { juan: doc.juan, year: lastYear });
  for (const r of records) {
    entries++;
    if (r.date.jdn) {
      dated++;
      if (r.date.jdn.start === r.date.jdn.end) datedDay++;
    }
    for (const w of r.date.warnings) {
      const kind = w.replace(/"[^"]*"/gu, '"…"').replace(/[\p{Script=Han}\d]+/gu, "…");
      warnings.set(kind, (warnings.get(kind) ?? 0) + 1);
    }
  }
  for (const m of tree.messages) {
    if (m.severity === "info") continue;
    byRule.set(m.ruleId, (byRule.get(m.ruleId) ?? 0) + 1);
    if (list && m.ruleId === list)
      process.stdout.write(`${basename(file)}:${m.place.start.line}:${m.place.start.column}: ${m.reason}\n`);
  }
}
const summary = {
  files: files.length,
  entries,
  dated,
  datedPercent: entries ? Math.round((dated / entries) * 10000) / 100 : 0,
  datedToDay: datedDay,
  messages: Object.fromEntries([...byRule].sort((a, b) => b[1] - a[1])),
  recordWarnings: Object.fromEntries([...warnings].sort((a, b) => b[1] - a[1])),
};
if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
else if (!list) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
