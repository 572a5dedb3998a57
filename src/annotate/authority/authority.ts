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
