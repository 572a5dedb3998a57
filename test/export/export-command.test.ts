import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readTei } from "../../src/export/index.ts";
import { cli } from "../cli/run-cli.ts";
import { CHANGBIAN, SAMPLE } from "./support.ts";

test("export --format tei prints the TEI of one file with its checksum", async () => {
  const { code, out } = await cli("export", SAMPLE, "--format", "tei");
  assert.equal(code, 0);
  const back = readTei(out);
  assert.equal(back.name, "xixia-ji-1043-1044.txt");
  assert.equal(back.entries.length, 45);
  assert.match(back.sha256 ?? "", /^[0-9a-f]{64}$/);
});

test("export --format csv --out DIR writes the five tables", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "biannian-export-")), "out");
  const { code, out } = await cli("export", SAMPLE, CHANGBIAN, "--format", "csv", "--out", dir);
  assert.equal(code, 0);
  assert.deepEqual(readdirSync(dir).sort(), [
    "citations.csv",
    "entities.csv",
    "entries.csv",
    "events.csv",
    "mentions.csv",
  ]);
  assert.equal(out.split("\n").filter((l) => l.startsWith("wrote ")).length, 5);
  assert.ok(readFileSync(join(dir, "entries.csv"), "utf8").startsWith("\uFEFFentry_id,"));
});

test("export --format geojson, jsonld and gexf print one file each", async () => {
  assert.equal(
    JSON.parse((await cli("export", SAMPLE, "--format", "geojson")).out).type,
    "FeatureCollection",
  );
  assert.ok("@graph" in JSON.parse((await cli("export", SAMPLE, "--format", "jsonld")).out));
  assert.ok(
    (await cli("export", SAMPLE, "--format", "gexf")).out.includes('<gexf xmlns="http://gexf.net/1.3"'),
  );
});

test("export explains what is missing or wrong in the command line", async () => {
  const csv = await cli("export", SAMPLE, "--format", "csv");
  assert.equal(csv.code, 2);
  assert.match(csv.err, /--format csv writes five files: give a directory with --out DIR/);
  const tei = await cli("export", SAMPLE, CHANGBIAN, "--format", "tei");
  assert.equal(tei.code, 2);
  assert.match(tei.err, /one document per file/);
  assert.match((await cli("export", SAMPLE)).err, /Missing --format/);
  assert.match(
    (await cli("export", SAMPLE, "--format", "pdf")).err,
    /--format must be one of tei, csv, jsonld, geojson, gexf/,
  );
  assert.match((await cli("export", "--format", "tei")).err, /Missing FILE/);
  const missing = await cli("export", "no-such-file.txt", "--format", "tei");
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no-such-file\.txt:1:1: no such file/);
});
