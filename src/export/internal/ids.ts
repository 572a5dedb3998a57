/** Entity ids as XML ids and back. */

/**
 * Turns an entity id into an `xml:id` (an NCName): `:` becomes `.`, ASCII letters, digits and
 * `-` stay, and every other character becomes `_hex_`. The mapping is reversible.
 *
 * @example
 * toXmlId("person:fan-zhongyan") //=> "person.fan-zhongyan"
 * toXmlId("new:person:張三") //=> "new.person._5f35__4e09_"
 */
export function toXmlId(id: string): string {
  let out = "";
  for (const ch of id) {
    if (ch === ":" && out !== "") out += ".";
    else if (/[A-Za-z]/.test(ch) || (out !== "" && /[0-9-]/.test(ch))) out += ch;
    else out += `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

/**
 * Reverses `toXmlId`.
 *
 * @example
 * fromXmlId("person.fan-zhongyan") //=> "person:fan-zhongyan"
 */
export function fromXmlId(xmlId: string): string {
  return xmlId.replace(/_([0-9a-f]+)_|\./g, (_match, hex: string | undefined) =>
    hex === undefined ? ":" : String.fromCodePoint(Number.parseInt(hex, 16)),
  );
}
