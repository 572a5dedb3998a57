import { UsageError } from "./command.ts";

/** Options a command accepts: name → whether it takes a value. */
export type OptionSpec = Record<string, "flag" | "value">;

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string | true>;
}

/**
 * Splits a command line into positional arguments and `--name value` / `--name=value` options.
 * Unknown options and missing values are usage errors. `-h` is `--help`.
 *
 * @example
 * parseArgs(["a.txt", "--format", "json"], { format: "value" })
 * //=> { positional: ["a.txt"], options: { format: "json" } }
 */
export function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  const full: OptionSpec = { help: "flag", ...spec };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      options.help = true;
      continue;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const kind = full[name];
      if (!kind) throw new UsageError(`Unknown option --${name}`);
      if (kind === "flag") {
        if (eq !== -1) throw new UsageError(`Option --${name} takes no value`);
        options[name] = true;
      } else if (eq !== -1) {
        options[name] = arg.slice(eq + 1);
      } else {
        const value = args[i + 1];
        if (value === undefined) throw new UsageError(`Option --${name} needs a value`);
        options[name] = value;
        i++;
      }
      continue;
    }
    positional.push(arg);
  }
  return { positional, options };
}

/** Reads a string option, or `undefined` when absent. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options[name];
  return typeof value === "string" ? value : undefined;
}

/** Reads an option that must be one of `choices`, defaulting to the first. */
export function choiceOption<T extends string>(parsed: ParsedArgs, name: string, choices: readonly T[]): T {
  const value = stringOption(parsed, name);
  if (value === undefined) return choices[0]!;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(", ")} (got "${value}")`);
  }
  return value as T;
}
