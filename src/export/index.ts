export { CSV_FILES, fieldAt, toCsvTables } from "./csv.ts";
export { AUTHORITY_DIR, loadEntities, toEntityRecord } from "./entities.ts";
export { EXTENSIONS, exportDocuments } from "./export.ts";
export { type GeoFeature, type GeoFeatureCollection, type GeoPosition, toGeoJson } from "./geojson.ts";
export { RELATIONS, type Relation, relationOf, toGexf } from "./gexf.ts";
export {
  ID_BASE,
  type JsonLdDocument,
  type JsonLdNode,
  jsonLdContext,
  toJsonLd,
  VOCABULARY,
} from "./jsonld.ts";
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
