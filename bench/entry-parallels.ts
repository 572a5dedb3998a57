/**
 * The entry endpoint's collation, as the server runs it: `entryParallels` with the read model
 * the server keeps, for every entry of one document, three rounds (the first reads the months
 * around each entry, the later ones find them kept). Prints p50/p95/max of the first round and
 * of all calls, beside the floor of one `getEntries` read of the same ids.
 * `node --import tsx bench/entry-parallels.ts DB [DOCUMENT_ID]`.
 */
import { entryParallels } from "../src/collate/stored.ts";
import { readModel } from "../src/server/routes/read-model.ts";
import { openStore } from "../src/store/index.ts";

const [path, documentArg] = process.argv.slice(2);
if (!path) {
  console.error("usage: node --import tsx bench/entry-parallels.ts DB [DOCUMENT_ID]");
  process.exit(2);
}
const store = await openStore(path);
const model = await readModel(store);
const context = {
  index: model.entries,
  documents: model.documents,
  annotations: (id: string) => ({
    mentions: model.mentions.get(id) ?? [],
    events: model.events.get(id) ?? [],
  }),
};
const documentId = Number(documentArg ?? 1);
const ids = (await store.listEntries({ documentId }, { limit: 500, offset: 0 })).results.map((e) => e.id);
const quantiles = (times: number[]): string => {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
  return `p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`;
};
const first: number[] = [];
const all: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const id of ids) {
    const t = performance.now();
    await entryParallels(store, id, undefined, context);
    const ms = performance.now() - t;
    all.push(ms);
    if (round === 0) first.push(ms);
  }
}
const floor: number[] = [];
for (const id of ids) {
  const t = performance.now();
  await store.getEntries([id]);
  floor.push(performance.now() - t);
}
console.log(`document ${documentId}, ${ids.length} entries`);
console.log(`first calls: ${quantiles(first)}`);
console.log(`all ${all.length} calls: ${quantiles(all)}`);
console.log(`floor (read one entry): ${quantiles(floor)}`);
await store.close();
