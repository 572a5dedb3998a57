/**
 * The endpoints of finding one's way: the stored works and their juan, a table of contents by
 * year and month, and "go to" an era date.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Store } from "../../store/types.ts";
import { ApiError } from "../problem.ts";
import { Problem } from "../schemas.ts";
import { documentsFor, goTo, storedContents, storedToc } from "./navigation.ts";
import { readModel } from "./read-model.ts";
import * as s from "./schemas.ts";

const problems = {
  400: { description: "Invalid parameters", content: { "application/problem+json": { schema: Problem } } },
  404: { description: "Nothing found", content: { "application/problem+json": { schema: Problem } } },
} as const;

const routes = {
  contents: createRoute({
    method: "get",
    path: "/api/contents",
    summary: "The stored works and their juan",
    description:
      "Every stored work with its documents (juan) in order, each with its title, entry count and the first and last year its entries stand under; documents that name no work come last.",
    responses: {
      200: { description: "The works", content: { "application/json": { schema: s.ContentsSchema } } },
      ...problems,
    },
  }),
  toc: createRoute({
    method: "get",
    path: "/api/toc",
    summary: "A table of contents by year and month",
    description:
      "The years (era years in the calendar's spelling) and months of a document, of a work's documents one after another, or of every document, each with its first entry and how many entries it has.",
    request: { query: s.TocQuery },
    responses: {
      200: { description: "The table of contents", content: { "application/json": { schema: s.TocSchema } } },
      ...problems,
    },
  }),
  goto: createRoute({
    method: "get",
    path: "/api/goto",
    summary: "The first entry on or after an era date",
    description:
      "Reads an era date (慶曆四年五月, 慶厯四年五月, 遼重熙十三年十一月) with the calendar and gives the first entry, of a document, a work or every document, dated on or after its first day. An unknown era or an impossible date is a 400 that says so; no entry on or after it, a 404.",
    request: { query: s.GotoQuery },
    responses: {
      200: {
        description: "The date and the entry",
        content: { "application/json": { schema: s.GotoSchema } },
      },
      ...problems,
    },
  }),
};

/**
 * Registers the navigation endpoints.
 *
 * @example
 * registerNavigationRoutes(app, store)
 * (await app.request("/api/goto?date=慶曆四年五月")).status //=> 200
 */
export function registerNavigationRoutes(app: OpenAPIHono, store: Store): void {
  app.openapi(routes.contents, async (c) => {
    const model = await readModel(store);
    return c.json({ works: storedContents(model) }, 200);
  });

  app.openapi(routes.toc, async (c) => {
    const query = c.req.valid("query");
    if (query.document !== undefined && query.work !== undefined) {
      throw new ApiError(400, "Give either document or work, not both", [
        { in: "query", name: "work", message: "not with document" },
      ]);
    }
    const model = await readModel(store);
    return c.json({ years: storedToc(model, documentsFor(model, query)) }, 200);
  });

  app.openapi(routes.goto, async (c) => {
    const { date, ...scope } = c.req.valid("query");
    if (scope.document !== undefined && scope.work !== undefined) {
      throw new ApiError(400, "Give either document or work, not both", [
        { in: "query", name: "work", message: "not with document" },
      ]);
    }
    const model = await readModel(store);
    return c.json(goTo(model, documentsFor(model, scope), date), 200);
  });
}
