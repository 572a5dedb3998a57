import type { Command } from "../command.ts";

/** Every command of the CLI, in the order `biannian --help` lists them. */
export const commands: Command[] = [];
