/**
 * Scoring the annotator against the hand-made gold annotation (test/fixtures/gold-annotations.json,
 * conventions in gold-annotations.md): precision and recall per kind over the gold's entries and
 * fields. A predicted mention matches a gold mention when field, span, kind and ref agree; a gold
 * ref `new:NAME` matches the provisional person of that name. Gold mentions marked `optional` are
 * not counted as misses, and a prediction on the span of one is not counted either way.
 */
import { readFileSync } from "node:fs";
import type { EntityMention, Mention } from "../../src/annotate/index.ts";
import type { ChronicleTree, Entry } from "../../src/parse/types.ts";

export interface GoldMention {
  field: string;
  text: string;
  occurrence: number;
  kind: string;
  ref: string;
  optional?: boolean;
}

export interface GoldEvent {
  type: string;
  field: string;
  roles: Record<string, string | string[]>;
}

export interface GoldEntry {
  entry: string;
  headline: string;
  mentions: GoldMention[];
  events: GoldEvent[];
}

export const GOLD_KINDS = ["person", "place", "polity", "office"] as const;

export function readGold(): GoldEntry[] {
  return JSON.parse(readFileSync(new URL("../fixtures/gold-annotations.json", import.meta.url), "utf8"));
}

export interface Score {
  kind: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Mismatch {
  entry: string;
  field: string;
  text: string;
  start: number;
  kind: string;
  ref: string;
  /** `missed`: in the gold, not predicted; `spurious`: predicted, not in the gold. */
  what: "missed" | "spurious";
}

/** The text of a field of an entry, as the gold counts occurrences in it. */
function fieldTexts(entry: Entry): Map<string, { start: number; text: string }> {
  const map = new Map<string, { start: number; text: string }>();
  map.set("headline", { start: entry.headline.position.start.offset, text: entry.headline.value });
  entry.details.forEach((d, i) => {
    map.set(`detail${i + 1}`, { start: d.position.start.offset, text: d.value });
  });
  return map;
}

/** The offset (relative to the field) of the `occurrence`-th match of `text`, overlaps included. */
export function occurrenceOffset(field: string, text: string, occurrence: number): number {
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = field.indexOf(text, at + 1);
    if (at === -1) return -1;
  }
  return at;
}

const refMatches = (gold: string, predicted: EntityMention) =>
  gold === predicted.ref ||
  (gold.startsWith("new:") && predicted.ref === `person:provisional:${gold.slice(4)}`);

/**
 * Scores the mentions of an annotated tree against the gold.
 *
 * @throws when a gold entry's headline does not match the tree's, or a gold string is not found
 */
export function scoreMentions(
  tree: ChronicleTree,
  gold: readonly GoldEntry[],
): { scores: Score[]; mismatches: Mismatch[] } {
  const entries = new Map(tree.children.flatMap((y) => y.children).map((e) => [e.id, e]));
  const counts = new Map(GOLD_KINDS.map((k) => [k as string, { tp: 0, fp: 0, fn: 0 }]));
  const mismatches: Mismatch[] = [];
  for (const g of gold) {
    const entry = entries.get(g.entry);
    if (!entry) throw new Error(`gold entry ${g.entry} is not in the tree`);
    if (entry.headline.value !== g.headline) throw new Error(`gold entry ${g.entry}: headline differs`);
    const fields = fieldTexts(entry);
    const goldSpans = g.mentions.map((m) => {
      const field = fields.get(m.field);
      if (!field) throw new Error(`gold entry ${g.entry}: no field ${m.field}`);
      const offset = occurrenceOffset(field.text, m.text, m.occurrence);
      if (offset === -1)
        throw new Error(`gold entry ${g.entry}: ${m.text} #${m.occurrence} not in ${m.field}`);
      return { ...m, start: field.start + offset, end: field.start + offset + m.text.length };
    });
    const predicted = ((entry.data?.mentions ?? []) as Mention[]).filter(
      (m): m is EntityMention => m.kind !== "quantity" && fields.has(m.field),
    );
    const used = new Set<EntityMention>();
    for (const gm of goldSpans) {
      const hit = predicted.find(
        (p) =>
          !used.has(p) &&
          p.start === gm.start &&
          p.end === gm.end &&
          p.kind === gm.kind &&
          refMatches(gm.ref, p),
      );
      const count = counts.get(gm.kind)!;
      if (hit) {
        used.add(hit);
        if (!gm.optional) count.tp++;
      } else if (!gm.optional) {
        count.fn++;
        mismatches.push({
          entry: g.entry,
          field: gm.field,
          text: gm.text,
          start: gm.start,
          kind: gm.kind,
          ref: gm.ref,
          what: "missed",
        });
      }
    }
    for (const p of predicted) {
      if (used.has(p)) continue;
      if (goldSpans.some((gm) => gm.optional && gm.start === p.start && gm.end === p.end)) continue;
      const count = counts.get(p.kind);
      if (!count) continue;
      count.fp++;
      mismatches.push({
        entry: g.entry,
        field: p.field,
        text: p.text,
        start: p.start,
        kind: p.kind,
        ref: p.ref,
        what: "spurious",
      });
    }
  }
  const scores = [...counts].map(([kind, c]) => ({
    kind,
    ...c,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  }));
  return { scores, mismatches };
}

/** The score table as text. */
export function formatScores(scores: readonly Score[]): string {
  const lines = ["kind      precision  recall    tp   fp   fn"];
  for (const s of scores)
    lines.push(
      `${s.kind.padEnd(9)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`,
    );
  return lines.join("\n");
}

/** How the events of the tree agree with the gold's. */
export interface EventScore {
  gold: number;
  predicted: number;
  /** Gold events with a predicted event of the same type in the same field. */
  matched: number;
  /** Among matched events, the gold roles whose ids all agree with the predicted role's. */
  rolesAgreeing: number;
  rolesCompared: number;
}

/**
 * Compares events: a gold event is matched by a predicted event of the same type and field (the
 * one agreeing on most roles); roles are compared on their authority ids (text roles are skipped).
 */
export function scoreEvents(tree: ChronicleTree, gold: readonly GoldEntry[]): EventScore {
  const entries = new Map(tree.children.flatMap((y) => y.children).map((e) => [e.id, e]));
  const score: EventScore = { gold: 0, predicted: 0, matched: 0, rolesAgreeing: 0, rolesCompared: 0 };
  for (const g of gold) {
    const predicted = [...(entries.get(g.entry)?.data?.events ?? [])];
    score.predicted += predicted.length;
    for (const ge of g.events) {
      score.gold++;
      const idRoles = Object.entries(ge.roles)
        .map(([name, v]) => [name, (Array.isArray(v) ? v : [v]).filter((x) => /^[a-z]+:/.test(x))] as const)
        .filter(([, ids]) => ids.length > 0);
      let best: { index: number; agree: number } | null = null;
      predicted.forEach((pe, index) => {
        if (pe.type !== ge.type || pe.field !== ge.field) return;
        const agree = idRoles.filter(([name, ids]) => {
          const refs = new Set((pe.roles[name] ?? []).map((r) => r.ref));
          return ids.length === refs.size && ids.every((id) => refs.has(id));
        }).length;
        if (!best || agree > best.agree) best = { index, agree };
      });
      if (best === null) continue;
      const { index, agree } = best;
      predicted.splice(index, 1);
      score.matched++;
      score.rolesAgreeing += agree;
      score.rolesCompared += idRoles.length;
    }
  }
  return score;
}
