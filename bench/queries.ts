/**
 * The mixed search workload: terms drawn (seeded) from the corpus text, in the shares of
 * `QUERY_MIX` — one-, two-, three- and four-character terms, terms typed in simplified forms,
 * two-term queries, terms filtered by state or by a span of years, and terms found nowhere.
 */
import { fold } from "../src/search/fold.ts";
import type { EntryFilter } from "../src/store/index.ts";
import { random } from "./corpus.ts";

/** The kinds of query, and how many of every 100 queries are of each kind. */
export const QUERY_MIX = {
  "1 char": 15,
  "2 chars": 20,
  "3 chars": 15,
  "4 chars": 15,
  simplified: 10,
  "two terms": 10,
  filtered: 10,
  "no hits": 5,
} as const;
export type QueryKind = keyof typeof QUERY_MIX;

/** The seed of the workload. */
export const QUERY_SEED = 20260101;
/** The states filtered by: those of the corpus's year headings. */
const FILTER_STATES = ["北宋", "遼", "西夏", "金", "南宋"];
/** Spans of CE years filtered by, in years. */
const FILTER_SPAN = 30;
/** The CE years the corpus's headings cover, roughly (北宋 960 to 南宋 1279). */
const FIRST_YEAR = 960;
const LAST_YEAR = 1279;
/** A term's second half is taken at most this far after its first, so both occur in one entry. */
const PAIR_GAP = 40;

/** One query of the workload. */
export interface BenchQuery {
  kind: QueryKind;
  /** The query as the store and the API take it (terms separated by a space). */
  query: string;
  /** The same terms as they stand in the text (traditional forms): what ripgrep looks for. */
  plain: string[];
  /** The filter, for `filtered` queries. */
  filter?: EntryFilter;
}

const HAN_RUN = /\p{Script=Han}{4,}/gu;

/**
 * `count` queries in the shares of `QUERY_MIX`, the kinds interleaved, drawn from `text`.
 *
 * @param text the corpus text (every file joined)
 * @param count how many queries (default 1 000)
 * @example
 * mixedQueries(text, 3) //=> [{ kind: "1 char", query: "夏", plain: ["夏"] }, { kind: "2 chars", … }, …]
 */
export function mixedQueries(text: string, count = 1000, seed = QUERY_SEED): BenchQuery[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  // Runs of Han characters; a sample of them is enough, and keeps the workload cheap to draw.
  const runs: string[] = [];
  for (const m of text.matchAll(HAN_RUN)) if (next() < 0.05 || runs.length < 1000) runs.push(m[0]);
  const chars = (run: string) => [...run];
  const term = (length: number): string => {
    for (;;) {
      const c = chars(pick(runs));
      if (c.length < length) continue;
      const at = Math.floor(next() * (c.length - length + 1));
      return c.slice(at, at + length).join("");
    }
  };
  const folded = fold(text);
  const kinds: QueryKind[] = [];
  for (const [kind, share] of Object.entries(QUERY_MIX) as [QueryKind, number][])
    for (let i = 0; i < share; i++) kinds.push(kind);
  // The kinds in a shuffled order, so that each stretch of the workload mixes them.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const pairRuns = runs.filter((r) => r.length >= 8 && r.length <= PAIR_GAP);
  const out: BenchQuery[] = [];
  for (let i = 0; out.length < count; i++) {
    const kind = kinds[i % kinds.length]!;
    switch (kind) {
      case "1 char":
      case "2 chars":
      case "3 chars":
      case "4 chars": {
        const t = term(Number(kind[0]));
        out.push({ kind, query: t, plain: [t] });
        break;
      }
      case "simplified": {
        let t = term(2 + Math.floor(next() * 3));
        while (fold(t) === t) t = term(2 + Math.floor(next() * 3));
        out.push({ kind, query: fold(t), plain: [t] });
        break;
      }
      case "two terms": {
        const c = chars(pick(pairRuns));
        const a = c.slice(0, 2).join("");
        const b = c.slice(c.length - 2).join("");
        out.push({ kind, query: `${a} ${b}`, plain: [a, b] });
        break;
      }
      case "filtered": {
        const t = term(2);
        const from = FIRST_YEAR + Math.floor(next() * (LAST_YEAR - FIRST_YEAR - FILTER_SPAN));
        const filter: EntryFilter =
          next() < 0.5 ? { state: pick(FILTER_STATES) } : { from, to: from + FILTER_SPAN };
        out.push({ kind, query: t, plain: [t], filter });
        break;
      }
      case "no hits": {
        // Characters of the text in an order the text never has.
        let t = "";
        do t = [0, 1, 2].map(() => pick(chars(pick(runs)))).join("");
        while (folded.includes(fold(t)));
        out.push({ kind, query: t, plain: [t] });
        break;
      }
    }
  }
  return out;
}
