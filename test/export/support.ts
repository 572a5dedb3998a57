/**
 * Test support for the exporters: the bundled chronicles read through the pipeline, and the
 * hand-made gold annotations (test/fixtures/gold-annotations.json) turned into stand-off
 * mentions and events attached to the records, as the annotation stage will attach its own.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChronicleEvent, EntityKind, EventType, Mention } from "../../src/annotate/index.ts";
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

/**
 * The gold mentions and events of an entry of the sample, with absolute offsets, as the exporters
 * read them (each role a list of entity ids or texts, as the annotator's roles are lists).
 */
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
    const events = g.events.map((e) => ({
      type: e.type,
      rule: `gold:${e.field}`,
      roles: Object.fromEntries(
        Object.entries(e.roles).map(([role, value]) => [role, typeof value === "string" ? [value] : value]),
      ),
    }));
    out.set(g.entry, { mentions, events });
  }
  return out;
}

/** A gold mention as the annotator would have made it. */
function goldMention(m: ExportMention): Mention {
  return {
    kind: m.kind as EntityKind,
    start: m.start,
    end: m.end,
    text: m.text,
    field: "gold",
    rule: "gold",
    ref: m.ref!,
    form: "name",
  };
}

/** A gold event as the annotator would have made it: each role value an entity id, or text. */
function goldEvent(e: ExportEvent): ChronicleEvent {
  const roles = Object.fromEntries(
    Object.entries(e.roles).map(([role, values]) => [
      role,
      (typeof values === "string" ? [values] : values).map((v) => ({
        ref: /^[a-z][a-z0-9-]*:\S+$/.test(v) ? v : null,
        text: v,
        start: null,
        end: null,
      })),
    ]),
  );
  return { type: e.type as EventType, field: "gold", rule: e.rule!, start: 0, end: 0, text: "", roles };
}

/**
 * A chronicle file read through the pipeline; with `gold`, the records carry the gold mentions
 * and events instead of the annotation stage's (none for the entries the gold leaves out).
 */
export function readDocument(file: string, gold = false): ExportDocument {
  const text = readFileSync(file, "utf8");
  const { tree, records } = readChronicle(text);
  const annotations = gold ? goldAnnotations() : new Map<string, never>();
  return {
    name: basename(file),
    text,
    tree,
    records: gold
      ? records.map((r) => {
          const found = annotations.get(r.id);
          return {
            ...r,
            mentions: (found?.mentions ?? []).map(goldMention),
            events: (found?.events ?? []).map(goldEvent),
          };
        })
      : records,
  };
}

/** A chronicle given as text, read through the pipeline. */
export function documentOf(text: string, name = "test.txt"): ExportDocument {
  const { tree, records } = readChronicle(text);
  return { name, text, tree, records };
}
