import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { CommandIO } from "../../src/cli/command.ts";
import { run } from "../../src/cli/main.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { annotatedInput, CHANGBIAN_143, documentInput, SAMPLE, SYNTHETIC } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-search-"));
const db = join(dir, "search.db");
after(() => rmSync(dir, { recursive: true, force: true }));

before(async () => {
  const store = openSqliteStore(db);
  await store.putDocument(documentInput(SAMPLE, { path: "xixia.txt" }));
  await store.putDocument(documentInput(SYNTHETIC, { path: "synthetic.txt" }));
  await store.close();
});

async function search(args: string[], isTTY = false) {
  const io = { stdout: "", stderr: "", isTTY } as CommandIO & { stdout: string; stderr: string };
  io.out = (text) => {
    io.stdout += text;
  };
  io.err = (text) => {
    io.stderr += text;
  };
  const code = await run(["search", ...args, "--db", db], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("biannian search", () => {
  test("prints JSON with total, page and one result per entry with its match offsets", async () => {
    const { code, stdout } = await search(["青盐", "--format", "json", "--limit", "1"]);
    assert.equal(code, 0);
    const page = JSON.parse(stdout);
    assert.equal(page.query, "青盐");
    assert.equal(page.total, 3);
    assert.equal(page.limit, 1);
    assert.equal(page.offset, 0);
    assert.equal(page.results.length, 1);
    const [hit] = page.results;
    assert.equal(hit.id, "1:e13");
    assert.equal(hit.headline, "再遣楊守素如宋，乞稱臣，市青鹽，納鹽易茶及增歲幣。");
    assert.deepEqual(hit.year, {
      label: "西夏稱天授禮法延祚六年",
      state: "西夏",
      era: "天授禮法延祚",
      number: 6,
      ganzhi: null,
      ce: null,
    });
    assert.equal(hit.date.text, "秋七月");
    assert.deepEqual(hit.matches[0], {
      field: "headline",
      index: 0,
      term: 0,
      start: 13,
      end: 15,
      documentStart: 3029,
      documentEnd: 3031,
    });
    assert.equal(SAMPLE.slice(3029, 3031), "青鹽");
  });

  test("joins several arguments into one query of several terms, and pages", async () => {
    const all = JSON.parse((await search(["韓琦", "元昊", "--format", "json", "--limit", "100"])).stdout);
    const second = JSON.parse(
      (await search(["韓琦", "元昊", "--format", "json", "--limit", "1", "--offset", "1"])).stdout,
    );
    assert.equal(second.total, all.total);
    assert.deepEqual(second.results, all.results.slice(1, 2));
  });

  test("prints keyword-in-context lines by default: one a match, the matches in one column", async () => {
    const { code, stdout } = await search(["範仲淹"]);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split("\n");
    assert.match(lines[0]!, /^\d+ entries match 範仲淹 \(1–\d+\)$/u);
    // 韓𤦺言範仲淹可用 is the sample's first entry in 1043: its match, with its context before it.
    assert.ok(
      lines.some((l) => /^2:e1\t慶曆三年（癸未，1043） 春正月\t\u3000*韓\u{249BA}言【範仲淹】可用/u.test(l)),
    );
    const columns = lines
      .slice(1)
      .filter((l) => l.includes("【"))
      .map((l) => Array.from(l.split("\t")[2]!).indexOf("【"));
    assert.ok(
      columns.length > 2 && columns.every((c) => c === columns[0]),
      "the matches stand in one column",
    );
  });

  test("prints text with the matches marked", async () => {
    const { code, stdout } = await search(["範仲淹", "--format", "text"]);
    assert.equal(code, 0);
    assert.match(stdout, /^\d+ entries match 範仲淹 \(1–\d+\)\n/);
    assert.match(stdout, /2:e1\t慶曆三年（癸未，1043） 春正月\n\t韓\u{249BA}言【範仲淹】可用。/u);
    assert.match(stdout, /\tdetail \d+: …[^\n]*【范仲淹】/);
    const tty = await search(["範仲淹", "--format", "text"], true);
    assert.ok(tty.stdout.includes("\u001b[1;31m範仲淹\u001b[0m"));
    assert.equal((await search(["無此事"])).stdout, "No entry matches 無此事.\n");
  });

  test("applies the filters", async () => {
    const count = async (...args: string[]) =>
      JSON.parse((await search([...args, "--format", "json"])).stdout).total;
    assert.equal(await count("元昊", "--from", "1043", "--to", "1043"), 1);
    assert.equal(await count("元昊", "--era", "庆历"), 1);
    const records = documentInput(SAMPLE).records;
    const has = (r: (typeof records)[number], term: string) =>
      [r.headline, ...r.details, ...r.notes].some((f) => f.includes(term));
    assert.equal(
      await count("元昊", "--state", "西夏", "--year", "6", "--month", "7"),
      records.filter((r) => r.year.number === 6 && r.date.month === 7 && has(r, "元昊")).length,
    );
    assert.equal(await count("契丹", "--leap"), 1 + (await count("契丹", "--leap", "--state", "西夏")));
    assert.equal(
      await count("元昊", "--work", "長編", "--juan", "139", "--corpus", "default"),
      records.filter((r) => r.citations.some((c) => c.work === "長編" && c.juan === 139) && has(r, "元昊"))
        .length,
    );
  });

  test("reports bad options and queries as usage errors", async () => {
    for (const args of [
      [],
      ["元昊", "--limit", "-1"],
      ["元昊", "--limit", "abc"],
      ["元昊", "--limit", "1001"],
      ["元昊", "--month", "13"],
      ["元昊", "--format", "xml"],
      ["元昊", "--sort", "score"],
      ["之".repeat(10_000)],
      ["\uD800"],
    ]) {
      const { code, stderr } = await search(args);
      assert.equal(code, 2, args.join(" "));
      assert.match(stderr, /^biannian search: /);
    }
  });

  test("says so when the database does not exist", async () => {
    let stderr = "";
    const io: CommandIO = {
      isTTY: false,
      out: () => {},
      err: (text) => {
        stderr += text;
      },
    };
    assert.equal(await run(["search", "元昊", "--db", join(dir, "missing.db")], io), 1);
    assert.match(stderr, /no database at .*missing\.db; store chronicles first/);
  });
});

describe("biannian search over dated chronicles: every state's reckoning, sorted by date", () => {
  const dated = join(dir, "dated.db");
  const sample = annotatedInput(SAMPLE, { path: "xixia.txt" });
  const juan = annotatedInput(CHANGBIAN_143, { path: "KR2b0019_143.txt" });
  before(async () => {
    const store = openSqliteStore(dated);
    await store.putDocument(sample);
    await store.putDocument(juan);
    await store.close();
  });
  const json = async (args: string[]) => {
    const io = { isTTY: false, stdout: "" } as CommandIO & { stdout: string };
    io.out = (text) => {
      io.stdout += text;
    };
    io.err = () => {};
    assert.equal(await run(["search", ...args, "--format", "json", "--limit", "1000", "--db", dated], io), 0);
    return JSON.parse(io.stdout) as {
      total: number;
      results: { id: string; date: { jdn?: { start: number } } }[];
    };
  };
  const has = (r: { headline: string; details: string[]; notes: string[] }) =>
    [r.headline, ...r.details, ...r.notes].some((f) => f.includes("元昊"));

  test("--era and --year in 宋's, 遼's or 西夏's reckoning, in any spelling, find the same year", async () => {
    // 1043: the sample's 天授禮法延祚六年 and all of 長編 卷一百三十九 (慶歴三年).
    const expected =
      sample.records.filter((r) => r.year.number === 6 && has(r)).length + juan.records.filter(has).length;
    for (const [era, year] of [
      ["慶曆", "3"],
      ["慶厯", "3"],
      ["重熙", "12"],
      ["天授禮法延祚", "6"],
    ]) {
      assert.equal((await json(["元昊", "--era", era!, "--year", year!])).total, expected, era);
    }
    assert.equal((await json(["元昊", "--state", "遼"])).total, (await json(["元昊"])).total);
  });

  test("--sort date gives the hits by their first day", async () => {
    const page = await json(["元昊", "--sort", "date"]);
    const days = page.results.map((h) => h.date.jdn?.start ?? Number.POSITIVE_INFINITY);
    assert.deepEqual(
      days,
      [...days].sort((a, b) => a - b),
    );
    assert.equal(page.total, (await json(["元昊"])).total);
  });
});
