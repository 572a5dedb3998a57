/** Quotes one CSV field (RFC 4180): fields with commas, quotes or line breaks are quoted. */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Formats rows as CSV with a header line, CRLF line ends, and a UTF-8 byte-order mark so that
 * spreadsheet programs open CJK text correctly.
 *
 * @example
 * toCsv(["id", "headline"], [["e1", "獻俘契丹。"]]) //=> "\uFEFFid,headline\r\ne1,獻俘契丹。\r\n"
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
