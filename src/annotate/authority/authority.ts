import type { AuthorityRecord, RecordKind, RecordOf } from "./schema.ts";

/** Where a record was read from. */
export interface RecordSource {
  file: string;
  line: number;
}

/**
 * A validated, merged set of authority records, looked up by id. Immutable: the annotator keeps
 * what it learns from a document (provisional persons, variant readings) beside it.
 *
 * @example
 * const authority = loadAuthority();
 * authority.get("place:yanzhou")?.name //=> "延州"
 * authority.ofKind("polity").length //=> 20
 */
export class Authority {
  readonly records: readonly AuthorityRecord[];
  private readonly byId: ReadonlyMap<string, { record: AuthorityRecord; origin: RecordSource | null }>;
  /** Compiled forms that later modules cache on the authority (the name automaton). */
  readonly cache = new Map<string, unknown>();

  /**
   * @param items the records, each with the file and line it came from (`origin: null` for
   *   records made in code); ids must be unique
   */
  constructor(items: readonly { record: AuthorityRecord; origin?: RecordSource | null }[]) {
    this.records = items.map((i) => i.record);
    this.byId = new Map(items.map((i) => [i.record.id, { record: i.record, origin: i.origin ?? null }]));
  }

  /** Builds an authority from records made in code. */
  static of(records: readonly AuthorityRecord[]): Authority {
    return new Authority(records.map((record) => ({ record })));
  }

  /** The record with this id, if any. */
  get(id: string): AuthorityRecord | undefined {
    return this.byId.get(id)?.record;
  }

  /** The file and line a record was read from, or `null` for records made in code. */
  origin(id: string): RecordSource | null {
    return this.byId.get(id)?.origin ?? null;
  }

  /** Every record of one kind, in load order. */
  ofKind<K extends RecordKind>(kind: K): RecordOf<K>[] {
    return this.records.filter((r): r is RecordOf<K> => r.kind === kind);
  }
}

/** Where a map shows a place: its own coordinates, or those of the nearest place it belongs to. */
export interface PlaceLocation {
  lat: number;
  lon: number;
  /** The precision of the coordinates used. */
  precision: string;
  /** The place whose coordinates these are (the place itself, or its 州, 路 …). */
  at: string;
  /** True when the coordinates are another place's (a fort shown at its 州). */
  inherited: boolean;
}

/**
 * Where to show a place on a map: its own coordinates, else those of the nearest place it belongs
 * to (`part_of`, then its `part_of` …) that has some, marked `inherited`; `null` when none has.
 *
 * @example
 * placeLocation(loadAuthority(), "place:rouyuan-zhai")
 * //=> { lat: 36, lon: 107.88, precision: "city", at: "place:qingzhou", inherited: true }
 */
export function placeLocation(authority: Authority, id: string): PlaceLocation | null {
  const seen = new Set<string>();
  for (let record = authority.get(id); record?.kind === "place" && !seen.has(record.id); ) {
    seen.add(record.id);
    if (record.lat !== null && record.lon !== null)
      return {
        lat: record.lat,
        lon: record.lon,
        precision: record.precision,
        at: record.id,
        inherited: record.id !== id,
      };
    record = record.part_of === null ? undefined : authority.get(record.part_of);
  }
  return null;
}
