/**
 * Who may write through the API (corrections, imports). A server on this machine only
 * (127.0.0.1, ::1, localhost) edits as the local user. A server opened to others is read-only
 * unless started with `--allow-edits` and a token, which every write must then carry
 * (`Authorization: Bearer TOKEN`), compared in constant time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { userInfo } from "node:os";
import type { Context } from "hono";
import { ApiError } from "./problem.ts";

/** What the server allows writers. */
export interface EditPolicy {
  /** Whether writes are accepted at all. */
  allowed: boolean;
  /** The token every write must carry, or null (a local server without one). */
  token: string | null;
  /** The name writes are made under when the request names nobody: the local user. */
  user: string;
  /** Why writes are refused, for the answer (when `allowed` is false). */
  refusal: string;
}

/** The environment variable that may hold the edit token (so that it stays out of `ps`). */
export const TOKEN_ENV = "BIANNIAN_EDIT_TOKEN";

/** Shortest token accepted. */
const MIN_TOKEN_LENGTH = 16;

/**
 * Whether a listening address is this machine only.
 *
 * @example
 * isLoopback("127.0.0.1") //=> true
 * isLoopback("0.0.0.0") //=> false
 */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The local user's name, or `local` where the system has none. */
export function localUser(): string {
  try {
    return userInfo().username || "local";
  } catch {
    return "local";
  }
}

/**
 * The policy of a server listening on `host`.
 *
 * @throws Error when edits are asked for without a token, or with a short one
 */
export function editPolicy(options: {
  host: string;
  allowEdits?: boolean;
  token?: string | null;
}): EditPolicy {
  const token = options.token ?? null;
  if (token !== null && token.length < MIN_TOKEN_LENGTH)
    throw new Error(`the edit token must be at least ${MIN_TOKEN_LENGTH} characters long`);
  const user = localUser();
  if (isLoopback(options.host)) return { allowed: true, token, user, refusal: "" };
  if (!options.allowEdits)
    return {
      allowed: false,
      token: null,
      user,
      refusal: `This server is read-only: it listens on ${options.host}, open to others; start it with --allow-edits and a token to accept corrections and imports`,
    };
  if (token === null)
    throw new Error(`--allow-edits on ${options.host} needs a token: --token TOKEN, or $${TOKEN_ENV}`);
  return { allowed: true, token, user, refusal: "" };
}

/** The policy of an app made without one (in tests): edits as the local user, no token. */
export const LOCAL_EDITS: EditPolicy = { allowed: true, token: null, user: localUser(), refusal: "" };

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Checks that a request may write, and names its author: the name it gives (with a token), else
 * the local user.
 *
 * @throws ApiError 403 on a read-only server or with a wrong token, 401 without a token
 */
export function writer(c: Context, policy: EditPolicy, named?: string): string {
  if (!policy.allowed) throw new ApiError(403, policy.refusal);
  if (policy.token !== null) {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const challenge = { "www-authenticate": 'Bearer realm="biannian"' };
    if (!match)
      throw new ApiError(
        401,
        "This server takes writes with its token only: Authorization: Bearer TOKEN",
        undefined,
        challenge,
      );
    // Compared as digests, so that neither the length nor the characters leak through timing.
    if (!timingSafeEqual(digest(match[1]!), digest(policy.token)))
      throw new ApiError(403, "The token is not this server's: the write is refused");
    return named?.trim() || policy.user;
  }
  return policy.user;
}
