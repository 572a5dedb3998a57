/**
 * The authority records (data/authority/*.jsonl) as the web app shows them: persons, places,
 * polities and offices with their aliases, sources and, for places, coordinates. Read once,
 * validated line by line.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { GROWN_FILES } from "../../annotate/authority/load.ts";
import type { EntityKind, EntityRecord } from "./types.ts";

const AUTHORITY_DIR = new URL("../../../data/authority/", import.meta.url);

/** The files read, by the kind of their records. */
const FILES: Record<EntityKind, string> = {
  person: "persons.jsonl",
  place: "places.jsonl",
  polity: "polities.jsonl",
  office: "offices.jsonl",
};

const Alias = z.looseObject({
  name: z.string(),
  type: z.string(),
  source: z.string().optional(),
  note: z.string().optional(),
  context: z.string().optional(),
});

const Record = z.looseObject({
  id: z.string().regex(/^[a-z]+:[a-z0-9:-]+$/),
  name: z.string().min(1),
  state: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  aliases: z.array(Alias),
  note: z.string().nullable().optional(),
  sources: z.array(z.string()),
  lat: z.number().nullable().optional(),
  lon: z.number().nullable().optional(),
});

const KNOWN = new Set(["id", "name", "state", "type", "aliases", "note", "sources", "lat", "lon"]);

/** The authority records by id, in file order (persons, places, polities, offices). */
export interface AuthorityIndex {
  records: EntityRecord[];
  byId: Map<string, EntityRecord>;
}

/**
 * Parses one JSON Lines file of authority records.
 *
 * @param kind what the records are
 * @param text the file's text
 * @param file the file's name, for messages
 * @example
 * parseAuthorityFile("polity", '{"id":"polity:song","name":"宋","aliases":[],"sources":[]}', "p.jsonl")[0].name
 * //=> "宋"
 */
export function parseAuthorityFile(kind: EntityKind, text: string, file: string): EntityRecord[] {
  const out: EntityRecord[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON: ${(error as Error).message}`);
    }
    const parsed = Record.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}:${index + 1}: ${issue.path.join(".") || "record"}: ${issue.message}`);
    }
    const r = parsed.data;
    const extra = Object.fromEntries(Object.entries(r).filter(([key]) => !KNOWN.has(key)));
    out.push({
      id: r.id,
      kind,
      name: r.name,
      state: r.state ?? null,
      type: r.type ?? null,
      aliases: r.aliases.map((a) => ({
        name: a.name,
        type: a.type,
        ...(a.source === undefined ? {} : { source: a.source }),
        ...(a.note === undefined ? {} : { note: a.note }),
        ...(a.context === undefined ? {} : { context: a.context }),
      })),
      note: r.note ? r.note : null,
      sources: r.sources,
      extra,
      lat: r.lat ?? null,
      lon: r.lon ?? null,
    });
  }
  return out;
}

let cached: AuthorityIndex | null = null;

/**
 * The project's authority records, read from `data/authority/` on first call.
 *
 * @example
 * loadAuthorityIndex().byId.get("polity:song")?.name //=> "宋"
 */
export function loadAuthorityIndex(): AuthorityIndex {
  if (cached) return cached;
  const records: EntityRecord[] = [];
  for (const [kind, file] of Object.entries(FILES) as [EntityKind, string][]) {
    const text = readFileSync(new URL(file, AUTHORITY_DIR), "utf8");
    records.push(...parseAuthorityFile(kind, text, `data/authority/${file}`));
  }
  // The persons grown from 長編 (provisional until a historian confirms them), which the annotator
  // also reads: a record there may not repeat one of persons.jsonl.
  const known = new Set(records.map((r) => r.id));
  for (const file of GROWN_FILES) {
    const text = readFileSync(new URL(file, AUTHORITY_DIR), "utf8");
    for (const r of parseAuthorityFile("person", text, `data/authority/${file}`))
      if (!known.has(r.id)) records.push(r);
  }
  cached = { records, byId: new Map(records.map((r) => [r.id, r])) };
  return cached;
}

/**
 * The kind of an entity id (`person:yuanhao` → `person`), or null for another prefix.
 *
 * @example
 * kindOfId("place:yanzhou") //=> "place"
 */
export function kindOfId(id: string): EntityKind | null {
  const kind = id.slice(0, id.indexOf(":"));
  return kind === "person" || kind === "place" || kind === "polity" || kind === "office" ? kind : null;
}
