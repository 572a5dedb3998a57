/**
 * Scoring the annotator against the hand-made gold annotations (test/fixtures/gold-annotations.json
 * on the sample and gold-changbian.json on 長編, conventions in gold-annotations.md and
 * gold-changbian.md): precision and recall per kind over the gold's entries and fields. A
 * predicted mention matches a gold mention when field, span, kind and ref agree; a gold ref
 * `new:NAME` matches a person of that name that no hand-made record holds (a provisional person,
 * or a person grown from 長編), simplified and variant characters folded. Gold mentions marked
 * `optional` are not counted as misses, and a prediction on the span of one is not counted either
 * way.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { foldUnit } from "../../src/annotate/dictionary.ts";
import { type Authority, type EntityMention, loadAuthority, type Mention } from "../../src/annotate/index.ts";
import { loadCalendar } from "../../src/calendar/index.ts";
import type { ChronicleTree, Entry } from "../../src/parse/types.ts";
import { readChronicle } from "../../src/pipeline.ts";
import { foldChar } from "../../src/search/fold.ts";

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
  /** The chronicle the entry belongs to (the multi-document gold of 長編), relative to the project. */
  document?: string;
  entry: string;
  headline: string;
  mentions: GoldMention[];
  events: GoldEvent[];
}

export const GOLD_KINDS = ["person", "place", "polity", "office"] as const;

/** The kinds of the 長編 gold: peoples and tribes (polity records of type people or tribe) apart. */
export const PEOPLE_KINDS = ["person", "place", "polity", "people"] as const;

/** Reads a gold file of test/fixtures/ (default: the sample's). */
export function readGold(file = "gold-annotations.json"): GoldEntry[] {
  return JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), "utf8"));
}

/** Options of `scoreMentions`. */
export interface ScoreOptions {
  /**
   * The document text the tree was read from: the fields of a Kanripo text are then its reading
   * text (`headline.value`, without line marks, page markers and column breaks), and a gold
   * string's offset in it is carried back to the document.
   */
  text?: string;
  /** The kinds scored (default `GOLD_KINDS`). */
  kinds?: readonly string[];
  /** The authority the tree was annotated with: tells peoples from states, grown persons from records. */
  authority?: Authority;
  /** The ids of the hand-made person records (a gold `new:NAME` does not match them). */
  curated?: ReadonlySet<string>;
}

/** A name folded as the dictionary folds names: variants of names' characters too (`向寳`, `向寶`). */
const fold = (s: string) =>
  [...s].map((c) => (c.length === 1 ? String.fromCharCode(foldUnit(c.charCodeAt(0))) : foldChar(c))).join("");

/** The kind a prediction is scored as: a polity of type people or tribe is `people` where that kind is scored. */
function scoredKind(m: EntityMention, options: ScoreOptions): string {
  if (m.kind !== "polity" || !options.kinds?.includes("people")) return m.kind;
  const record = options.authority?.get(m.ref);
  return record?.kind === "polity" && (record.type === "people" || record.type === "tribe")
    ? "people"
    : "polity";
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

/** A field as the gold counts occurrences in it, and where each of its characters stands in the document. */
interface FieldText {
  start: number;
  text: string;
  /** The document offset of each character of `text`, when it is not `start + index`. */
  offsets?: number[];
}

/**
 * Where each character of a reading text stands in the document: the reading text is the
 * document's range with the layout left out, so each character is the next equal one.
 */
function readingOffsets(value: string, raw: string, base: number): number[] {
  const out: number[] = new Array(value.length);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    while (j < raw.length && raw[j] !== value[i]) j++;
    out[i] = base + j;
    j++;
  }
  return out;
}

/** The text of a field of an entry, as the gold counts occurrences in it. */
function fieldTexts(entry: Entry, text: string | undefined): Map<string, FieldText> {
  const map = new Map<string, FieldText>();
  const add = (field: string, paragraph: Entry["headline"]) => {
    const { start, end } = paragraph.position;
    const raw = text?.slice(start.offset, end.offset);
    map.set(
      field,
      raw === undefined || raw === paragraph.value
        ? { start: start.offset, text: paragraph.value }
        : {
            start: start.offset,
            text: paragraph.value,
            offsets: readingOffsets(paragraph.value, raw, start.offset),
          },
    );
  };
  add("headline", entry.headline);
  for (const [i, d] of entry.details.entries()) add(`detail${i + 1}`, d);
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

function refMatches(gold: string, predicted: EntityMention, options: ScoreOptions): boolean {
  if (gold === predicted.ref) return true;
  if (!gold.startsWith("new:") || predicted.kind !== "person") return false;
  const name = fold(gold.slice(4));
  if (predicted.ref.startsWith("person:provisional:"))
    return fold(predicted.ref.slice("person:provisional:".length)) === name;
  if (options.curated?.has(predicted.ref)) return false;
  const record = options.authority?.get(predicted.ref);
  return record !== undefined && fold(record.name) === name;
}

/**
 * Scores the mentions of an annotated tree against the gold.
 *
 * @throws when a gold entry's headline does not match the tree's, or a gold string is not found
 */
export function scoreMentions(
  tree: ChronicleTree,
  gold: readonly GoldEntry[],
  options: ScoreOptions = {},
): { scores: Score[]; mismatches: Mismatch[] } {
  const counts = new Map((options.kinds ?? GOLD_KINDS).map((k) => [k as string, { tp: 0, fp: 0, fn: 0 }]));
  const mismatches: Mismatch[] = [];
  addMentionCounts(tree, gold, options, counts, mismatches);
  return { scores: toScores(counts), mismatches };
}

type Counts = Map<string, { tp: number; fp: number; fn: number }>;

/** The scores of counts of matches, misses and spurious predictions. */
export function toScores(counts: Counts): Score[] {
  return [...counts].map(([kind, c]) => ({
    kind,
    ...c,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  }));
}

/** The counts of one kind summed over several: persons, places and peoples together. */
export function combined(scores: readonly Score[], kinds: readonly string[], name = kinds.join("+")): Score {
  const c = { tp: 0, fp: 0, fn: 0 };
  for (const s of scores)
    if (kinds.includes(s.kind)) {
      c.tp += s.tp;
      c.fp += s.fp;
      c.fn += s.fn;
    }
  return toScores(new Map([[name, c]]))[0]!;
}

/**
 * Adds one document's matches, misses and spurious predictions to `counts` (for a gold over
 * several documents, scored one document at a time).
 */
export function addMentionCounts(
  tree: ChronicleTree,
  gold: readonly GoldEntry[],
  options: ScoreOptions,
  counts: Counts,
  mismatches: Mismatch[],
): void {
  const entries = new Map(tree.children.flatMap((y) => y.children).map((e) => [e.id, e]));
  for (const g of gold) {
    const entry = entries.get(g.entry);
    if (!entry) throw new Error(`gold entry ${g.entry} is not in the tree`);
    if (entry.headline.value !== g.headline) throw new Error(`gold entry ${g.entry}: headline differs`);
    const label = g.document ? `${g.document.replace(/^.*\/|\.txt$/g, "")}:${g.entry}` : g.entry;
    const fields = fieldTexts(entry, options.text);
    const goldSpans = g.mentions.map((m) => {
      const field = fields.get(m.field);
      if (!field) throw new Error(`gold entry ${g.entry}: no field ${m.field}`);
      const offset = occurrenceOffset(field.text, m.text, m.occurrence);
      if (offset === -1)
        throw new Error(`gold entry ${g.entry}: ${m.text} #${m.occurrence} not in ${m.field}`);
      const start = field.offsets ? field.offsets[offset]! : field.start + offset;
      const end = field.offsets ? field.offsets[offset + m.text.length - 1]! + 1 : start + m.text.length;
      return { ...m, start, end };
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
          scoredKind(p, options) === gm.kind &&
          refMatches(gm.ref, p, options),
      );
      const count = counts.get(gm.kind);
      if (!count) continue;
      if (hit) {
        used.add(hit);
        if (!gm.optional) count.tp++;
      } else if (!gm.optional) {
        count.fn++;
        mismatches.push({
          entry: label,
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
      const kind = scoredKind(p, options);
      const count = counts.get(kind);
      if (!count) continue;
      count.fp++;
      mismatches.push({
        entry: label,
        field: p.field,
        text: p.text,
        start: p.start,
        kind,
        ref: p.ref,
        what: "spurious",
      });
    }
  }
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

/** Floors of precision and recall by kind (and of persons, places and peoples together). */
export type GoldFloors = Record<string, [number, number]>;

/**
 * Scores the annotator on a gold of persons, places, polities and peoples (a file of
 * test/fixtures/ whose entries name their documents), optionally on some of its documents only;
 * prints every score and mismatch, and checks the scores against their floors.
 */
export function scoreGold(file: string, floors: GoldFloors, documents?: readonly string[]): void {
  const gold = readGold(file).filter((g) => documents === undefined || documents.includes(g.document!));
  assert.ok(gold.length > 0, `no gold entries in ${file}${documents ? ` for ${documents.join(", ")}` : ""}`);
  const authority = loadAuthority();
  const curated = new Set(
    readFileSync(new URL("../../data/authority/persons.jsonl", import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => (JSON.parse(line) as { id: string }).id),
  );
  const calendar = loadCalendar();
  const byDocument = new Map<string, GoldEntry[]>();
  for (const g of gold) byDocument.set(g.document!, [...(byDocument.get(g.document!) ?? []), g]);
  const counts = new Map(PEOPLE_KINDS.map((k) => [k as string, { tp: 0, fp: 0, fn: 0 }]));
  const mismatches: Mismatch[] = [];
  for (const [document, entries] of byDocument) {
    const text = readFileSync(new URL(`../../${document}`, import.meta.url), "utf8");
    const { tree } = readChronicle(text, calendar, { authority });
    addMentionCounts(tree, entries, { text, kinds: PEOPLE_KINDS, authority, curated }, counts, mismatches);
  }
  const scores = toScores(counts);
  const together = combined(scores, ["person", "place", "people"]);
  console.log(`\n${documents ? documents.join(" + ") : file}\n${formatScores([...scores, together])}`);
  for (const m of mismatches) console.log(`  ${m.what} ${m.entry} ${m.text} (${m.kind} ${m.ref})`);
  for (const [kind, [precision, recall]] of Object.entries(floors)) {
    const score = [...scores, together].find((s) => s.kind === kind)!;
    assert.ok(score.precision >= precision, `${kind} precision ${score.precision.toFixed(3)} < ${precision}`);
    assert.ok(score.recall >= recall, `${kind} recall ${score.recall.toFixed(3)} < ${recall}`);
  }
}
