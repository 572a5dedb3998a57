/**
 * Calendar conversion throughput: era dates to JDN, JDN to every state's label, and loading the
 * data. Run alone with `node --import tsx bench/calendar.ts`.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { decodeCalendarData } from "../src/calendar/data-format.ts";
import { concurrentAt, convertDate, type EraDateQuery, resolveEraDate } from "../src/calendar/index.ts";
import { buildCalendar, loadCalendar } from "../src/calendar/model.ts";

/** One measured figure. */
export interface CalendarFigure {
  name: string;
  value: number;
  unit: string;
}

/** Runs `fn` repeatedly for about `ms` milliseconds and returns calls per second. */
function rate(fn: (i: number) => void, ms = 400): number {
  for (let i = 0; i < 200; i++) fn(i); // warm up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let k = 0; k < 100; k++) fn(calls++);
    elapsed = performance.now() - start;
  }
  return Math.round(calls / (elapsed / 1000));
}

/** Era dates spread over the Song, Liao, Western Xia and Jin calendars. */
function sampleQueries(): [EraDateQuery, number][] {
  const calendar = loadCalendar();
  const queries: [EraDateQuery, number][] = [];
  for (const id of ["北宋", "南宋", "遼", "西夏", "金"]) {
    const state = calendar.stateById.get(id)!;
    for (const era of state.eras) {
      if (era.parallelOnly || era.name.startsWith("（")) continue;
      for (const [year, yearIndex] of era.years) {
        const months = state.years[yearIndex]!.months;
        const month = months[year % months.length]!;
        const query = {
          era: era.name,
          year,
          month: month.month,
          leap: month.leap > 0,
          day: 1 + (year % 28),
          state: id,
        };
        queries.push([query, state.years[yearIndex]!.ce]);
      }
    }
  }
  return queries;
}

/**
 * Measures conversions per second.
 *
 * @example
 * for (const f of await benchCalendar()) console.log(f.name, f.value, f.unit);
 */
export async function benchCalendar(): Promise<CalendarFigure[]> {
  const dataUrl = new URL("../data/calendar/chinese-calendar.tsv", import.meta.url);
  const loadStart = performance.now();
  buildCalendar(decodeCalendarData(readFileSync(dataUrl, "utf8")));
  const loadMs = performance.now() - loadStart;
  loadCalendar();
  const queries = sampleQueries();
  const texts = [
    "慶曆三年八月壬戌",
    "天授禮法延祚六年十二月",
    "慶曆二年閏九月",
    "重熙十三年十一月",
    "1043-05-20",
  ];
  const first = loadCalendar().stateById.get("北宋")!.first;
  const span = loadCalendar().stateById.get("南宋")!.last - first;
  return [
    { name: "load data file (decode + index)", value: Math.round(loadMs), unit: "ms" },
    {
      name: "era date → JDN (resolveEraDate)",
      value: rate((i) => {
        const [query, near] = queries[i % queries.length]!;
        resolveEraDate(query, { near });
      }),
      unit: "conversions/s",
    },
    {
      name: "expression → JDN (convertDate)",
      value: rate((i) => convertDate(texts[i % texts.length]!)),
      unit: "conversions/s",
    },
    {
      name: "JDN → concurrent eras (concurrentAt)",
      value: rate((i) => concurrentAt(first + ((i * 7919) % span))),
      unit: "conversions/s",
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await benchCalendar()) console.log(`${f.name}: ${f.value.toLocaleString("en")} ${f.unit}`);
}
