/**
 * Loading authority files: JSON Lines validated record by record, merged into one `Authority`.
 * A bad record is reported as `file:line: reason`; every problem of every file is collected
 * before the load fails, so that a hand-edited file can be fixed in one pass.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { Authority } from "./authority.ts";
import { type AuthorityRecord, grownPersonSchema, RECORD_KINDS, type RecordKind, SCHEMAS } from "./schema.ts";

/** The directory of the bundled authority files. */
export const BUNDLED_AUTHORITY_DIR = fileURLToPath(new URL("../../../data/authority/", import.meta.url));

/** The bundled files, each holding one kind of record. */
export const BUNDLED_FILES: Readonly<Record<RecordKind, string>> = {
  person: "persons.jsonl",
  place: "places.jsonl",
  polity: "polities.jsonl",
  office: "offices.jsonl",
  commodity: "commodities.jsonl",
  unit: "units.jsonl",
};

/**
 * The bundled files of persons grown from a chronicle by the person rules (scripts/grow-persons.ts):
 * person records with `provisional` and `found`, loaded after the hand-made files.
 */
export const GROWN_FILES: readonly string[] = ["persons-changbian.jsonl"];

/** One problem in an authority file. */
export interface AuthorityIssue {
  file: string;
  /** 1-based line number. */
  line: number;
  reason: string;
}

/** Authority data that cannot be used: one or more records are malformed. */
export class AuthorityError extends Error {
  override name = "AuthorityError";
  constructor(readonly issues: readonly AuthorityIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}: ${i.reason}`).join("\n"));
  }
}

/** Where a record came from. */
export interface RecordOrigin {
  file: string;
  line: number;
}

/** The records of one file and the problems found in it. */
export interface ParsedAuthorityFile {
  records: { record: AuthorityRecord; origin: RecordOrigin }[];
  issues: AuthorityIssue[];
}

const KIND_OF_PREFIX = new Map<string, RecordKind>(RECORD_KINDS.map((k) => [k, k]));

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}

/**
 * Parses and validates the text of one JSON Lines authority file. Never throws on bad data:
 * every problem becomes an issue with its line.
 *
 * @param text the file's contents
 * @param file the name used in issues (e.g. `persons.jsonl`)
 * @param kind when given, every record must be of this kind (the bundled files hold one kind each)
 * @param options `grown`: the file holds persons grown from a chronicle (`provisional`, `found`)
 * @example
 * parseAuthorityText('{"id": "unit:pi"}\n', "units.jsonl").issues[0]
 * //=> { file: "units.jsonl", line: 1, reason: "name: Invalid input: expected string, received undefined" }
 */
export function parseAuthorityText(
  text: string,
  file: string,
  kind?: RecordKind,
  options: { grown?: boolean } = {},
): ParsedAuthorityFile {
  const records: ParsedAuthorityFile["records"] = [];
  const issues: AuthorityIssue[] = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const report = (reason: string) => issues.push({ file, line, reason });
    const source = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (source.trim() === "") {
      report("blank line (the format allows none)");
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      report(`not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      report("expected a JSON object");
      continue;
    }
    const id = (value as { id?: unknown }).id;
    if (typeof id !== "string") {
      report("id: expected a string such as person:fan-zhongyan");
      continue;
    }
    const recordKind = KIND_OF_PREFIX.get(id.slice(0, id.indexOf(":")));
    if (recordKind === undefined) {
      report(`id: "${id}" must start with one of ${RECORD_KINDS.map((k) => `${k}:`).join(", ")}`);
      continue;
    }
    if (kind !== undefined && recordKind !== kind) {
      report(`id: "${id}" is a ${recordKind} record; this file holds ${kind} records`);
      continue;
    }
    const result =
      options.grown === true && recordKind === "person"
        ? grownPersonSchema.safeParse(value)
        : SCHEMAS[recordKind].safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) report(describeIssue(issue));
      continue;
    }
    const aliasNames = new Set<string>([result.data.name]);
    for (const alias of result.data.aliases) {
      if (aliasNames.has(alias.name)) report(`aliases: "${alias.name}" is listed twice`);
      aliasNames.add(alias.name);
    }
    records.push({ record: { kind: recordKind, ...result.data } as AuthorityRecord, origin: { file, line } });
  }
  return { records, issues };
}

/** Options of `loadAuthority`. */
export interface LoadAuthorityOptions {
  /** Load the bundled files of data/authority/ (default `true`). */
  bundled?: boolean;
  /** The directory of the bundled files (default: data/authority/ of the project). */
  bundledDir?: string;
  /** With the bundled files, load the persons grown from 長編 too (default `true`). */
  grown?: boolean;
  /**
   * Further JSON Lines files of records of any kind. A record whose id is a bundled record's
   * replaces it (to correct or extend the bundled data); ids must be unique within these files.
   */
  files?: readonly string[];
  /** Records made in code (e.g. by `importCbdb`), merged last like a further file. */
  records?: readonly AuthorityRecord[];
}

function readFileText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AuthorityError([
      { file: path, line: 1, reason: code === "ENOENT" ? "no such file" : `cannot read the file (${code})` },
    ]);
  }
}

/**
 * Loads the bundled authority files and any user files, validates every record and the links
 * between them, and returns the merged authority.
 *
 * @param options which files to load (default: the bundled ones)
 * @throws {AuthorityError} listing every `file:line: reason` when any record is malformed, an id
 *   is used twice, or a `part_of`, `parent` or `units` link points nowhere
 * @example
 * loadAuthority().get("person:yuanhao")?.name //=> "元昊"
 * loadAuthority({ files: ["my-persons.jsonl"] })
 */
export function loadAuthority(options: LoadAuthorityOptions = {}): Authority {
  const issues: AuthorityIssue[] = [];
  const merged = new Map<string, { record: AuthorityRecord; origin: RecordOrigin; bundled: boolean }>();
  const add = (parsed: ParsedAuthorityFile, bundled: boolean) => {
    issues.push(...parsed.issues);
    for (const item of parsed.records) {
      const previous = merged.get(item.record.id);
      if (previous && (bundled || !previous.bundled)) {
        issues.push({
          ...item.origin,
          reason: `duplicate id "${item.record.id}" (first at ${previous.origin.file}:${previous.origin.line})`,
        });
        continue;
      }
      merged.set(item.record.id, { ...item, bundled });
    }
  };
  if (options.bundled !== false) {
    const dir = options.bundledDir ?? BUNDLED_AUTHORITY_DIR;
    for (const kind of RECORD_KINDS) {
      const file = BUNDLED_FILES[kind];
      add(parseAuthorityText(readFileText(`${dir.replace(/\/?$/, "/")}${file}`), file, kind), true);
    }
    if (options.grown !== false)
      for (const file of GROWN_FILES) {
        const path = `${dir.replace(/\/?$/, "/")}${file}`;
        if (existsSync(path))
          add(parseAuthorityText(readFileText(path), file, "person", { grown: true }), true);
      }
  }
  for (const path of options.files ?? []) add(parseAuthorityText(readFileText(path), path), false);
  if (options.records) {
    add(
      {
        records: options.records.map((record, i) => ({ record, origin: { file: "(records)", line: i + 1 } })),
        issues: [],
      },
      false,
    );
  }
  issues.push(...checkLinks([...merged.values()]));
  if (issues.length > 0) throw new AuthorityError(issues);
  return new Authority([...merged.values()].map((m) => ({ record: m.record, origin: m.origin })));
}

/**
 * How large a kind of place is: a place may belong only to one as large or larger (a 寨 to a 州,
 * a 州 to a 路, never a 州 to a 寨). A region may be of any size.
 */
const PLACE_RANK: Readonly<Record<string, number>> = {
  region: -1,
  路: 1,
  capital: 2,
  府: 2,
  州: 2,
  軍: 2,
  監: 2,
  縣: 3,
};
const placeRank = (type: string) => PLACE_RANK[type] ?? 4;

/** The area the coordinates of the bundled places fall in: a point outside it has lat and lon swapped or mistyped. */
const EAST_ASIA = { south: 15, north: 55, west: 70, east: 140 };

/** Checks a place's coordinates against its precision and the area the records cover. */
function checkCoordinates(record: Extract<AuthorityRecord, { kind: "place" }>): string[] {
  const { lat, lon, precision } = record;
  if ((lat === null) !== (lon === null)) return ["lat and lon: give both or neither"];
  if (lat === null || lon === null)
    return precision === "city" || precision === "site"
      ? [`precision: "${precision}" needs coordinates (else "approximate", "region" or "unknown")`]
      : [];
  if (precision === "unknown") return ['precision: "unknown" goes with lat and lon null'];
  if (lat < EAST_ASIA.south || lat > EAST_ASIA.north || lon < EAST_ASIA.west || lon > EAST_ASIA.east)
    return [
      `lat ${lat}, lon ${lon}: outside ${EAST_ASIA.south}–${EAST_ASIA.north}°N, ${EAST_ASIA.west}–${EAST_ASIA.east}°E (swapped or mistyped?)`,
    ];
  return [];
}

/** Checks that `part_of`, `parent` and `units` point at records of the right kind, and places' coordinates. */
function checkLinks(items: readonly { record: AuthorityRecord; origin: RecordOrigin }[]): AuthorityIssue[] {
  const ids = new Set(items.map((i) => i.record.id));
  const byId = new Map(items.map((i) => [i.record.id, i.record]));
  const issues: AuthorityIssue[] = [];
  for (const { record, origin } of items) {
    if (record.kind === "place") {
      for (const reason of checkCoordinates(record)) issues.push({ ...origin, reason });
      const parent = record.part_of === null ? undefined : byId.get(record.part_of);
      if (record.part_of === record.id)
        issues.push({ ...origin, reason: "part_of: a place cannot belong to itself" });
      else if (parent !== undefined && parent.kind !== "place")
        issues.push({ ...origin, reason: `part_of: "${parent.id}" is not a place` });
      else if (
        parent?.kind === "place" &&
        record.type !== "region" &&
        placeRank(parent.type) > placeRank(record.type)
      )
        issues.push({
          ...origin,
          reason: `part_of: a ${record.type} cannot belong to "${parent.id}", a ${parent.type}`,
        });
      else if (parent !== undefined) {
        // A chain of part_of that comes back to the record.
        const seen = new Set([record.id]);
        for (let at: AuthorityRecord | undefined = parent; at?.kind === "place" && at.part_of !== null; ) {
          if (seen.has(at.id)) {
            issues.push({
              ...origin,
              reason: `part_of: the chain of places it belongs to loops at "${at.id}"`,
            });
            break;
          }
          seen.add(at.id);
          at = byId.get(at.part_of);
        }
      }
    }
    const links: [string, string | null][] =
      record.kind === "place"
        ? [["part_of", record.part_of]]
        : record.kind === "office"
          ? [["parent", record.parent]]
          : record.kind === "commodity"
            ? record.units.map((u, i): [string, string] => [`units[${i}]`, u])
            : [];
    for (const [key, target] of links) {
      if (target !== null && !ids.has(target))
        issues.push({ ...origin, reason: `${key}: "${target}" is not the id of any record` });
    }
  }
  return issues;
}
