import type { ChronicleTree, Entry, Locus, Season, Variant, Year } from "./types.ts";

/** One entry as the `entries` command prints it: flat, with the fields later stages extend. */
export interface EntryRecord {
  id: string;
  year: { label: string | null; era: string | null; number: number | null; state: string | null };
  date: {
    text: string | null;
    season: Season | null;
    month: number | null;
    leap: boolean;
    day: number | string | null;
    relative: string | null;
    own: boolean;
  };
  headline: string;
  details: string[];
  citations: {
    work: string;
    section: string | null;
    juan: number | null;
    author: string | null;
    raw: string;
  }[];
  notes: string[];
  variants: { name: string; variant: string; source: string }[];
  span: { start: number; end: number };
  line: number;
  /** Where the entry starts in the printed edition (Kanripo files), or `null`. */
  locus: Locus | null;
}

/** Every variant reading an entry carries: in its headline, details and notes. */
export function entryVariants(entry: Entry): Variant[] {
  const variants: Variant[] = [];
  for (const paragraph of [entry.headline, ...entry.details]) {
    for (const child of paragraph.children)
      if (child.type === "variantNote") variants.push(...child.variants);
  }
  for (const note of entry.sources?.notes ?? []) variants.push(...note.variants);
  return variants;
}

/** Flattens one entry of `year` into a record. */
export function toEntryRecord(entry: Entry, year: Year): EntryRecord {
  const heading = year.heading;
  return {
    id: entry.id,
    year: {
      label: heading?.label ?? null,
      era: heading?.era ?? null,
      number: heading?.number ?? null,
      state: heading?.state ?? null,
    },
    date: { ...entry.date },
    headline: entry.headline.value,
    details: entry.details.map((d) => d.value),
    citations: (entry.sources?.citations ?? []).map(({ work, section, juan, author, raw }) => ({
      work,
      section,
      juan,
      author,
      raw,
    })),
    notes: [
      ...(entry.sources?.notes ?? []).map((n) => n.value),
      // The small notes of a Kanripo item are the compiler's own notes.
      ...[entry.headline, ...entry.details].flatMap((p) =>
        p.children.filter((c) => c.type === "gloss" && c.small).map((c) => c.value),
      ),
    ],
    variants: entryVariants(entry).map(({ name, variant, source }) => ({ name, variant, source })),
    span: { start: entry.position.start.offset, end: entry.position.end.offset },
    line: entry.position.start.line,
    locus: entry.locus,
  };
}

/**
 * Flattens a tree into one record per entry, in text order.
 *
 * @example
 * toEntryRecords(parse(text))[0].headline //=> "契丹遣同知析津府事耶律敵烈、…來議與宋和。"
 */
export function toEntryRecords(tree: ChronicleTree): EntryRecord[] {
  return tree.children.flatMap((year) => year.children.map((entry) => toEntryRecord(entry, year)));
}
