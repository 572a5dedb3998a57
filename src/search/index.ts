export { FOLD_VERSION, type FoldedText, fold, foldChar, foldWithOffsets, VARIANTS } from "./fold.ts";
export { findMatches, type TextMatch } from "./highlight.ts";
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseQuery, QueryError, type QueryTerm } from "./query.ts";
