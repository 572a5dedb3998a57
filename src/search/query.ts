import { fold } from "./fold.ts";

/** The longest query accepted, in UTF-16 code units. */
export const MAX_QUERY_LENGTH = 200;
/** The most terms (separated by spaces) a query may have. */
export const MAX_QUERY_TERMS = 10;

/** A query the caller should correct: empty, too long, or not well-formed Unicode. */
export class QueryError extends Error {
  override name = "QueryError";
}

/** One term of a query: every term must occur in an entry for it to match. */
export interface QueryTerm {
  /** The term as typed. */
  text: string;
  /** The term folded (see `fold`): what is looked up. */
  folded: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SPACES = /[\s\u3000]+/u;

/**
 * Splits a search query into terms at spaces (ASCII or ideographic) and folds each. There is no
 * word segmentation: a term matches wherever its characters stand together in the text.
 *
 * @param query the query as typed, e.g. `韓琦 青鹽`
 * @returns the terms, in order, duplicates removed
 * @throws QueryError when the query is empty, longer than `MAX_QUERY_LENGTH`, has more than
 *   `MAX_QUERY_TERMS` terms or contains an unpaired surrogate
 * @example
 * parseQuery("韓琦 青鹽") //=> [{ text: "韓琦", folded: "韩琦" }, { text: "青鹽", folded: "青盐" }]
 */
export function parseQuery(query: string): QueryTerm[] {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`The query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
  }
  if (LONE_SURROGATE.test(query)) throw new QueryError("The query is not well-formed Unicode");
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const text of query.split(SPACES)) {
    if (text === "") continue;
    const folded = fold(text);
    if (seen.has(folded)) continue;
    seen.add(folded);
    terms.push({ text, folded });
  }
  if (terms.length === 0) throw new QueryError("Cannot search for an empty query");
  if (terms.length > MAX_QUERY_TERMS) {
    throw new QueryError(`The query has ${terms.length} terms; the limit is ${MAX_QUERY_TERMS}`);
  }
  return terms;
}
