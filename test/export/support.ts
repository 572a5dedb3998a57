/**
 * Test support for the exporters: the bundled chronicles read through the pipeline, and the
 * hand-made gold annotations (test/fixtures/gold-annotations.json) turned into stand-off
 * mentions and events attached to the records, as the annotation stage will attach its own.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExportDocument, ExportEvent, ExportMention } from "../../src/export/index.ts";
import type { Entry } from "../../src/parse/types.ts";
import { readChronicle } from "../../src/pipeline.ts";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const SAMPLE = join(root, "corpus", "xixia-ji-1043-1044.txt");
export const CHANGBIAN = join(root, "corpus", "changbian", "KR2b0019_143.txt");

interface GoldEntry {
  entry: string;
  mentions: { field: string; text: string; occurrence: number; kind: string; ref: string }[];
  events: { type: string; field: string; roles: Record<string, string | string[]> }[];
}

/** Where the n-th occurrence (1-based, overlapping ones counted) of `needle` starts in `text`. */
function nth(text: string, needle: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`expected ${n} occurrences of ${needle}`);
  }
  return at;
}

/** The gold mentions and events of an entry of the sample, with absolute offsets. */
export function goldAnnotations(): Map<string, { mentions: ExportMention[]; events: ExportEvent[] }> {
  const gold = JSON.parse(
    readFileSync(join(root, "test", "fixtures", "gold-annotations.json"), "utf8"),
  ) as GoldEntry[];
  const { tree } = readChronicle(readFileSync(SAMPLE, "utf8"));
  const entries = new Map<string, Entry>(tree.children.flatMap((y) => y.children.map((e) => [e.id, e])));
  const out = new Map<string, { mentions: ExportMention[]; events: ExportEvent[] }>();
  for (const g of gold) {
    const entry = entries.get(g.entry)!;
    const field = (name: string) =>
      name === "headline" ? entry.headline : entry.details[Number(name.replace("detail", "")) - 1]!;
    const mentions = g.mentions.map((m) => {
      const paragraph = field(m.field);
      const start = paragraph.position.start.offset + nth(paragraph.value, m.text, m.occurrence);
      return { kind: m.kind, start, end: start + m.text.length, text: m.text, ref: m.ref };
    });
    const events = g.events.map((e) => ({ type: e.type, rule: `gold:${e.field}`, roles: e.roles }));
    out.set(g.entry, { mentions, events });
  }
  return out;
}

/**
 * A chronicle file read through the pipeline; with `gold`, the records carry the gold mentions
 * and events instead of the annotation stage's (none for the entries the gold leaves out).
 */
export function readDocument(file: string, gold = false): ExportDocument {
  const text = readFileSync(file, "utf8");
  const { tree, records } = readChronicle(text);
  const annotations = gold ? goldAnnotations() : new Map();
  return {
    name: basename(file),
    text,
    tree,
    records: gold
      ? records.map((r) => ({ ...r, mentions: [], events: [], ...annotations.get(r.id) }))
      : records,
  };
}

/** A chronicle given as text, read through the pipeline. */
export function documentOf(text: string, name = "test.txt"): ExportDocument {
  const { tree, records } = readChronicle(text);
  return { name, text, tree, records };
}
