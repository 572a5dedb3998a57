import { loadCalendar } from "../../calendar/index.ts";
import {
  type CollatedEntry,
  CSV_COLUMNS,
  collatedEntries,
  csvRows,
  DEFAULT_MIN_SCORE,
  findParallels,
  groupOut,
  type ParallelGroupOut,
  textLines,
} from "../../collate/index.ts";
import { documentParallels } from "../../collate/stored.ts";
import { readChronicle } from "../../pipeline.ts";
import { toCsv } from "../../text/csv.ts";
import { choiceOption, parseArgs, stringOption } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { printMessages } from "../messages.ts";
import { openStoredDocuments, readSources, SOURCE_OPTIONS, sourceUsage, storedLocation } from "../sources.ts";

const USAGE = `Usage: biannian parallels FILE...|--db PATH [--document ID]... [--min-score S]
                          [--format json|csv|text] [--corpus NAME] [--verbose]

Finds the accounts of one event in different chronicles (考異) and says what differs between
them: the date (year, month or day), quantities (茶三萬斤 against 茶三斤), names (a person or
place written otherwise, and whether the spellings are known aliases) and the wording. Accounts
are paired within a few months of each other and scored from 0 to 1 on their dates, the
persons, places and polities both name, their event types and their wording. The juan of one
work (長編 卷139, 卷149…) are one chronicle and are never paired with each other.
FILEs are read as \`entries\` reads them, with the same ids; with --db, every stored document
(entries named by their store ids, e.g. 3:e13).
  --document ID        only the groups holding an entry of this document (a FILE as named, or a
                       store id); may be given several times
  --min-score S        the least score of a pair, 0–1 (default ${DEFAULT_MIN_SCORE})
  --format json        {"groups": [{"score", "entries": [{"id", "document", "headline", "date"…}],
                       "differences": [{"kind", "values", "text"}]}]} (default)
  --format csv         one row per account of each group
  --format text        each group with its accounts and differences
${sourceUsage(23)}
  --verbose            also print informational messages about the text`;

/** Takes every `--NAME VALUE` (or `--NAME=VALUE`) out of `args`: an option that may repeat. */
function takeRepeated(args: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === `--${name}`) {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`Option --${name} needs a value`);
      values.push(value);
      i++;
    } else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
    else rest.push(arg);
  }
  return { values, rest };
}

/** `biannian parallels FILE...`: the accounts of one event in different chronicles. */
export const parallelsCommand: Command = {
  name: "parallels",
  summary: "set the accounts of one event in different chronicles side by side, with what differs",
  usage: USAGE,
  async run(args, io) {
    const { values: documents, rest } = takeRepeated(args, "document");
    const parsed = parseArgs(rest, {
      format: "value",
      "min-score": "value",
      verbose: "flag",
      ...SOURCE_OPTIONS,
    });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const format = choiceOption(parsed, "format", ["json", "csv", "text"] as const);
    const minText = stringOption(parsed, "min-score");
    const minScore = minText === undefined ? DEFAULT_MIN_SCORE : Number(minText);
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1)
      throw new UsageError(`--min-score must be a number from 0 to 1 (got "${minText}")`);
    const stored = storedLocation(parsed);
    let groups: ParallelGroupOut[];
    if (stored) {
      // A database: what the ingest stored, candidates read by date around the documents asked for.
      const { store, documents: all } = await openStoredDocuments(stored.location, stored.corpus);
      try {
        const known = new Set(all.map((d) => String(d.id)));
        for (const d of documents)
          if (!known.has(d)) throw new UsageError(`--document ${d}: no document with this id is stored`);
        const ids = (documents.length > 0 ? documents : [...known]).map(Number);
        groups = (await documentParallels(store, ids, minScore))!.groups;
      } finally {
        await store.close();
      }
    } else {
      const calendar = loadCalendar();
      const entries: CollatedEntry[] = [];
      for (const source of await readSources(parsed)) {
        const { tree, records } = readChronicle(
          source.text,
          calendar,
          source.year ? { year: source.year } : {},
        );
        printMessages(io, source.label, tree.messages, parsed.options.verbose === true);
        entries.push(
          ...collatedEntries(
            source.label,
            tree.meta.document,
            records,
            tree.meta.document.title ?? source.name,
          ),
        );
      }
      const known = new Set(entries.map((e) => e.document));
      for (const d of documents)
        if (!known.has(d))
          throw new UsageError(`--document ${d}: no such document among ${[...known].join(", ")}`);
      groups = findParallels(entries, { minScore, ...(documents.length > 0 ? { documents } : {}) }).map(
        groupOut,
      );
    }
    if (format === "json") io.out(`${JSON.stringify({ groups }, null, 2)}\n`);
    else if (format === "csv") io.out(toCsv(CSV_COLUMNS, csvRows(groups)));
    else io.out(`${textLines(groups).join("\n")}\n`);
    return 0;
  },
};
