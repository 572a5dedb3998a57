/**
 * Search as the web app's search view uses it: the full-text search of the store (or, without a
 * query, the filtered list of entries) narrowed by annotations (an entity, an event type) and the
 * entry's state — every filter in the store's SQL, with its total and page — and the matched
 * passages cut out for display.
 */
import type {
  EntryDetail,
  EntryFilter,
  EntryOrder,
  FieldMatch,
  SearchHit,
  Store,
} from "../../store/types.ts";
import type { ReadModel } from "./read-model.ts";
import type { FindHit, FindPage, Snippet } from "./types.ts";

/** Characters shown on each side of a match. */
const CONTEXT = 30;

/** What `find` is asked. */
export interface FindRequest extends EntryFilter {
  q?: string;
  entity?: string;
  event?: string;
  /** `relevance` (with a query; the default then), `date` or `document` (the default without one). */
  sort?: EntryOrder;
  limit: number;
  offset: number;
}

function fieldText(entry: EntryDetail, match: FieldMatch): { text: string; start: number } | null {
  if (match.field === "headline") return { text: entry.headline, start: entry.headlinePosition.start.offset };
  const part = match.field === "detail" ? entry.details[match.index] : entry.notes[match.index];
  return part ? { text: part.text, start: part.position.start.offset } : null;
}

/**
 * The passages of an entry around its matches: one per run of nearby matches in one field, at
 * most `max`, each with its highlights relative to the passage.
 *
 * @example
 * snippets(entry, hit.matches)[0] //=> { field: "headline", index: 0, text: "再遣楊守素如宋，乞稱臣，市青鹽…", highlights: [{ start: 13, end: 15 }], … }
 */
export function snippets(entry: EntryDetail, matches: readonly FieldMatch[], max = 3): Snippet[] {
  const out: Snippet[] = [];
  const sorted = [...matches].sort(
    (a, b) => a.field.localeCompare(b.field) || a.index - b.index || a.start - b.start,
  );
  for (const match of sorted) {
    const field = fieldText(entry, match);
    if (!field) continue;
    const last = out[out.length - 1];
    const fieldStart = field.start;
    if (last && last.field === match.field && last.index === match.index) {
      const relative = match.start - (last.start - fieldStart);
      if (relative <= last.text.length) {
        const end = Math.min(field.text.length, match.end + CONTEXT);
        const from = last.start - fieldStart;
        last.text = field.text.slice(from, end);
        last.cutEnd = end < field.text.length;
        last.highlights.push({ start: match.start - from, end: match.end - from });
        continue;
      }
    }
    if (out.length >= max) break;
    const whole = match.field === "headline";
    const from = whole ? 0 : Math.max(0, match.start - CONTEXT);
    const to = whole ? field.text.length : Math.min(field.text.length, match.end + CONTEXT);
    out.push({
      field: match.field,
      index: match.index,
      text: field.text.slice(from, to),
      start: fieldStart + from,
      cutStart: from > 0,
      cutEnd: to < field.text.length,
      highlights: [{ start: match.start - from, end: match.end - from }],
    });
  }
  return out;
}

/**
 * The store's filter of a request: its own filters (state, era and year in every state's
 * reckoning), an entity and an event type.
 */
function storeFilter(request: FindRequest): EntryFilter {
  const { q: _q, entity, event, sort: _sort, limit: _limit, offset: _offset, ...filter } = request;
  return {
    ...filter,
    ...(entity === undefined ? {} : { entity }),
    ...(event === undefined ? {} : { eventType: event }),
  };
}

/**
 * Finds entries: by full-text query when `q` is given (headline matches first, then relevance;
 * or by date, or in document order), else every entry in text order (or by date); filtered by
 * the store's filters (a state, era and year in any state's reckoning), an entity and an event
 * type; one page, with passages to show.
 *
 * @example
 * (await find(store, model, { q: "青盐", limit: 20, offset: 0 })).results.map((h) => h.id)
 * //=> ["1:e13", "1:e16", …]
 */
export async function find(store: Store, model: ReadModel, request: FindRequest): Promise<FindPage> {
  const { q, limit, offset, sort } = request;
  const filter = storeFilter(request);
  let total: number;
  let hits: (SearchHit | (Omit<SearchHit, "score"> & { score: null }))[];
  if (q !== undefined) {
    const page = await store.search({ ...filter, query: q, limit, offset, order: sort ?? "relevance" });
    total = page.total;
    hits = page.results;
  } else {
    const order = sort === "date" ? "date" : "document";
    const page = await store.listEntries(filter, { limit, offset, order });
    total = page.total;
    hits = page.results.map((e) => ({ ...e, score: null, matches: [] }));
  }
  const entries = new Map(
    (await store.getEntries(hits.filter((h) => h.matches.length).map((h) => h.id))).map((e) => [e.id, e]),
  );
  const results: FindHit[] = hits.map((hit) => {
    const entry = entries.get(hit.id);
    return { ...hit, snippets: entry ? snippets(entry, hit.matches) : [] };
  });
  return { query: q ?? null, total, limit, offset, annotations: model.annotations, results };
}
