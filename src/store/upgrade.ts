/**
 * What the upgrade to annotation tables (SQLite version 3, PostgreSQL version 5) computes from
 * the rows a database already holds, the same for both backends: each entry's annotations, taken
 * out of the `extra` JSON where earlier versions kept them, and each year's reckoning state, from
 * the concurrent reign dates stored with its entries. Nothing is read again from the texts.
 */
import type { ChronicleEvent, Mention } from "../annotate/types.ts";
import { reckoningState } from "./reckoning.ts";
import { type EventRows, eventRows, type MentionRows, mentionRows } from "./rows.ts";
import type { DateFields } from "./types.ts";

/** An entry's annotations as rows, and what is left of its `extra`. */
export interface MovedAnnotations {
  /** The fields of `extra` other than the annotations, as JSON, or null when none is left. */
  extra: string | null;
  mentions: MentionRows[];
  events: EventRows[];
}

/**
 * Takes the annotations out of an entry's `extra` JSON (as versions before kept them: the
 * records' `mentions` and `events` fields).
 *
 * @example
 * moveAnnotations('{"locus":null,"mentions":[],"events":[]}') //=> { extra: '{"locus":null}', mentions: [], events: [] }
 */
export function moveAnnotations(extra: string): MovedAnnotations {
  // The JSON the ingest wrote from the pipeline's records.
  const { mentions, events, ...rest } = JSON.parse(extra) as {
    mentions?: Mention[];
    events?: ChronicleEvent[];
  } & Record<string, unknown>;
  return {
    extra: Object.keys(rest).length ? JSON.stringify(rest) : null,
    mentions: (mentions ?? []).map(mentionRows),
    events: (events ?? []).map(eventRows),
  };
}

/**
 * The reckoning state of a year from its heading and its entries' stored dates (JSON), in order:
 * the heading's state, else the state whose concurrent date of the first dated entry carries the
 * heading's era.
 */
export function storedYearState(
  year: { state: string | null; era: string | null },
  dates: readonly string[],
): string | null {
  if (year.state) return year.state;
  if (!year.era) return null;
  for (const json of dates) {
    // The entry's stored date: the record's, with the dating stage's fields when it was dated.
    const concurrent = (JSON.parse(json) as Partial<DateFields>).concurrent;
    if (concurrent != null) return reckoningState(year, concurrent);
  }
  return null;
}
