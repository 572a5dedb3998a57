/**
 * Reads the parallels gold (test/fixtures/parallels-gold.json) and scores collation against it:
 * recall and precision of the parallel pairs, the date disagreements flagged, the citations
 * resolved to their passages.
 */
import { readFileSync } from "node:fs";
import {
  type CitableDocument,
  type CollatedEntry,
  citableDocument,
  findParallels,
  type ParallelGroup,
  resolveCitations,
} from "../../src/collate/index.ts";
import { readChronicle } from "../../src/pipeline.ts";

interface GoldPair {
  sample: string;
  file: string;
  starts: string;
  date: "same" | "differs";
}
interface GoldCitation {
  sample: string;
  work: string;
  juan?: number;
  section?: string;
  starts?: string;
  holds?: string;
}
export const GOLD = JSON.parse(
  readFileSync(new URL("../fixtures/parallels-gold.json", import.meta.url), "utf8"),
) as { pairs: GoldPair[]; citations: GoldCitation[] };

export const SAMPLE = "xixia-ji-1043-1044.txt";
const corpus = (path: string) => new URL(`../../corpus/${path}`, import.meta.url);

/** The documents the gold reads: the sample, 遼史 卷十九, 長編 卷139–158 (files 143–162), 宋史 卷485–486. */
export function goldDocuments(): CitableDocument[] {
  const paths = [
    SAMPLE,
    "liaoshi/KR2a0033_019.txt",
    ...Array.from({ length: 20 }, (_, k) => `changbian/KR2b0019_${143 + k}.txt`),
    "songshi/KR2a0032_485.txt",
    "songshi/KR2a0032_486.txt",
  ];
  return paths.map((path) => {
    const { tree, records } = readChronicle(readFileSync(corpus(path), "utf8"));
    return citableDocument(path, tree.meta.document, records);
  });
}

const compact = (s: string) => s.replace(/\([^)]*\)/gu, "").replace(/[\s\u3000]/gu, "");
const matches = (e: CollatedEntry, file: string, starts?: string, holds?: string) =>
  e.document === file &&
  ((starts !== undefined && compact(e.record.headline).startsWith(starts)) ||
    (holds !== undefined && compact(e.record.headline).includes(holds)));

export interface GoldScore {
  pairs: number;
  found: number;
  predicted: number;
  correct: number;
  dateDisagreements: number;
  dateFlagged: number;
  falseDateFlags: number;
  citations: number;
  citationsFound: number;
  missed: string[];
  wrong: string[];
}

/** Scores the parallels and citations collation finds against the gold. */
export function scoreGold(documents: readonly CitableDocument[], groups?: ParallelGroup[]): GoldScore {
  const all = documents.flatMap((d) => d.entries);
  const found = groups ?? findParallels(all, { documents: [SAMPLE] });
  const files = new Set(GOLD.pairs.map((p) => p.file));
  const score: GoldScore = {
    pairs: GOLD.pairs.length,
    found: 0,
    predicted: 0,
    correct: 0,
    dateDisagreements: 0,
    dateFlagged: 0,
    falseDateFlags: 0,
    citations: GOLD.citations.length,
    citationsFound: 0,
    missed: [],
    wrong: [],
  };
  for (const pair of GOLD.pairs) {
    const group = found.find(
      (g) =>
        g.entries.some((e) => e.document === SAMPLE && e.id === pair.sample) &&
        g.entries.some((e) => matches(e, pair.file, pair.starts)),
    );
    if (pair.date === "differs") score.dateDisagreements++;
    if (!group) {
      score.missed.push(`${pair.sample} ↔ ${pair.file} ${pair.starts}`);
      continue;
    }
    score.found++;
    // Flagged for this pair: the date difference gives the two accounts different values.
    const i = group.entries.findIndex((e) => e.document === SAMPLE && e.id === pair.sample);
    const j = group.entries.findIndex((e) => matches(e, pair.file, pair.starts));
    const flagged = group.differences.some((d) => d.kind === "date" && d.values[i] !== d.values[j]);
    if (pair.date === "differs" && flagged) score.dateFlagged++;
    if (pair.date === "same" && flagged) score.falseDateFlags++;
  }
  // Precision: every pair predicted between a sample entry and a document the gold covers, where
  // the gold gives that sample entry a partner in that document.
  for (const g of found) {
    const mine = g.entries.find((e) => e.document === SAMPLE);
    if (!mine) continue;
    for (const other of g.entries) {
      if (other.document === SAMPLE || !files.has(other.document)) continue;
      const gold = GOLD.pairs.filter((p) => p.sample === mine.id && p.file === other.document);
      if (gold.length === 0) continue;
      score.predicted++;
      if (gold.some((p) => matches(other, p.file, p.starts))) score.correct++;
      else score.wrong.push(`${mine.id} ↔ ${other.document} ${compact(other.record.headline).slice(0, 20)}`);
    }
  }
  const sample = documents.find((d) => d.document === SAMPLE)!;
  for (const c of GOLD.citations) {
    const entry = sample.entries.find((e) => e.id === c.sample)!;
    const resolved = resolveCitations(entry, documents).filter(
      (r) => r.citation.work === c.work && (c.juan === undefined || r.citation.juan === c.juan),
    );
    const hit = resolved.some((r) =>
      r.passages.some((p) => matches(p.entry, p.entry.document, c.starts, c.holds)),
    );
    if (hit) score.citationsFound++;
    else score.missed.push(`citation ${c.sample} → ${c.work}${c.juan ?? c.section}`);
  }
  return score;
}
