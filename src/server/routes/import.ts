/**
 * Importing a chronicle from the browser: pasted text or an uploaded file's bytes, with its
 * work, juan and state, read through the same pipeline as `biannian ingest` and stored. Bad
 * input gets the command line's errors as problem documents (an undecodable file with its line
 * and column, an empty one, one without a chronicle, one too large); a good one is answered as
 * it is read, one JSON line per step (`application/x-ndjson`): reading, storing (entries done of
 * all), then the document with the parser's and dater's problems by line and column.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { stream } from "hono/streaming";
import { findStates } from "../../calendar/index.ts";
import { noChronicle } from "../../parse/no-chronicle.ts";
import type { DocumentInfo } from "../../parse/types.ts";
import { readChronicle, sha256 } from "../../pipeline.ts";
import type { Store } from "../../store/types.ts";
import { decodeChronicle, EncodingError } from "../../text/decode.ts";
import { type EditPolicy, writer } from "../edits.ts";
import { ApiError } from "../problem.ts";
import { Problem } from "../schemas.ts";

/** The largest chronicle the browser may send, in bytes (the whole 長編 is about 19 MiB). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

/** The body of `POST /api/import`. */
export const ImportBody = z
  .object({
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\\p{Cc}]+$/u, "must be a file name, without slashes or control characters")
      .openapi({ description: "The document's file name", example: "xixia-1045.txt" }),
    text: z.string().optional().openapi({ description: "The chronicle, pasted" }),
    bytes: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64")
      .optional()
      .openapi({ description: "The file's bytes, base64: its encoding is detected" }),
    work: z.string().min(1).max(100).optional().openapi({ example: "西夏紀" }),
    juan: z.number().int().min(1).max(9999).optional().openapi({ example: 3 }),
    state: z
      .string()
      .min(1)
      .max(10)
      .optional()
      .openapi({ description: "The state whose calendar it dates by", example: "宋" }),
    corpus: z.string().min(1).max(100).optional().openapi({ description: "Default: default" }),
  })
  .strict();

const route = createRoute({
  method: "post",
  path: "/api/import",
  summary: "Import a chronicle",
  description:
    "Reads a pasted or uploaded chronicle (with its work, juan and state) as `biannian ingest` does and stores it as import/NAME. Answers one JSON line per step: reading, storing, and the stored document with the problems the parser and dater found, by line and column.",
  request: { body: { content: { "application/json": { schema: ImportBody } }, required: true } },
  responses: {
    200: {
      description: "The steps, one JSON object a line, the last with the document and its problems",
      content: { "application/x-ndjson": { schema: z.string() } },
    },
    400: problem("Bad input: undecodable, empty, no chronicle, or wrong parameters"),
    401: problem("No token"),
    403: problem("A read-only server, or a wrong token"),
    413: problem("Too large"),
  },
});

/** The text of a request: decoded from its bytes, else as pasted, checked as the command line checks a file. */
function textOf(body: z.infer<typeof ImportBody>): { text: string; encoding: string; bytes: Uint8Array } {
  if ((body.text === undefined) === (body.bytes === undefined))
    throw new ApiError(400, "Give the chronicle either as text (pasted) or as bytes (a file), not both", [
      { in: "body", name: "text", message: "exactly one of text and bytes" },
    ]);
  const bytes =
    body.bytes !== undefined ? Buffer.from(body.bytes, "base64") : Buffer.from(body.text ?? "", "utf8");
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new ApiError(
      413,
      `the file is ${Math.round(bytes.length / 2 ** 20)} MiB; the limit is ${MAX_IMPORT_BYTES / 2 ** 20} MiB`,
    );
  if (bytes.length === 0) throw new ApiError(400, `no chronicle found: ${noChronicle("")}`);
  let decoded: { text: string; encoding: string };
  try {
    decoded =
      body.bytes !== undefined ? decodeChronicle(bytes) : { text: body.text ?? "", encoding: "utf-8" };
  } catch (error) {
    if (error instanceof EncodingError)
      throw new ApiError(400, `${body.name}:${error.line}:${error.column}: ${error.message}`, [
        { in: "body", name: "bytes", message: `line ${error.line}, column ${error.column}` },
      ]);
    throw error;
  }
  const absent = noChronicle(decoded.text);
  if (absent !== null) throw new ApiError(400, `no chronicle found: ${absent}`);
  return { ...decoded, bytes };
}

/** What the reader says the document is. */
function infoOf(body: z.infer<typeof ImportBody>): Partial<DocumentInfo> {
  const info: Partial<DocumentInfo> = {};
  if (body.state !== undefined) {
    if (findStates(body.state).length === 0)
      throw new ApiError(
        400,
        `Unknown state "${body.state}"; give a state whose calendar is known (宋, 遼, 夏, 金…)`,
        [{ in: "body", name: "state", message: "unknown state" }],
      );
    info.state = body.state;
  }
  if (body.work !== undefined) {
    info.work = body.work;
    info.short = body.work;
  }
  if (body.juan !== undefined) {
    info.juan = body.juan;
    info.juanLabel = `卷${body.juan}`;
  }
  if (body.work !== undefined || body.juan !== undefined) {
    info.title = [body.work, body.juan === undefined ? null : `卷${body.juan}`].filter(Boolean).join(" ");
  }
  return info;
}

/** Registers `POST /api/import`. */
export function registerImportRoute(app: OpenAPIHono, store: Store, policy: EditPolicy): void {
  // A body far over the limit is refused as it comes, before it is read into memory: base64
  // takes 4 bytes for 3, JSON escapes may double the text.
  app.use(
    "/api/import",
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES * 2 + 64 * 1024,
      onError: () => {
        throw new ApiError(
          413,
          `The request is over ${(MAX_IMPORT_BYTES * 2) / 2 ** 20} MiB; a chronicle may be ${MAX_IMPORT_BYTES / 2 ** 20} MiB at most`,
        );
      },
    }),
  );
  app.openapi(route, async (c) => {
    writer(c, policy);
    const body = c.req.valid("json");
    const { text, encoding, bytes } = textOf(body);
    const document = infoOf(body);
    c.header("content-type", "application/x-ndjson; charset=utf-8");
    // A stream of lines, which the route's declared answers cannot type.
    const answer: Response = stream(c, async (out) => {
      const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
      try {
        await line({ step: "read", characters: text.length });
        const { tree, records } = readChronicle(text, undefined, { document });
        if (records.length === 0) {
          await line({ step: "error", status: 400, detail: "no chronicle found: the text holds no entry" });
          return;
        }
        await line({ step: "store", done: 0, total: records.length });
        const result = await store.putDocument(
          {
            corpus: body.corpus ?? "default",
            path: `import/${body.name}`,
            sha256: sha256(bytes),
            encoding,
            text,
            tree,
            records,
            replace: true,
          },
          (done, total) => void line({ step: "store", done, total }),
        );
        await line({
          step: "done",
          status: result.status,
          document: result.document,
          messages: [
            ...tree.messages.map((m) => ({
              line: m.place.start.line,
              column: m.place.start.column,
              severity: m.severity,
              rule: m.ruleId,
              message: m.reason,
            })),
            // What the dates of entries carry (another calendar's month, an era read in another form).
            ...records.flatMap((r) =>
              (r.date.warnings ?? []).map((message) => ({
                line: r.line,
                column: null,
                severity: "warning",
                rule: "date-warning",
                message,
              })),
            ),
          ].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)),
        });
      } catch (error) {
        await line({
          step: "error",
          status: 500,
          detail: `The chronicle could not be stored: ${(error as Error).message}`,
        });
      }
    });
    return answer as never;
  });
}
