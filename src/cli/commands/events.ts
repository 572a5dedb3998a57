import { type ChronicleEvent, EVENT_RULES, type EventType } from "../../annotate/index.ts";
import { toCsv } from "../../text/csv.ts";
import { choiceOption, parseArgs, stringOption } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { SOURCE_OPTIONS, sourceUsage } from "../sources.ts";
import { AUTHORITY_OPTIONS, annotatedStore, readAnnotated, readStored } from "./entities.ts";

const TYPES: readonly EventType[] = [...new Set(EVENT_RULES.map((r) => r.type))].sort();

const USAGE = `Usage: biannian events FILE|--db PATH [--type TYPE] [--format json|csv]
                       [--authority FILE.jsonl] [--cbdb FILE.db] [--corpus NAME] [--year YEAR] [--verbose]

Lists the events of the chronicle FILE (or, with --db, the events the ingest stored for every
document of the database; entries are then named by their store ids, e.g. 1:e13), entry by
entry, headline first: each with its type, the entry and field it was read from, its date, the rule that
produced it, the clause it reads (text and offsets) and its roles (authority ids, or text for
purposes, items and outcomes).
  --type TYPE          only events of this type: ${TYPES.join(", ")}
  --format json        an array of event objects (default)
  --format csv         one row per event, roles as "role=id|id; role=text"
  --authority FILE     further authority records, merged with the bundled ones (see entities --help)
  --cbdb FILE          persons from a CBDB SQLite export (see entities --help)
${sourceUsage(23)}
  --verbose            also print informational messages about the text`;

/** An event as the command prints it: with its entry and date. */
interface EventRow extends ChronicleEvent {
  entry: string;
  /** The file's or stored document's name. */
  document: string;
  date: { text: string | null; julian: { start: string; end: string } | null };
}

function rolesText(event: ChronicleEvent): string {
  return Object.entries(event.roles)
    .map(([name, values]) => `${name}=${values.map((v) => v.ref ?? v.text).join("|")}`)
    .join("; ");
}

/** `biannian events FILE`: the events of a chronicle. */
export const eventsCommand: Command = {
  name: "events",
  summary: "list the events of a chronicle: embassies, raids, battles, appointments …",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, {
      type: "value",
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
    const type = stringOption(parsed, "type");
    if (type !== undefined && !(TYPES as readonly string[]).includes(type))
      throw new UsageError(`--type must be one of ${TYPES.join(", ")} (got "${type}")`);
    const rows: EventRow[] = [];
    const stored = annotatedStore(parsed);
    if (stored) {
      const pages = await readStored(stored, parsed, io, async (store, document) =>
        (
          await store.listEvents(
            { documentId: document.id, ...(type === undefined ? {} : { type }) },
            { limit: Number.MAX_SAFE_INTEGER },
          )
        ).results.map(
          ({ entry, event }): EventRow => ({
            entry: entry.id,
            document: document.name,
            date: { text: entry.date.text, julian: entry.date.julian ?? null },
            ...event,
          }),
        ),
      );
      rows.push(...pages.flat());
    } else {
      const result = await readAnnotated(parsed, io);
      if (!result) return 1;
      for (const { source, tree, entryPrefix } of result.sources)
        for (const year of tree.children)
          for (const entry of year.children)
            for (const event of entry.data?.events ?? []) {
              if (type !== undefined && event.type !== type) continue;
              rows.push({
                entry: `${entryPrefix}${entry.id}`,
                document: source.name,
                date: { text: entry.date.text, julian: entry.data?.date?.julian ?? null },
                ...event,
              });
            }
    }
    if (format === "json") {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    io.out(
      toCsv(
        [
          "entry",
          "document",
          "date",
          "julian_start",
          "julian_end",
          "type",
          "field",
          "rule",
          "text",
          "roles",
          "start",
          "end",
        ],
        rows.map((r) => [
          r.entry,
          r.document,
          r.date.text,
          r.date.julian?.start,
          r.date.julian?.end,
          r.type,
          r.field,
          r.rule,
          r.text,
          rolesText(r),
          r.start,
          r.end,
        ]),
      ),
    );
    return 0;
  },
};
