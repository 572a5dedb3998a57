import type { Message } from "../parse/types.ts";
import type { CommandIO } from "./command.ts";

/** Prints parser messages as `file:line:column: severity: reason` (info only when `verbose`). */
export function printMessages(
  io: CommandIO,
  file: string,
  messages: readonly Message[],
  verbose: boolean,
): void {
  for (const m of messages) {
    if (m.severity === "info" && !verbose) continue;
    io.err(
      `${file}:${m.place.start.line}:${m.place.start.column}: ${m.severity}: ${m.reason} [${m.ruleId}]\n`,
    );
  }
}
