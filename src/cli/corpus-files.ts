/**
 * The chronicle files a command line names: each FILE as given, each DIRECTORY as the `*.txt`
 * files under it, in natural order, so that the juan of a work follow one another.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** What a directory holds that is read as a chronicle: text files (README.md, Readme.org and the like are not). */
const CHRONICLE_FILE = /\.txt$/iu;

/** A path the command line gave or a directory held: a file to read, or why there is none. */
export type InputItem =
  | {
      /** As the user wrote it, or the directory as written joined with the names under it. */
      path: string;
      /** The size in bytes when it was listed. */
      size: number;
      /** True for a path named on the command line, false for a file found in a directory. */
      named: boolean;
    }
  | { path: string; problem: string };

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * Compares two names in natural order: runs of digits by their value, everything else by code
 * unit, so that `juan9.txt` comes before `juan10.txt` (and `009` before `010`; of two equal
 * numbers, the one written with fewer leading zeros first).
 *
 * @example
 * ["KR2b0019_10.txt", "KR2b0019_9.txt"].sort(naturalCompare) //=> ["KR2b0019_9.txt", "KR2b0019_10.txt"]
 * naturalCompare("KR2b0019_009.txt", "KR2b0019_010.txt") //=> -1
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  let zeros = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (!isDigit(x) || !isDigit(y)) {
      if (x !== y) return x < y ? -1 : 1;
      i++;
      j++;
      continue;
    }
    const runA = i;
    const runB = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    const left = a.slice(runA, i).replace(/^0+(?=\d)/u, "");
    const right = b.slice(runB, j).replace(/^0+(?=\d)/u, "");
    if (left.length !== right.length) return left.length < right.length ? -1 : 1;
    if (left !== right) return left < right ? -1 : 1;
    if (zeros === 0 && i - runA !== j - runB) zeros = i - runA < j - runB ? -1 : 1;
  }
  if (a.length - i !== b.length - j) return a.length - i < b.length - j ? -1 : 1;
  return zeros;
}

function describeError(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  return `cannot read the ${what} (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/**
 * The items of one directory, recursively: its `*.txt` files and those of its subdirectories,
 * each directory's names in natural order. Names starting with a dot are left out, and a
 * directory reached again through a link (`seen`: their real paths) is not read again.
 */
function walk(dir: string, seen: Set<string>, out: InputItem[]): void {
  let real: string;
  let names: string[];
  try {
    real = realpathSync(dir);
    names = readdirSync(dir);
  } catch (error) {
    out.push({ path: dir, problem: describeError(error, "directory") });
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  for (const name of names.sort(naturalCompare)) {
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch (error) {
      // A link to nothing is not a chronicle file; anything else that cannot be read is reported.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      out.push({ path, problem: describeError(error, "file") });
      continue;
    }
    if (stat.isDirectory()) walk(path, seen, out);
    else if (stat.isFile() && CHRONICLE_FILE.test(name)) out.push({ path, size: stat.size, named: false });
  }
}

/**
 * Expands the paths of a command line into the files to read, in order: a file stands for
 * itself (whatever its name), a directory for the `*.txt` files under it, in natural order
 * (`corpus/changbian/KR2b0019_009.txt` before `…_010.txt`). A file reached twice is listed
 * once, where it was first reached. A path that does not exist, cannot be read or is a
 * directory without a `*.txt` file becomes an item with the problem.
 *
 * @example
 * chronicleFiles(["corpus/"]).map((item) => item.path)
 * //=> ["corpus/changbian/KR2b0019_000.txt", …, "corpus/xixia-ji-1043-1044.txt"]
 */
export function chronicleFiles(paths: readonly string[]): InputItem[] {
  const items: InputItem[] = [];
  const listed = new Set<string>();
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch (error) {
      items.push({ path, problem: describeError(error, "file") });
      continue;
    }
    if (!stat.isDirectory()) {
      const key = resolve(path);
      if (listed.has(key)) continue;
      listed.add(key);
      items.push({ path, size: stat.size, named: true });
      continue;
    }
    const found: InputItem[] = [];
    walk(path, new Set(), found);
    let files = 0;
    for (const item of found) {
      if ("problem" in item) {
        items.push(item);
        continue;
      }
      files++;
      const key = resolve(item.path);
      if (listed.has(key)) continue;
      listed.add(key);
      items.push(item);
    }
    if (files === 0 && !found.some((item) => "problem" in item))
      items.push({ path, problem: "no .txt file in this directory" });
  }
  return items;
}
