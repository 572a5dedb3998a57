import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  EXPORT_FORMATS,
  type ExportDocument,
  type ExportFormat,
  exportDocuments,
} from "../../export/index.ts";
import { readChronicle } from "../../pipeline.ts";
import { parseArgs, stringOption } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { readChronicleFile } from "../input.ts";
import { printMessages } from "../messages.ts";

const USAGE = `Usage: biannian export FILE... --format tei|csv|jsonld|geojson|gexf [--out DIR] [--verbose]

Reads each chronicle FILE through the pipeline (parse, date, annotate) and exports it:
  --format tei      one TEI P5 document per file (FILE.tei.xml), every character of the text kept
  --format csv      entries.csv, citations.csv, mentions.csv, entities.csv and events.csv
                    (UTF-8 with BOM; ids join across the tables); needs --out
  --format jsonld   one JSON-LD graph (schema.org terms and the Biannian vocabulary)
  --format geojson  the places with coordinates and the events located by them (RFC 7946)
  --format gexf     the network of polities and persons for Gephi (GEXF 1.3, with dates)
  --out DIR         write the files into DIR (created if missing); without it the one file a
                    format makes is printed to standard output
  --verbose         also print informational messages about the text`;

/** `biannian export FILE... --format F`: TEI, CSV, JSON-LD, GeoJSON or GEXF. */
export const exportCommand: Command = {
  name: "export",
  summary: "export chronicle files as TEI, CSV, JSON-LD, GeoJSON or GEXF",
  usage: USAGE,
  run(args, io) {
    const parsed = parseArgs(args, { format: "value", out: "value", verbose: "flag" });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const format = stringOption(parsed, "format");
    if (format === undefined) throw new UsageError(`Missing --format: one of ${EXPORT_FORMATS.join(", ")}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")} (got "${format}")`);
    const files = parsed.positional;
    if (files.length === 0) throw new UsageError("Missing FILE: which chronicles should be exported?");
    const out = stringOption(parsed, "out");
    if (out === undefined && format === "csv")
      throw new UsageError("--format csv writes five files: give a directory with --out DIR");
    if (out === undefined && format === "tei" && files.length > 1)
      throw new UsageError("--format tei writes one document per file: give a directory with --out DIR");
    const documents: ExportDocument[] = files.map((file) => {
      const { text } = readChronicleFile(file);
      const { tree, records } = readChronicle(text);
      printMessages(io, file, tree.messages, parsed.options.verbose === true);
      const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
      return { name: basename(file), text, tree, records, sha256 };
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
