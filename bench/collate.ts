/**
 * Collation of the sample against the whole 長編: for every citation of 長編 卷N in the sample,
 * whether 卷N is found and a passage in it, and the time to find the sample's parallels in all
 * 520 juan (candidate pairs from the date index). `node --import tsx bench/collate.ts [--list]`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCalendar } from "../src/calendar/index.ts";
import {
  type CitableDocument,
  citableDocument,
  findParallels,
  resolveCitations,
} from "../src/collate/index.ts";
import { readChronicle } from "../src/pipeline.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const calendar = loadCalendar();
const read = (path: string): CitableDocument => {
  const { tree, records } = readChronicle(readFileSync(join(ROOT, path), "utf8"), calendar);
  return citableDocument(path, tree.meta.document, records);
};
const started = performance.now();
const sample = read("corpus/xixia-ji-1043-1044.txt");
const juan = readdirSync(join(ROOT, "corpus/changbian"))
  .filter((f) => /^KR2b0019_\d+\.txt$/u.test(f))
  .map((f) => read(`corpus/changbian/${f}`));
const readMs = performance.now() - started;
let citations = 0;
let stored = 0;
let withPassage = 0;
const list: string[] = [];
const t0 = performance.now();
for (const entry of sample.entries) {
  for (const r of resolveCitations(entry, juan)) {
    if (r.citation.work !== "長編" || r.citation.juan === null) continue;
    citations++;
    if (r.documents.length > 0) stored++;
    if (r.passages.length > 0) withPassage++;
    const best = r.passages[0];
    list.push(
      `${entry.id} 《長編》${r.citation.juan}: ${best ? `${best.entry.id} (${best.score.toFixed(2)}) ${best.entry.record.headline.slice(0, 30)}` : "no passage"}`,
    );
  }
}
const citeMs = performance.now() - t0;
const t1 = performance.now();
const groups = findParallels([...sample.entries, ...juan.flatMap((d) => d.entries)], {
  documents: [sample.document],
});
const parallelsMs = performance.now() - t1;
if (process.argv.includes("--list")) for (const line of list) console.log(line);
console.log(
  `citations of 長編 卷N in the sample: ${citations}; juan found ${stored}; with a passage ${withPassage} (${Math.round((withPassage / citations) * 100)} %)`,
);
console.log(
  `parallels of the sample against all ${juan.length} files of 長編 (${juan.reduce((n, d) => n + d.entries.length, 0)} entries): ${groups.length} groups in ${Math.round(parallelsMs)} ms; citations resolved in ${Math.round(citeMs)} ms; reading and annotating the files took ${Math.round(readMs)} ms`,
);
