/**
 * Writing through the API: the server's edit policy, the edit token (kept for the tab only) and
 * POSTs of JSON whose problems come back as `ApiError`s with the server's sentence.
 */
import type { Correction } from "../../src/store/corrections.ts";
import { ApiError, forgetAnswers, getJson } from "./api.ts";

/** What the server allows (`GET /api/edits`). */
export interface EditPolicy {
  allowed: boolean;
  /** Whether writes need the server's token. */
  token: boolean;
  /** The local user writes are made as, on a server without a token. */
  user: string | null;
  refusal: string | null;
}

/** A stored correction, as the API gives it: the store's own type. */
export type { Correction };

const TOKEN_KEY = "biannian-edit-token";
const AUTHOR_KEY = "biannian-edit-author";

/** The server's edit policy, asked once per page. */
export const editPolicy = (): Promise<EditPolicy> => getJson<EditPolicy>("/api/edits");

/** The token and name typed for this tab, if any. */
export function credentials(): { token: string; author: string } {
  return {
    token: sessionStorage.getItem(TOKEN_KEY) ?? "",
    author: sessionStorage.getItem(AUTHOR_KEY) ?? "",
  };
}

/** Keeps the token and name for this tab. */
export function setCredentials(token: string, author: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(AUTHOR_KEY, author);
}

/** POSTs JSON (with the tab's token when there is one); the response, or the problem as an ApiError. */
export async function postJson(path: string, body: unknown): Promise<Response> {
  const { token } = credentials();
  const response = await fetch(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new ApiError(response.status, problem?.detail ?? `${response.status} ${response.statusText}`);
  }
  // What the views show changed: read it again.
  forgetAnswers();
  return response;
}

/** An entry's corrections, undone ones too (never cached: they change as the reader works). */
export async function entryCorrections(entryId: string): Promise<Correction[]> {
  const response = await fetch(`/api/corrections?entry=${encodeURIComponent(entryId)}&all=true`, {
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new ApiError(response.status, `${response.status} ${response.statusText}`);
  return ((await response.json()) as { results: Correction[] }).results;
}
