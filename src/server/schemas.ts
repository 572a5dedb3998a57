/**
 * The zod schemas of the HTTP API: they validate requests and generate the OpenAPI document, so
 * the two cannot disagree. Response schemas describe what the store returns.
 */
import { z } from "@hono/zod-openapi";
import { MAX_QUERY_LENGTH } from "../search/query.ts";

/** The most results one page may hold. */
export const MAX_LIMIT = 100;
/** Results per page when `limit` is not given. */
export const DEFAULT_LIMIT = 20;
const MAX_OFFSET = 1_000_000_000;
const MAX_TEXT_PARAMETER = 100;

/**
 * A whole-number query parameter within bounds (the digits only: no signs but `-`, no spaces),
 * `min` and `max` included, whatever the number of digits: every bound the OpenAPI document
 * advertises, up to `Number.MAX_SAFE_INTEGER`, is accepted, and any longer number is out of
 * range rather than not a number. (A decimal above `max` never rounds down to it: every whole
 * number up to `Number.MAX_SAFE_INTEGER` is exact.)
 */
function integer(min: number, max: number, description: string, example: number) {
  return z
    .string()
    .regex(/^-?\d+$/, "must be a whole number")
    .transform((digits, context) => {
      const value = Number(digits);
      if (value < min || value > max) {
        context.addIssue({
          code: "custom",
          message: value < min ? `must be at least ${min}` : `must be at most ${max}`,
        });
        return z.NEVER;
      }
      // `-0` is 0.
      return value + 0;
    })
    .optional()
    .openapi({ type: "integer", minimum: min, maximum: max, description, example });
}

function text(description: string, example: string) {
  return z.string().min(1).max(MAX_TEXT_PARAMETER).optional().openapi({ description, example });
}

/** Paging parameters. */
export const PageQuery = z.object({
  limit: integer(0, MAX_LIMIT, `At most this many results; default ${DEFAULT_LIMIT}`, 20),
  offset: integer(0, MAX_OFFSET, "Skip this many results first; default 0", 0),
});

/** Filters shared by the entry list and the search. */
export const FilterQuery = z.object({
  corpus: text("Only documents of this corpus", "default"),
  document: integer(1, Number.MAX_SAFE_INTEGER, "Only this document (its id)", 1),
  from: integer(-9999, 9999, "From this CE year (by the resolved date, else the heading's year)", 1043),
  to: integer(-9999, 9999, "Up to this CE year, inclusive", 1044),
  era: text(
    "An era in any state's reckoning: entries whose first day falls in it (undated ones: whose year heading names it); variant, simplified and traditional spellings match (慶厯, 庆历 → 慶曆), a state may stand before it (遼重熙)",
    "天授禮法延祚",
  ),
  year: integer(1, 999, "The year of the era (元年 = 1); without an era, of any era of `state`", 6),
  month: integer(1, 12, "The month", 7),
  leap: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "Only entries in (true) or outside (false) a leap month", example: "true" }),
  state: text(
    "A state (遼, 宋, 北宋, 夏, 西夏…): entries whose first day falls within its calendar, so that an entry of 1044 is found under 宋, 遼 and 西夏 alike; with `era`, only that state's eras",
    "西夏",
  ),
  work: text("Only entries citing this work", "長編"),
  juan: integer(0, 100_000, "Only entries citing this juan (of `work`, when given)", 139),
});

export const EntriesQuery = FilterQuery.extend(PageQuery.shape);

export const SearchQuery = FilterQuery.extend(PageQuery.shape).extend({
  q: z.string().min(1).max(MAX_QUERY_LENGTH).openapi({
    description:
      "Terms separated by spaces; each must occur in the headline, a detail or a note. Simplified, traditional and variant forms match each other.",
    example: "青鹽",
  }),
});

export const CorpusQuery = z.object({ corpus: text("Only documents of this corpus", "default") });

export const TextQuery = z.object({
  start: integer(0, Number.MAX_SAFE_INTEGER, "First UTF-16 offset; default 0", 0),
  end: integer(0, Number.MAX_SAFE_INTEGER, "Offset after the last code unit; default the end", 57),
});

export const DocumentParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a document id (a positive whole number)")
    .transform(Number)
    .openapi({ param: { name: "id", in: "path" }, description: "A document id", example: "1" }),
});

export const EntryParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}:[A-Za-z0-9_-]{1,64}$/, "must be an entry id: documentId:localId, e.g. 1:e12")
    .openapi({
      param: { name: "id", in: "path" },
      description: "An entry id: the document's id and the entry's id within it",
      example: "1:e13",
    }),
});

export const SourceParams = z.object({
  work: z
    .string()
    .min(1)
    .max(MAX_TEXT_PARAMETER)
    .openapi({
      param: { name: "work", in: "path" },
      description: "A cited work (percent-encoded)",
      example: "長編",
    }),
});

// Responses.

export const Point = z
  .object({ line: z.number().int(), column: z.number().int(), offset: z.number().int() })
  .openapi("Point");

export const Position = z.object({ start: Point, end: Point }).openapi("Position", {
  description: "A range of the document's text; offsets in UTF-16 code units, end exclusive",
});

export const Document = z
  .object({
    id: z.number().int(),
    corpus: z.string(),
    path: z.string(),
    name: z.string(),
    sha256: z.string(),
    encoding: z.string(),
    charCount: z.number().int(),
    length: z.number().int(),
    yearCount: z.number().int(),
    entryCount: z.number().int(),
    ingestedAt: z.string(),
    work: z.string().nullable().openapi({ description: "The work's full title", example: "續資治通鑑長編" }),
    short: z
      .string()
      .nullable()
      .openapi({ description: "The name it is cited by, where shorter", example: "長編" }),
    author: z.string().nullable().openapi({ example: "李燾" }),
    juan: z.number().int().nullable().openapi({ example: 139 }),
    juanLabel: z.string().nullable().openapi({ description: "The juan as written", example: "卷一百三十九" }),
    section: z.string().nullable().openapi({ example: "興宗本紀二" }),
    ruler: z.string().nullable().openapi({ description: "The ruler a 本紀 is of", example: "興宗" }),
    state: z
      .string()
      .nullable()
      .openapi({ description: "The state whose calendar it dates by", example: "宋" }),
    textId: z.string().nullable().openapi({ description: "The Kanseki Repository id", example: "KR2b0019" }),
    title: z.string().nullable().openapi({
      description: "How the document is named: work and juan; null when unknown (name it by `name`)",
      example: "長編 卷一百三十九",
    }),
  })
  .openapi("Document");

export const Message = z
  .object({
    reason: z.string(),
    ruleId: z.string(),
    severity: z.enum(["error", "warning", "info"]),
    place: Position,
  })
  .openapi("Message");

export const DocumentDetail = Document.extend({ messages: z.array(Message) }).openapi("DocumentDetail");

export const DocumentText = z
  .object({ documentId: z.number().int(), start: z.number().int(), end: z.number().int(), text: z.string() })
  .openapi("DocumentText");

export const Year = z
  .object({
    label: z.string().nullable(),
    state: z.string().nullable(),
    era: z.string().nullable(),
    number: z.number().int().nullable(),
    ganzhi: z.string().nullable(),
    ce: z.number().int().nullable(),
  })
  .openapi("Year");

export const EntryDate = z
  .looseObject({
    text: z.string().nullable(),
    season: z.enum(["春", "夏", "秋", "冬"]).nullable(),
    month: z.number().int().nullable(),
    leap: z.boolean(),
    day: z.union([z.number().int(), z.string()]).nullable(),
    relative: z.string().nullable(),
    own: z.boolean(),
  })
  .openapi("EntryDate", {
    description: "The entry's effective date; a dating stage adds `jdn`, `julian`, `gregorian`",
  });

export const EntrySummary = z
  .object({
    id: z.string().openapi({ example: "1:e13" }),
    documentId: z.number().int(),
    localId: z.string(),
    year: Year,
    date: EntryDate,
    headline: z.string(),
    position: Position,
  })
  .openapi("EntrySummary");

const PositionedText = z.object({ text: z.string(), position: Position });

export const EntryDetail = EntrySummary.extend({
  text: z.string(),
  headlinePosition: Position,
  details: z.array(PositionedText),
  citations: z.array(
    z.object({
      work: z.string(),
      section: z.string().nullable(),
      juan: z.number().int().nullable(),
      author: z.string().nullable(),
      raw: z.string(),
      position: Position,
    }),
  ),
  notes: z.array(
    z.object({ kind: z.enum(["editorial", "supplement"]), text: z.string(), position: Position }),
  ),
  variants: z.array(
    z.object({
      name: z.string(),
      variant: z.string(),
      source: z.string(),
      subject: z.string().nullable(),
      position: Position,
      namePosition: Position.nullable(),
    }),
  ),
}).openapi("EntryDetail");

export const FieldMatch = z
  .object({
    field: z.enum(["headline", "detail", "note"]),
    index: z.number().int(),
    term: z.number().int(),
    start: z.number().int(),
    end: z.number().int(),
    documentStart: z.number().int(),
    documentEnd: z.number().int(),
  })
  .openapi("FieldMatch", {
    description:
      "A match: UTF-16 offsets into the field (headline, detail `index` or note `index`) and into the document",
  });

export const SearchHit = EntrySummary.extend({ score: z.number(), matches: z.array(FieldMatch) }).openapi(
  "SearchHit",
);

function page<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
      results: z.array(item),
    })
    .openapi(name);
}

export const EntryPage = page(EntrySummary, "EntryPage");

export const SearchPage = page(SearchHit, "SearchPage")
  .extend({
    query: z.string(),
    terms: z.array(z.object({ text: z.string(), folded: z.string() })),
  })
  .openapi("SearchPage");

export const DocumentList = z.object({ results: z.array(Document) }).openapi("DocumentList");

export const SourceSummary = z
  .object({ work: z.string(), citationCount: z.number().int(), entryCount: z.number().int() })
  .openapi("SourceSummary");

export const SourceList = z.object({ results: z.array(SourceSummary) }).openapi("SourceList");

export const SourceDetail = SourceSummary.extend({
  parts: z.array(
    z.object({
      section: z.string().nullable(),
      juan: z.number().int().nullable(),
      entries: z.array(z.object({ id: z.string(), headline: z.string(), year: z.string().nullable() })),
    }),
  ),
}).openapi("SourceDetail");

export const Problem = z
  .object({
    type: z.literal("about:blank"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ in: z.string(), name: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem", { description: "An error (RFC 9457), served as application/problem+json" });
