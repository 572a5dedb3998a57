export { AhoCorasick, type AutomatonMatch, type AutomatonOptions } from "./aho-corasick.ts";
export { type AnnotateOptions, annotateEntries, PROVISIONAL_PREFIX } from "./annotate-entries.ts";
export * from "./authority/index.ts";
export { CONTEXT_RULES, type ContextRule } from "./context-rules.ts";
export { compileDictionary, type NameDictionary, type NameSense } from "./dictionary.ts";
export { PERSON_RULES, type PersonRule } from "./person-rules.ts";
export { type FoundQuantity, findQuantities } from "./quantities.ts";
export { SHORT_RULES, type ShortRule } from "./short-forms.ts";
export type * from "./types.ts";
