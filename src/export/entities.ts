import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EntityIndex, EntityRecord } from "./types.ts";

/** The bundled authority files (data/authority/). */
export const AUTHORITY_DIR = fileURLToPath(new URL("../../data/authority/", import.meta.url));

const cache = new Map<string, EntityIndex>();

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const number = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/**
 * Flattens one authority record (any kind) into the fields the exporters use.
 *
 * @param record a parsed line of an authority file
 * @returns the entity, or `null` when the record has no `id` and `name`
 * @example
 * toEntityRecord({ id: "place:yanzhou", name: "延州", lat: 36.6, lon: 109.49 })?.kind //=> "place"
 */
export function toEntityRecord(record: Record<string, unknown>): EntityRecord | null {
  const id = text(record.id);
  const name = text(record.name);
  if (id === null || name === null) return null;
  const aliases = Array.isArray(record.aliases)
    ? record.aliases.flatMap((a) => {
        const alias = text((a as { name?: unknown } | null)?.name);
        return alias === null ? [] : [alias];
      })
    : [];
  return {
    id,
    kind: typeof record.kind === "string" ? record.kind : id.slice(0, Math.max(0, id.indexOf(":"))),
    name,
    aliases,
    state: text(record.state),
    type: text(record.type),
    lat: number(record.lat),
    lon: number(record.lon),
    precision: text(record.precision),
    modern: text(record.modern),
    gloss: text(record.gloss),
    note: text(record.note) || null,
    known: true,
  };
}

/**
 * Reads the entity records of an authority directory (every `*.jsonl` file in it), once per
 * directory. The authority stage validates these files; here a line that is not JSON is an error.
 *
 * @param dir the directory (default: the bundled data/authority/)
 * @throws Error naming the file and line of a line that is not a JSON object
 * @example
 * loadEntities().get("place:yanzhou")?.name //=> "延州"
 */
export function loadEntities(dir: string = AUTHORITY_DIR): EntityIndex {
  const cached = cache.get(dir);
  if (cached) return cached;
  const entities = new Map<string, EntityRecord>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()) {
    const lines = readFileSync(join(dir, file), "utf8")
      .replace(/^\uFEFF/, "")
      .split("\n");
    lines.forEach((line, index) => {
      if (line.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${join(dir, file)}:${index + 1}: not valid JSON (${(error as Error).message})`);
      }
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw new Error(`${join(dir, file)}:${index + 1}: expected a JSON object`);
      const entity = toEntityRecord(value as Record<string, unknown>);
      if (entity) entities.set(entity.id, entity);
    });
  }
  cache.set(dir, entities);
  return entities;
}
