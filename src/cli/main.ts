import type { Command, CommandIO } from "./command.ts";
import { InputError, UsageError } from "./command.ts";
import { commands } from "./commands/index.ts";
import { printable } from "./messages.ts";

const HELP = (list: readonly Command[]) =>
  [
    "biannian — structured, dated, cited records from classical Chinese chronicles",
    "",
    "Usage: biannian COMMAND [options]",
    "",
    "Commands:",
    ...list.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
    "Run `biannian COMMAND --help` for a command's options.",
  ].join("\n");

/** The process's own standard streams. */
export const processIO: CommandIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
};

/**
 * Runs the command line `args` (without `node` and the script) and resolves to an exit code.
 * Errors never escape: usage mistakes exit 2, input problems and other failures exit 1.
 */
export async function run(args: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(`${HELP(commands)}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    io.out("biannian 0.1.0\n");
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`biannian: unknown command "${printable(name)}"\n\n${HELP(commands)}\n`);
    return 2;
  }
  // Messages may quote what the user gave (a file name, an argument) or the database said:
  // control characters in them are escaped, never sent to the terminal.
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`biannian ${command.name}: ${printable(error.message, "\n")}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      const place = error.line === null ? "" : `:${error.line}:${error.column ?? 1}`;
      io.err(`${printable(error.file)}${place}: ${printable(error.message, "\n")}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`biannian ${command.name}: ${printable(message, "\n")}\n`);
    return 1;
  }
}
