/**
 * The authority record format of data/authority/README.md as zod schemas: one schema per kind,
 * chosen by the id's prefix (`person:`, `place:` …). Every key is required and no other key is
 * allowed, so that a typo in a hand-edited file is reported instead of silently ignored.
 */
import { z } from "zod";

/** The alias types the format allows. */
export const ALIAS_TYPES = [
  "courtesy",
  "posthumous",
  "temple",
  "personal",
  "renamed",
  "title",
  "transliteration",
  "variant",
  "short",
  "pejorative",
  "self",
  "other",
] as const;

/** The kinds of record, in the order of the bundled files. */
export const RECORD_KINDS = ["person", "place", "polity", "office", "commodity", "unit"] as const;

/** One kind of authority record. */
export type RecordKind = (typeof RECORD_KINDS)[number];

const name = z.string().trim().min(1, "must not be empty");
const sources = z.array(z.string().min(1)).min(1, "needs at least one source");

const idOf = (kind: RecordKind) =>
  z
    .string()
    .regex(new RegExp(`^${kind}:[a-z0-9][a-z0-9-]*$`), `must look like ${kind}:slug (lower-case ASCII)`);
const refTo = (kind: RecordKind) => z.string().startsWith(`${kind}:`, `must be a ${kind}: id`);

/** One alias of a record. */
export const aliasSchema = z.strictObject({
  name,
  type: z.enum(ALIAS_TYPES),
  source: z.string().min(1).optional(),
  ambiguous: z.literal(true).optional(),
  context: z.string().optional(),
  note: z.string().optional(),
});

const year = z.number().int().nullable();

export const personSchema = z.strictObject({
  id: idOf("person"),
  name,
  state: z.string().min(1).nullable(),
  aliases: z.array(aliasSchema),
  born: year,
  died: year,
  cbdb: z.number().int().positive().nullable(),
  note: z.string(),
  sources,
});

/**
 * Where the rules found a person grown from a chronicle (persons-changbian.jsonl): how often each
 * rule found the name, the offices written before it, the years and the juan and entries that
 * name it.
 */
export const foundSchema = z.strictObject({
  /** The work the persons were grown from (`長編`). */
  work: z.string().min(1),
  /** How many times each person rule found the name. */
  rules: z.record(z.string(), z.number().int().positive()),
  /** Mentions of the name in the work (all of them, not only those a rule found). */
  mentions: z.number().int().positive(),
  /** Entries that name the person. */
  entries: z.number().int().positive(),
  /** The first and last year (CE) of those entries. */
  years: z.tuple([z.number().int(), z.number().int()]).refine(([a, b]) => a <= b, "first year after last"),
  /** Every juan that names the person, in order. */
  juan: z.array(z.number().int().positive()).min(1),
  /** The first entries that name the person, as `juan:entry` (`126:e5`). */
  at: z.array(z.string().regex(/^\d+:e\d+$/, "must look like 126:e5")).min(1),
  /** Offices and titles written right before the name, most frequent first. */
  offices: z.array(z.string().min(1)),
});

/**
 * A person grown from a chronicle by the person rules: a person record with the mark
 * `provisional` (true until a historian confirms the record) and where the rules found it.
 */
export const grownPersonSchema = personSchema.extend({
  provisional: z.boolean(),
  found: foundSchema,
});

export const placeSchema = z.strictObject({
  id: idOf("place"),
  name,
  type: z.enum([
    "州",
    "軍",
    "府",
    "監",
    "縣",
    "路",
    "寨",
    "堡",
    "城",
    "鎮",
    "驛",
    "寺",
    "關",
    "山",
    "川",
    "谷",
    "河",
    "池",
    "capital",
    "region",
  ]),
  state: z.string().min(1).nullable(),
  aliases: z.array(aliasSchema),
  part_of: refTo("place").nullable(),
  modern: z.string().nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  precision: z.enum(["city", "site", "approximate", "region", "unknown"]),
  note: z.string(),
  sources,
});

export const politySchema = z.strictObject({
  id: idOf("polity"),
  name,
  type: z.enum(["state", "people", "tribe", "historical"]),
  state: z.string().min(1).nullable(),
  aliases: z.array(aliasSchema),
  note: z.string(),
  sources,
});

export const officeSchema = z.strictObject({
  id: idOf("office"),
  name,
  state: z.string().min(1).nullable(),
  type: z.enum(["office", "title", "noble", "military", "rank", "role", "institution"]),
  aliases: z.array(aliasSchema),
  gloss: z.string(),
  gloss_source: z.string().min(1),
  patterns: z.array(
    z.strictObject({
      template: z.string().includes("{place}", { message: "must contain {place}" }),
      place_types: z.array(z.string().min(1)).min(1),
    }),
  ),
  parent: refTo("office").nullable(),
  note: z.string(),
  sources,
});

export const commoditySchema = z.strictObject({
  id: idOf("commodity"),
  name,
  type: z.enum(["textile", "tea", "metal", "money", "salt", "livestock", "garment"]),
  aliases: z.array(aliasSchema),
  gloss: z.string(),
  units: z.array(refTo("unit")),
  note: z.string(),
  sources,
});

export const unitSchema = z.strictObject({
  id: idOf("unit"),
  name,
  measures: z.enum([
    "cloth",
    "weight",
    "volume",
    "money",
    "households",
    "persons",
    "cavalry",
    "animals",
    "length",
  ]),
  aliases: z.array(aliasSchema),
  gloss: z.string(),
  note: z.string(),
  sources,
});

/** The schema of each kind of record. */
export const SCHEMAS = {
  person: personSchema,
  place: placeSchema,
  polity: politySchema,
  office: officeSchema,
  commodity: commoditySchema,
  unit: unitSchema,
} as const;

export type Alias = z.infer<typeof aliasSchema>;
export type AliasType = Alias["type"];
export type PersonRecord = z.infer<typeof personSchema> & {
  /** Persons grown from a chronicle: true until a historian confirms the record. */
  provisional?: boolean;
  found?: z.infer<typeof foundSchema>;
};
export type GrownPersonRecord = z.infer<typeof grownPersonSchema>;
export type PlaceRecord = z.infer<typeof placeSchema>;
export type PolityRecord = z.infer<typeof politySchema>;
export type OfficeRecord = z.infer<typeof officeSchema>;
export type CommodityRecord = z.infer<typeof commoditySchema>;
export type UnitRecord = z.infer<typeof unitSchema>;

/** Any authority record, told apart by `kind`. */
export type AuthorityRecord =
  | ({ kind: "person" } & PersonRecord)
  | ({ kind: "place" } & PlaceRecord)
  | ({ kind: "polity" } & PolityRecord)
  | ({ kind: "office" } & OfficeRecord)
  | ({ kind: "commodity" } & CommodityRecord)
  | ({ kind: "unit" } & UnitRecord);

/** The record of one kind. */
export type RecordOf<K extends RecordKind> = Extract<AuthorityRecord, { kind: K }>;
