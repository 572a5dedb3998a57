import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse, toEntryRecords } from "../src/parse/index.ts";
import { decodeChronicle } from "../src/text/decode.ts";
import { type Figure, repeatedSample, time } from "./corpus.ts";

const CHARS = 10_000_000;

/** Parse throughput on ≥ 10 M characters, beside the floor: reading the file and one regex pass. */
export async function benchParse(): Promise<Figure[]> {
  const text = repeatedSample(CHARS);
  const dir = mkdtempSync(join(tmpdir(), "biannian-bench-"));
  const file = join(dir, "corpus.txt");
  writeFileSync(file, text);
  try {
    let entries = 0;
    // Warm up once, then measure the best of three runs.
    parse(text.slice(0, 200_000));
    const runs = [0, 1, 2].map(() =>
      time(() => {
        entries = toEntryRecords(parse(decodeChronicle(readFileSync(file)).text)).length;
      }),
    );
    const floorRuns = [0, 1, 2].map(() =>
      time(() => {
        const t = readFileSync(file, "utf8");
        let n = 0;
        for (const _ of t.matchAll(/（[^）\n]*）/g)) n++;
        if (n < 0) throw new Error("unreachable");
      }),
    );
    const best = Math.min(...runs);
    const floor = Math.min(...floorRuns);
    return [
      { name: "corpus size", value: text.length, unit: "chars" },
      { name: "entries parsed", value: entries, unit: "entries" },
      { name: "read + decode + parse", value: Math.round(text.length / (best / 1000)), unit: "chars/s" },
      {
        name: "floor: read + one regex pass",
        value: Math.round(text.length / (floor / 1000)),
        unit: "chars/s",
      },
      { name: "parse / floor time ratio", value: Number((best / floor).toFixed(2)), unit: "×" },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await benchParse()) console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}`);
}
