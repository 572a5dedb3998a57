import assert from "node:assert/strict";
import { test } from "node:test";
import * as api from "../../src/export/index.ts";

test("pins the public exports of the export module", () => {
  assert.deepEqual(Object.keys(api).sort(), [
    "AUTHORITY_DIR",
    "BASE_WITNESS_ID",
    "CHINESE_CALENDAR_ID",
    "CSV_FILES",
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "ID_BASE",
    "JULIAN_CALENDAR_ID",
    "MENTION_ELEMENTS",
    "RELATIONS",
    "TEI_NS",
    "VOCABULARY",
    "exportDocuments",
    "fieldAt",
    "jsonLdContext",
    "loadEntities",
    "readTei",
    "relationOf",
    "teiDocument",
    "toCsvTables",
    "toEntityRecord",
    "toGeoJson",
    "toGexf",
    "toJsonLd",
    "toTei",
  ]);
});
