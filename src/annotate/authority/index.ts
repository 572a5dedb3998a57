export { Authority, type PlaceLocation, placeLocation, type RecordSource } from "./authority.ts";
export { type CbdbImportOptions, importCbdb, linkCbdb } from "./cbdb.ts";
export {
  AuthorityError,
  type AuthorityIssue,
  BUNDLED_AUTHORITY_DIR,
  BUNDLED_FILES,
  GROWN_FILES,
  type LoadAuthorityOptions,
  loadAuthority,
  parseAuthorityText,
} from "./load.ts";
export type {
  Alias,
  AliasType,
  AuthorityRecord,
  CommodityRecord,
  GrownPersonRecord,
  OfficeRecord,
  PersonRecord,
  PlaceRecord,
  PolityRecord,
  RecordKind,
  RecordOf,
  UnitRecord,
} from "./schema.ts";
export { ALIAS_TYPES, RECORD_KINDS } from "./schema.ts";
