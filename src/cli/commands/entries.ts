import { loadCalendar } from "../../calendar/index.ts";
import { type DatedEntryRecord, readChronicle } from "../../pipeline.ts";
import { toCsv } from "../../text/csv.ts";
import { choiceOption, parseArgs } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { readChronicleFile } from "../input.ts";
import { printMessages } from "../messages.ts";
import { yearOption } from "../sources.ts";

const USAGE = `Usage: biannian entries FILE [--format json|csv|text] [--year YEAR] [--verbose]

Prints one record per entry of the chronicle FILE, in text order.
  --format json   an array of entry objects (default)
  --format csv    one row per entry (UTF-8 with BOM, for spreadsheets)
  --format text   one entry per paragraph, for reading
  --year YEAR     the year of the entries before the first year heading, for a file of one
                  year that writes none (慶曆三年, 西夏稱天授禮法延祚六年)
  --verbose       also print informational messages about the text`;

function citationLabel(c: DatedEntryRecord["citations"][number]): string {
  const title = c.section ? `${c.work}·${c.section}` : c.work;
  return `${c.author ?? ""}《${title}》${c.juan === null ? "" : `卷${c.juan}`}`;
}

function asText(records: readonly DatedEntryRecord[]): string {
  const out: string[] = [];
  let year: string | null | undefined;
  for (const r of records) {
    if (r.year.label !== year) {
      year = r.year.label;
      out.push(`== ${year ?? "(no year heading)"} ==`);
    }
    const date = r.date.text ? `${r.date.text}${r.date.own ? "" : "（承前）"}` : "—";
    const western = r.date.julian ? `${r.date.julian.start}–${r.date.julian.end}` : "?";
    out.push(`${r.id}\t${date}\t${western}\t${r.headline}`);
    if (r.details.length > 0) out.push(`\t目 ×${r.details.length}`);
    if (r.citations.length > 0) out.push(`\t出處 ${r.citations.map(citationLabel).join("、")}`);
    for (const v of r.variants) out.push(`\t異文 ${v.name} → ${v.variant}（${v.source}）`);
  }
  return `${out.join("\n")}\n`;
}

function asCsv(records: readonly DatedEntryRecord[]): string {
  return toCsv(
    [
      "id",
      "year_label",
      "era",
      "year_number",
      "date",
      "season",
      "month",
      "leap",
      "day",
      "jdn_start",
      "jdn_end",
      "julian_start",
      "julian_end",
      "gregorian_start",
      "gregorian_end",
      "headline",
      "details",
      "citations",
      "notes",
      "variants",
      "start",
      "end",
    ],
    records.map((r) => [
      r.id,
      r.year.label,
      r.year.era,
      r.year.number,
      r.date.text,
      r.date.season,
      r.date.month,
      r.date.leap,
      r.date.day,
      r.date.jdn?.start,
      r.date.jdn?.end,
      r.date.julian?.start,
      r.date.julian?.end,
      r.date.gregorian?.start,
      r.date.gregorian?.end,
      r.headline,
      r.details.join("\n"),
      r.citations.map(citationLabel).join("；"),
      r.notes.join("\n"),
      r.variants.map((v) => `${v.name}=${v.variant}（${v.source}）`).join("；"),
      r.span.start,
      r.span.end,
    ]),
  );
}

/** `biannian entries FILE`: the entries of a chronicle as JSON, CSV or text. */
export const entriesCommand: Command = {
  name: "entries",
  summary: "print the entries of a chronicle file (JSON, CSV or text)",
  usage: USAGE,
  run(args, io) {
    const parsed = parseArgs(args, { format: "value", verbose: "flag", year: "value" });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const format = choiceOption(parsed, "format", ["json", "csv", "text"] as const);
    const [file, ...extra] = parsed.positional;
    if (file === undefined) throw new UsageError("Missing FILE: which chronicle should be read?");
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    const year = yearOption(parsed);
    const { text } = readChronicleFile(file);
    const { tree, records } = readChronicle(text, loadCalendar(), year ? { year } : {});
    printMessages(io, file, tree.messages, parsed.options.verbose === true);
    if (format === "json") io.out(`${JSON.stringify(records, null, 2)}\n`);
    else if (format === "csv") io.out(asCsv(records));
    else io.out(asText(records));
    return 0;
  },
};
