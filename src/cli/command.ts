/**
 * The shape every CLI command implements. `main.ts` dispatches `biannian NAME ...` to the
 * command whose `name` matches; each command lives in `commands/NAME.ts`.
 */
export interface CommandIO {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** True when standard output is a terminal (for colours). */
  isTTY: boolean;
  /**
   * True when standard error is a terminal, where progress is drawn (so that it stays out of
   * output sent to a file or a pipe); when absent, `isTTY` answers for it.
   */
  errIsTTY?: boolean;
}

export interface Command {
  /** The word typed after `biannian`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CommandIO): Promise<number> | number;
}

/** A mistake in the command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A failure tied to a place in an input file: printed as `file:line:column: message`, or as
 * `file: message` when it is about the whole file (`line` and `column` null); exit code 1.
 */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | null = 1,
    readonly column: number | null = 1,
  ) {
    super(message);
  }
}
