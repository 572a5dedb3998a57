/**
 * A document's date problems, as an apparatus: the dating stage's messages (rules `date-…`: a
 * sexagenary day not in its month, an unknown or ambiguous era, a year without an era…) and the
 * warnings that entries' dates carry (another calendar's month, an era read in another form),
 * each with its place, the text as written, what is wrong and the entry it concerns.
 */
import type { Position } from "../../parse/types.ts";
import type { DocumentDetail, EntrySummary, Store } from "../../store/types.ts";
import { storedLayout, type TextRange, visibleText } from "./layout.ts";
import type { DateProblem, DateProblems } from "./types.ts";

/** The rule id of a warning carried by an entry's date (the dating stage's messages have their own). */
export const DATE_WARNING_RULE = "date-warning";

/** The most entries of one document read for warnings. */
const MAX_ENTRIES = 1_000_000;

/** The entry whose span holds `offset`, else the first one after it (a year heading's problem), else null. */
function entryAt(entries: readonly EntrySummary[], offset: number): EntrySummary | null {
  for (const entry of entries) {
    if (entry.position.end.offset > offset) return entry;
  }
  return null;
}

/**
 * Where a date written at `start` ends: its characters (`written`, as the record has them, without
 * markup) matched in order from `start`, the markup between them skipped. Null when the text
 * there is not the date.
 */
function writtenEnd(
  text: string,
  hidden: readonly TextRange[],
  start: number,
  written: string,
): number | null {
  let i = start;
  let h = 0;
  for (let j = 0; j < written.length; i++) {
    while (h < hidden.length && hidden[h]!.end <= i) h++;
    const range = hidden[h];
    if (range && range.start <= i) {
      i = range.end - 1;
      continue;
    }
    if (i >= text.length || text.charCodeAt(i) !== written.charCodeAt(j)) return null;
    j++;
  }
  return i;
}

/** The point at `offset`, counted on from an earlier point (lines and columns as the parser counts them). */
function pointAfter(text: string, from: Position["start"], offset: number): Position["start"] {
  let { line, column } = from;
  for (let i = from.offset; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, offset };
}

/**
 * The date problems of a document, in text order.
 *
 * @param store the store holding it
 * @param document the document, with its stored messages
 * @example
 * (await dateProblems(store, document)).results[0]
 * //=> { kind: "warning", ruleId: "date-warning", message: 'era "慶歴" read as "慶曆"', text: "春正月庚午朔", entryId: "2:e1", … }
 */
export async function dateProblems(store: Store, document: DocumentDetail): Promise<DateProblems> {
  const [text, layout, list] = await Promise.all([
    store.getDocumentText(document.id),
    storedLayout(store, document),
    store.listEntries({ documentId: document.id }, { limit: MAX_ENTRIES, offset: 0 }),
  ]);
  const source = text ?? "";
  const entries = list.results;
  const results: DateProblem[] = [];
  const reported = new Set<string>();
  for (const message of document.messages) {
    if (!message.ruleId.startsWith("date-")) continue;
    const entry = entryAt(entries, message.place.start.offset);
    if (entry) reported.add(`${entry.id}\u0000${message.reason}`);
    results.push({
      kind: "message",
      ruleId: message.ruleId,
      severity: message.severity,
      message: message.reason,
      place: message.place,
      text: visibleText(source, layout.hidden, message.place.start.offset, message.place.end.offset),
      carried: false,
      entryId: entry?.id ?? null,
    });
  }
  for (const entry of entries) {
    const warnings = Array.isArray(entry.date.warnings) ? (entry.date.warnings as unknown[]) : [];
    const start = entry.position.start.offset;
    for (const warning of warnings) {
      if (typeof warning !== "string" || reported.has(`${entry.id}\u0000${warning}`)) continue;
      // The date as written opens the entry; a date carried over from an earlier entry is named
      // by its text, at the entry's first character.
      const written = entry.date.own && entry.date.text ? entry.date.text : null;
      const end = written === null ? null : writtenEnd(source, layout.hidden, start, written);
      results.push({
        kind: "warning",
        ruleId: DATE_WARNING_RULE,
        severity: "warning",
        message: warning,
        place: {
          start: entry.position.start,
          end: end === null ? entry.position.start : pointAfter(source, entry.position.start, end),
        },
        text: end === null ? (entry.date.text ?? "") : visibleText(source, layout.hidden, start, end),
        carried: end === null,
        entryId: entry.id,
      });
    }
  }
  results.sort((a, b) => a.place.start.offset - b.place.start.offset);
  return { documentId: document.id, total: results.length, results };
}
