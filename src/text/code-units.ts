/**
 * Tables over UTF-16 code units, for scanners that classify every character of a long text:
 * one typed-array read per character instead of a string, a set or a regular expression.
 */

/**
 * A table with 1 for each code unit of `chars` and 0 for every other.
 *
 * @example
 * codeUnitSet("甲乙")["乙".charCodeAt(0)] //=> 1
 * codeUnitSet("甲乙")["丙".charCodeAt(0)] //=> 0
 */
export function codeUnitSet(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}
