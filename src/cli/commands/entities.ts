import {
  type Authority,
  AuthorityError,
  annotateEntries,
  type EntityKind,
  type EntitySummary,
  entitySummaries,
  importCbdb,
  linkCbdb,
  loadAuthority,
  summarizeMentions,
} from "../../annotate/index.ts";
import { loadCalendar } from "../../calendar/index.ts";
import type { ChronicleTree } from "../../parse/types.ts";
import { defaultAuthority, readChronicle } from "../../pipeline.ts";
import type { DocumentSummary, Store } from "../../store/index.ts";
import { toCsv } from "../../text/csv.ts";
import { choiceOption, type ParsedArgs, parseArgs, stringOption } from "../args.ts";
import { type Command, type CommandIO, InputError, UsageError } from "../command.ts";
import { printMessages } from "../messages.ts";
import {
  type ChronicleSource,
  openStoredDocuments,
  readSources,
  SOURCE_OPTIONS,
  sourceUsage,
  storedLocation,
} from "../sources.ts";

const USAGE = `Usage: biannian entities FILE|--db PATH [--kind person|place|polity|office] [--format json|csv]
                         [--authority FILE.jsonl] [--cbdb FILE.db] [--corpus NAME] [--year YEAR] [--verbose]

Lists the persons, places, polities and offices that the chronicle FILE (or, with --db, every
document stored in the database) mentions, most mentioned first, each with its authority id,
kind, standard name, aliases, number of mentions, the forms the text uses, the entries that
mention it and its CBDB id.
  --kind KIND          only entities of this kind
  --format json        an array of entity objects (default)
  --format csv         one row per entity (UTF-8 with BOM, for spreadsheets)
  --authority FILE     further authority records (JSON Lines, the format of data/authority/
                       README.md), merged with the bundled ones; a record with a bundled
                       record's id replaces it
  --cbdb FILE          persons from a CBDB SQLite export (BIOG_MAIN, ALTNAME_DATA,
                       ALTNAME_CODES): a CBDB person whose name and years agree with a bundled
                       person gives it its CBDB id; the others are added, for the years the
                       chronicle covers
${sourceUsage(23)}
  --verbose            also print informational messages about the text

Read from a database, the mentions are those the ingest stored (with --authority or --cbdb,
the stored texts are annotated again with that authority), and entries are named by their
store ids (document:entry, e.g. 1:e13). Persons the authority does not know but whom the text introduces (after an office, as an
envoy, as a speaker) are listed with "provisional": true and ids person:provisional:NAME.`;

/** The options that choose the authority, shared by the entities and events commands. */
export const AUTHORITY_OPTIONS = { authority: "value", cbdb: "value" } as const;

/**
 * The database the command reads its stored annotations from, or null when it reads FILEs, or
 * annotates the stored texts again because another authority was asked for.
 */
export function annotatedStore(parsed: ParsedArgs): { location: string; corpus?: string } | null {
  const stored = storedLocation(parsed, 1);
  if (!stored) return null;
  const reannotate =
    stringOption(parsed, "authority") !== undefined || stringOption(parsed, "cbdb") !== undefined;
  return reannotate ? null : stored;
}

/**
 * Runs `read` over the documents of a database, in the order of their ids, after printing the
 * parser's messages each was stored with (as reading its text would print them).
 */
export async function readStored<T>(
  stored: { location: string; corpus?: string },
  parsed: ParsedArgs,
  io: CommandIO,
  read: (store: Store, document: DocumentSummary) => Promise<T>,
): Promise<T[]> {
  const { store, documents } = await openStoredDocuments(stored.location, stored.corpus);
  try {
    const out: T[] = [];
    for (const document of documents) {
      const detail = await store.getDocument(document.id);
      if (detail) printMessages(io, document.path, detail.messages, parsed.options.verbose === true);
      out.push(await read(store, document));
    }
    return out;
  } finally {
    await store.close();
  }
}

/** The entities of every stored document, per document, from the annotations the ingest stored. */
async function storedEntities(
  stored: { location: string; corpus?: string },
  parsed: ParsedArgs,
  io: CommandIO,
  kind: EntityKind | undefined,
): Promise<{ prefix: string; entities: EntitySummary[] }[]> {
  const authority = defaultAuthority();
  return readStored(stored, parsed, io, async (store, document) => {
    const annotations = await store.listAnnotations({ documentId: document.id });
    const entries = [...annotations].map(([id, found]) => ({
      id: id.slice(id.indexOf(":") + 1),
      mentions: found.mentions,
    }));
    const aliases = (await store.getDocumentAnnotation(document.id))?.aliases ?? [];
    return { prefix: `${document.id}:`, entities: summarizeMentions(entries, aliases, authority, kind) };
  });
}

/** Years CE the chronicle's dated entries cover, widened by a lifetime on each side. */
function yearsOf(trees: readonly ChronicleTree[]): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const tree of trees)
    for (const year of tree.children)
      for (const entry of year.children) {
        const start = entry.data?.date?.julian.start;
        if (start === undefined) continue;
        const y = Number.parseInt(start.slice(0, start.indexOf("-", 1)), 10);
        if (y < min) min = y;
        if (y > max) max = y;
      }
  return Number.isFinite(min) ? [min - 100, max + 100] : undefined;
}

function authorityFor(parsed: ParsedArgs, trees: readonly ChronicleTree[]): Authority {
  const file = stringOption(parsed, "authority");
  const cbdb = stringOption(parsed, "cbdb");
  if (file === undefined && cbdb === undefined) return defaultAuthority();
  const base = file === undefined ? defaultAuthority() : loadAuthority({ files: [file] });
  if (cbdb === undefined) return base;
  let imported: ReturnType<typeof importCbdb>;
  try {
    const years = yearsOf(trees);
    imported = importCbdb(cbdb, years ? { years } : {});
  } catch (error) {
    throw new InputError((error as Error).message.replace(`${cbdb}: `, ""), cbdb);
  }
  const { updated, added } = linkCbdb(base.ofKind("person"), imported);
  const replaced = new Set(updated.map((p) => p.id));
  return loadAuthority({
    bundled: false,
    records: [...base.records.filter((r) => !replaced.has(r.id)), ...updated, ...added],
  });
}

/** A chronicle read and annotated, with the prefix its entry ids take in the output. */
export interface AnnotatedSource {
  source: ChronicleSource;
  tree: ChronicleTree;
  /** `""` for a file, `"1:"` for stored document 1. */
  entryPrefix: string;
}

/**
 * Reads, dates and annotates the chronicles the command line names (a FILE, or the documents of
 * a database) with the authority the options choose. Authority problems are printed as
 * `file:line: reason`, and give `null`.
 */
export async function readAnnotated(
  parsed: ParsedArgs,
  io: CommandIO,
): Promise<{ sources: AnnotatedSource[]; authority: Authority } | null> {
  const sources = await readSources(parsed, 1);
  const calendar = loadCalendar();
  const read = sources.map((source) => {
    const { tree } = readChronicle(source.text, calendar, {
      annotate: false,
      ...(source.year ? { year: source.year } : {}),
    });
    printMessages(io, source.label, tree.messages, parsed.options.verbose === true);
    return { source, tree, entryPrefix: source.document ? `${source.document.id}:` : "" };
  });
  let authority: Authority;
  try {
    authority = authorityFor(
      parsed,
      read.map((r) => r.tree),
    );
  } catch (error) {
    if (!(error instanceof AuthorityError)) throw error;
    for (const issue of error.issues) io.err(`${issue.file}:${issue.line}: ${issue.reason}\n`);
    return null;
  }
  for (const r of read) annotateEntries(r.tree, authority, { text: r.source.text });
  return { sources: read, authority };
}

/**
 * The entity summaries of several documents as one list: mentions and forms added up, entries
 * named with their document's prefix, most mentioned first (ties in order of appearance).
 */
function mergeSummaries(lists: readonly { prefix: string; entities: EntitySummary[] }[]): EntitySummary[] {
  if (lists.length === 1 && lists[0]!.prefix === "") return lists[0]!.entities;
  const merged = new Map<string, EntitySummary & { order: number; formCounts: Map<string, number> }>();
  for (const { prefix, entities } of lists) {
    for (const e of entities) {
      let m = merged.get(e.id);
      if (!m) {
        m = { ...e, mentions: 0, entries: [], forms: [], order: merged.size, formCounts: new Map() };
        merged.set(e.id, m);
      }
      m.mentions += e.mentions;
      m.entries.push(...e.entries.map((id) => `${prefix}${id}`));
      for (const f of e.forms) m.formCounts.set(f.text, (m.formCounts.get(f.text) ?? 0) + f.count);
      for (const a of e.aliases)
        if (!m.aliases.some((b) => b.name === a.name && b.type === a.type)) m.aliases.push(a);
    }
  }
  return [...merged.values()]
    .sort((a, b) => b.mentions - a.mentions || a.order - b.order)
    .map(({ order: _order, formCounts, ...e }) => ({
      ...e,
      forms: [...formCounts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count),
    }));
}

/** `biannian entities FILE`: the entities a chronicle mentions. */
export const entitiesCommand: Command = {
  name: "entities",
  summary: "list the persons, places, polities and offices a chronicle mentions",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, {
      kind: "value",
      format: "value",
      verbose: "flag",
      ...AUTHORITY_OPTIONS,
      ...SOURCE_OPTIONS,
    });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const format = choiceOption(parsed, "format", ["json", "csv"] as const);
    const kindOption = stringOption(parsed, "kind");
    const kinds = ["person", "place", "polity", "office"] as const;
    if (kindOption !== undefined && !(kinds as readonly string[]).includes(kindOption))
      throw new UsageError(`--kind must be one of ${kinds.join(", ")} (got "${kindOption}")`);
    const kind = kindOption as EntityKind | undefined;
    const stored = annotatedStore(parsed);
    let lists: { prefix: string; entities: EntitySummary[] }[];
    if (stored) lists = await storedEntities(stored, parsed, io, kind);
    else {
      const result = await readAnnotated(parsed, io);
      if (!result) return 1;
      lists = result.sources.map((r) => ({
        prefix: r.entryPrefix,
        entities: entitySummaries(r.tree, result.authority, kind),
      }));
    }
    const entities = mergeSummaries(lists);
    if (format === "json") {
      io.out(`${JSON.stringify(entities, null, 2)}\n`);
      return 0;
    }
    io.out(
      toCsv(
        ["id", "kind", "name", "aliases", "mentions", "forms", "entries", "cbdb", "provisional"],
        entities.map((e) => [
          e.id,
          e.kind,
          e.name,
          e.aliases.map((a) => a.name).join("|"),
          e.mentions,
          e.forms.map((f) => `${f.text}×${f.count}`).join("|"),
          e.entries.join("|"),
          e.cbdb,
          e.provisional,
        ]),
      ),
    );
    return 0;
  },
};
