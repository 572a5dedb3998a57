export { AUTHORITY_DIR, loadEntities, toEntityRecord } from "./entities.ts";
export { readTei, type TeiEntry, type TeiReading } from "./read-tei.ts";
export {
  BASE_WITNESS_ID,
  CHINESE_CALENDAR_ID,
  JULIAN_CALENDAR_ID,
  MENTION_ELEMENTS,
  TEI_NS,
  type TeiResult,
  teiDocument,
  toTei,
} from "./tei.ts";
export type * from "./types.ts";
export { EXPORT_FORMATS } from "./types.ts";
