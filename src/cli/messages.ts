import type { Message } from "../parse/types.ts";
import type { CommandIO } from "./command.ts";

/**
 * True for a code unit a terminal acts on rather than shows: C0 and C1 controls, DEL, and the
 * bidirectional formatting characters that reorder the text after them.
 */
function unprintable(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * `text` made safe to print on a terminal: each control character (C0, C1, DEL, and the
 * bidirectional controls) is written as an escape, `\x1b` or `\u202e`, so that a file name
 * or a value holding an ANSI escape sequence is shown, not obeyed. Characters in `keep` (a
 * message's own line breaks) are left as they are.
 *
 * @example
 * printable("a\u001b[31mb.txt") //=> "a\\x1b[31mb.txt"
 * printable("line one\nline two", "\n") //=> "line one\nline two"
 */
export function printable(text: string, keep = ""): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!unprintable(code) || keep.includes(text[i]!)) continue;
    const escaped =
      code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    out += text.slice(from, i) + escaped;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Prints parser messages as `file:line:column: severity: reason` (info only when `verbose`). */
export function printMessages(
  io: CommandIO,
  file: string,
  messages: readonly Message[],
  verbose: boolean,
): void {
  const shown = printable(file);
  for (const m of messages) {
    if (m.severity === "info" && !verbose) continue;
    io.err(
      `${shown}:${m.place.start.line}:${m.place.start.column}: ${m.severity}: ${printable(m.reason)} [${m.ruleId}]\n`,
    );
  }
}
