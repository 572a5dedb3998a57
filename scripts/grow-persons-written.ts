/**
 * Where a corpus writes a name, whatever the person rules found there: the grow script keeps a
 * name the rules found in one entry when the chronicle writes it in several entries of its years
 * (`西上閤門使劉几` is found once; 長編 writes 劉几 in six entries of 1064–1070).
 */

/**
 * Surnames that the prose writes more often as the first character of a word (`常平`, `管勾`,
 * `路分`, `左藏`, `任用`, `謝罪`, `宗室`, `髙祖`, `丁憂`, `景祐中`): such a name is kept only for
 * what the rules found, never for where it is written.
 */
export const WORD_SURNAMES = new Set([
  ..."常丁管金景路馬滿許易于曾文左賀安白邊成方甘谷紀季孔龍祁錢覃秦曲任商史唐衛武謝宗祖髙高嚴",
]);
/** The rules that find a name after an office, the strongest evidence. */
export const OFFICE_RULES = ["office-name", "prefect-name", "governs"];
/** The clan names of the Khitan and Tangut and the Han surnames of two characters. */
export const COMPOUND = /^(?:耶律|蕭|野利|嵬名|沒藏|拓跋|歐陽|司馬|万俟|萬俟|皇甫|令狐|慕容|上官|宇文)/;

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

  /**
   * The character that follows a name most often wherever it is written, with the share of its
   * writings it follows: a name cut short goes on the same way (`耶律仁` of 耶律仁先).
   *
   * @example
   * new WrittenNames([{ text: "耶律仁先言", year: 1044 }, { text: "耶律仁先還", year: 1045 }])
   *   .mostFollowing(["耶律仁"]) //=> { char: "先", share: 1 }
   */
  mostFollowing(spellings: readonly string[]): { char: string; share: number } {
    const counts = new Map<string, number>();
    let all = 0;
    for (const name of spellings)
      for (let at = this.#all.indexOf(name); at !== -1; at = this.#all.indexOf(name, at + 1)) {
        const next = this.#all[at + name.length] ?? "";
        counts.set(next, (counts.get(next) ?? 0) + 1);
        all++;
      }
    let best = { char: "", share: 0 };
    for (const [char, n] of counts) if (n / all > best.share) best = { char, share: n / all };
    return best;
  }
}
