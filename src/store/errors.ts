/** A database operation that failed, with the statement and its parameters (long values cut). */
export class StoreError extends Error {
  override name = "StoreError";
  constructor(
    message: string,
    readonly statement: string,
    readonly parameters: unknown,
    options?: { cause?: unknown },
  ) {
    super(
      `${message}\n  in: ${statement.replace(/\s+/g, " ").trim()}\n  with: ${describe(parameters)}`,
      options,
    );
  }
}

function describe(parameters: unknown): string {
  return JSON.stringify(parameters, (_key, value: unknown) =>
    typeof value === "string" && value.length > 80
      ? `${value.slice(0, 80)}… (${value.length} characters)`
      : value,
  );
}
