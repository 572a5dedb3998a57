/**
 * Where a corpus writes a name, whatever the person rules found there: the grow script keeps a
 * name the rules found in one entry when the chronicle writes it in several entries of its years
 * (`西上閤門使劉几` is found once; 長編 writes 劉几 in six entries of 1064–1070).
 */

/** One entry's reading text and year (`null` when it is not dated within the chronicle's years). */
export interface WrittenEntry {
  text: string;
  year: number | null;
}

/** The entries of a corpus, searched for the names written in them. */
export class WrittenNames {
  readonly #all: string;
  readonly #starts: number[] = [];
  readonly #years: (number | null)[] = [];

  constructor(entries: readonly WrittenEntry[]) {
    const parts: string[] = [];
    let at = 0;
    for (const e of entries) {
      this.#starts.push(at);
      this.#years.push(e.year);
      parts.push(e.text);
      at += e.text.length + 1;
    }
    // A character no text holds between entries, so that no name runs from one into the next.
    this.#all = parts.join("\u0000");
  }

  /** The index of the entry holding the offset. */
  #entryAt(offset: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * How many entries dated from `from` to `to` write one of the spellings of a name, not as part
   * of a longer name (`partOfLonger` is asked with the characters before and after it).
   *
   * @example
   * new WrittenNames([{ text: "詔几赴永興軍", year: 1065 }, { text: "召劉几問之", year: 1068 }])
   *   .entriesWriting(["劉几"], 1060, 1070, () => false) //=> 1
   */
  entriesWriting(
    spellings: readonly string[],
    from: number,
    to: number,
    partOfLonger: (before: string, after: string) => boolean,
  ): number {
    const found = new Set<number>();
    for (const name of spellings)
      for (let at = this.#all.indexOf(name); at !== -1; at = this.#all.indexOf(name, at + 1)) {
        const entry = this.#entryAt(at);
        const year = this.#years[entry];
        if (year === null || year === undefined || year < from || year > to || found.has(entry)) continue;
        if (partOfLonger(this.#all[at - 1] ?? "", this.#all[at + name.length] ?? "")) continue;
        found.add(entry);
      }
    return found.size;
  }
}
