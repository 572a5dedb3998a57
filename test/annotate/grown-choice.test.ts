/**
 * Two persons grown from 長編 under one name: the annotator names the one whose years cover the
 * entry's. 長編 names a 劉舜卿 in 卷一百一 (天聖元年, 1023: `左班殿直劉舜卿為西京陜府界巡檢`,
 * `劉舜卿言西京陜府界山林`) and another in 卷二百十四 (熙寧三年, 1070:
 * `左藏庫副使劉舜卿為閤門通事舍人`), fifty years apart.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadAuthority } from "../../src/annotate/index.ts";
import { loadCalendar } from "../../src/calendar/index.ts";
import { readChronicle } from "../../src/pipeline.ts";

const authority = loadAuthority();
const calendar = loadCalendar();

/** The grown records a name's mentions point at in some entries of a juan, with the entries' years. */
function namedIn(
  file: string,
  entries: readonly string[],
  name: string,
): { year: number; years: number[] }[] {
  const text = readFileSync(new URL(`../../corpus/changbian/${file}`, import.meta.url), "utf8");
  const { tree } = readChronicle(text, calendar, { authority });
  const out: { year: number; years: number[] }[] = [];
  for (const year of tree.children)
    for (const entry of year.children) {
      if (!entries.includes(entry.id)) continue;
      const start = entry.data?.date?.julian.start ?? "";
      for (const m of entry.data?.mentions ?? []) {
        if (m.kind !== "person" || m.text !== name) continue;
        const record = authority.get(m.ref);
        assert.ok(record?.kind === "person" && record.found, `${m.ref} is a grown person`);
        out.push({ year: Number.parseInt(start.slice(0, 4), 10), years: [...record.found.years] });
      }
    }
  return out;
}

test("of two grown persons of one name, the one whose years cover the entry's year", () => {
  const grown = authority.ofKind("person").filter((p) => p.name === "劉舜卿");
  assert.equal(grown.length, 2, "two records of 劉舜卿");
  const early = namedIn("KR2b0019_105.txt", ["e44", "e55"], "劉舜卿");
  const late = namedIn("KR2b0019_218.txt", ["e57"], "劉舜卿");
  assert.deepEqual(
    early.map((m) => m.year),
    [1023, 1023],
  );
  assert.deepEqual(
    late.map((m) => m.year),
    [1070],
  );
  for (const m of [...early, ...late])
    assert.ok(m.years[0]! <= m.year && m.year <= m.years[1]!, `${m.year} within ${m.years.join("–")}`);
});

// 長編 卷四十五 (咸平二年十二月, 1000): `命捧日左廂都指揮使張美等自澶州至天雄軍`; the 張美 grown
// from 長編 is the 節度使 of 卷八 (乾德五年, 967), thirty years before.
test("a name the rules find after an office, of a grown person far from the entry's years, is another man", () => {
  const grown = authority.ofKind("person").find((p) => p.name === "張美" && p.found);
  assert.ok(grown?.found && grown.found.years[1]! + 20 < 1000, "the grown 張美 is of the 960s");
  const text = readFileSync(new URL("../../corpus/changbian/KR2b0019_049.txt", import.meta.url), "utf8");
  const { tree } = readChronicle(text, calendar, { authority });
  const entry = tree.children.flatMap((y) => y.children).find((e) => e.id === "e81")!;
  assert.equal(entry.data?.date?.julian.start.slice(0, 4), "1000");
  const mentions = (entry.data?.mentions ?? []).filter((m) => m.kind === "person" && m.text === "張美");
  assert.deepEqual(
    mentions.map((m) => m.kind !== "quantity" && m.ref),
    ["person:provisional:張美"],
  );
});
