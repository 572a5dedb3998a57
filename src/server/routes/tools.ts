/**
 * The routes of the charts and the exports of a selection: events per month, the ledger of goods,
 * the entries behind a bar, and a selection (a search with its filters, a document, an entity)
 * as TEI, CSV, GeoJSON or GEXF. All read-only, all in the OpenAPI document.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Store } from "../../store/types.ts";
import { ApiError } from "../problem.ts";
import { Problem } from "../schemas.ts";
import { eventBar, eventChart, ledger } from "./charts.ts";
import { CSV_TABLES, exportSelection, SELECTION_FORMATS, type Selection } from "./export-selection.ts";
import { memo, readModel } from "./read-model.ts";
import * as s from "./schemas.ts";

/** The most years one event chart spans. */
export const MAX_CHART_YEARS = 300;

const problems = {
  400: { description: "Invalid parameters", content: { "application/problem+json": { schema: Problem } } },
  404: {
    description: "Nothing to answer with",
    content: { "application/problem+json": { schema: Problem } },
  },
} as const;

const Years = s.FindQuery.pick({ from: true, to: true });
const Group = z.enum(["state", "type"]).optional().openapi({
  description: "Split each month by the entry's state (default) or the event's type",
  example: "type",
});

const EventChartQuery = Years.extend({ group: Group });
const EventBarQuery = z.object({
  group: Group,
  jdn: z
    .string()
    .regex(/^\d{1,8}$/, "must be a Julian Day Number")
    .transform(Number)
    .openapi({ type: "integer", description: "A day of the month (JDN)", example: "2102233" }),
  key: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: "Only events of this state or type (default: every event)", example: "embassy" }),
});
const ExportQuery = s.FindQuery.omit({ limit: true, offset: true }).extend({
  format: z.enum(SELECTION_FORMATS).openapi({ description: "The file's format", example: "tei" }),
  table: z
    .enum(CSV_TABLES)
    .optional()
    .openapi({ description: "For csv: which table (default entries)", example: "entries" }),
});

const json = (name: string, description: string) => ({
  200: {
    description,
    content: { "application/json": { schema: z.looseObject({}).openapi(name, { description }) } },
  },
  ...problems,
});

const routes = {
  events: createRoute({
    method: "get",
    path: "/api/charts/events",
    summary: "Events per month, by state or by type",
    description:
      "For each month of the reference calendar (北宋 where it applies) between two CE years (default 1043–1044), how many events the entries dated within it have, split by the state the entry's year is reckoned in or by the event's type. Events of entries dated more broadly (a season, a year) are counted apart.",
    request: { query: EventChartQuery },
    responses: json("EventChart", "The months with their counts"),
  }),
  bar: createRoute({
    method: "get",
    path: "/api/charts/events/entries",
    summary: "The entries behind one bar of the event chart",
    description:
      "The entries dated within the month containing a day that have an event of a state or type (any, without `key`), in text order.",
    request: { query: EventBarQuery },
    responses: json("EventBar", "The month and its entries"),
  }),
  ledger: createRoute({
    method: "get",
    path: "/api/charts/ledger",
    summary: "The ledger of goods: amounts of silver, silk, tea… over time",
    description:
      "Every amount of one commodity the texts count (絹十萬匹, 茶三萬斤, 銀二萬兩), one series per commodity and unit (amounts in different units are never summed), each point with its entry and date.",
    request: { query: Years },
    responses: json("Ledger", "The series"),
  }),
  export: createRoute({
    method: "get",
    path: "/api/export",
    summary: "A selection as TEI, CSV, GeoJSON or GEXF",
    description: `The entries a search and its filters select (the parameters of /api/find: a query, a document, an entity, an event type, years…) as one file: TEI P5 (a teiCorpus for entries of several chronicles), one CSV table, GeoJSON or GEXF, as \`biannian export\` writes them. At most 2000 entries in 40 documents.`,
    request: { query: ExportQuery },
    responses: {
      200: {
        description: "The file, as an attachment",
        content: {
          "application/tei+xml": { schema: z.string() },
          "text/csv": { schema: z.string() },
          "application/geo+json": { schema: z.string() },
          "application/gexf+xml": { schema: z.string() },
        },
      },
      ...problems,
    },
  }),
};

/** What a selection is called in the file's title. */
function selectionTitle(query: z.infer<typeof ExportQuery>): string {
  const parts = Object.entries(query)
    .filter(([key, value]) => value !== undefined && key !== "format" && key !== "table")
    .map(([key, value]) => `${key}=${value}`);
  return `Biannian selection: ${parts.join(", ")}`;
}

/**
 * Registers the charts' and the exports' routes.
 *
 * @example
 * registerToolRoutes(app, store)
 * (await app.request("/api/charts/ledger")).status //=> 200
 */
export function registerToolRoutes(app: OpenAPIHono, store: Store): void {
  app.openapi(routes.events, async (c) => {
    const { from = 1043, to = 1044, group = "state" } = c.req.valid("query");
    if (to < from || to - from >= MAX_CHART_YEARS)
      throw new ApiError(400, `to must be between from and from + ${MAX_CHART_YEARS - 1}`, [
        { in: "query", name: "to", message: `must be between ${from} and ${from + MAX_CHART_YEARS - 1}` },
      ]);
    const model = await readModel(store);
    return c.json(
      memo(model, `events ${group} ${from} ${to}`, () => eventChart(model, group, from, to)),
      200,
    );
  });

  app.openapi(routes.bar, async (c) => {
    const { jdn, key, group = "state" } = c.req.valid("query");
    const bar = eventBar(await readModel(store), group, jdn, key ?? null);
    if (!bar) throw new ApiError(404, `There is no calendar month containing day ${jdn}`);
    return c.json(bar, 200);
  });

  app.openapi(routes.ledger, async (c) => {
    const { from, to } = c.req.valid("query");
    if (from !== undefined && to !== undefined && to < from)
      throw new ApiError(400, "to must not be before from", [
        { in: "query", name: "to", message: `must be at least ${from}` },
      ]);
    const model = await readModel(store);
    return c.json(ledger(model, from, to), 200);
  });

  app.openapi(routes.export, async (c) => {
    const query = c.req.valid("query");
    const {
      format,
      table,
      document,
      leap,
      state,
      entity,
      event,
      limit: _l,
      offset: _o,
      ...rest
    } = {
      limit: undefined,
      offset: undefined,
      ...query,
    };
    const selection = Object.fromEntries(
      Object.entries({
        ...rest,
        documentId: document,
        leap: leap === undefined ? undefined : leap === "true",
        reckoningState: state,
        entity,
        eventType: event,
      }).filter(([, value]) => value !== undefined),
    ) as Selection;
    const stem =
      document !== undefined
        ? `biannian-document-${document}`
        : entity !== undefined
          ? "biannian-entity"
          : "biannian-selection";
    const file = await exportSelection(store, selection, format, {
      ...(table ? { table } : {}),
      stem,
      title: selectionTitle(query),
    });
    return c.body(file.content, 200, {
      "content-type": file.type,
      "content-disposition": `attachment; filename="${file.name}"`,
    }) as never;
  });
}
