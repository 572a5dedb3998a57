/**
 * JSON-LD: one graph of the chronicles, their entries and the entities they name, with schema.org
 * terms and a small Biannian vocabulary (`bn:`, documented in src/export/README.md). The context
 * (src/export/context.jsonld) is embedded, so that the document expands offline.
 */
import { readFileSync } from "node:fs";
import { loadEntities } from "./entities.ts";
import {
  documentViews,
  type EntryView,
  isEntityRef,
  referencedEntities,
  roleValues,
} from "./internal/view.ts";
import type { EntityRecord, ExportDocument, ExportOptions } from "./types.ts";

/** The Biannian vocabulary's namespace. */
export const VOCABULARY = "https://biannian.example/vocab#";
/** The namespace of the ids of chronicles, entries and entities. */
export const ID_BASE = "https://biannian.example/id/";

let context: Record<string, unknown> | undefined;

/**
 * The JSON-LD context the export embeds (read once from src/export/context.jsonld).
 *
 * @example
 * jsonLdContext()["@vocab"] //=> "https://schema.org/"
 */
export function jsonLdContext(): Record<string, unknown> {
  context ??= (
    JSON.parse(readFileSync(new URL("./context.jsonld", import.meta.url), "utf8")) as {
      "@context": Record<string, unknown>;
    }
  )["@context"];
  return context;
}

/** A JSON-LD node. */
export type JsonLdNode = { "@id"?: string; "@type": string | string[] } & Record<string, unknown>;

/** A JSON-LD document with its context and graph. */
export interface JsonLdDocument {
  "@context": Record<string, unknown>;
  "@graph": JsonLdNode[];
}

const entityId = (id: string) => `bnid:${id}`;

/** Leaves out the keys whose value is `null`, `undefined` or an empty list. */
function compact(node: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(node).filter(
      ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

function entityNode(e: EntityRecord): JsonLdNode {
  const common = {
    "@id": entityId(e.id),
    identifier: e.id,
    name: e.name,
    alternateName: e.aliases,
    entityKind: e.kind,
    state: e.state,
    description: e.note,
    provisional: e.known ? null : true,
  };
  switch (e.kind) {
    case "person":
      return compact({ "@type": "Person", ...common }) as JsonLdNode;
    case "polity":
      return compact({ "@type": ["Organization", "Polity"], ...common }) as JsonLdNode;
    case "place":
      return compact({
        "@type": "Place",
        ...common,
        placeType: e.type,
        modernLocation: e.modern,
        precision: e.precision,
        geo:
          e.lat !== null && e.lon !== null
            ? { "@type": "GeoCoordinates", latitude: e.lat, longitude: e.lon }
            : null,
      }) as JsonLdNode;
    case "office":
      return compact({ "@type": ["DefinedTerm", "Office"], ...common, gloss: e.gloss }) as JsonLdNode;
    default:
      return compact({ "@type": "DefinedTerm", ...common, gloss: e.gloss }) as JsonLdNode;
  }
}

function entryNode(e: EntryView, entities: ReadonlyMap<string, EntityRecord>): JsonLdNode {
  const r = e.record;
  const date = e.date;
  const located = (id: string) => entities.get(id)?.kind === "place";
  return compact({
    "@id": `bnid:entry/${e.key}`,
    "@type": ["Entry", "CreativeWork", "Event"],
    identifier: r.id,
    isPartOf: `bnid:chronicle/${e.document.id}`,
    yearLabel: r.year.label,
    era: r.year.era,
    eraYear: r.year.number,
    reckoningState: r.year.state,
    dateText: r.date.text,
    dateCarried: !r.date.own,
    startDate: date?.gregorian.start,
    endDate: date?.gregorian.end,
    julianStartDate: date?.julian.start,
    julianEndDate: date?.julian.end,
    jdnStart: date?.jdn.start,
    jdnEnd: date?.jdn.end,
    concurrentDate: (date?.concurrent ?? []).map((c) => ({
      "@type": "ConcurrentDate",
      state: c.state,
      name: c.label,
    })),
    headline: r.headline,
    detail: r.details,
    note: r.notes,
    citation: r.citations.map((c) =>
      compact({
        "@type": "CreativeWork",
        name: c.work,
        section: c.section,
        juan: c.juan,
        author: c.author === null ? null : { "@type": "Person", name: c.author },
        raw: c.raw,
      }),
    ),
    variantReading: r.variants.map((v) => ({
      "@type": "VariantReading",
      reading: v.name,
      variant: v.variant,
      witness: v.source,
    })),
    start: r.span.start,
    end: r.span.end,
    locus: r.locus
      ? compact({
          "@type": "Locus",
          juan: r.locus.juan,
          page: r.locus.page,
          side: r.locus.side,
          line: r.locus.line,
        })
      : null,
    annotation: e.mentions.map((m) =>
      compact({
        "@type": "Mention",
        mentionKind: m.kind,
        start: m.start,
        end: m.end,
        text: m.text,
        refersTo: m.ref === null ? null : entityId(m.ref),
      }),
    ),
    mentions: [...new Set(e.mentions.flatMap((m) => (m.ref === null ? [] : [entityId(m.ref)])))],
    about: e.events.map((event) => {
      const places = Object.values(event.roles).flatMap((v) => roleValues(v).filter(located));
      return compact({
        "@type": ["Event", "ChronicleEvent"],
        eventType: event.type,
        rule: event.rule,
        startDate: date?.gregorian.start,
        endDate: date?.gregorian.end,
        location: places.length > 0 ? places.map((p) => ({ "@id": entityId(p) })) : null,
        role: Object.entries(event.roles).flatMap(([role, value]) =>
          roleValues(value).map((v) =>
            isEntityRef(v)
              ? { "@type": "EventRole", roleName: role, participant: entityId(v) }
              : { "@type": "EventRole", roleName: role, value: v },
          ),
        ),
      });
    }),
  }) as JsonLdNode;
}

/**
 * Writes the documents as one JSON-LD graph: a `Chronicle` per document, an `Entry` (also a
 * schema.org `CreativeWork` and `Event`) per entry with its dates, text, citations, variant
 * readings, mentions and events, and a node per entity named.
 *
 * @param documents the pipeline's output for each file
 * @param options the entity records (default: the bundled authority data)
 * @example
 * toJsonLd([doc])["@graph"][1].headline //=> "契丹遣同知析津府事耶律敵烈、…來議與宋和。"
 */
export function toJsonLd(documents: readonly ExportDocument[], options: ExportOptions = {}): JsonLdDocument {
  const docs = documentViews(documents);
  const referenced = referencedEntities(docs, options.entities ?? loadEntities());
  const entities = new Map(referenced.map((e) => [e.id, e]));
  const graph: JsonLdNode[] = [];
  for (const doc of docs) {
    graph.push({
      "@id": `bnid:chronicle/${doc.id}`,
      "@type": ["Chronicle", "CreativeWork"],
      name: doc.title,
      sourceFile: doc.name,
      sha256: doc.sha256,
    });
    for (const e of doc.entries) graph.push(entryNode(e, entities));
  }
  graph.push(...referenced.map(entityNode));
  return { "@context": jsonLdContext(), "@graph": graph };
}
