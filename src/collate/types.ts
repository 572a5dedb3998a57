/**
 * Collation (考異): the accounts of one event in different chronicles, set side by side with
 * what differs between them, and the passages each citation points to.
 */
import type { ChronicleEvent, Mention } from "../annotate/types.ts";
import type { DocumentInfo, EntryRecord } from "../parse/index.ts";

/** One entry as collation reads it: a record of any document, with its dates and annotations. */
export interface CollatedEntry {
  /** Unique among the entries collated: `e13` within one file, `3:e13` in a store. */
  id: string;
  /** The document's key (its store id or file path) and how it is named (`長編 卷一百三十九`). */
  document: string;
  documentTitle: string;
  /** What the document is: its work and juan decide which citations it answers. */
  info: Pick<DocumentInfo, "work" | "short" | "juan">;
  record: Pick<EntryRecord, "headline" | "details" | "notes" | "citations" | "year" | "variants"> & {
    date: EntryRecord["date"] & {
      jdn: { start: number; end: number } | null;
      concurrent?: { state: string; label: string }[];
    };
  };
  mentions: readonly Mention[];
  events: readonly ChronicleEvent[];
}

/** What differs between the accounts of a group, one value per entry (in the group's order). */
export interface Difference {
  kind: "date" | "quantity" | "name" | "wording";
  values: (string | null)[];
  /** A sentence saying what differs: `七月 against 九月`, `茶三萬斤 against 茶三斤`. */
  text: string;
  /** For a name: whether the spellings are known aliases of one person or place. */
  knownAliases?: boolean;
}

/** Entries of different documents that tell the same event, with a score from 0 to 1. */
export interface ParallelGroup {
  score: number;
  entries: CollatedEntry[];
  differences: Difference[];
  /** How each signal scored, for the reader to judge: date, names, event type, wording. */
  signals: { date: number; names: number; events: number; text: number };
}

/** A passage of a cited juan that tells the citing entry's event. */
export interface SourcePassage {
  entry: CollatedEntry;
  score: number;
  /** Where in the entry's text the account stands, for a long item (a 傳's narrative): offsets into its text. */
  excerpt: { start: number; end: number; text: string } | null;
}

/** One citation of an entry, resolved: the stored documents of its work and juan, and the passages in them. */
export interface ResolvedCitation {
  citation: EntryRecord["citations"][number];
  /** The documents of that work and juan (empty when the juan is not stored). */
  documents: { document: string; documentTitle: string }[];
  passages: SourcePassage[];
}
