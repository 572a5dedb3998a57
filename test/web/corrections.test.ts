/**
 * Corrections and imports in a real browser (Debian's chromium through playwright-core), over a
 * database made as `npm start` makes it (`biannian ingest` of a corpus folder):
 *
 * - 長編 卷一百四十一 writes 「審如聖意則所用者不過燕安朝路容身養望者爾」: 燕安 is 宴安 (ease), yet the
 *   annotator links 燕 to the place 燕. The historian unlinks it on the entry's page, undoes it,
 *   unlinks it again; the corpus is ingested again onto the same database (unchanged, then with
 *   the juan changed elsewhere) and the served entry still shows the correction.
 * - A chronicle pasted into the import page is read with a progress bar and its problems are
 *   listed by line.
 */
import assert from "node:assert/strict";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { type RunningServer, startServer } from "../../src/server/index.ts";
import { ensureWebBuild } from "../../src/server/web-build.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";
import { cli } from "../cli/run-cli.ts";
import { SYNTHETIC } from "../store/fixtures.ts";
import { type Chromium, chromiumMissing, launchChromium } from "./chromium.ts";
import { CORPUS } from "./fixtures.ts";

const skip = chromiumMissing() ?? false;
const JUAN = "changbian/KR2b0019_141.txt";
const TEXT = readFileSync(new URL(JUAN, CORPUS), "utf8");
/** 燕 of 燕安, as an offset into the juan. */
const YAN_AN = TEXT.indexOf("所用者不過燕") + 5;

const dir = mkdtempSync(join(tmpdir(), "biannian-web-corrections-"));
const corpus = join(dir, "corpus");
const db = join(dir, "biannian.db");

let chromium: Chromium;
let store: SqliteStore | null = null;
let server: RunningServer | null = null;

/** Ingests the corpus folder as `npm start` does, then serves the database. */
async function startOver(): Promise<string> {
  await server?.close();
  await store?.close();
  const ingest = await cli("ingest", corpus, "--db", db);
  assert.equal(ingest.code, 0, ingest.err);
  store = openSqliteStore(db);
  server = await startServer(store, { port: 0 });
  return server.url;
}

async function documentId(): Promise<number> {
  const found = await store!.findDocument("default", join(corpus, "KR2b0019_141.txt"));
  assert.ok(found, "the juan is stored");
  return found.id;
}

/** The entry page of 燕安's entry, once its corrections panel has loaded. */
async function entryPage(page: Page, url: string): Promise<string> {
  const id = `${await documentId()}:e28`;
  await page.goto(`${url}/#/entry/${id}`);
  await page.waitForSelector("section.corrections h3");
  return id;
}

before(async () => {
  if (skip) return;
  await ensureWebBuild();
  mkdirSync(corpus, { recursive: true });
  copyFileSync(new URL(JUAN, CORPUS), join(corpus, "KR2b0019_141.txt"));
  chromium = await launchChromium({ width: 1280, height: 900 });
});

after(async () => {
  if (skip) return;
  await chromium?.close();
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("corrections in the browser", { skip }, () => {
  test("unlinks 燕 of 燕安, undoes it, and the correction outlives a new ingest", async () => {
    const url = await startOver();
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const id = await entryPage(page, url);
    const yan = `.edit-mentions li[data-start="${YAN_AN}"]`;
    assert.equal(await page.locator(yan).count(), 1, "the annotator links 燕 of 燕安");
    assert.match((await page.locator(yan).textContent()) ?? "", /燕 place place:yan/);

    await page.getByLabel("Why").fill("燕安 is 宴安, ease");
    await page.getByRole("button", { name: `Unlink 燕 at ${YAN_AN}` }).click();
    await page.waitForSelector(".correction-list li.correction-applied");
    assert.equal(await page.locator(yan).count(), 0, "unlinked");
    assert.match(
      (await page.locator(".correction-list li").first().textContent()) ?? "",
      /remove mention 「燕」.*燕安 is 宴安, ease \[applied\]/,
    );

    const undo = page.getByRole("button", { name: /^Undo correction \d+$/ });
    await undo.click();
    await page.waitForSelector(".correction-list li.correction-undone");
    assert.equal(await page.locator(yan).count(), 1, "linked again after the undo");

    await page.getByRole("button", { name: `Unlink 燕 at ${YAN_AN}` }).click();
    await page.waitForSelector(".correction-list li.correction-applied");
    await page.screenshot({ path: join(dir, "corrections.png") });

    // `npm start` again on the same database: every file unchanged.
    const again = await startOver();
    await entryPage(page, again);
    assert.equal(await page.locator(yan).count(), 0, "still unlinked after an unchanged ingest");
    // The juan changed after 燕安 (a line added at its end): stored again, the correction kept.
    appendFileSync(join(corpus, "KR2b0019_141.txt"), "\n");
    const changed = await startOver();
    assert.equal(
      (await store!.findDocument("default", join(corpus, "KR2b0019_141.txt")))?.length,
      TEXT.length + 1,
    );
    assert.equal(`${await documentId()}:e28`, id);
    await entryPage(page, changed);
    assert.equal(await page.locator(yan).count(), 0, "still unlinked after the juan was stored again");
    assert.equal(await page.locator(".correction-list li.correction-applied").count(), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("imports a pasted chronicle and lists its problems by line", async () => {
    const url = server ? server.url : await startOver();
    const page = await chromium.context.newPage();
    await page.goto(`${url}/#/import`);
    await page.getByLabel("File name").fill("pasted.txt");
    await page.getByLabel("Work").fill("西夏紀");
    await page.getByLabel("State").fill("宋");
    // The synthetic chronicle, whose line 5 closes without a citation, and a line 8 written with a
    // half-width comma at column 3.
    await page.getByLabel("Chronicle text").fill(`${SYNTHETIC}三月,契丹遣使來。（《遼史》\n`);
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForSelector("table.import-messages tbody tr");
    const rows = await page
      .locator("table.import-messages tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")),
      );
    assert.ok(
      rows.some(([line, , , , rule]) => line === "5" && rule === "entry-without-citation"),
      JSON.stringify(rows),
    );
    assert.ok(
      rows.some(
        ([line, column, , , rule]) => line === "8" && column === "3" && rule === "half-width-punctuation",
      ),
    );
    const progress = await page.locator("progress").evaluate((p: HTMLProgressElement) => [p.value, p.max]);
    assert.deepEqual(progress, [1, 1]);
    assert.match((await page.locator(".edit-status").textContent()) ?? "", /Stored pasted\.txt: 5 entries/);
    await page.getByLabel("Chronicle text").fill("");
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForFunction(() =>
      /no chronicle found/.test(document.querySelector(".edit-status")?.textContent ?? ""),
    );
    await page.close();
  });
});
