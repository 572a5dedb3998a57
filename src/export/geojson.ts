/**
 * GeoJSON (RFC 7946): the places the documents name that have coordinates, and the events
 * whose place roles have them. Coordinates are `[longitude, latitude]` in WGS84.
 */
import { loadEntities } from "./entities.ts";
import { documentViews, referencedEntities, roleValues } from "./internal/view.ts";
import type { EntityRecord, ExportDocument, ExportOptions } from "./types.ts";

/** A GeoJSON position: longitude, latitude. */
export type GeoPosition = [number, number];

/** A GeoJSON feature with a point or several. */
export interface GeoFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: GeoPosition } | { type: "MultiPoint"; coordinates: GeoPosition[] };
  properties: Record<string, unknown>;
}

/** A GeoJSON feature collection. */
export interface GeoFeatureCollection {
  type: "FeatureCollection";
  features: GeoFeature[];
}

const located = (e: EntityRecord | undefined): e is EntityRecord & { lat: number; lon: number } =>
  e !== undefined && e.kind === "place" && e.lat !== null && e.lon !== null;

/**
 * Places with coordinates (one point each, with how often and where they are mentioned) and
 * events with at least one located place among their roles (a point, or several).
 *
 * @param documents the pipeline's output for each file
 * @param options the entity records (default: the bundled authority data)
 * @example
 * toGeoJson([doc]).features[0].geometry //=> { type: "Point", coordinates: [109.49, 36.6] }
 */
export function toGeoJson(
  documents: readonly ExportDocument[],
  options: ExportOptions = {},
): GeoFeatureCollection {
  const docs = documentViews(documents);
  const entities = new Map(
    referencedEntities(docs, options.entities ?? loadEntities()).map((e) => [e.id, e]),
  );
  const entries = docs.flatMap((d) => d.entries);
  const features: GeoFeature[] = [];
  for (const place of entities.values()) {
    if (!located(place)) continue;
    const mentioning = entries.filter((e) => e.mentions.some((m) => m.ref === place.id));
    const dates = mentioning
      .flatMap((e) => (e.date ? [e.date.gregorian.start, e.date.gregorian.end] : []))
      .sort();
    features.push({
      type: "Feature",
      id: place.id,
      geometry: { type: "Point", coordinates: [place.lon, place.lat] },
      properties: {
        kind: "place",
        id: place.id,
        name: place.name,
        type: place.type,
        state: place.state,
        modern: place.modern,
        precision: place.precision,
        mentions: mentioning.reduce((n, e) => n + e.mentions.filter((m) => m.ref === place.id).length, 0),
        entries: mentioning.map((e) => e.key),
        first: dates[0] ?? null,
        last: dates.at(-1) ?? null,
      },
    });
  }
  for (const e of entries) {
    e.events.forEach((event, i) => {
      const places = [
        ...new Set(
          Object.values(event.roles).flatMap((v) => roleValues(v).filter((x) => located(entities.get(x)))),
        ),
      ].map((id) => entities.get(id) as EntityRecord & { lat: number; lon: number });
      if (places.length === 0) return;
      const points = places.map((p): GeoPosition => [p.lon, p.lat]);
      features.push({
        type: "Feature",
        id: `${e.key}/v${i + 1}`,
        geometry:
          points.length === 1
            ? { type: "Point", coordinates: points[0]! }
            : { type: "MultiPoint", coordinates: points },
        properties: {
          kind: "event",
          type: event.type,
          rule: event.rule,
          entry: e.key,
          document: e.document.title,
          headline: e.record.headline,
          date: e.record.date.text,
          start: e.date?.gregorian.start ?? null,
          end: e.date?.gregorian.end ?? null,
          places: places.map((p) => p.id),
          roles: event.roles,
        },
      });
    });
  }
  return { type: "FeatureCollection", features };
}
