import { pathToFileURL } from "node:url";
import { annotateEntries, compileDictionary, loadAuthority } from "../src/annotate/index.ts";
import { loadCalendar } from "../src/calendar/index.ts";
import { dateEntries } from "../src/date/index.ts";
import { parse } from "../src/parse/index.ts";
import { type Figure, repeatedSample, time } from "./corpus.ts";

const CHARS = 10_000_000;

/**
 * Annotation throughput on ≥ 10 M characters (the sample repeated) beside parse time: parse,
 * date, then annotate (names, quantities, events). The target is that annotation adds no more
 * than 3× the parse time.
 */
export async function benchAnnotate(): Promise<Figure[]> {
  const text = repeatedSample(CHARS);
  const calendar = loadCalendar();
  let authority = loadAuthority();
  const loadMs = time(() => {
    authority = loadAuthority();
  });
  const compileMs = time(() => compileDictionary(authority));
  // Warm up once on a slice, then take the best of three runs of each stage.
  annotateEntries(dateEntries(parse(text.slice(0, 200_000)), calendar), authority, {
    text: text.slice(0, 200_000),
  });
  const parseRuns: number[] = [];
  const dateRuns: number[] = [];
  const annotateRuns: number[] = [];
  let mentions = 0;
  let events = 0;
  let tree = parse("");
  for (let run = 0; run < 3; run++) {
    tree = parse("");
    parseRuns.push(
      time(() => {
        tree = parse(text);
      }),
    );
    dateRuns.push(time(() => dateEntries(tree, calendar)));
    annotateRuns.push(time(() => annotateEntries(tree, authority, { text })));
    mentions = 0;
    events = 0;
    for (const year of tree.children)
      for (const entry of year.children) {
        mentions += entry.data?.mentions?.length ?? 0;
        events += entry.data?.events?.length ?? 0;
      }
  }
  const parseMs = Math.min(...parseRuns);
  const dateMs = Math.min(...dateRuns);
  const annotateMs = Math.min(...annotateRuns);
  return [
    { name: "corpus size", value: text.length, unit: "chars" },
    { name: "load + validate authority", value: Math.round(loadMs), unit: "ms" },
    { name: "compile name automaton", value: Math.round(compileMs), unit: "ms" },
    { name: "parse", value: Math.round(text.length / (parseMs / 1000)), unit: "chars/s" },
    { name: "date", value: Math.round(text.length / (dateMs / 1000)), unit: "chars/s" },
    { name: "annotate", value: Math.round(text.length / (annotateMs / 1000)), unit: "chars/s" },
    { name: "mentions found", value: mentions, unit: "mentions" },
    { name: "events found", value: events, unit: "events" },
    { name: "annotate / parse time ratio", value: Number((annotateMs / parseMs).toFixed(2)), unit: "×" },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await benchAnnotate()) console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}`);
}
