import assert from "node:assert/strict";
import { test } from "node:test";
import { cli } from "./run-cli.ts";

const SAMPLE = "corpus/xixia-ji-1043-1044.txt";
const LIAO = "corpus/liaoshi/KR2a0033_019.txt";

test("parallels of two files, as JSON: groups with scores, accounts named as entries names them, differences", async () => {
  const { code, out } = await cli("parallels", SAMPLE, LIAO);
  assert.equal(code, 0);
  const { groups } = JSON.parse(out) as {
    groups: {
      score: number;
      entries: { id: string; document: string; headline: string; date: string }[];
      differences: { kind: string; values: unknown[]; text: string }[];
    }[];
  };
  assert.ok(groups.length >= 10);
  // 遼史 卷十九: 宋以親征夏國遣余靖致贐禮, the sample's 九月 entry e29.
  const embassy = groups.find((g) => g.entries.some((e) => e.document === SAMPLE && e.id === "e29"))!;
  assert.ok(
    embassy.entries.some((e) => e.document === LIAO && e.headline.startsWith("宋以親征夏國遣余靖致贐禮")),
  );
  for (const g of groups) {
    assert.ok(g.score >= 0.4 && g.score <= 1);
    assert.equal(
      new Set(g.entries.map((e) => e.document)).size,
      g.entries.length,
      "one account per chronicle",
    );
    for (const d of g.differences) {
      assert.ok(["date", "quantity", "name", "wording"].includes(d.kind));
      assert.equal(d.values.length, g.entries.length);
    }
  }
  // The ids are the ones `entries` gives the sample.
  const entries = JSON.parse((await cli("entries", SAMPLE)).out) as { id: string; headline: string }[];
  const mine = embassy.entries.find((e) => e.document === SAMPLE)!;
  assert.equal(entries.find((e) => e.id === mine.id)!.headline, mine.headline);
});

test("--document keeps the groups of one document; --min-score narrows them; csv and text", async () => {
  const all = JSON.parse((await cli("parallels", SAMPLE, LIAO)).out).groups as unknown[];
  const strong = JSON.parse((await cli("parallels", SAMPLE, LIAO, "--min-score", "0.7")).out).groups as {
    score: number;
  }[];
  assert.ok(strong.length < all.length && strong.every((g) => g.score >= 0.7));
  const csv = await cli("parallels", SAMPLE, LIAO, "--format", "csv", "--document", LIAO);
  assert.match(csv.out, /^\uFEFFgroup,score,document,entry,date,headline,differences\r\n/u);
  const text = await cli("parallels", SAMPLE, LIAO, "--format", "text");
  assert.match(text.out, /^1\. score /u);
});

test("bad options are usage errors", async () => {
  assert.equal((await cli("parallels", SAMPLE, LIAO, "--min-score", "2")).code, 2);
  assert.equal((await cli("parallels", SAMPLE, LIAO, "--document", "nope.txt")).code, 2);
  assert.equal((await cli("parallels", SAMPLE, "--format", "xml")).code, 2);
});

test("--db reads what the ingest stored: a document's parallels among the others, named by store ids", async () => {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "biannian-parallels-"));
  try {
    const db = join(dir, "p.db");
    assert.equal((await cli("ingest", "--db", db, SAMPLE, LIAO)).code, 0);
    const { code, out } = await cli("parallels", "--db", db, "--document", "1");
    assert.equal(code, 0);
    const { groups } = JSON.parse(out) as { groups: { entries: { id: string; headline: string }[] }[] };
    const embassy = groups.find((g) => g.entries.some((e) => e.id === "1:e29"))!;
    assert.ok(
      embassy.entries.some((e) => e.id.startsWith("2:") && e.headline.startsWith("宋以親征夏國遣余靖致贐禮")),
    );
    assert.equal((await cli("parallels", "--db", db, "--document", "9")).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
