import { existsSync } from "node:fs";
import { QueryError } from "../../search/query.ts";
import {
  type EntryFilter,
  isPostgresUrl,
  openStore,
  resolveDatabasePath,
  type SearchHit,
  type SearchPage,
} from "../../store/index.ts";
import { choiceOption, type ParsedArgs, parseArgs, stringOption } from "../args.ts";
import { type Command, UsageError } from "../command.ts";

const USAGE = `Usage: biannian search QUERY... [--db PATH] [--limit N] [--offset N] [--format kwic|text|json]
                       [--from YEAR] [--to YEAR] [--era ERA] [--year N] [--month N] [--leap]
                       [--state STATE] [--work WORK] [--juan N] [--corpus NAME]
                       [--sort relevance|date|document]

Finds the entries whose headline, details or notes contain every term of QUERY (terms are
separated by spaces; no word segmentation, so 茶, 青鹽 and 韓琦 are all terms). Simplified,
traditional and variant forms match each other: 青盐 finds 青鹽, 范仲淹 finds 範仲淹.
Entries with a match in the headline come first, then the most relevant.
  --db PATH        the database file or postgres:// URL (default: $BIANNIAN_DB, else biannian.db
                   in the user's data directory)
  --limit N        at most N entries (default 20, at most 1000)
  --offset N       skip the first N entries (default 0)
  --format kwic    keyword in context: one line per match, the matches aligned in a column,
                   with the entry's id and date (default)
  --format text    one entry per paragraph with the matches marked
  --format json    an object with total, limit, offset and results (each with its match offsets)
  --from, --to     CE years, inclusive (by the resolved date, else by the year heading)
  --era, --year    an era and its year (元年 = 1) in any state's reckoning: entries whose first
                   day falls in it, so --era 慶曆 --year 4, --era 重熙 --year 13 and --era 天授禮法延祚
                   --year 7 all find 1044; variant and simplified spellings are read (慶厯, 庆历)
  --month N        the month (1-12); --leap for leap months only
  --state STATE    a state (西夏, 宋, 北宋, 遼…): entries whose first day falls within its calendar;
                   with --era, only that state's eras of the name
  --sort ORDER     relevance (the default: headline matches first, then score), date (the first
                   day of each entry's date, undated last) or document (by document, in text order)
  --work, --juan   a cited work, and its juan
  --corpus NAME    only documents of this corpus`;

const MAX_LIMIT = 1000;
const CONTEXT = 14;

/** Reads an integer option within bounds, or `undefined` when absent. */
export function integerOption(
  parsed: ParsedArgs,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()))
    throw new UsageError(`--${name} must be a whole number (got "${value}")`);
  // However many digits: a number above `max` never rounds down to it (up to 2^53 - 1, every
  // whole number is exact).
  const number = Number(value);
  if (number < min || number > max)
    throw new UsageError(`--${name} must be between ${min} and ${max} (got ${value.trim()})`);
  return number + 0;
}

/** The entry filter the command line asks for. */
export function filterOptions(parsed: ParsedArgs): EntryFilter {
  const filter: EntryFilter = {};
  const from = integerOption(parsed, "from", -9999, 9999);
  const to = integerOption(parsed, "to", -9999, 9999);
  const year = integerOption(parsed, "year", 1, 999);
  const month = integerOption(parsed, "month", 1, 12);
  const juan = integerOption(parsed, "juan", 0, 100_000);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (year !== undefined) filter.year = year;
  if (month !== undefined) filter.month = month;
  if (juan !== undefined) filter.juan = juan;
  if (parsed.options.leap === true) filter.leap = true;
  for (const name of ["era", "state", "work", "corpus"] as const) {
    const value = stringOption(parsed, name);
    if (value !== undefined) filter[name] = value;
  }
  return filter;
}

/** Wraps the ranges of `text` in marks (ANSI bold on a terminal, 【】 elsewhere). */
function mark(text: string, ranges: readonly { start: number; end: number }[], tty: boolean): string {
  const [open, close] = tty ? ["\u001b[1;31m", "\u001b[0m"] : ["【", "】"];
  let out = "";
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    out += text.slice(at, r.start) + open + text.slice(r.start, r.end) + close;
    at = r.end;
  }
  return out + text.slice(at);
}

/** An entry's id, year, date and marked headline, then its snippets, one per line. */
function hitAsText(hit: SearchHit, snippets: readonly string[], tty: boolean): string[] {
  const year = hit.year.label ?? "(no year heading)";
  const date = typeof hit.date.text === "string" ? hit.date.text : "";
  const headlineMatches = hit.matches.filter((m) => m.field === "headline");
  return [
    `${hit.id}\t${year} ${date}`.trimEnd(),
    `\t${mark(hit.headline, headlineMatches, tty)}`,
    ...snippets.map((s) => `\t${s}`),
  ];
}

/** The text output: a heading line, then one paragraph per entry with snippets around the matches. */
function pageAsText(page: SearchPage, query: string, tty: boolean, snippets: Map<string, string[]>): string {
  if (page.total === 0) return `No entry matches ${query}.\n`;
  const last = page.offset + page.results.length;
  const range = page.results.length ? ` (${page.offset + 1}–${last})` : ` (none from ${page.offset + 1})`;
  const out = [`${page.total} ${page.total === 1 ? "entry matches" : "entries match"} ${query}${range}`];
  for (const hit of page.results) out.push("", ...hitAsText(hit, snippets.get(hit.id) ?? [], tty));
  return `${out.join("\n")}\n`;
}

/** Characters of context on each side of a match in a keyword-in-context line. */
const KWIC_CONTEXT = 12;
/** Markup of a Kanripo file that is no text: page markers, line marks, the note column slash. */
const MARKUP = /<pb:[^>]*>|¶|\r?\n/gu;

/**
 * Keyword in context: one line per match (at most `MAX_KWIC` an entry), the entry's id and date,
 * then the context before the match right-aligned, the match, and the context after, so that
 * the matches stand in one column.
 */
async function pageAsKwic(
  page: SearchPage,
  query: string,
  tty: boolean,
  slice: (documentId: number, start: number, end: number) => Promise<string | null>,
): Promise<string> {
  if (page.total === 0) return `No entry matches ${query}.\n`;
  const last = page.offset + page.results.length;
  const range = page.results.length ? ` (${page.offset + 1}–${last})` : ` (none from ${page.offset + 1})`;
  const out = [`${page.total} ${page.total === 1 ? "entry matches" : "entries match"} ${query}${range}`];
  const [open, close] = tty ? ["\u001b[1;31m", "\u001b[0m"] : ["【", "】"];
  for (const hit of page.results) {
    const date = `${hit.year.label ?? ""} ${typeof hit.date.text === "string" ? hit.date.text : ""}`.trim();
    for (const m of hit.matches.slice(0, MAX_KWIC)) {
      let before: string;
      let match: string;
      let after: string;
      if (m.field === "headline") {
        before = hit.headline.slice(Math.max(0, m.start - KWIC_CONTEXT), m.start);
        match = hit.headline.slice(m.start, m.end);
        after = hit.headline.slice(m.end, m.end + KWIC_CONTEXT);
      } else {
        const from = Math.max(0, m.documentStart - KWIC_CONTEXT * 3);
        const text = (await slice(hit.documentId, from, m.documentEnd + KWIC_CONTEXT * 3)) ?? "";
        before = text
          .slice(0, m.documentStart - from)
          .replace(MARKUP, "")
          .slice(-KWIC_CONTEXT);
        match = text.slice(m.documentStart - from, m.documentEnd - from).replace(MARKUP, "");
        after = text
          .slice(m.documentEnd - from)
          .replace(MARKUP, "")
          .slice(0, KWIC_CONTEXT);
      }
      // Chinese characters are all of one width: padding with ideographic spaces aligns the matches.
      const pad = "\u3000".repeat(Math.max(0, KWIC_CONTEXT - Array.from(before).length));
      out.push(`${hit.id}\t${date}\t${pad}${before}${open}${match}${close}${after}`);
    }
    if (hit.matches.length > MAX_KWIC)
      out.push(`${hit.id}\t(+${hit.matches.length - MAX_KWIC} more in this entry)`);
  }
  return `${out.join("\n")}\n`;
}

/** The most matches of one entry shown as keyword-in-context lines. */
const MAX_KWIC = 5;

/** `biannian search QUERY`: full-text search over the stored entries. */
export const searchCommand: Command = {
  name: "search",
  summary: "search the stored entries (folding simplified, traditional and variant forms)",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, {
      db: "value",
      limit: "value",
      offset: "value",
      format: "value",
      from: "value",
      to: "value",
      era: "value",
      year: "value",
      month: "value",
      leap: "flag",
      state: "value",
      work: "value",
      juan: "value",
      corpus: "value",
      sort: "value",
    });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const query = parsed.positional.join(" ");
    if (query.trim() === "") throw new UsageError("Missing QUERY: what should be searched for?");
    const format = choiceOption(parsed, "format", ["kwic", "text", "json"] as const);
    const limit = integerOption(parsed, "limit", 0, MAX_LIMIT) ?? 20;
    const offset = integerOption(parsed, "offset", 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const filter = filterOptions(parsed);
    const order = choiceOption(parsed, "sort", ["relevance", "date", "document"] as const);
    const dbPath = resolveDatabasePath(stringOption(parsed, "db"));
    if (dbPath !== ":memory:" && !isPostgresUrl(dbPath) && !existsSync(dbPath)) {
      throw new Error(`no database at ${dbPath}; store chronicles first with \`biannian ingest FILE\``);
    }
    const store = await openStore(dbPath);
    try {
      let page: SearchPage;
      try {
        page = await store.search({ ...filter, query, limit, offset, order });
      } catch (error) {
        if (error instanceof QueryError) throw new UsageError(error.message);
        throw error;
      }
      if (format === "json") {
        io.out(`${JSON.stringify({ query, ...page }, null, 2)}\n`);
        return 0;
      }
      if (format === "kwic") {
        io.out(
          await pageAsKwic(page, query, io.isTTY, (id, start, end) => store.getDocumentText(id, start, end)),
        );
        return 0;
      }
      const snippets = new Map<string, string[]>();
      for (const hit of page.results) {
        const others = hit.matches.filter((m) => m.field !== "headline");
        const lines: string[] = [];
        for (const m of others.slice(0, 3)) {
          const before = Math.max(0, m.documentStart - CONTEXT);
          const text = (await store.getDocumentText(hit.documentId, before, m.documentEnd + CONTEXT)) ?? "";
          const local = { start: m.documentStart - before, end: m.documentEnd - before };
          const label = `${m.field === "detail" ? "detail" : "note"} ${m.index + 1}:`;
          lines.push(`${label} …${mark(text, [local], io.isTTY).replaceAll("\n", " ")}…`);
        }
        if (others.length > 3) lines.push(`(+${others.length - 3} more)`);
        snippets.set(hit.id, lines);
      }
      io.out(pageAsText(page, query, io.isTTY, snippets));
      return 0;
    } finally {
      await store.close();
    }
  },
};
