import { fold } from "../../search/fold.ts";
import { reignRanges } from "../reigns.ts";
import type { EntryFilter } from "../types.ts";
import { yearJdnRange } from "../years.ts";
import type { CorrectionScope } from "./corrected.ts";
import type { SqlParams } from "./params.ts";

/**
 * The WHERE conditions of an entry filter over `entries e` joined with `years y` (and with
 * `documents d` and `corpora c` when `needsCorpus`), for both backends. Values are bound
 * parameters only. The entity and event-type conditions test the annotation tables; with
 * `corrected`, the entries corrections change are tested by their corrected annotations instead.
 *
 * @example
 * filterSql({ era: "庆历", year: 3 }, new SqlParams(true)).conditions
 * //=> ["((e.jdn_start BETWEEN $3::bigint AND $4::bigint) OR (y.era_key = $1 AND y.number = $2::bigint))"]
 */
export function filterSql(
  filter: EntryFilter,
  params: SqlParams,
  corrected?: CorrectionScope,
): { conditions: string[]; needsCorpus: boolean } {
  const conditions: string[] = [];
  // A fractional number never equals an integer column: nothing is found, on either backend.
  const integer = (column: string, value: number) =>
    Number.isSafeInteger(value) ? `${column} = ${params.add(value, "bigint")}` : "FALSE";
  if (filter.corpus !== undefined) conditions.push(`c.name = ${params.add(filter.corpus)}`);
  if (filter.documentId !== undefined) {
    conditions.push(integer("e.document_id", filter.documentId));
  }
  if (filter.from !== undefined) {
    const jdn = params.add(yearJdnRange(filter.from).start, "float8");
    const year = params.add(filter.from, "float8");
    conditions.push(`(CASE WHEN e.jdn_start IS NOT NULL THEN e.jdn_end >= ${jdn} ELSE y.ce >= ${year} END)`);
  }
  if (filter.to !== undefined) {
    const jdn = params.add(yearJdnRange(filter.to).end, "float8");
    const year = params.add(filter.to, "float8");
    conditions.push(
      `(CASE WHEN e.jdn_start IS NOT NULL THEN e.jdn_start <= ${jdn} ELSE y.ce <= ${year} END)`,
    );
  }
  const reign = reignCondition(filter, params, integer);
  if (reign) conditions.push(reign);
  if (filter.month !== undefined) conditions.push(integer("e.month", filter.month));
  if (filter.leap !== undefined) conditions.push(integer("e.leap", filter.leap ? 1 : 0));
  if (filter.reckoningState !== undefined)
    conditions.push(`y.reckoning_state = ${params.add(filter.reckoningState)}`);
  if (filter.work !== undefined || filter.juan !== undefined) {
    const parts = ["ci.entry_id = e.id"];
    if (filter.work !== undefined) parts.push(`ci.work_key = ${params.add(fold(filter.work))}`);
    if (filter.juan !== undefined) parts.push(integer("ci.juan", filter.juan));
    conditions.push(`EXISTS (SELECT 1 FROM citations ci WHERE ${parts.join(" AND ")})`);
  }
  const annotated: string[] = [];
  if (filter.eventType !== undefined)
    annotated.push(
      `e.id IN (SELECT ev.entry_id FROM events ev WHERE ev.type = ${params.add(filter.eventType)})`,
    );
  if (filter.entity !== undefined) {
    // The entity's row is looked up once; the entries come from the indexes of its mentions and roles.
    const entity = `(SELECT en.id FROM entities en WHERE en.ref = ${params.add(filter.entity)})`;
    annotated.push(
      `e.id IN (SELECT m.entry_id FROM mentions m WHERE m.entity_id = ${entity}
        UNION SELECT ev.entry_id FROM event_roles r JOIN events ev ON ev.id = r.event_id WHERE r.entity_id = ${entity})`,
    );
  }
  if (annotated.length > 0 && corrected && corrected.corrected.length > 0) {
    const ids = (list: readonly number[]) => list.map((id) => params.add(id, "bigint")).join(", ");
    const others = `(e.id NOT IN (${ids(corrected.corrected)}) AND ${annotated.join(" AND ")})`;
    conditions.push(
      corrected.matching.length > 0 ? `(${others} OR e.id IN (${ids(corrected.matching)}))` : others,
    );
  } else conditions.push(...annotated);
  return { conditions, needsCorpus: filter.corpus !== undefined };
}

/** The joins the conditions of `filterSql` need, after `FROM entries e`. */
export function joinsFor(needsCorpus: boolean): string {
  return `JOIN years y ON y.id = e.year_id${
    needsCorpus ? " JOIN documents d ON d.id = e.document_id JOIN corpora c ON c.id = d.corpus_id" : ""
  }`;
}

/**
 * The condition of a filter's state, era and year: the entry's first day falls in those days of
 * any state's reckoning (宋 慶曆四年, 遼 重熙十三年 and 西夏 天授禮法延祚七年 are the same days), or
 * its year heading says so (an entry without a resolved date, a heading the dates do not follow).
 */
function reignCondition(
  filter: EntryFilter,
  params: SqlParams,
  integer: (column: string, value: number) => string,
): string | null {
  const { state, era, year } = filter;
  if (state === undefined && era === undefined && year === undefined) return null;
  const heading: string[] = [];
  if (era !== undefined) heading.push(`y.era_key = ${params.add(fold(era))}`);
  if (year !== undefined) heading.push(integer("y.number", year));
  if (state !== undefined) {
    const key = params.add(fold(state));
    heading.push(`(y.state_key = ${key} OR y.reckoning_state = ${params.add(state.trim())})`);
  }
  const ranges = reignRanges({ state, era, year });
  if (ranges === null) return heading.join(" AND ");
  const days = ranges.map(
    (r) => `e.jdn_start BETWEEN ${params.add(r.start, "bigint")} AND ${params.add(r.end, "bigint")}`,
  );
  return `(${[...days.map((d) => `(${d})`), `(${heading.join(" AND ")})`].join(" OR ")})`;
}
