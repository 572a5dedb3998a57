/** The client of the HTTP API: typed GETs with the server's problem details as errors. */

import type { ParallelEntryOut, ParallelGroupOut } from "../../src/collate/report.ts";
import type { Difference } from "../../src/collate/types.ts";
import type {
  CalendarMonths,
  Concordance,
  DateProblems,
  EntityList,
  EntityPage,
  EntryAnnotations,
  FindPage,
  MapData,
  NetworkData,
  ReaderEntry,
  ReaderPage,
  TimelineData,
} from "../../src/server/routes/types.ts";
import type {
  DocumentSummary,
  EntryDetail,
  EntrySummary,
  SourceDetail,
  SourceSummary,
} from "../../src/store/types.ts";

export type * from "../../src/server/routes/types.ts";
export type {
  Difference,
  DocumentSummary,
  EntryDetail,
  EntrySummary,
  ParallelEntryOut,
  ParallelGroupOut,
  SourceDetail,
  SourceSummary,
};

/** `GET /api/entries/{id}/parallels`. */
export interface EntryParallels {
  entry: string;
  groups: ParallelGroupOut[];
}

/** `GET /api/parallels?document=…`. */
export interface Parallels {
  documents: number[];
  groups: ParallelGroupOut[];
}

/** A passage of a cited juan that tells the citing entry's event. */
export interface CitedPassage extends ParallelEntryOut {
  score: number;
  /** For a long account, the stretch that tells the event (offsets into its headline). */
  excerpt: { start: number; end: number; text: string } | null;
}

/** `GET /api/entries/{id}/citations`: each citation of an entry, resolved. */
export interface EntryCitations {
  entry: string;
  citations: {
    citation: {
      work: string;
      section: string | null;
      juan: number | null;
      author: string | null;
      raw: string;
    };
    /** Whether a document of the cited work and juan is stored. */
    stored: boolean;
    documents: { id: number; title: string }[];
    passages: CitedPassage[];
  }[];
}

/** An error answer of the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Query parameters; undefined, null and empty values are left out. */
export type Params = Record<string, string | number | boolean | null | undefined>;

/**
 * A URL of the API with its query.
 *
 * @example
 * apiUrl("/api/find", { q: "青鹽", month: undefined }) //=> "/api/find?q=%E9%9D%92%E9%B9%BD"
 */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    query.set(key, String(value));
  }
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

const cache = new Map<string, Promise<unknown>>();
/** Answers kept for reuse (the data only changes when documents are ingested). */
const CACHE_LIMIT = 200;

/** GETs a JSON answer; the same URL is fetched once. */
export function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const url = apiUrl(path, params);
  let promise = cache.get(url) as Promise<T> | undefined;
  if (!promise) {
    promise = fetch(url, { headers: { accept: "application/json" } }).then(async (response) => {
      const body = (await response.json().catch(() => null)) as { detail?: string } | null;
      if (!response.ok)
        throw new ApiError(response.status, body?.detail ?? `${response.status} ${response.statusText}`);
      return body as T;
    });
    promise.catch(() => cache.delete(url));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(url, promise);
  }
  return promise;
}

/** Forgets every answer kept, after a write (a correction, an import) changed what they hold. */
export function forgetAnswers(): void {
  cache.clear();
}

const enc = encodeURIComponent;

/** The endpoints the views use. */
export const api = {
  documents: () => getJson<{ results: DocumentSummary[] }>("/api/documents"),
  readerPage: (id: number, offset: number, limit: number) =>
    getJson<ReaderPage>(`/api/documents/${id}/entries`, { offset, limit }),
  dateProblems: (id: number) => getJson<DateProblems>(`/api/documents/${id}/date-problems`),
  entry: (id: string) => getJson<EntryDetail>(`/api/entries/${enc(id)}`),
  concordance: (jdn: number) => getJson<Concordance>("/api/concordance", { jdn }),
  timeline: () => getJson<TimelineData>("/api/timeline"),
  months: (from: number, to: number, states: string[]) =>
    getJson<CalendarMonths>("/api/calendar/months", { from, to, states: states.join(",") }),
  find: (params: Params) => getJson<FindPage>("/api/find", params),
  sources: () => getJson<{ results: SourceSummary[] }>("/api/sources"),
  source: (work: string) => getJson<SourceDetail>(`/api/sources/${enc(work)}`),
  entities: (kind?: string) => getJson<EntityList>("/api/entities", { kind }),
  entity: (id: string) => getJson<EntityPage>(`/api/entities/${enc(id)}`),
  map: () => getJson<MapData>("/api/map"),
  network: () => getJson<NetworkData>("/api/network"),
  entries: (params: Params) =>
    getJson<{ total: number; limit: number; offset: number; results: EntrySummary[] }>(
      "/api/entries",
      params,
    ),
  parallels: (id: string) => getJson<EntryParallels>(`/api/entries/${enc(id)}/parallels`),
  documentParallels: (ids: readonly number[]) =>
    getJson<Parallels>(`/api/parallels?${ids.map((d) => `document=${d}`).join("&")}`),
  citations: (id: string) => getJson<EntryCitations>(`/api/entries/${enc(id)}/citations`),
};

/** One entry in full with its state, mentions and events. */
export async function fullEntry(id: string): Promise<ReaderEntry> {
  const [entry, notes] = await Promise.all([
    api.entry(id),
    getJson<EntryAnnotations>(`/api/entries/${enc(id)}/annotations`),
  ]);
  return {
    ...entry,
    state: notes.state,
    mentions: notes.mentions,
    events: notes.events,
    layout: notes.layout,
  };
}
