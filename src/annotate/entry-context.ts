import type { AhoCorasick } from "./aho-corasick.ts";
import type { NameDictionary, NameSense } from "./dictionary.ts";

/** What recognition needs besides the entry's segments. */
export interface EntryContext {
  dictionary: NameDictionary;
  /** Names the document itself adds: provisional persons and variant readings. */
  documentNames: AhoCorasick<NameSense> | null;
  /** The entry's Western year, if dated. */
  year: number | null;
  /** The state whose chronicle the document is (`宋` for 長編), if known. */
  state?: string | null;
  /** Entities named in full in earlier entries. */
  namedBefore: ReadonlySet<string>;
  /** Display names of provisional persons and records, by id. */
  nameOf(id: string): string | undefined;
}
