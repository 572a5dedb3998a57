/** The timeline's data: every dated entry as parallel arrays, with the lookup lists they index. */
import type { ReadModel } from "./read-model.ts";
import type { TimelineData } from "./types.ts";

function indexer(): { list: string[]; index(value: string | null): number } {
  const list: string[] = [];
  const at = new Map<string, number>();
  return {
    list,
    index(value) {
      if (value === null) return -1;
      let i = at.get(value);
      if (i === undefined) {
        i = list.length;
        list.push(value);
        at.set(value, i);
      }
      return i;
    },
  };
}

/**
 * Every entry with a resolved date, in text order, for the timeline: ids, first and last day
 * (JDN), state, document and the type of the entry's first event (-1 for none).
 *
 * @example
 * timelineData(await readModel(store)).ids.slice(0, 2) //=> ["1:e1", "1:e2"]
 */
export function timelineData(model: ReadModel): TimelineData {
  const states = indexer();
  const types = indexer();
  const documentIndex = new Map(model.documents.map((d, i) => [d.id, i]));
  const data: TimelineData = {
    count: 0,
    states: states.list,
    documents: model.documents.map((d) => ({ id: d.id, name: d.name, title: d.title })),
    eventTypes: types.list,
    ids: [],
    start: [],
    end: [],
    state: [],
    document: [],
    event: [],
    undated: 0,
    annotations: model.annotations,
  };
  for (const entry of model.entries) {
    if (entry.start === null || entry.end === null) {
      data.undated++;
      continue;
    }
    data.ids.push(entry.summary.id);
    data.start.push(entry.start);
    data.end.push(entry.end);
    data.state.push(states.index(entry.state));
    data.document.push(documentIndex.get(entry.summary.documentId) ?? -1);
    data.event.push(types.index(model.events.get(entry.summary.id)?.[0]?.type ?? null));
  }
  data.count = data.ids.length;
  return data;
}
