import type { CommandIO } from "../../src/cli/command.ts";
import { run } from "../../src/cli/main.ts";

/** What a command printed and returned. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `biannian ARGS…` in this process, collecting its standard output and error.
 *
 * @example
 * await cli("date", "慶曆三年") //=> { code: 0, out: "…", err: "" }
 */
export async function cli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await run(args, io);
  return { code, out: out.join(""), err: err.join("") };
}
