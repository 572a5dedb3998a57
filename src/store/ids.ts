/** Entry ids in the store and the API: `documentId:localId`, e.g. `3:e12`. */

const ENTRY_ID = /^([1-9][0-9]{0,14}):([A-Za-z0-9_-]{1,64})$/;

/**
 * The store-wide id of an entry: its document's id and the parser's id within the document.
 *
 * @example
 * formatEntryId(3, "e12") //=> "3:e12"
 */
export function formatEntryId(documentId: number, localId: string): string {
  return `${documentId}:${localId}`;
}

/**
 * Splits an entry id into its parts, or returns null when it is not one.
 *
 * @example
 * parseEntryId("3:e12") //=> { documentId: 3, localId: "e12" }
 * parseEntryId("e12") //=> null
 */
export function parseEntryId(id: string): { documentId: number; localId: string } | null {
  const match = ENTRY_ID.exec(id);
  if (!match) return null;
  return { documentId: Number(match[1]), localId: match[2]! };
}
