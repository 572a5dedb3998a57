import type { NameDictionary, NameSense } from "./dictionary.ts";

/** What finds names in a text: an automaton built with `reverse`, or several read as one. */
export interface NameScanner<T> {
  /** Every occurrence in `text.slice(from, to)`, by start from the last, longest first at one start. */
  scanBackward(
    text: string,
    from: number,
    to: number,
    onMatch: (start: number, end: number, values: readonly T[]) => void,
  ): void;
}

/** What recognition needs besides the entry's segments. */
export interface EntryContext {
  dictionary: NameDictionary;
  /** Names the document itself adds: provisional persons and variant readings. */
  documentNames: NameScanner<NameSense> | null;
  /** The entry's Western year, if dated. */
  year: number | null;
  /** The state whose chronicle the document is (`宋` for 長編), if known. */
  state?: string | null;
  /** Entities named in full in earlier entries. */
  namedBefore: ReadonlySet<string>;
  /** Display names of provisional persons and records, by id. */
  nameOf(id: string): string | undefined;
}
