/**
 * Search as the web app's search view uses it: the full-text search of the store (or, without a
 * query, the filtered list of entries) narrowed by annotations (an entity, an event type) and the
 * entry's state, with the matched passages cut out for display.
 */
import type { EntryDetail, EntryFilter, FieldMatch, SearchHit, Store } from "../../store/types.ts";
import type { ReadModel } from "./read-model.ts";
import type { FindHit, FindPage, Snippet } from "./types.ts";

/** Characters shown on each side of a match. */
const CONTEXT = 30;

/** What `find` is asked. */
export interface FindRequest extends EntryFilter {
  q?: string;
  entity?: string;
  event?: string;
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

/** The filters the store applies itself (the state is matched on the read model instead). */
function storeFilter(request: FindRequest): EntryFilter {
  const filter: EntryFilter & Partial<FindRequest> = { ...request };
  for (const key of ["q", "entity", "event", "state", "limit", "offset"] as const) delete filter[key];
  return filter;
}

/** The entry ids the annotation and state filters keep, or null when none is given. */
function allowedIds(model: ReadModel, request: FindRequest): Set<string> | null {
  if (request.entity === undefined && request.event === undefined && request.state === undefined) return null;
  const ids = new Set<string>();
  for (const entry of model.entries) {
    const id = entry.summary.id;
    if (request.state !== undefined && entry.state !== request.state) continue;
    const events = model.events.get(id) ?? [];
    if (request.event !== undefined && !events.some((e) => e.type === request.event)) continue;
    if (request.entity !== undefined) {
      const ref = request.entity;
      const mentioned =
        (model.mentions.get(id) ?? []).some((m) => m.ref === ref) ||
        events.some((e) => Object.values(e.roles).some((list) => list.some((r) => r.ref === ref)));
      if (!mentioned) continue;
    }
    ids.add(id);
  }
  return ids;
}

/**
 * Finds entries: by full-text query when `q` is given (headline matches first, then relevance),
 * else every entry in text order; filtered by the store's filters, the entry's state (the
 * heading's, else its era's), an entity and an event type; one page, with passages to show.
 *
 * @example
 * (await find(store, model, { q: "青盐", limit: 20, offset: 0 })).results.map((h) => h.id)
 * //=> ["1:e13", "1:e16", …]
 */
export async function find(store: Store, model: ReadModel, request: FindRequest): Promise<FindPage> {
  const { q, limit, offset } = request;
  const filter = storeFilter(request);
  const allowed = allowedIds(model, request);
  let total: number;
  let hits: (SearchHit | (Omit<SearchHit, "score"> & { score: null }))[];
  if (q !== undefined) {
    const all = allowed === null ? { limit, offset } : { limit: Number.MAX_SAFE_INTEGER, offset: 0 };
    const page = await store.search({ ...filter, query: q, ...all });
    const kept = allowed === null ? page.results : page.results.filter((h) => allowed.has(h.id));
    total = allowed === null ? page.total : kept.length;
    hits = allowed === null ? kept : kept.slice(offset, offset + limit);
  } else if (allowed !== null && Object.keys(filter).length === 0) {
    // only the read model's filters: page through its entries, in text order
    const kept = model.entries.filter((e) => allowed.has(e.summary.id));
    total = kept.length;
    hits = kept.slice(offset, offset + limit).map((e) => ({ ...e.summary, score: null, matches: [] }));
  } else {
    const all = allowed === null ? { limit, offset } : { limit: Number.MAX_SAFE_INTEGER, offset: 0 };
    const page = await store.listEntries(filter, all);
    const kept = allowed === null ? page.results : page.results.filter((e) => allowed.has(e.id));
    total = allowed === null ? page.total : kept.length;
    hits = (allowed === null ? kept : kept.slice(offset, offset + limit)).map((e) => ({
      ...e,
      score: null,
      matches: [],
    }));
  }
  const results: FindHit[] = [];
  for (const hit of hits) {
    const entry = hit.matches.length ? await store.getEntry(hit.id) : null;
    results.push({ ...hit, snippets: entry ? snippets(entry, hit.matches) : [] });
  }
  return { query: q ?? null, total, limit, offset, annotations: model.annotations, results };
}
