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

/**
 * A `CommandIO` that keeps what a command prints, for a command run directly; `errIsTTY` is left
 * out when not given (standard error is then a terminal when standard output is).
 *
 * @example
 * const io = captureIO({ errIsTTY: true }); await ingestCommand.run(["x.txt"], io); io.stderr //=> "…"
 */
export function captureIO(
  options: { isTTY?: boolean; errIsTTY?: boolean } = {},
): CommandIO & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    isTTY: options.isTTY ?? false,
    ...(options.errIsTTY === undefined ? {} : { errIsTTY: options.errIsTTY }),
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
