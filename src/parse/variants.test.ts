import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "./parse.ts";
import { entryVariants } from "./records.ts";

function variants(line: string) {
  const tree = parse(`西夏稱天授禮法延祚六年\n${line}\n`);
  const entry = tree.children[0]!.children[0]!;
  return entryVariants(entry).map((v) => {
    const named = v.namePosition
      ? sliceOf(line, v.namePosition.start.offset, v.namePosition.end.offset)
      : null;
    return { name: v.name, variant: v.variant, source: v.source, subject: v.subject, named };
  });
}

const HEADING_LENGTH = "西夏稱天授禮法延祚六年\n".length;
function sliceOf(line: string, start: number, end: number): string {
  return line.slice(start - HEADING_LENGTH, end - HEADING_LENGTH);
}

test("reads an inline variant and locates the name before it", () => {
  assert.deepEqual(variants("團練使訛疥（《長編》作鄂特結）侵環州。（《長編》一百五十五）"), [
    { name: "訛疥", variant: "鄂特結", source: "《長編》", subject: null, named: "訛疥" },
  ]);
});

test("resolves a one-character subject to the full name", () => {
  assert.deepEqual(variants("遣伊州刺史賀從勖（韓、范《文集》勖俱作勉）如宋。（《長編》一百三十九）"), [
    { name: "賀從勖", variant: "賀從勉", source: "韓、范《文集》", subject: "勖", named: "賀從勖" },
  ]);
});

test("reads several variants in one note", () => {
  const found = variants(
    "夾山部落呆兒族（按《東都事略》作保家族。《範文正言行錄》作銀甕族）來附。（《遼史·西夏外紀》）",
  );
  assert.deepEqual(
    found.map((v) => [v.name, v.variant, v.source]),
    [
      ["呆兒族", "保家族", "《東都事略》"],
      ["呆兒族", "銀甕族", "《範文正言行錄》"],
    ],
  );
});

test("reads variants stated in an editor's note", () => {
  const found = [
    ...variants("執蕭胡睹以去。（《宋史·夏國傳》。按蕭胡睹，《宋史·夏國傳》作鶻突姑。）"),
    ...variants("宋侵夏武英州地。（《宋史·俞獻卿傳》。按武英州，劉敞《俞獻卿墓誌》作武延川。）"),
    ...variants("遣人如宋上誓表。（《宋史·夏國傳》。按李心傳《朝野雜記》歲賜之數作二十五萬。）"),
  ];
  assert.deepEqual(
    found.map((v) => [v.name, v.variant, v.source, v.named]),
    [
      ["蕭胡睹", "鶻突姑", "《宋史·夏國傳》", "蕭胡睹"],
      ["武英州", "武延川", "劉敞《俞獻卿墓誌》", "武英州"],
      ["歲賜之數", "二十五萬", "李心傳《朝野雜記》", "歲賜之數"],
    ],
  );
});

test("a gloss without 作 is no variant", () => {
  assert.deepEqual(variants("射鬼箭（《遼史·國語解》：凡主親征，服甲冑）。（《宋史·夏國傳》）"), []);
});
