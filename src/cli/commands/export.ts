import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCalendar } from "../../calendar/index.ts";
import {
  EXPORT_FORMATS,
  type ExportDocument,
  type ExportFormat,
  exportDocuments,
} from "../../export/index.ts";
import { readChronicle, storedTree } from "../../pipeline.ts";
import { parseArgs, stringOption } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { printMessages } from "../messages.ts";
import { readSources, SOURCE_OPTIONS, sourceUsage } from "../sources.ts";

const USAGE = `Usage: biannian export FILE... --format tei|csv|jsonld|geojson|gexf [--out DIR] [--verbose]
       biannian export --db PATH --format … [--corpus NAME] [--out DIR]

Reads each chronicle FILE through the pipeline (parse, date, annotate) and exports it; with
--db, exports the documents stored in the database instead, with the dates and annotations the
ingest stored (each text is parsed again for its markup only):
  --format tei      one TEI P5 document per chronicle (NAME.tei.xml), every character of the text kept
  --format csv      entries.csv, citations.csv, mentions.csv, entities.csv and events.csv
                    (UTF-8 with BOM; ids join across the tables); needs --out
  --format jsonld   one JSON-LD graph (schema.org terms and the Biannian vocabulary)
  --format geojson  the places with coordinates and the events located by them (RFC 7946)
  --format gexf     the network of polities and persons for Gephi (GEXF 1.3, with dates)
  --out DIR         write the files into DIR (created if missing); without it the one file a
                    format makes is printed to standard output
${sourceUsage(20)}
  --verbose         also print informational messages about the text`;

/** `biannian export FILE... --format F` (or `--db PATH`): TEI, CSV, JSON-LD, GeoJSON or GEXF. */
export const exportCommand: Command = {
  name: "export",
  summary: "export chronicle files or a database as TEI, CSV, JSON-LD, GeoJSON or GEXF",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, { format: "value", out: "value", verbose: "flag", ...SOURCE_OPTIONS });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const format = stringOption(parsed, "format");
    if (format === undefined) throw new UsageError(`Missing --format: one of ${EXPORT_FORMATS.join(", ")}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")} (got "${format}")`);
    const out = stringOption(parsed, "out");
    if (out === undefined && format === "csv")
      throw new UsageError("--format csv writes five files: give a directory with --out DIR");
    if (out === undefined && format === "tei" && parsed.positional.length > 1)
      throw new UsageError("--format tei writes one document per file: give a directory with --out DIR");
    const sources = await readSources(parsed, Number.POSITIVE_INFINITY, { records: true });
    if (out === undefined && format === "tei" && sources.length > 1)
      throw new UsageError(
        `--format tei writes one document per chronicle and the database holds ${sources.length}: give a directory with --out DIR`,
      );
    const calendar = loadCalendar();
    const verbose = parsed.options.verbose === true;
    const documents: ExportDocument[] = sources.map((source) => {
      const { records, years, messages } = source;
      if (records && years && messages) {
        // As it was stored: its markup parsed from the text, its dates and annotations as the ingest stored them.
        printMessages(io, source.label, messages, verbose);
        const tree = storedTree(source.text, years);
        if (tree)
          return {
            name: source.name,
            text: source.text,
            tree,
            records,
            sha256: source.sha256,
            ...(source.corrections?.length ? { corrections: source.corrections } : {}),
          };
      }
      // A file, or a document stored before its headings' days were kept: dated (and a file annotated) again.
      const read = readChronicle(source.text, calendar, {
        ...(source.year ? { year: source.year } : {}),
        ...(records ? { annotate: false } : {}),
      });
      if (!(records && years && messages)) printMessages(io, source.label, read.tree.messages, verbose);
      return {
        name: source.name,
        text: source.text,
        tree: read.tree,
        records: records ?? read.records,
        sha256: source.sha256,
      };
    });
    const written = exportDocuments(documents, format as ExportFormat);
    if (out === undefined) {
      io.out(written[0]!.content);
      return 0;
    }
    mkdirSync(out, { recursive: true });
    for (const file of written) {
      const path = join(out, file.name);
      writeFileSync(path, file.content);
      io.out(`wrote ${path}\n`);
    }
    return 0;
  },
};
