import { type ConcurrentDate, convertDate, type DateResolution } from "../../calendar/index.ts";
import { choiceOption, parseArgs, stringOption } from "../args.ts";
import { type Command, UsageError } from "../command.ts";

const USAGE = `Usage: biannian date EXPR [--state STATE] [--near YEAR] [--format text|json]

Converts a date between the historical Chinese calendar (221 BCE–1912) and Western dates, and
gives every state's label for it.

EXPR is either
  an era date   慶曆三年四月, 天授禮法延祚六年十二月, 慶曆三年八月壬戌, 慶曆二年閏九月,
                重熙十三年十一月, 宋慶曆三年秋, 慶曆三年是歲, 慶曆三年四月九日
  a Western     1043-05-20, 1043-05 or 1043 — Julian before 1582-10-15, Gregorian from then;
  date          astronomical years (0 = 1 BCE, -0099 = 100 BCE)

Options:
  --state STATE   the state whose era is meant: 宋, 遼 (契丹), 夏 (西夏), 金 …
  --near YEAR     prefer eras used near this Western year
  --format FMT    text (default) or json
  -h, --help      show this help

JSON output: label, jdn {start,end}, julian {start,end}, gregorian {start,end} (ISO dates),
concurrent [{state, era, year, month, leap, day, label}] for the first day (concurrentEnd for the
last day of a range), alternatives (other sources' month starts), candidates, warnings.`;

function line(c: ConcurrentDate): string {
  const note = c.source ? ` [${c.source}]` : c.parallel ? " [unofficial]" : "";
  return `${c.state} ${c.label}${note}`;
}

/** Formats a resolution for people. */
export function formatResolution(r: DateResolution): string {
  const range = (a: string | number, b: string | number): string => (a === b ? String(a) : `${a} – ${b}`);
  const out = [
    r.label,
    `  JDN        ${range(r.jdn.start, r.jdn.end)}`,
    `  Julian     ${range(r.julian.start, r.julian.end)}`,
    `  Gregorian  ${range(r.gregorian.start, r.gregorian.end)}`,
  ];
  if (r.ganzhi) out.push(`  干支       ${r.ganzhi}`);
  if (r.civilYear) out.push(`  Year       ${r.civilYear.ganzhi} (${r.civilYear.ce})`);
  const heading = r.concurrentEnd ? "  First day" : "  Day";
  out.push(`${heading}${r.concurrent.length === 0 ? "  (no Chinese calendar)" : ""}`);
  for (const c of r.concurrent) out.push(`    ${line(c)}`);
  if (r.concurrentEnd) {
    out.push("  Last day");
    for (const c of r.concurrentEnd) out.push(`    ${line(c)}`);
  }
  for (const a of r.alternatives) {
    out.push(
      `  By ${a.source}: ${range(a.julian.start, a.julian.end)} (Julian), JDN ${range(a.jdn.start, a.jdn.end)}`,
    );
  }
  if (r.candidates.length > 0) {
    out.push(
      `  Also an era of: ${r.candidates.map((c) => `${c.state} (${c.years[0]}–${c.years[1]})`).join(", ")}`,
    );
  }
  for (const w of r.warnings) out.push(`  Note: ${w}`);
  return `${out.join("\n")}\n`;
}

/** `biannian date`: converts era dates and Western dates. */
export const dateCommand: Command = {
  name: "date",
  summary: "convert a Chinese era date or a Western date (慶曆三年四月, 1043-05-20)",
  usage: USAGE,
  run(args, io) {
    const parsed = parseArgs(args, { state: "value", near: "value", format: "value" });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const format = choiceOption(parsed, "format", ["text", "json"] as const);
    const expression = parsed.positional.join("").trim();
    if (expression === "") throw new UsageError("a date is needed, e.g. 慶曆三年四月 or 1043-05-20");
    const nearText = stringOption(parsed, "near");
    const near = nearText === undefined ? undefined : Number(nearText);
    if (near !== undefined && !Number.isInteger(near))
      throw new UsageError(`--near needs a year (got "${nearText}")`);
    // A CalendarError (unknown era, impossible date …) is printed by main.ts with exit code 1.
    const result = convertDate(expression, { state: stringOption(parsed, "state"), near });
    io.out(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatResolution(result));
    return 0;
  },
};
