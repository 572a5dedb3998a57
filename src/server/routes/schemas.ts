/**
 * Request schemas of the web app's endpoints (they validate the parameters and document them in
 * the OpenAPI document) and loose response schemas that name each answer's shape.
 */
import { z } from "@hono/zod-openapi";
import { MAX_QUERY_LENGTH } from "../../search/query.ts";
import { DocumentParams, FilterQuery, PageQuery } from "../schemas.ts";

/** The most days one calendar request may span (about 300 years). */
export const MAX_CALENDAR_DAYS = 110_000;
/** The most entries one page of the reader may hold. */
export const MAX_READER_LIMIT = 200;

function jdn(description: string, example: number) {
  return z
    .string()
    .regex(/^\d{1,8}$/, "must be a Julian Day Number (a whole number)")
    .transform(Number)
    .openapi({ type: "integer", description, example });
}

export { DocumentParams };

/** `GET /api/documents/{id}/entries`: the page. */
export const ReaderQuery = z.object({
  offset: PageQuery.shape.offset,
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(MAX_READER_LIMIT))
    .optional()
    .openapi({
      type: "integer",
      minimum: 0,
      maximum: MAX_READER_LIMIT,
      description: "Default 50",
      example: 50,
    }),
});

/** `GET /api/calendar/months`: the days and the states. */
export const MonthsQuery = z.object({
  from: jdn("First day (JDN)", 2102014),
  to: jdn(`Last day (JDN); at most ${MAX_CALENDAR_DAYS} days after \`from\``, 2102743),
  states: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "Only these states' labels, separated by commas", example: "北宋,遼,西夏" }),
});

/** `GET /api/concordance`: a day of the month to show. */
export const ConcordanceQuery = z.object({
  jdn: jdn("A day (JDN) of the month to show", 2102233),
});

/** `GET /api/entities`: the kind of record. */
export const EntityQuery = z.object({
  kind: z
    .enum(["person", "place", "polity", "office"])
    .optional()
    .openapi({ description: "Only records of this kind", example: "person" }),
});

/** `GET /api/entities/{id}`: an authority id. */
export const EntityParams = z.object({
  id: z
    .string()
    .regex(/^(person|place|polity|office):[a-z0-9:-]{1,100}$/, "must be an authority id, e.g. person:yuanhao")
    .openapi({
      param: { name: "id", in: "path" },
      description: "An authority id",
      example: "person:yuanhao",
    }),
});

/** `GET /api/find`: the search's filters, an optional query, an entity and an event type. */
export const FindQuery = FilterQuery.extend(PageQuery.shape).extend({
  q: z.string().min(1).max(MAX_QUERY_LENGTH).optional().openapi({
    description: "Terms separated by spaces, as for /api/search; without it, every entry the filters keep",
    example: "青鹽",
  }),
  entity: z
    .string()
    .regex(/^[a-z]+:[a-z0-9:-]{1,100}$/, "must be an authority id, e.g. person:yuanhao")
    .optional()
    .openapi({
      description: "Only entries that mention this entity or have it in an event",
      example: "person:yuanhao",
    }),
  event: z
    .string()
    .regex(/^[a-z-]{1,40}$/, "must be an event type, e.g. embassy")
    .optional()
    .openapi({ description: "Only entries with an event of this type", example: "embassy" }),
  sort: z.enum(["relevance", "date", "document"]).optional().openapi({
    description:
      "The order of the results: relevance (the default with q: headline matches first, then score), date (the first day of each entry's date; undated last) or document (by document, then in text order; the default without q)",
    example: "date",
  }),
});

const loose = (name: string, description: string) => z.looseObject({}).openapi(name, { description });

/** Response shapes, named in the OpenAPI document (their fields: `types.ts`). */
export const ReaderPageSchema = loose(
  "ReaderPage",
  "Entries of a document in full, with mentions and events",
);
export const AnnotationsSchema = loose(
  "EntryAnnotations",
  "An entry's mentions and events, and the layout of its text",
);
export const DateProblemsSchema = loose(
  "DateProblems",
  "A document's date problems in text order: kind, ruleId, severity, message, place, text, carried, entryId",
);
export const TimelineSchema = loose("Timeline", "Every dated entry as parallel arrays");
export const MonthsSchema = loose("CalendarMonths", "Lunar months with each state's labels");
export const ConcordanceSchema = loose("Concordance", "Entries of every chronicle within one lunar month");
export const EntityListSchema = loose("EntityList", "Authority records with mention counts");
export const EntityPageSchema = loose("EntityPage", "An authority record with the entries that mention it");
export const MapSchema = loose("MapData", "Places with coordinates and the events located at them");
export const NetworkSchema = loose("NetworkData", "Polities and persons linked by events");
export const FindPageSchema = loose("FindPage", "A page of entries with highlighted passages");

const minScore = z
  .string()
  .regex(/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/, "must be a number from 0 to 1")
  .transform(Number)
  .optional()
  .openapi({
    type: "number",
    minimum: 0,
    maximum: 1,
    description: "The least score of a pair (default 0.4)",
    example: 0.5,
  });

/** `GET /api/entries/{id}/parallels`. */
export const ParallelQuery = z.object({ minScore });

const documentId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}(,[1-9][0-9]{0,14}){0,19}$/, "must be document ids, e.g. 1 or 1,2");

/** `GET /api/parallels?document=1&document=2`. */
export const ParallelsQuery = z.object({
  document: z.union([documentId, z.array(documentId).min(1).max(20)]).openapi({
    description: "A document id (repeat, or join with commas, for several; at most 20)",
    example: "1",
  }),
  minScore,
});

export const EntryParallelsSchema = loose(
  "EntryParallels",
  "The entry and its groups: score, signals, entries (id, document, documentTitle, headline, date, julian) and differences (kind, values, text)",
);
export const ParallelsSchema = loose("Parallels", "The documents and their groups of parallel accounts");
export const CitationsSchema = loose(
  "Citations",
  "The entry's citations: citation, stored, documents (id, title) and passages (entry, score, excerpt)",
);

/** The documents a table of contents or a "go to" covers: one document, a work, or every one. */
const NavigationScope = {
  document: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a document id (a positive whole number)")
    .transform(Number)
    .optional()
    .openapi({ type: "integer", description: "Only this document (its id)", example: 1 }),
  work: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "Only the documents of this work (its short name or title)", example: "長編" }),
};

/** `GET /api/toc`: whose table of contents. */
export const TocQuery = z.object(NavigationScope);

/** `GET /api/goto`: an era date, and where to look. */
export const GotoQuery = z.object({
  date: z.string().min(1).max(40).openapi({
    description:
      "An era date: era (variant and simplified spellings read; a state may stand before it), year, and optionally month (閏 for a leap month) and day: 慶曆四年五月, 慶厯四年閏五月, 遼重熙十三年, 慶曆三年八月壬戌",
    example: "慶曆四年五月",
  }),
  ...NavigationScope,
});

export const ContentsSchema = loose(
  "Contents",
  "The stored works, each with its documents (juan) in order: id, title, juan, entryCount and the first and last year they cover",
);
export const TocSchema = loose(
  "TableOfContents",
  "Years (label, ce, entryCount, first entry) with their months (label, month, leap, entryCount, first entry, documents)",
);
export const GotoSchema = loose(
  "GoTo",
  "The date read (label, jdn, julian) and the first entry on or after its first day (id, documentId, documentTitle, headline, dateText); within: whether the entry falls in the date",
);
