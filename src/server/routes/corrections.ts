/**
 * The corrections layer over HTTP: list a document's or an entry's corrections, make one, undo
 * one, and say who may. Writes go through the server's edit policy (`../edits.ts`); a correction
 * the store refuses is a 400 problem and changes nothing; the read model is read again after
 * every write, so that every view shows it at once.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { convertDate } from "../../calendar/index.ts";
import { CorrectionError, type CorrectionInput } from "../../store/corrections.ts";
import { DatabaseWriteError } from "../../store/errors.ts";
import type { Store } from "../../store/types.ts";
import { type EditPolicy, writer } from "../edits.ts";
import { ApiError } from "../problem.ts";
import { Problem } from "../schemas.ts";
import { loadAuthorityIndex } from "./authority.ts";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

const Offset = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The body of `POST /api/corrections`. */
export const CorrectionBody = z
  .object({
    document: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ example: 1 }),
    target: z.string().max(20).openapi({ description: "mention, event, role or date", example: "mention" }),
    action: z.string().max(20).openapi({ description: "add, remove or change", example: "remove" }),
    start: Offset.openapi({ description: "UTF-16 offset into the document's text", example: 2841 }),
    end: Offset.openapi({ description: "End of the span, exclusive", example: 2842 }),
    kind: z.string().max(20).optional().openapi({ description: "mention: person, place, polity or office" }),
    ref: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "The authority id named", example: "place:yan" }),
    type: z.string().max(40).optional().openapi({ description: "event: its type; role: its event's" }),
    event: z
      .object({ start: Offset, end: Offset })
      .optional()
      .openapi({ description: "role: its event's clause" }),
    role: z.string().min(1).max(40).optional().openapi({ description: "role: its name (envoy, place…)" }),
    reading: z
      .string()
      .min(1)
      .max(60)
      .optional()
      .openapi({ description: "date: the date as read (慶曆三年八月壬戌)" }),
    reason: z.string().max(2000).optional().openapi({ description: "Why", example: "燕安 is 宴安, ease" }),
    author: z.string().max(100).optional().openapi({ description: "Who, on a server with a token" }),
  })
  .strict();

const CorrectionSchema = z.object({}).passthrough().openapi("Correction");
const CorrectionList = z.object({ results: z.array(CorrectionSchema) }).openapi("CorrectionList");

export const CorrectionsQuery = z.object({
  document: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a document id (a positive whole number)")
    .transform(Number)
    .optional()
    .openapi({ type: "integer", description: "Corrections of this document" }),
  entry: z
    .string()
    .regex(/^[1-9][0-9]{0,14}:[A-Za-z0-9_-]{1,64}$/, "must be an entry id: documentId:localId, e.g. 1:e12")
    .optional()
    .openapi({ description: "Corrections within this entry" }),
  all: z.enum(["true", "false"]).optional().openapi({ description: "Undone ones too (default false)" }),
});

const CorrectionParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a correction id (a positive whole number)")
    .transform(Number)
    .openapi({ param: { name: "id", in: "path" }, example: "1" }),
});

const routes = {
  edits: createRoute({
    method: "get",
    path: "/api/edits",
    summary: "Whether this server accepts corrections and imports",
    description:
      "Whether writes are accepted, whether they need the server's token (Authorization: Bearer), and the name a write without one is made under.",
    responses: {
      200: {
        description: "The policy",
        content: { "application/json": { schema: z.object({}).passthrough().openapi("EditPolicy") } },
      },
    },
  }),
  list: createRoute({
    method: "get",
    path: "/api/corrections",
    summary: "The readers' corrections of the annotations",
    description:
      "Corrections oldest first, each with who made it, when and why, and its status now: applied, orphaned (the text at its span changed, or its document is gone) or undone.",
    request: { query: CorrectionsQuery },
    responses: {
      200: { description: "The corrections", content: { "application/json": { schema: CorrectionList } } },
      400: problem("Invalid parameters"),
    },
  }),
  add: createRoute({
    method: "post",
    path: "/api/corrections",
    summary: "Correct an annotation",
    description:
      "Adds, removes or changes a mention, an event or one of its roles, or reads a date otherwise, anchored by the document, the span and the text it covers. One transaction; a bad correction is a 400 and changes nothing.",
    request: { body: { content: { "application/json": { schema: CorrectionBody } }, required: true } },
    responses: {
      201: { description: "The correction", content: { "application/json": { schema: CorrectionSchema } } },
      400: problem("A bad correction"),
      401: problem("No token"),
      403: problem("A read-only server, or a wrong token"),
    },
  }),
  undo: createRoute({
    method: "post",
    path: "/api/corrections/{id}/undo",
    summary: "Undo a correction",
    description: "Marks a correction undone, by whom and when; the annotations are as before it.",
    request: { params: CorrectionParams },
    responses: {
      200: {
        description: "The correction, undone",
        content: { "application/json": { schema: CorrectionSchema } },
      },
      400: problem("Invalid parameters"),
      401: problem("No token"),
      403: problem("A read-only server, or a wrong token"),
      404: problem("No correction with this id"),
      409: problem("Already undone"),
    },
  }),
};

/**
 * A write the database refused for a reason outside the request (read-only, full, busy) as a 503
 * problem that says so; any other error as it is.
 */
export function writeProblem(error: unknown): unknown {
  if (error instanceof DatabaseWriteError)
    return new ApiError(503, `The correction could not be stored: ${error.message}`, undefined, {
      "retry-after": "5",
    });
  return error;
}

/** The store's correction from a checked request body. */
function inputOf(body: z.infer<typeof CorrectionBody>, author: string): CorrectionInput {
  const data: CorrectionInput["data"] = {};
  if (body.kind !== undefined) data.kind = body.kind as NonNullable<CorrectionInput["data"]["kind"]>;
  if (body.ref !== undefined) data.ref = body.ref;
  if (body.type !== undefined) data.type = body.type as NonNullable<CorrectionInput["data"]["type"]>;
  if (body.event !== undefined) data.event = body.event;
  if (body.role !== undefined) data.role = body.role;
  if (body.reading !== undefined) {
    data.reading = body.reading;
    try {
      const date = convertDate(body.reading);
      data.jdn = date.jdn;
      data.julian = date.julian;
      data.gregorian = date.gregorian;
    } catch (error) {
      throw new ApiError(400, `The date 「${body.reading}」 cannot be read: ${(error as Error).message}`, [
        { in: "body", name: "reading", message: (error as Error).message },
      ]);
    }
  }
  return {
    documentId: body.document,
    target: body.target as CorrectionInput["target"],
    action: body.action as CorrectionInput["action"],
    start: body.start,
    end: body.end,
    data,
    author,
    reason: body.reason ?? "",
  };
}

/** Registers the corrections endpoints. */
export function registerCorrectionRoutes(app: OpenAPIHono, store: Store, policy: EditPolicy): void {
  app.use(
    "/api/corrections",
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new ApiError(413, "A correction is a small JSON object: this one is over 64 KiB");
      },
    }),
  );
  app.openapi(routes.edits, (c) =>
    c.json(
      {
        allowed: policy.allowed,
        token: policy.token !== null,
        user: policy.token === null ? policy.user : null,
        refusal: policy.allowed ? null : policy.refusal,
      },
      200,
    ),
  );

  app.openapi(routes.list, async (c) => {
    const { document, entry, all } = c.req.valid("query");
    const results = await store.listCorrections({
      ...(document === undefined ? {} : { documentId: document }),
      ...(entry === undefined ? {} : { entryId: entry }),
      includeUndone: all === "true",
    });
    return c.json({ results }, 200);
  });

  app.openapi(routes.add, async (c) => {
    const body = c.req.valid("json");
    const author = writer(c, policy, body.author);
    const authority = loadAuthorityIndex();
    try {
      const made = await store.addCorrection(inputOf(body, author), {
        knownEntity: (ref) => authority.byId.has(ref),
      });
      return c.json(made, 201);
    } catch (error) {
      if (error instanceof CorrectionError) throw new ApiError(400, error.message);
      throw writeProblem(error);
    }
  });

  app.openapi(routes.undo, async (c) => {
    const { id } = c.req.valid("param");
    const author = writer(c, policy);
    const before = (await store.listCorrections({ includeUndone: true })).find((x) => x.id === id);
    if (!before) throw new ApiError(404, `There is no correction ${id}`);
    if (before.status === "undone")
      throw new ApiError(
        409,
        `Correction ${id} was undone already, by ${before.undoneBy} at ${before.undoneAt}`,
      );
    const undone = await store.undoCorrection(id, author).catch((error: unknown) => {
      throw writeProblem(error);
    });
    return c.json(undone ?? before, 200);
  });
}
