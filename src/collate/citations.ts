/**
 * Citations resolved: `《長編》一百三十九` names the stored documents of 長編 卷一百三十九, and in them
 * the passages that tell the citing entry's event (its source passages).
 */
import { findWork } from "../parse/document-info.ts";
import { profile, scorePair, type Weights } from "./signals.ts";
import { bestWindow } from "./text.ts";
import type { CollatedEntry, ResolvedCitation, SourcePassage } from "./types.ts";

/** A passage must score this much to be named a source passage. */
const PASSAGE_SCORE = 0.35;
/** At most this many passages per citation. */
const MAX_PASSAGES = 3;
/** An account longer than this (a 傳's narrative) is narrowed to the stretch that tells the event. */
const LONG_ACCOUNT = 400;

/** The names a work is cited by: its title, short name and aliases (`長編`, `續資治通鑑長編`). */
function workNames(work: string): Set<string> {
  const known = findWork(work);
  return new Set([work, ...(known ? [known.work, known.short ?? "", ...known.aliases] : [])].filter(Boolean));
}

/** Whether a document is the cited work's juan, or (for a citation by section) holds that section. */
function answers(
  citation: CollatedEntry["record"]["citations"][number],
  doc: { info: CollatedEntry["info"]; section?: string | null },
): boolean {
  const names = workNames(citation.work);
  const work = doc.info.work;
  if (!work || !(names.has(work) || (doc.info.short !== null && names.has(doc.info.short)))) return false;
  if (citation.juan !== null) return doc.info.juan === citation.juan;
  // 《宋史·夏國傳》: the juan whose section is 夏國傳上 or 夏國傳下.
  const section = doc.section ?? null;
  if (citation.section === null || section === null) return false;
  if (section.startsWith(citation.section.replace(/傳$/u, ""))) return true;
  // 《遼史·西夏外紀》: 卷一百十五, whose title names the 外紀 of two peoples (二國外紀), 西夏 among them.
  return citation.section.endsWith("外紀") && section.endsWith("外紀");
}

/** The documents collation can resolve citations to: their key, title, what they are and their entries. */
export interface CitableDocument {
  document: string;
  documentTitle: string;
  info: CollatedEntry["info"];
  section: string | null;
  entries: readonly CollatedEntry[];
}

/**
 * Resolves every citation of `entry` among `documents`.
 *
 * @example
 * resolveCitations(xixiaJi.e2, [changbian139, changbian149])[0]
 * //=> { citation: {work: "長編", juan: 139}, documents: [{documentTitle: "長編 卷一百三十九"}], passages: [{entry: 長編 e13, score: 0.7}] }
 */
export function resolveCitations(
  entry: CollatedEntry,
  documents: readonly CitableDocument[],
): ResolvedCitation[] {
  const mine = profile(entry);
  return entry.record.citations.map((citation) => {
    const cited = documents.filter((d) => answers(citation, d));
    const weights: Weights = { name: () => 1, pair: () => 1 };
    const passages: SourcePassage[] = cited
      .flatMap((d) => d.entries)
      .map((candidate) => {
        const theirs = profile(candidate);
        const { score } = scorePair(mine, theirs, weights);
        return { candidate, score };
      })
      .filter((p) => p.score >= PASSAGE_SCORE)
      .sort((x, y) => y.score - x.score)
      .slice(0, MAX_PASSAGES)
      .map(({ candidate, score }) => {
        const text = candidate.record.headline;
        let excerpt: SourcePassage["excerpt"] = null;
        if (text.length > LONG_ACCOUNT) {
          const w = bestWindow([entry.record.headline, ...entry.record.details].join(""), text);
          excerpt = { start: w.start, end: w.end, text: text.slice(w.start, w.end) };
        }
        return { entry: candidate, score, excerpt };
      });
    return {
      citation,
      documents: cited.map((d) => ({ document: d.document, documentTitle: d.documentTitle })),
      passages,
    };
  });
}
