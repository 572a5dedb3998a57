import { readChronicle } from "../../pipeline.ts";
import { parseArgs } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { readChronicleFile } from "../input.ts";
import { printMessages } from "../messages.ts";

const USAGE = `Usage: biannian parse FILE [--verbose]

Prints the whole syntax tree of the chronicle FILE as JSON: years, headings, entries, dates,
headlines, details, citations, notes and variant readings, each with its position
(line, column and offset of start and end) in the text. Dated nodes carry their
Julian Day Numbers, Julian and Gregorian dates and concurrent reign dates under "data".`;

/** `biannian parse FILE`: the positioned syntax tree as JSON. */
export const parseCommand: Command = {
  name: "parse",
  summary: "print the positioned syntax tree of a chronicle file as JSON",
  usage: USAGE,
  run(args, io) {
    const parsed = parseArgs(args, { verbose: "flag" });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const [file, ...extra] = parsed.positional;
    if (file === undefined) throw new UsageError("Missing FILE: which chronicle should be read?");
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    const { text } = readChronicleFile(file);
    const { tree } = readChronicle(text);
    printMessages(io, file, tree.messages, parsed.options.verbose === true);
    io.out(`${JSON.stringify(tree, null, 2)}\n`);
    return 0;
  },
};
