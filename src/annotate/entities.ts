/**
 * The entities a document mentions, gathered from the mentions of an annotated tree: one summary
 * per entity with its authority record's name and aliases (plus the aliases the document's
 * variant readings give), its CBDB id and how often and where it is mentioned.
 */
import type { ChronicleTree } from "../parse/types.ts";
import type { AliasType, Authority } from "./authority/index.ts";
import type { DocumentAlias, EntityKind, EntityMention, Mention } from "./types.ts";

/** An alias as the entity summary lists it. */
export interface SummaryAlias {
  name: string;
  type: AliasType;
  /** Where the form comes from (a source of the record, or the variant reading's source). */
  source?: string;
}

/** One entity of a document. */
export interface EntitySummary {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: SummaryAlias[];
  /** How many times the document mentions it. */
  mentions: number;
  /** The strings the document names it by, with their counts, most frequent first. */
  forms: { text: string; count: number }[];
  /** The entries that mention it, in text order. */
  entries: string[];
  /** The China Biographical Database id, for persons where the authority gives one. */
  cbdb: number | null;
  /** True for persons found only by a rule (`person:provisional:NAME`). */
  provisional: boolean;
}

/**
 * Summarises the entities an annotated tree mentions, most mentioned first (ties in order of
 * first mention).
 *
 * @param tree a tree annotated by `annotateEntries`
 * @param authority the authority it was annotated with
 * @param kind only entities of this kind
 * @example
 * entitySummaries(tree, authority, "person")[0] //=> { id: "person:yuanhao", name: "元昊", mentions: 109, … }
 */
export function entitySummaries(
  tree: ChronicleTree,
  authority: Authority,
  kind?: EntityKind,
): EntitySummary[] {
  const entries = tree.children.flatMap((year) =>
    year.children.map((entry) => ({ id: entry.id, mentions: entry.data?.mentions ?? [] })),
  );
  return summarizeMentions(entries, tree.data?.annotation?.aliases ?? [], authority, kind);
}

/**
 * The same summaries from entries' mentions and the document's aliases, as the store keeps
 * them (no tree needed).
 */
export function summarizeMentions(
  entries: readonly { id: string; mentions: readonly Mention[] }[],
  documentAliases: readonly DocumentAlias[],
  authority: Authority,
  kind?: EntityKind,
): EntitySummary[] {
  const byId = new Map<string, EntitySummary & { first: number; formCounts: Map<string, number> }>();
  for (const entry of entries) {
    for (const m of entry.mentions) {
      if (m.kind === "quantity" || (kind !== undefined && m.kind !== kind)) continue;
      const mention: EntityMention = m;
      let summary = byId.get(mention.ref);
      if (!summary) {
        const record = authority.get(mention.ref);
        const aliases: SummaryAlias[] = (record?.aliases ?? []).map((a) => ({
          name: a.name,
          type: a.type,
          ...(a.source === undefined ? {} : { source: a.source }),
        }));
        for (const a of documentAliases)
          if (a.ref === mention.ref) aliases.push({ name: a.name, type: a.type, source: a.source });
        summary = {
          id: mention.ref,
          kind: mention.kind,
          name: record?.name ?? mention.text,
          aliases,
          mentions: 0,
          forms: [],
          entries: [],
          cbdb: record?.kind === "person" ? record.cbdb : null,
          provisional: mention.provisional === true,
          first: mention.start,
          formCounts: new Map(),
        };
        byId.set(mention.ref, summary);
      }
      summary.mentions++;
      summary.formCounts.set(mention.text, (summary.formCounts.get(mention.text) ?? 0) + 1);
      if (summary.entries.at(-1) !== entry.id) summary.entries.push(entry.id);
    }
  }
  return [...byId.values()]
    .sort((a, b) => b.mentions - a.mentions || a.first - b.first)
    .map(({ first: _first, formCounts, ...summary }) => ({
      ...summary,
      forms: [...formCounts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count),
    }));
}
