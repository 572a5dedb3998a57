/**
 * The endpoints the web app needs beyond the core API: the reader's pages, the by-date
 * concordance, the timeline, calendar months, entities, the map, the network and a search with
 * annotation filters. All read-only, all documented in the OpenAPI document.
 */
import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import { documentParallels, entryCitations, entryParallels } from "../../collate/stored.ts";
import type { Store } from "../../store/types.ts";
import { ApiError } from "../problem.ts";
import { DEFAULT_LIMIT, EntryParams, Problem } from "../schemas.ts";
import { monthsBetween } from "./calendar-months.ts";
import { dateProblems } from "./date-problems.ts";
import { entityList, entityPage, mapData, networkData } from "./entities.ts";
import { type FindRequest, find } from "./find.ts";
import { registerNavigationRoutes } from "./navigation-routes.ts";
import { memo, readModel } from "./read-model.ts";
import { concordance, entryLayout, readerPage } from "./reader.ts";
import * as s from "./schemas.ts";
import { timelineData } from "./timeline.ts";
import { registerToolRoutes } from "./tools.ts";
import type { EntryAnnotations } from "./types.ts";

const problems = {
  400: { description: "Invalid parameters", content: { "application/problem+json": { schema: Problem } } },
  404: { description: "Nothing with this id", content: { "application/problem+json": { schema: Problem } } },
} as const;

function ok<T extends z.ZodType>(schema: T, description: string) {
  return { 200: { description, content: { "application/json": { schema } } }, ...problems } as const;
}

const routes = {
  readerPage: createRoute({
    method: "get",
    path: "/api/documents/{id}/entries",
    summary: "A document's entries in full",
    description:
      "Entries of one document in text order with their text, details, citations, notes, variant readings, mentions and events, and how the printed edition lays their text out (markup to leave out, where pages begin, small notes) — what the reader shows.",
    request: { params: s.DocumentParams, query: s.ReaderQuery },
    responses: ok(s.ReaderPageSchema, "A page of entries"),
  }),
  dateProblems: createRoute({
    method: "get",
    path: "/api/documents/{id}/date-problems",
    summary: "A document's date problems",
    description:
      "The dating stage's messages about a document (rules `date-…`: a sexagenary day not in its month, an unknown or ambiguous era…) and the warnings its entries' dates carry, in text order: each with its place, the text as written (without the edition's markup), the message and the entry it concerns.",
    request: { params: s.DocumentParams },
    responses: ok(s.DateProblemsSchema, "The date problems"),
  }),
  annotations: createRoute({
    method: "get",
    path: "/api/entries/{id}/annotations",
    summary: "An entry's mentions and events",
    description:
      "The persons, places, polities and offices an entry names (stand-off, as document offsets) and its events, empty until the annotation stage has run; and how the printed edition lays its text out (markup to leave out, where pages begin, small notes).",
    request: { params: EntryParams },
    responses: ok(s.AnnotationsSchema, "The annotations"),
  }),
  concordance: createRoute({
    method: "get",
    path: "/api/concordance",
    summary: "Every chronicle's entries of one lunar month",
    description:
      "The lunar month containing a day, with each state's labels for it, the entries of every document dated within it (in full) and those whose date is broader.",
    request: { query: s.ConcordanceQuery },
    responses: ok(s.ConcordanceSchema, "The month and its entries"),
  }),
  timeline: createRoute({
    method: "get",
    path: "/api/timeline",
    summary: "Every dated entry, for the timeline",
    description:
      "Ids, first and last day (JDN), state, document and event type of every entry with a resolved date, as parallel arrays.",
    responses: ok(s.TimelineSchema, "The timeline data"),
  }),
  months: createRoute({
    method: "get",
    path: "/api/calendar/months",
    summary: "Lunar months with every state's labels",
    description:
      "The months of the reference calendar (北宋 where it applies) between two days, each with every state's era year and month.",
    request: { query: s.MonthsQuery },
    responses: ok(s.MonthsSchema, "The months"),
  }),
  entities: createRoute({
    method: "get",
    path: "/api/entities",
    summary: "Authority records",
    description: "Persons, places, polities and offices with how often the stored entries mention each.",
    request: { query: s.EntityQuery },
    responses: ok(s.EntityListSchema, "The records"),
  }),
  entity: createRoute({
    method: "get",
    path: "/api/entities/{id}",
    summary: "One entity",
    description:
      "An authority record with its aliases and sources, the spellings the texts use and every entry that mentions it.",
    request: { params: s.EntityParams },
    responses: ok(s.EntityPageSchema, "The entity"),
  }),
  map: createRoute({
    method: "get",
    path: "/api/map",
    summary: "Places and located events",
    description: "Places with coordinates and every event located at one of them, with its dates.",
    responses: ok(s.MapSchema, "The map data"),
  }),
  network: createRoute({
    method: "get",
    path: "/api/network",
    summary: "Polities and persons linked by events",
    description:
      "Embassies, wars, treaties, tribute… between polities and persons, one edge per pair and type with counts, dates and entries.",
    responses: ok(s.NetworkSchema, "The network"),
  }),
  find: createRoute({
    method: "get",
    path: "/api/find",
    summary: "Search with annotation filters and passages",
    description:
      "As /api/search, the query optional, with filters by the entry's state (the heading's, else its era's), an entity and an event type, and the matched passages cut out.",
    request: { query: s.FindQuery },
    responses: ok(s.FindPageSchema, "A page of entries"),
  }),
  entryParallels: createRoute({
    method: "get",
    path: "/api/entries/{id}/parallels",
    summary: "Other accounts of an entry's event",
    description:
      "The accounts of the entry's event in other chronicles (考異): a group with the entry and the best account of each other chronicle dated within some months of it, scored from 0 to 1 on their dates, names, event types and wording, with what differs between them (date, quantity, name, wording). No group when no account scores minScore.",
    request: { params: EntryParams, query: s.ParallelQuery },
    responses: ok(s.EntryParallelsSchema, "The entry's parallels"),
  }),
  parallels: createRoute({
    method: "get",
    path: "/api/parallels",
    summary: "Parallel accounts between documents",
    description:
      "Groups of entries from different chronicles that tell the same event, with their differences: among the documents given (repeat `document`), or, for one document, between it and every other chronicle stored.",
    request: { query: s.ParallelsQuery },
    responses: ok(s.ParallelsSchema, "The parallels"),
  }),
  entryCitations: createRoute({
    method: "get",
    path: "/api/entries/{id}/citations",
    summary: "An entry's citations, resolved to their passages",
    description:
      "Each citation of the entry with the stored documents of its work and juan (`stored: false` when the juan is not stored) and, in them, the passages that tell the entry's event, best first, each with its score (a long narrative narrowed to an excerpt).",
    request: { params: EntryParams },
    responses: ok(s.CitationsSchema, "The resolved citations"),
  }),
};

/**
 * Registers the web app's endpoints on the API application.
 *
 * @param app the application `createApp` builds
 * @param store the store to read from
 * @example
 * registerWebRoutes(app, store)
 * (await app.request("/api/timeline")).status //=> 200
 */
export function registerWebRoutes(app: OpenAPIHono, store: Store): void {
  const notFound = (what: string): never => {
    throw new ApiError(404, `There is no ${what}`);
  };

  app.openapi(routes.readerPage, async (c) => {
    const { id } = c.req.valid("param");
    const { offset = 0, limit = 50 } = c.req.valid("query");
    if (!(await store.getDocument(id))) notFound(`document ${id}`);
    return c.json(await readerPage(store, await readModel(store), id, { offset, limit }), 200);
  });

  app.openapi(routes.dateProblems, async (c) => {
    const { id } = c.req.valid("param");
    const document = (await store.getDocument(id)) ?? notFound(`document ${id}`);
    return c.json(await dateProblems(store, document), 200);
  });

  app.openapi(routes.annotations, async (c) => {
    const { id } = c.req.valid("param");
    const model = await readModel(store);
    const entry = model.byId.get(id) ?? notFound(`entry ${id}`);
    const result: EntryAnnotations = {
      id,
      state: entry.state,
      annotations: model.annotations,
      mentions: model.mentions.get(id) ?? [],
      events: model.events.get(id) ?? [],
      layout: await entryLayout(store, model, entry.summary),
    };
    return c.json(result, 200);
  });

  app.openapi(routes.concordance, async (c) => {
    const { jdn } = c.req.valid("query");
    const result = await concordance(store, await readModel(store), jdn);
    return c.json(result ?? notFound(`calendar month containing day ${jdn}`), 200);
  });

  app.openapi(routes.timeline, async (c) => {
    const model = await readModel(store);
    return c.json(
      memo(model, "timeline", () => timelineData(model)),
      200,
    );
  });

  app.openapi(routes.months, async (c) => {
    const { from, to, states } = c.req.valid("query");
    if (to < from || to - from > s.MAX_CALENDAR_DAYS) {
      throw new ApiError(400, `to must be between from and from + ${s.MAX_CALENDAR_DAYS}`, [
        { in: "query", name: "to", message: `must be between ${from} and ${from + s.MAX_CALENDAR_DAYS}` },
      ]);
    }
    const only = states
      ? new Set(
          states
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        )
      : null;
    return c.json(monthsBetween(from, to, only), 200);
  });

  app.openapi(routes.entities, async (c) => {
    const { kind } = c.req.valid("query");
    return c.json(await entityList(store, await readModel(store), kind), 200);
  });

  app.openapi(routes.entity, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(entityPage(await readModel(store), id) ?? notFound(`entity ${id}`), 200);
  });

  app.openapi(routes.map, async (c) => {
    const model = await readModel(store);
    return c.json(await memo(model, "map", () => mapData(store, model)), 200);
  });

  app.openapi(routes.network, async (c) => {
    const model = await readModel(store);
    return c.json(
      memo(model, "network", () => networkData(model)),
      200,
    );
  });

  app.openapi(routes.entryParallels, async (c) => {
    const { id } = c.req.valid("param");
    const { minScore } = c.req.valid("query");
    // The read model holds every entry's date range and annotations: only the candidates' texts are read.
    const model = await readModel(store);
    const context = {
      index: model.entries,
      documents: model.documents,
      annotations: (entry: string) => ({
        mentions: model.mentions.get(entry) ?? [],
        events: model.events.get(entry) ?? [],
      }),
    };
    return c.json((await entryParallels(store, id, minScore, context)) ?? notFound(`entry ${id}`), 200);
  });

  app.openapi(routes.parallels, async (c) => {
    const { document, minScore } = c.req.valid("query");
    const ids = [
      ...new Set(
        [document]
          .flat()
          .flatMap((d) => d.split(","))
          .map(Number),
      ),
    ];
    return c.json(
      (await documentParallels(store, ids, minScore)) ?? notFound(`document among ${ids.join(", ")}`),
      200,
    );
  });

  app.openapi(routes.entryCitations, async (c) => {
    const { id } = c.req.valid("param");
    return c.json((await entryCitations(store, id)) ?? notFound(`entry ${id}`), 200);
  });

  app.openapi(routes.find, async (c) => {
    const query = c.req.valid("query");
    const request = {
      ...(Object.fromEntries(
        Object.entries(query).filter(
          ([key, value]) => value !== undefined && key !== "document" && key !== "leap",
        ),
      ) as Omit<FindRequest, "limit" | "offset">),
      ...(query.document === undefined ? {} : { documentId: query.document }),
      ...(query.leap === undefined ? {} : { leap: query.leap === "true" }),
      limit: query.limit ?? DEFAULT_LIMIT,
      offset: query.offset ?? 0,
    };
    return c.json(await find(store, await readModel(store), request), 200);
  });

  registerToolRoutes(app, store);
  registerNavigationRoutes(app, store);
}
