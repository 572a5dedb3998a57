/**
 * The corrections endpoints and who may write through them, on 長編 卷一百四十一, where
 * 「審如聖意則所用者不過燕安朝路容身養望者爾」 writes 燕安 (宴安, ease) and the annotator links 燕 to
 * the place 燕.
 */
import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { after, before, describe, test } from "node:test";
import { lunarJs, solarJdn } from "../../src/calendar/test-support/lunar-javascript.ts";
import { editPolicy } from "../../src/server/edits.ts";
import { createApp } from "../../src/server/index.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { cli } from "../cli/run-cli.ts";
import { JUAN_141, offsetIn } from "../store/corrections-contract.ts";
import { annotatedInput } from "../store/fixtures.ts";

const YAN_AN = offsetIn(JUAN_141, "所用者不過燕", "燕");
const TOKEN = "a-token-of-twenty-characters";

let store: SqliteStore;
let id: number;
const logged: unknown[] = [];

before(async () => {
  store = openSqliteStore(":memory:");
  id = (await store.putDocument(annotatedInput(JUAN_141, { corpus: "changbian", path: "KR2b0019_141.txt" })))
    .document.id;
});
after(async () => {
  await store.close();
  assert.deepEqual(logged, [], "no unexpected error was logged");
});

const post = (app: ReturnType<typeof createApp>, path: string, body: unknown, headers = {}) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const removal = () => ({
  document: id,
  target: "mention",
  action: "remove",
  start: YAN_AN,
  end: YAN_AN + 1,
  reason: "燕安 is ease",
});

async function problem(response: Response, status: number, detail: RegExp): Promise<void> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  const body = await response.json();
  assert.equal(body.status, status);
  assert.match(body.detail, detail);
}

describe("corrections on a local server", () => {
  const local = () => createApp(store, { logError: (e) => logged.push(e) });

  test("says the local user may edit", async () => {
    const body = await (await local().request("/api/edits")).json();
    assert.deepEqual(body, { allowed: true, token: false, user: userInfo().username, refusal: null });
  });

  test("unlinks 燕 of 燕安 as the local user, shows it at once, and undoes it", async () => {
    const app = local();
    const mentions = async () =>
      (
        (await (await app.request(`/api/entries/${id}:e28/annotations`)).json()).mentions as {
          start: number;
          ref: string;
        }[]
      )
        .filter((m) => m.start === YAN_AN)
        .map((m) => m.ref);
    assert.deepEqual(await mentions(), ["place:yan"]);
    const made = await post(app, "/api/corrections", removal());
    assert.equal(made.status, 201);
    const correction = await made.json();
    assert.equal(correction.author, userInfo().username);
    assert.equal(correction.text, "燕");
    assert.equal(correction.entryId, `${id}:e28`);
    assert.deepEqual(await mentions(), []);
    const listed = await (await app.request(`/api/corrections?entry=${id}:e28`)).json();
    assert.deepEqual(
      listed.results.map((c: { id: number; status: string }) => [c.id, c.status]),
      [[correction.id, "applied"]],
    );
    const undone = await app.request(`/api/corrections/${correction.id}/undo`, { method: "POST" });
    assert.equal(undone.status, 200);
    assert.equal((await undone.json()).status, "undone");
    assert.deepEqual(await mentions(), ["place:yan"]);
    await problem(
      await app.request(`/api/corrections/${correction.id}/undo`, { method: "POST" }),
      409,
      /undone already/,
    );
    await problem(
      await app.request("/api/corrections/99999/undo", { method: "POST" }),
      404,
      /no correction 99999/,
    );
    const all = await (await app.request("/api/corrections?all=true")).json();
    assert.equal(all.results.length, 1);
  });

  test("the entity list's counts and the search by entity follow the correction", async () => {
    const app = local();
    const yan = async () => {
      const body = await (await app.request("/api/entities?kind=place")).json();
      const found = (body.results as { id: string; mentionCount: number; entryCount: number }[]).find(
        (e) => e.id === "place:yan",
      );
      return [found?.mentionCount, found?.entryCount];
    };
    const finding = async () =>
      (
        (await (await app.request("/api/find?entity=place:yan&limit=100")).json()).results as { id: string }[]
      ).map((e) => e.id);
    // The export of a selection carries the corrections in its TEI change log, as `export --db` does.
    const changes = async () =>
      ((await (await app.request(`/api/export?format=tei&document=${id}`)).text()).match(/<change /g) ?? [])
        .length;
    const [mentions, entries] = await yan();
    assert.ok(typeof mentions === "number" && typeof entries === "number" && mentions > 0);
    assert.ok((await finding()).includes(`${id}:e28`));
    const changesBefore = await changes();
    const made = await (await post(app, "/api/corrections", removal())).json();
    assert.equal(await changes(), changesBefore + 1, "one change more in the export's change log");
    // 燕 of 燕安 is the only 燕 of e28: one mention and one entry fewer, and e28 is not found.
    assert.deepEqual(await yan(), [mentions - 1, entries - 1]);
    assert.ok(!(await finding()).includes(`${id}:e28`));
    await app.request(`/api/corrections/${made.id}/undo`, { method: "POST" });
    assert.deepEqual(await yan(), [mentions, entries]);
    assert.ok((await finding()).includes(`${id}:e28`));
  });

  test("refuses bad corrections with a problem and writes nothing", async () => {
    const app = local();
    const cases: [unknown, RegExp][] = [
      [{ ...removal(), start: JUAN_141.length + 5, end: JUAN_141.length + 6 }, /runs past the end/],
      [
        { ...removal(), action: "add", kind: "place", ref: "place:nowhere" },
        /Unknown entity id "place:nowhere"/,
      ],
      [{ ...removal(), action: "add", kind: "river", ref: "river:huanghe" }, /kind of entity/],
      [{ ...removal(), target: "sense" }, /Unknown correction target "sense"/],
      [{ ...removal(), document: 999 }, /No document is stored with id 999/],
      [{ ...removal(), target: "date", action: "change", reading: "慶曆九年" }, /cannot be read/],
      [{ ...removal(), extra: 1 }, /Invalid parameter/],
      [{ ...removal(), start: -1 }, /Invalid parameter: start/],
      ["{not json", /Malformed JSON|Invalid/],
    ];
    const before = (await store.listCorrections({ includeUndone: true })).length;
    for (const [body, detail] of cases) await problem(await post(app, "/api/corrections", body), 400, detail);
    assert.equal((await store.listCorrections({ includeUndone: true })).length, before);
  });
});

describe("reading a date otherwise", () => {
  test("the entry's date becomes the days of the reading, the correction named", async () => {
    const app = createApp(store);
    const entry = await (await app.request(`/api/entries/${id}:e28`)).json();
    const start = entry.position.start.offset;
    // A single day, so that its JDN is lunar-javascript's day 慶曆三年 (1043) 五月五日.
    const made = await post(app, "/api/corrections", {
      document: id,
      target: "date",
      action: "change",
      start,
      end: start + 1,
      reading: "慶曆三年五月五日",
      reason: "the text moved on",
    });
    assert.equal(made.status, 201);
    const day = solarJdn(lunarJs.Lunar.fromYmd(1043, 5, 5).getSolar());
    const after = await (await app.request(`/api/entries/${id}:e28`)).json();
    assert.deepEqual(after.date.jdn, { start: day, end: day });
    assert.equal(after.date.correction.reading, "慶曆三年五月五日");
    assert.equal(after.date.text, entry.date.text, "the date as written is kept");
    const correction = await made.json();
    await app.request(`/api/corrections/${correction.id}/undo`, { method: "POST" });
    assert.deepEqual((await (await app.request(`/api/entries/${id}:e28`)).json()).date.jdn, entry.date.jdn);
  });
});

describe("who may write", () => {
  test("serve refuses --allow-edits without a token, before opening anything", async () => {
    const { code, err } = await cli(
      "serve",
      "--host",
      "0.0.0.0",
      "--allow-edits",
      "--db",
      "/nonexistent/x.db",
    );
    assert.equal(code, 2);
    assert.match(err, /--allow-edits on 0\.0\.0\.0 needs a token: --token TOKEN, or \$BIANNIAN_EDIT_TOKEN/);
  });

  test("a server open to others is read-only without --allow-edits", async () => {
    const app = createApp(store, { edits: editPolicy({ host: "0.0.0.0" }) });
    await problem(await post(app, "/api/corrections", removal()), 403, /read-only.*--allow-edits/);
    await problem(
      await post(app, "/api/import", { name: "a.txt", text: "春正月，契丹遣使來。" }),
      403,
      /read-only/,
    );
    assert.equal((await (await app.request("/api/edits")).json()).allowed, false);
  });

  test("--allow-edits needs a token, then every write carries it", async () => {
    assert.throws(() => editPolicy({ host: "0.0.0.0", allowEdits: true }), /needs a token/);
    assert.throws(() => editPolicy({ host: "0.0.0.0", allowEdits: true, token: "short" }), /at least 16/);
    const app = createApp(store, { edits: editPolicy({ host: "0.0.0.0", allowEdits: true, token: TOKEN }) });
    const none = await post(app, "/api/corrections", removal());
    await problem(none, 401, /Authorization: Bearer/);
    assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
    await problem(
      await post(app, "/api/corrections", removal(), { authorization: `Bearer ${TOKEN}x` }),
      403,
      /not this server's/,
    );
    const made = await post(
      app,
      "/api/corrections",
      { ...removal(), author: "司馬光" },
      { authorization: `Bearer ${TOKEN}` },
    );
    assert.equal(made.status, 201);
    const correction = await made.json();
    assert.equal(correction.author, "司馬光");
    await problem(
      await app.request(`/api/corrections/${correction.id}/undo`, { method: "POST" }),
      401,
      /Bearer/,
    );
    const undone = await app.request(`/api/corrections/${correction.id}/undo`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(undone.status, 200);
  });
});
