/**
 * GEXF 1.3: the network of polities and persons, with an edge per kind of relation and pair —
 * embassies, wars, treaties, tribute — weighted by the number of events and timed by their
 * dates (`mode="dynamic"`, `timeformat="date"`: Gephi's timeline plays them in order).
 */
import { loadEntities } from "./entities.ts";
import { documentViews, type EntryView, referencedEntities, roleValues } from "./internal/view.ts";
import { attributes, element } from "./internal/xml.ts";
import type { EntityRecord, ExportDocument, ExportEvent, ExportOptions } from "./types.ts";

/** The relations drawn as edges: which event types make them, and which roles are their ends. */
export const RELATIONS = {
  embassy: { types: ["embassy"], from: ["sender"], to: ["receiver"], directed: true },
  war: { types: ["raid", "battle", "siege", "war"], from: ["attacker"], to: ["defender"], directed: true },
  treaty: { types: ["treaty", "peace", "oath"], from: ["parties"], to: ["parties"], directed: false },
  tribute: { types: ["tribute", "gift"], from: ["giver"], to: ["receiver"], directed: true },
} as const satisfies Record<
  string,
  { types: readonly string[]; from: readonly string[]; to: readonly string[]; directed: boolean }
>;

export type Relation = keyof typeof RELATIONS;

const NODE_KINDS = new Set(["person", "polity"]);

interface EdgeData {
  relation: Relation;
  source: string;
  target: string;
  directed: boolean;
  events: { key: string; start: string | null; end: string | null }[];
}

/** The relation an event type makes, if any. */
export function relationOf(type: string): Relation | null {
  for (const [name, r] of Object.entries(RELATIONS))
    if ((r.types as readonly string[]).includes(type)) return name as Relation;
  return null;
}

/** The pairs of ends an event connects for its relation. */
function ends(event: ExportEvent, relation: Relation, isNode: (id: string) => boolean): [string, string][] {
  const r = RELATIONS[relation];
  const values = (roles: readonly string[]) =>
    roles.flatMap((role) => (event.roles[role] ? roleValues(event.roles[role]) : [])).filter(isNode);
  const from = [...new Set(values(r.from))];
  const to = [...new Set(values(r.to))];
  const pairs: [string, string][] = [];
  if (!r.directed) {
    const parties = [...from].sort();
    for (let i = 0; i < parties.length; i++)
      for (let j = i + 1; j < parties.length; j++) pairs.push([parties[i]!, parties[j]!]);
  } else for (const a of from) for (const b of to) if (a !== b) pairs.push([a, b]);
  return pairs;
}

const span = (dates: readonly (string | null)[]) => {
  const known = dates.filter((d): d is string => d !== null).sort();
  return { start: known[0] ?? null, end: known.at(-1) ?? null };
};

/**
 * Writes the network of the documents' events as GEXF 1.3.
 *
 * @param documents the pipeline's output for each file
 * @param options the entity records (default: the bundled authority data)
 * @example
 * toGexf([doc]).includes('<graph mode="dynamic" defaultedgetype="directed" timeformat="date"') //=> true
 */
export function toGexf(documents: readonly ExportDocument[], options: ExportOptions = {}): string {
  const docs = documentViews(documents);
  const entities = new Map(
    referencedEntities(docs, options.entities ?? loadEntities()).map((e) => [e.id, e]),
  );
  const isNode = (id: string) => NODE_KINDS.has(entities.get(id)?.kind ?? "");
  const entries = docs.flatMap((d) => d.entries);
  const dated = (e: EntryView) => ({
    key: e.key,
    start: e.date?.gregorian.start ?? null,
    end: e.date?.gregorian.end ?? null,
  });

  // Nodes: every person and polity mentioned or taking part, alive from first to last date.
  const nodes = new Map<string, { entity: EntityRecord; mentions: number; dates: (string | null)[] }>();
  const touch = (id: string, e: EntryView, mention: boolean) => {
    const entity = entities.get(id);
    if (!entity || !NODE_KINDS.has(entity.kind)) return;
    const node = nodes.get(id) ?? { entity, mentions: 0, dates: [] };
    if (mention) node.mentions++;
    node.dates.push(dated(e).start, dated(e).end);
    nodes.set(id, node);
  };
  const edges = new Map<string, EdgeData>();
  for (const e of entries) {
    for (const m of e.mentions) if (m.ref) touch(m.ref, e, true);
    for (const event of e.events) {
      for (const v of Object.values(event.roles)) for (const id of roleValues(v)) touch(id, e, false);
      const relation = relationOf(event.type);
      if (relation === null) continue;
      for (const [source, target] of ends(event, relation, isNode)) {
        const id = `${relation}/${source}/${target}`;
        const edge = edges.get(id) ?? {
          relation,
          source,
          target,
          directed: RELATIONS[relation].directed,
          events: [],
        };
        edge.events.push(dated(e));
        edges.set(id, edge);
      }
    }
  }

  const nodeXml = [...nodes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, node]) => {
      const { start, end } = span(node.dates);
      const values = [
        element("attvalue", { for: "kind", value: node.entity.kind }, null),
        element("attvalue", { for: "state", value: node.entity.state ?? "" }, null),
        element("attvalue", { for: "mentions", value: node.mentions }, null),
      ].join("");
      return `      <node${attributes({ id, label: node.entity.name, start, end })}><attvalues>${values}</attvalues></node>`;
    });
  const edgeXml = [...edges.entries()].map(([id, edge]) => {
    const { start, end } = span(edge.events.flatMap((x) => [x.start, x.end]));
    const spells = edge.events
      .filter((x) => x.start !== null)
      .map((x) => element("spell", { start: x.start, end: x.end }, null))
      .join("");
    const attrs = {
      id,
      source: edge.source,
      target: edge.target,
      type: edge.directed ? null : "undirected",
      kind: edge.relation,
      label: edge.relation,
      weight: edge.events.length,
      start,
      end,
    };
    const values = [
      element("attvalue", { for: "relation", value: edge.relation }, null),
      element("attvalue", { for: "events", value: edge.events.length }, null),
      element(
        "attvalue",
        { for: "entries", value: [...new Set(edge.events.map((x) => x.key))].join(" ") },
        null,
      ),
    ].join("");
    return `      <edge${attributes(attrs)}><attvalues>${values}</attvalues>${spells ? `<spells>${spells}</spells>` : ""}</edge>`;
  });
  const names = docs.map((d) => d.title).join(", ");
  return `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>biannian</creator>
    ${element("description", {}, `Polities and persons, and the embassies, wars, treaties and tribute between them, read from ${names}`)}
  </meta>
  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">
    <attributes class="node" mode="static">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="state" title="state" type="string"/>
      <attribute id="mentions" title="mentions" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="relation" title="relation" type="string"/>
      <attribute id="events" title="events" type="integer"/>
      <attribute id="entries" title="entries" type="string"/>
    </attributes>
    <nodes>
${nodeXml.join("\n")}
    </nodes>
    <edges>
${edgeXml.join("\n")}
    </edges>
  </graph>
</gexf>
`;
}
