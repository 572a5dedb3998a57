/**
 * Parallels as the command line and the API give them: plain objects, CSV rows and lines of text.
 */
import { writtenDate } from "./differences.ts";
import type { CollatedEntry, Difference, ParallelGroup } from "./types.ts";

/** One account of a group, as printed. */
export interface ParallelEntryOut {
  id: string;
  document: string;
  documentTitle: string;
  headline: string;
  /** The date as the chronicle writes it (`西夏稱天授禮法延祚六年 秋七月`). */
  date: string | null;
  julian: { start: string; end: string } | null;
}

export interface ParallelGroupOut {
  score: number;
  signals: ParallelGroup["signals"];
  entries: ParallelEntryOut[];
  differences: Difference[];
}

/** The Julian dates of an entry's range, when its record has them. */
function julianOf(entry: CollatedEntry): { start: string; end: string } | null {
  const date = entry.record.date as { julian?: { start: string; end: string } | null };
  return date.julian ?? null;
}

export function entryOut(entry: CollatedEntry): ParallelEntryOut {
  return {
    id: entry.id,
    document: entry.document,
    documentTitle: entry.documentTitle,
    headline: entry.record.headline,
    date: writtenDate(entry),
    julian: julianOf(entry),
  };
}

export function groupOut(group: ParallelGroup): ParallelGroupOut {
  return {
    score: group.score,
    signals: group.signals,
    entries: group.entries.map(entryOut),
    differences: group.differences,
  };
}

/** The columns of the CSV: one row per account of each group. */
export const CSV_COLUMNS = [
  "group",
  "score",
  "document",
  "entry",
  "date",
  "headline",
  "differences",
] as const;

/** One row per account of each group, its group's differences as `kind: text` joined by ` | `. */
export function csvRows(groups: readonly ParallelGroupOut[]): string[][] {
  const rows: string[][] = [];
  groups.forEach((g, k) => {
    const differences = g.differences.map((d) => `${d.kind}: ${d.text}`).join(" | ");
    for (const e of g.entries)
      rows.push([
        String(k + 1),
        String(g.score),
        e.documentTitle,
        e.id,
        e.date ?? "",
        e.headline,
        differences,
      ]);
  });
  return rows;
}

/** Lines of text: each group with its score, each account on a line, then what differs. */
export function textLines(groups: readonly ParallelGroupOut[]): string[] {
  const lines: string[] = [];
  groups.forEach((g, k) => {
    lines.push(`${k + 1}. score ${g.score.toFixed(2)}`);
    for (const e of g.entries)
      lines.push(`   ${e.documentTitle} ${e.id}  ${e.date ?? "undated"}  ${e.headline}`);
    for (const d of g.differences) lines.push(`   ≠ ${d.kind}: ${d.text}`);
    lines.push("");
  });
  return lines;
}
