/**
 * The ids of persons that the rules found rather than a hand-made record: in the document
 * (`person:provisional:NAME`) or in the whole 長編 (`person:cb-…`, the grown file).
 */

/** The prefix of the ids of persons found only by rules in the document. */
export const PROVISIONAL_PREFIX = "person:provisional:";

/** The prefix of the ids of the persons grown from 長編 (data/authority/persons-changbian.jsonl). */
export const GROWN_PREFIX = "person:cb-";

/**
 * True when the id is of a person the rules found, in the document or in 長編.
 *
 * @example
 * foundByRules("person:provisional:蕭英") //=> true
 * foundByRules("person:fu-bi") //=> false
 */
export function foundByRules(ref: string): boolean {
  return ref.startsWith(PROVISIONAL_PREFIX) || ref.startsWith(GROWN_PREFIX);
}
