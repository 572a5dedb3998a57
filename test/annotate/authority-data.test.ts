/**
 * The bundled authority data: every record validates, and every reference to a line of the
 * sample points at a line that contains the name it vouches for.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadAuthority } from "../../src/annotate/index.ts";

const SAMPLE_LINES = readFileSync(
  new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url),
  "utf8",
).split("\n");

/** The sample lines a source string cites: `sample: xixia-ji-1043-1044.txt lines 5, 20–21`. */
function sampleLines(source: string): number[] | null {
  const m = /^sample: xixia-ji-1043-1044\.txt lines? ([\d,\s–-]+)/.exec(source);
  if (!m) return null;
  const lines: number[] = [];
  for (const part of m[1]!.split(",")) {
    const [a, b] = part.trim().split(/[–-]/).map(Number);
    if (a === undefined || Number.isNaN(a)) continue;
    for (let n = a; n <= (b ?? a); n++) lines.push(n);
  }
  return lines;
}

test("the bundled authority files validate: 875 hand-made records and the persons grown from 長編, with unique ids and links that resolve", () => {
  const handMade = loadAuthority({ grown: false });
  assert.equal(handMade.records.length, 875);
  const authority = loadAuthority();
  const grown = authority.ofKind("person").filter((p) => p.found !== undefined);
  assert.ok(grown.length > 1000, `${grown.length} grown persons`);
  assert.ok(grown.every((p) => p.id.startsWith("person:cb-") && typeof p.provisional === "boolean"));
  assert.equal(authority.records.length, handMade.records.length + grown.length);
  assert.equal(new Set(authority.records.map((r) => r.id)).size, authority.records.length);
});

test("every alias and record that cites a sample line names something on that line", () => {
  const authority = loadAuthority();
  const places = authority.ofKind("place");
  const problems: string[] = [];
  for (const record of authority.records) {
    const origin = authority.origin(record.id)!;
    const where = `${origin.file}:${origin.line}`;
    // Offices built on a place (知{place}) occur as 知慶州, not as 知州.
    const expanded =
      record.kind === "office"
        ? record.patterns.flatMap((p) =>
            places
              .filter((pl) => p.place_types.includes(pl.type))
              .map((pl) => p.template.replace("{place}", pl.name)),
          )
        : [];
    const names = [record.name, ...record.aliases.map((a) => a.name), ...expanded];
    for (const alias of record.aliases) {
      for (const line of sampleLines(alias.source ?? "") ?? []) {
        if (!SAMPLE_LINES[line - 1]?.includes(alias.name))
          problems.push(`${where}: alias ${alias.name} is not on sample line ${line}`);
      }
    }
    for (const source of record.sources) {
      for (const line of sampleLines(source) ?? []) {
        if (!names.some((n) => SAMPLE_LINES[line - 1]?.includes(n)))
          problems.push(`${where}: ${record.name} is not on sample line ${line}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
