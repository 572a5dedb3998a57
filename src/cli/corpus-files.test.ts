import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { chronicleFiles, naturalCompare } from "./corpus-files.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-corpus-files-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("natural order: numbers by their value, the rest by code point", () => {
  const names = [
    "KR2b0019_10.txt",
    "KR2b0019_009.txt",
    "KR2b0019_9.txt",
    "KR2b0019_100.txt",
    "KR2b0019_1.txt",
    "KR2b0019_010.txt",
    "KR2a0033_115.txt",
    "juan.txt",
    "juan2.txt",
  ];
  assert.deepEqual([...names].sort(naturalCompare), [
    "KR2a0033_115.txt",
    "KR2b0019_1.txt",
    "KR2b0019_9.txt",
    "KR2b0019_009.txt",
    "KR2b0019_10.txt",
    "KR2b0019_010.txt",
    "KR2b0019_100.txt",
    "juan.txt",
    "juan2.txt",
  ]);
  assert.equal(naturalCompare("KR2b0019_009.txt", "KR2b0019_010.txt"), -1);
  assert.equal(naturalCompare("a.txt", "a.txt"), 0);
  // Longer than any safe integer: still compared by value.
  assert.equal(naturalCompare("x99999999999999999999", "x100000000000000000000"), -1);
});

test("a directory stands for its .txt files, a file for itself, each file once", () => {
  const root = join(dir, "corpus");
  mkdirSync(join(root, "b"), { recursive: true });
  mkdirSync(join(root, ".git"));
  writeFileSync(join(root, "b", "2.txt"), "");
  writeFileSync(join(root, "b", "10.TXT"), "");
  writeFileSync(join(root, "b", "README.md"), "");
  writeFileSync(join(root, ".git", "x.txt"), "");
  writeFileSync(join(root, "a.txt"), "abc");
  writeFileSync(join(root, "notes.org"), "");
  // A link back up the tree is not followed round and round.
  symlinkSync(root, join(root, "b", "loop"));
  const named = join(root, "notes.org");
  assert.deepEqual(chronicleFiles([named, root, join(root, "a.txt")]), [
    { path: named, size: 0, named: true },
    { path: join(root, "a.txt"), size: 3, named: false },
    { path: join(root, "b", "2.txt"), size: 0, named: false },
    { path: join(root, "b", "10.TXT"), size: 0, named: false },
  ]);
});

test("what cannot be read becomes a problem in its place", () => {
  const empty = join(dir, "empty");
  mkdirSync(empty);
  writeFileSync(join(empty, "README.md"), "");
  const file = join(dir, "one.txt");
  writeFileSync(file, "");
  assert.deepEqual(chronicleFiles([join(dir, "missing"), empty, file]), [
    { path: join(dir, "missing"), problem: "no such file" },
    { path: empty, problem: "no .txt file in this directory" },
    { path: file, size: 0, named: true },
  ]);
});
