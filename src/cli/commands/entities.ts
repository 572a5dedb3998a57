import type { Authority } from "../../annotate/authority/index.ts";
import {
  AuthorityError,
  annotateEntries,
  type EntityKind,
  entitySummaries,
  importCbdb,
  linkCbdb,
  loadAuthority,
} from "../../annotate/index.ts";
import { loadCalendar } from "../../calendar/index.ts";
import type { ChronicleTree } from "../../parse/types.ts";
import { defaultAuthority, readChronicle } from "../../pipeline.ts";
import { choiceOption, type ParsedArgs, parseArgs, stringOption } from "../args.ts";
import { type Command, type CommandIO, InputError, UsageError } from "../command.ts";
import { toCsv } from "../csv.ts";
import { readChronicleFile } from "../input.ts";
import { printMessages } from "../messages.ts";

const USAGE = `Usage: biannian entities FILE [--kind person|place|polity|office] [--format json|csv]
                         [--authority FILE.jsonl] [--cbdb FILE.db] [--verbose]

Lists the persons, places, polities and offices that the chronicle FILE mentions, most
mentioned first, each with its authority id, kind, standard name, aliases, number of mentions,
the forms the text uses, the entries that mention it and its CBDB id.
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
  --verbose            also print informational messages about the text

Persons the authority does not know but whom the text introduces (after an office, as an
envoy, as a speaker) are listed with "provisional": true and ids person:provisional:NAME.`;

/** The options that choose the authority, shared by the entities and events commands. */
export const AUTHORITY_OPTIONS = { authority: "value", cbdb: "value" } as const;

/** Years CE the chronicle's dated entries cover, widened by a lifetime on each side. */
function yearsOf(tree: ChronicleTree): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
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

function authorityFor(parsed: ParsedArgs, tree: ChronicleTree): Authority {
  const file = stringOption(parsed, "authority");
  const cbdb = stringOption(parsed, "cbdb");
  if (file === undefined && cbdb === undefined) return defaultAuthority();
  const base = file === undefined ? defaultAuthority() : loadAuthority({ files: [file] });
  if (cbdb === undefined) return base;
  let imported: ReturnType<typeof importCbdb>;
  try {
    const years = yearsOf(tree);
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

/**
 * Reads, dates and annotates a chronicle file with the authority the options choose. Authority
 * problems are printed as `file:line: reason`.
 */
export function readAnnotatedFile(
  file: string,
  parsed: ParsedArgs,
  io: CommandIO,
): { tree: ChronicleTree; authority: Authority } | null {
  const { text } = readChronicleFile(file);
  const { tree } = readChronicle(text, loadCalendar(), { annotate: false });
  printMessages(io, file, tree.messages, parsed.options.verbose === true);
  let authority: Authority;
  try {
    authority = authorityFor(parsed, tree);
  } catch (error) {
    if (!(error instanceof AuthorityError)) throw error;
    for (const issue of error.issues) io.err(`${issue.file}:${issue.line}: ${issue.reason}\n`);
    return null;
  }
  return { tree: annotateEntries(tree, authority, { text }), authority };
}

/** `biannian entities FILE`: the entities a chronicle mentions. */
export const entitiesCommand: Command = {
  name: "entities",
  summary: "list the persons, places, polities and offices a chronicle mentions",
  usage: USAGE,
  run(args, io) {
    const parsed = parseArgs(args, { kind: "value", format: "value", verbose: "flag", ...AUTHORITY_OPTIONS });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const format = choiceOption(parsed, "format", ["json", "csv"] as const);
    const kindOption = stringOption(parsed, "kind");
    const kinds = ["person", "place", "polity", "office"] as const;
    if (kindOption !== undefined && !(kinds as readonly string[]).includes(kindOption))
      throw new UsageError(`--kind must be one of ${kinds.join(", ")} (got "${kindOption}")`);
    const [file, ...extra] = parsed.positional;
    if (file === undefined) throw new UsageError("Missing FILE: which chronicle should be read?");
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    const result = readAnnotatedFile(file, parsed, io);
    if (!result) return 1;
    const entities = entitySummaries(result.tree, result.authority, kindOption as EntityKind | undefined);
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
