/**
 * Importing a chronicle from the browser (`POST /api/import`): the steps answered as it is read,
 * its problems by line and column, and the command line's errors for bad input.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createApp } from "../../src/server/index.ts";
import { MAX_IMPORT_BYTES } from "../../src/server/routes/import.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { SYNTHETIC } from "../store/fixtures.ts";

/**
 * The small synthetic chronicle (line 5 「夏四月，為范仲淹所扼。」 closes with no citation) and an
 * eighth line written with a half-width comma at column 3 and a parenthesis left open at column 10.
 */
const PASTED = `${SYNTHETIC}三月,契丹遣使來。（《遼史》\n`;

let store: SqliteStore;
let app: ReturnType<typeof createApp>;
before(() => {
  store = openSqliteStore(":memory:");
  app = createApp(store);
});
after(() => store.close());

const send = (body: unknown) =>
  app.request("/api/import", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function problem(response: Response, status: number, detail: RegExp): Promise<void> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  assert.match((await response.json()).detail, detail);
}

test("reads a pasted chronicle step by step and lists its problems by line", async () => {
  const response = await send({ name: "pasted.txt", text: PASTED, work: "西夏紀", juan: 3, state: "宋" });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^application\/x-ndjson/);
  const steps = (await response.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(steps[0], { step: "read", characters: PASTED.length });
  const stores = steps.filter((s) => s.step === "store");
  // 正月, 二月 (closed by the citation of 使者至延州 on the line after), 夏四月 under 慶曆三年;
  // 閏五月 and 三月 under 慶曆四年.
  assert.deepEqual(stores.at(-1), { step: "store", done: 5, total: 5 });
  const done = steps.at(-1);
  assert.equal(done.step, "done");
  assert.equal(done.status, "added");
  assert.equal(done.document.path, "import/pasted.txt");
  assert.equal(done.document.work, "西夏紀");
  assert.equal(done.document.juan, 3);
  assert.equal(done.document.state, "宋");
  assert.equal(done.document.entryCount, 5);
  const at = done.messages.map((m: { line: number; column: number | null; rule: string }) => [
    m.line,
    m.column,
    m.rule,
  ]);
  assert.ok(
    at.some(([l, , r]: [number, number, string]) => l === 5 && r === "entry-without-citation"),
    JSON.stringify(at),
  );
  assert.ok(
    at.some(([l, c, r]: [number, number, string]) => l === 8 && c === 3 && r === "half-width-punctuation"),
  );
  assert.ok(
    at.some(([l, c, r]: [number, number, string]) => l === 8 && c === 10 && r === "unclosed-bracket"),
  );
  const listed = await (await app.request("/api/documents")).json();
  assert.ok(listed.results.some((d: { path: string }) => d.path === "import/pasted.txt"));
});

test("decodes an uploaded file's bytes", async () => {
  // 「契丹遣使來議和。」 in Big5.
  const big5 = Buffer.from([
    0xab, 0xb4, 0xa4, 0xa6, 0xbb, 0xba, 0xa8, 0xcf, 0xa8, 0xd3, 0xc4, 0xb3, 0xa9, 0x4d, 0xa1, 0x43,
  ]);
  const response = await send({ name: "big5.txt", bytes: big5.toString("base64") });
  const done = (await response.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l))
    .at(-1);
  assert.equal(done.document.encoding, "big5");
});

test("refuses bad input with the command line's errors", async () => {
  await problem(await send({ name: "e.txt", text: "" }), 400, /^no chronicle found: the file is empty$/);
  await problem(
    await send({ name: "w.txt", text: " \n\u3000\n" }),
    400,
    /no chronicle found: the file holds only whitespace/,
  );
  await problem(
    await send({ name: "c.txt", text: "（《遼史·興宗本紀》）\n" }),
    400,
    /the file holds only citations/,
  );
  const bad = Buffer.from([0x61, 0x0a, 0x62, 0xff, 0xfe, 0x00, 0x80, 0x81]).toString("base64");
  await problem(await send({ name: "bad.txt", bytes: bad }), 400, /^bad\.txt:2:2: not valid UTF-8/);
  await problem(await send({ name: "x.txt", text: "春正月。", bytes: "" }), 400, /either as text/);
  await problem(
    await send({ name: "x.txt", text: "春正月，契丹遣使來。", state: "羅馬" }),
    400,
    /Unknown state "羅馬"/,
  );
  await problem(
    await send({ name: "a/b.txt", text: "春正月，契丹遣使來。" }),
    400,
    /Invalid parameter: name/,
  );
  await problem(await send({ text: "春正月，契丹遣使來。" }), 400, /Invalid parameter: name/);
  const huge = "春".repeat(MAX_IMPORT_BYTES / 3 + 1);
  await problem(await send({ name: "huge.txt", text: huge }), 413, /the file is 32 MiB; the limit is 32 MiB/);
  const far = await app.request("/api/import", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: `{"name":"far.txt","text":"${"a".repeat(MAX_IMPORT_BYTES * 2 + 65 * 1024)}"}`,
  });
  await problem(far, 413, /a chronicle may be 32 MiB at most/);
  assert.ok(!(await store.listDocuments()).some((d) => ["e.txt", "bad.txt", "huge.txt"].includes(d.name)));
});
