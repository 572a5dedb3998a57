import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "./parse.ts";
import type { Citation } from "./types.ts";

/** Parses one headline closed by `（group）` and returns its citations without positions. */
function cite(group: string) {
  const tree = parse(`西夏稱天授禮法延祚六年\n三月，獻俘契丹。（${group}）\n`);
  const entry = tree.children[0]!.children[0]!;
  const strip = ({ work, section, juan, author, raw }: Citation) => ({ work, section, juan, author, raw });
  return {
    citations: (entry.sources?.citations ?? []).map(strip),
    notes: (entry.sources?.notes ?? []).map((n) => ({ kind: n.kind, value: n.value })),
  };
}

test("splits a work from its section", () => {
  assert.deepEqual(cite("《遼史·興宗本紀》").citations, [
    { work: "遼史", section: "興宗本紀", juan: null, author: null, raw: "《遼史·興宗本紀》" },
  ]);
});

test("reads a citation list joined by 及 into one citation per juan", () => {
  const raw = "《長編》一百三十九及一百四十九";
  assert.deepEqual(cite(raw).citations, [
    { work: "長編", section: null, juan: 139, author: null, raw },
    { work: "長編", section: null, juan: 149, author: null, raw },
  ]);
});

test("reads an author before the title", () => {
  assert.deepEqual(cite("《遼史·西夏外紀》及胡宿《鄭戩墓誌銘》").citations, [
    { work: "遼史", section: "西夏外紀", juan: null, author: null, raw: "《遼史·西夏外紀》" },
    { work: "鄭戩墓誌銘", section: null, juan: null, author: "胡宿", raw: "胡宿《鄭戩墓誌銘》" },
  ]);
});

test("a bare section after a work inherits the work; a separate book does not", () => {
  assert.deepEqual(cite("《宋史·仁宗本紀》、《夏國傳》及《長編》一百四十、龔鼎臣《東原錄》").citations, [
    { work: "宋史", section: "仁宗本紀", juan: null, author: null, raw: "《宋史·仁宗本紀》" },
    { work: "宋史", section: "夏國傳", juan: null, author: null, raw: "《夏國傳》" },
    { work: "長編", section: null, juan: 140, author: null, raw: "《長編》一百四十" },
    { work: "東原錄", section: null, juan: null, author: "龔鼎臣", raw: "龔鼎臣《東原錄》" },
  ]);
  assert.deepEqual(
    cite("《遼史·地理志》及《西夏書事》").citations.map((c) => [c.work, c.section]),
    [
      ["遼史", "地理志"],
      ["西夏書事", null],
    ],
  );
});

test("reads a list of biographies as one citation per biography", () => {
  const raw = "《遼史》蕭術哲、耶律義先、古迭、迭裏得等傳";
  assert.deepEqual(
    cite(`《宋史·夏國傳》及${raw}`).citations.map((c) => [c.work, c.section, c.raw]),
    [
      ["宋史", "夏國傳", "《宋史·夏國傳》"],
      ["遼史", "蕭術哲傳", raw],
      ["遼史", "耶律義先傳", raw],
      ["遼史", "古迭傳", raw],
      ["遼史", "迭裏得傳", raw],
    ],
  );
});

test("turns 按… into an editor's note with its quotations and nested parentheses intact", () => {
  const note = "按《長編》：十一月乙酉，田況言：「賊（西界）所希甚大。」";
  assert.deepEqual(cite(`《長編》一百四十五及《五朝名臣言行錄》。${note}`), {
    citations: [
      { work: "長編", section: null, juan: 145, author: null, raw: "《長編》一百四十五" },
      { work: "五朝名臣言行錄", section: null, juan: null, author: null, raw: "《五朝名臣言行錄》" },
    ],
    notes: [{ kind: "editorial", value: note }],
  });
});

test("keeps 又《長編》：… as a supplementary quotation, not a citation", () => {
  const result = cite("《長編》一百三十九，又《長編》：右正言田況言：「宜且令從勖在館。」");
  assert.deepEqual(
    result.citations.map((c) => c.juan),
    [139],
  );
  assert.deepEqual(result.notes, [
    { kind: "supplement", value: "又《長編》：右正言田況言：「宜且令從勖在館。」" },
  ]);
});
