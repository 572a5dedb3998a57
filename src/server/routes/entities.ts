/**
 * Entity pages, the map and the network: the authority records joined with the annotations of
 * the stored entries. Without annotations they show the records alone (`annotations: "none"`).
 */
import type { ChronicleEvent } from "../../annotate/types.ts";
import type { Store } from "../../store/types.ts";
import { kindOfId, loadAuthorityIndex } from "./authority.ts";
import { memo, type ReadModel } from "./read-model.ts";
import type { EntityKind, EntityList, EntityPage, MapData, NetworkData, NetworkEdge } from "./types.ts";

/** The most entries an entity page lists, and an edge of the network names. */
const MAX_ENTITY_ENTRIES = 500;
const MAX_EDGE_ENTRIES = 100;

/** Every entity id an event involves, with the role it has. */
function eventRefs(event: ChronicleEvent): { ref: string; role: string }[] {
  const out: { ref: string; role: string }[] = [];
  for (const [role, list] of Object.entries(event.roles)) {
    for (const r of list) if (r.ref) out.push({ ref: r.ref, role });
  }
  return out;
}

/** Mention and entry counts per entity id, as the store counts them: read once per read model. */
function entityCounts(
  store: Store,
  model: ReadModel,
): Promise<Map<string, { mentions: number; entries: number }>> {
  return memo(
    model,
    "entity-counts",
    async () =>
      new Map(
        (await store.listEntities()).map((e) => [e.ref, { mentions: e.mentionCount, entries: e.entryCount }]),
      ),
  );
}

/** What an entity page reads of one entity, over the whole read model. */
interface EntityIndex {
  /** The entries that name it, in a mention or an event's role, in text order. */
  entries: string[];
  /** How often each spelling names it. */
  spellings: Map<string, number>;
}

/** The entries that name each entity and the spellings used, built once per read model. */
function entriesByEntity(model: ReadModel): Map<string, EntityIndex> {
  return memo(model, "entries-by-entity", () => {
    const naming = new Map<string, Set<string>>();
    const add = (ref: string, entryId: string) => {
      const set = naming.get(ref);
      if (set) set.add(entryId);
      else naming.set(ref, new Set([entryId]));
    };
    for (const [entryId, list] of model.mentions)
      for (const m of list) if (m.kind !== "quantity") add(m.ref, entryId);
    for (const [entryId, list] of model.events)
      for (const e of list) for (const r of eventRefs(e)) add(r.ref, entryId);
    const ordinal = new Map(model.entries.map((e, i) => [e.summary.id, i]));
    const index = new Map<string, EntityIndex>();
    for (const [ref, set] of naming) {
      const entries = [...set].sort((a, b) => (ordinal.get(a) ?? 0) - (ordinal.get(b) ?? 0));
      index.set(ref, { entries, spellings: new Map() });
    }
    for (const [entryId, list] of model.mentions) {
      for (const m of list) {
        if (m.ref === null || !naming.get(m.ref)?.has(entryId)) continue;
        const spellings = index.get(m.ref)!.spellings;
        spellings.set(m.text, (spellings.get(m.text) ?? 0) + 1);
      }
    }
    return index;
  });
}

/**
 * Builds what the entity routes read once per read model, so that their first call does not:
 * the store's counts and the index of the entries that name each entity.
 */
export async function warmEntities(store: Store, model: ReadModel): Promise<void> {
  entriesByEntity(model);
  await entityCounts(store, model);
}

/**
 * The authority records (of one kind, when given) with how often the stored entries mention each.
 *
 * @example
 * (await entityList(store, model, "polity")).results[0] //=> { id: "polity:song", kind: "polity", name: "宋", …, mentionCount: 0 }
 */
export async function entityList(store: Store, model: ReadModel, kind?: EntityKind): Promise<EntityList> {
  const counts = await entityCounts(store, model);
  return {
    annotations: model.annotations,
    results: loadAuthorityIndex()
      .records.filter((r) => kind === undefined || r.kind === kind)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        state: r.state,
        type: r.type,
        aliasCount: r.aliases.length,
        mentionCount: counts.get(r.id)?.mentions ?? 0,
        entryCount: counts.get(r.id)?.entries ?? 0,
      })),
  };
}

/**
 * One entity: its record, the spellings the texts use for it that the record does not list, and
 * every entry that mentions it (in text order), or null for an unknown id.
 *
 * @example
 * entityPage(model, "person:yang-shousu")?.entity.name //=> "楊守素"
 */
export function entityPage(model: ReadModel, id: string): EntityPage | null {
  const entity = loadAuthorityIndex().byId.get(id);
  if (!entity) return null;
  const known = new Set([entity.name, ...entity.aliases.map((a) => a.name)]);
  const found = entriesByEntity(model).get(id);
  const entries: EntityPage["entries"] = [];
  const events: EntityPage["events"] = [];
  // Every entry the index lists names the entity; the page lists the first ones in text order.
  for (const entryId of (found?.entries ?? []).slice(0, MAX_ENTITY_ENTRIES)) {
    const entry = model.byId.get(entryId);
    if (!entry) continue;
    const mentions = (model.mentions.get(entryId) ?? []).filter((m) => m.ref === id);
    for (const e of model.events.get(entryId) ?? [])
      for (const r of eventRefs(e)) if (r.ref === id) events.push({ entryId, type: e.type, role: r.role });
    entries.push({ ...entry.summary, mentions });
  }
  return {
    annotations: model.annotations,
    entity,
    spellings: [...(found?.spellings ?? [])]
      .filter(([text]) => !known.has(text))
      .map(([text, count]) => ({ text, count })),
    entries,
    entryCount: found?.entries.length ?? 0,
    events,
  };
}

/**
 * Places with coordinates, and every event located at one of them (its `place` or `target`, else
 * the first place the event names), with the entry's date range.
 *
 * @example
 * (await mapData(store, model)).places.find((p) => p.id === "place:yanzhou")?.lat //=> 36.6
 */
export async function mapData(store: Store, model: ReadModel): Promise<MapData> {
  const counts = await entityCounts(store, model);
  const index = loadAuthorityIndex();
  const records = index.records.filter((r) => r.kind === "place");
  // A place without a point of its own (a fort) is shown at the place it belongs to, marked so.
  const pointOf = new Map<string, { lat: number; lon: number; at: string }>();
  for (const r of records) {
    const seen = new Set<string>();
    for (let p: typeof r | undefined = r; p && !seen.has(p.id); ) {
      seen.add(p.id);
      if (p.lat !== null && p.lon !== null) {
        pointOf.set(r.id, { lat: p.lat, lon: p.lon, at: p.id });
        break;
      }
      const parent: unknown = p.extra.part_of;
      p = typeof parent === "string" ? index.byId.get(parent) : undefined;
    }
  }
  const located = new Set(pointOf.keys());
  const events: MapData["events"] = [];
  for (const [entryId, list] of model.events) {
    const entry = model.byId.get(entryId);
    for (const event of list) {
      const refs = eventRefs(event).filter((r) => located.has(r.ref));
      const place = refs.find((r) => r.role === "place" || r.role === "target") ?? refs[0];
      if (place)
        events.push({
          entryId,
          type: event.type,
          place: place.ref,
          start: entry?.start ?? null,
          end: entry?.end ?? null,
        });
    }
  }
  return {
    annotations: model.annotations,
    places: records
      .filter((r) => located.has(r.id))
      .map((r) => {
        const point = pointOf.get(r.id)!;
        return {
          id: r.id,
          name: r.name,
          type: r.type,
          state: r.state,
          lat: point.lat,
          lon: point.lon,
          precision: typeof r.extra.precision === "string" ? r.extra.precision : null,
          modern: typeof r.extra.modern === "string" ? r.extra.modern : null,
          mentionCount: counts.get(r.id)?.mentions ?? 0,
          at: point.at,
          inherited: point.at !== r.id,
        };
      }),
    placeCount: records.length,
    unlocated: records.length - located.size,
    events,
  };
}

/** Which roles of an event type link which: [from roles, to roles]; `null` links every pair. */
const LINKS: Record<string, [string[], string[]] | null> = {
  embassy: [["sender", "envoy"], ["receiver"]],
  raid: [["attacker"], ["defender", "target"]],
  battle: [["attacker", "victor"], ["defender"]],
  siege: [["attacker"], ["defender"]],
  tribute: [["giver"], ["receiver"]],
  gift: [["giver"], ["receiver"]],
  investiture: [["grantor"], ["recipient"]],
  appointment: [["appointer"], ["person"]],
  defection: [["who"], ["to"]],
  submission: [["who"], ["to"]],
  death: [["by"], ["person"]],
  peace: null,
  oath: null,
  treaty: null,
};

/** Pairs of entity ids an event links. */
function eventPairs(event: ChronicleEvent): [string, string][] {
  const links = LINKS[event.type];
  const refsOf = (roles: string[]) =>
    roles.flatMap((r) => event.roles[r] ?? []).flatMap((x) => (x.ref ? [x.ref] : []));
  const pairs: [string, string][] = [];
  if (links === null || links === undefined) {
    const refs = [...new Set(eventRefs(event).map((r) => r.ref))];
    for (let i = 0; i < refs.length; i++)
      for (let j = i + 1; j < refs.length; j++) pairs.push([refs[i]!, refs[j]!]);
  } else {
    for (const a of new Set(refsOf(links[0])))
      for (const b of new Set(refsOf(links[1]))) if (a !== b) pairs.push([a, b]);
  }
  return pairs;
}

/**
 * Polities and persons as nodes, events between them as edges (one edge per pair and type, with
 * the count, first and last day and the entries behind it).
 *
 * @example
 * networkData(model).edges[0] //=> { source: "polity:xia", target: "polity:song", type: "embassy", count: 5, … }
 */
export function networkData(model: ReadModel): NetworkData {
  const authority = loadAuthorityIndex();
  const edges = new Map<string, NetworkEdge>();
  const degree = new Map<string, number>();
  const isNode = (ref: string) => {
    const kind = kindOfId(ref);
    return kind === "polity" || kind === "person";
  };
  for (const [entryId, list] of model.events) {
    const entry = model.byId.get(entryId);
    for (const event of list) {
      for (const [source, target] of eventPairs(event)) {
        if (!isNode(source) || !isNode(target)) continue;
        const key = `${source}|${target}|${event.type}`;
        let edge = edges.get(key);
        if (!edge) {
          edge = { source, target, type: event.type, count: 0, first: null, last: null, entries: [] };
          edges.set(key, edge);
        }
        edge.count++;
        if (edge.entries.length < MAX_EDGE_ENTRIES && edge.entries[edge.entries.length - 1] !== entryId)
          edge.entries.push(entryId);
        if (entry?.start != null)
          edge.first = edge.first === null ? entry.start : Math.min(edge.first, entry.start);
        if (entry?.end != null) edge.last = edge.last === null ? entry.end : Math.max(edge.last, entry.end);
        degree.set(source, (degree.get(source) ?? 0) + 1);
        degree.set(target, (degree.get(target) ?? 0) + 1);
      }
    }
  }
  const nodes = [...degree].map(([id, count]) => {
    const record = authority.byId.get(id);
    const name = record?.name ?? id.slice(id.lastIndexOf(":") + 1);
    return { id, kind: kindOfId(id) as "polity" | "person", name, state: record?.state ?? null, count };
  });
  nodes.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  return {
    annotations: model.annotations,
    nodes,
    edges: [...edges.values()].sort((a, b) => b.count - a.count),
  };
}
