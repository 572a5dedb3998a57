/**
 * The parts of a sentence that events took, by type, so that a later rule does not read a part an
 * event of the same or a conflicting type took (an investiture is not also an appointment).
 */
import type { EventType } from "../types.ts";

/** The parts of one type: `count` ranges apart from each other, in order (so their ends are in order too). */
interface Parts {
  starts: number[];
  ends: number[];
  count: number;
}

/**
 * The parts the events of the current sentence took. The parts of one type never overlap (an event
 * does not take a part of its own type), and a rule's own matches never overlap each other: a
 * rule's parts are added once it is done, in order, and each look-up is a binary search — a long
 * sentence with many events stays linear. The arrays are kept from sentence to sentence.
 */
export class TakenParts {
  private readonly byType = new Map<EventType, Parts>();
  /** The types with parts in the current sentence, `used` of them. */
  private readonly types: Parts[] = [];
  private used = 0;
  /** The parts of the rule being read, `added` of them, not yet among the others, and their type. */
  private readonly newStarts: number[] = [];
  private readonly newEnds: number[] = [];
  private added = 0;
  private newType: EventType | null = null;
  /** Where two lists are merged. */
  private readonly mergedStarts: number[] = [];
  private readonly mergedEnds: number[] = [];

  /** Starts a sentence. */
  clear(): void {
    for (let k = 0; k < this.used; k++) this.types[k]!.count = 0;
    this.used = 0;
  }

  /** True when an event of `type` or of one of `conflicts` took part of `start`…`end`. */
  overlaps(start: number, end: number, type: EventType, conflicts: readonly EventType[]): boolean {
    if (this.used === 0) return false;
    if (this.overlapsType(start, end, type)) return true;
    for (let k = 0; k < conflicts.length; k++) if (this.overlapsType(start, end, conflicts[k]!)) return true;
    return false;
  }

  private overlapsType(start: number, end: number, type: EventType): boolean {
    const parts = this.byType.get(type);
    if (parts === undefined || parts.count === 0) return false;
    const { starts, ends, count } = parts;
    // The first part that ends after `start`: it overlaps when it starts before `end`.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < count && starts[lo]! < end;
  }

  /** Notes a part the current rule took (in order; added to the others by `commit`). */
  take(start: number, end: number, type: EventType): void {
    this.newType = type;
    this.newStarts[this.added] = start;
    this.newEnds[this.added++] = end;
  }

  /** Adds the parts the rule just read took, in order among those of their type. */
  commit(): void {
    const type = this.newType;
    if (type === null) return;
    let parts = this.byType.get(type);
    if (parts === undefined) {
      parts = { starts: [], ends: [], count: 0 };
      this.byType.set(type, parts);
    }
    if (parts.count === 0) this.types[this.used++] = parts;
    const { newStarts, newEnds, added } = this;
    const { starts, ends, count } = parts;
    if (count === 0 || ends[count - 1]! <= newStarts[0]!) {
      for (let k = 0; k < added; k++) {
        starts[count + k] = newStarts[k]!;
        ends[count + k] = newEnds[k]!;
      }
    } else {
      // Two lists in order merged into one.
      const { mergedStarts, mergedEnds } = this;
      let i = 0;
      let j = 0;
      for (let k = 0; k < count + added; k++)
        if (j === added || (i < count && starts[i]! < newStarts[j]!)) {
          mergedStarts[k] = starts[i]!;
          mergedEnds[k] = ends[i++]!;
        } else {
          mergedStarts[k] = newStarts[j]!;
          mergedEnds[k] = newEnds[j++]!;
        }
      for (let k = 0; k < count + added; k++) {
        starts[k] = mergedStarts[k]!;
        ends[k] = mergedEnds[k]!;
      }
    }
    parts.count = count + added;
    this.added = 0;
    this.newType = null;
  }
}
