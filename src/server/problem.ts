/**
 * Errors of the HTTP API as RFC 9457 problem details (`application/problem+json`): one error
 * class with a status, turned into a response by one handler.
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { RESPONSE_HEADERS } from "./static.ts";

/** The media type of every error response. */
export const PROBLEM_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
  505: "HTTP Version Not Supported",
};

/**
 * The title of a status, as a problem document and a status line give it.
 *
 * @example
 * statusTitle(431) //=> "Request Header Fields Too Large"
 */
export function statusTitle(status: number): string {
  return TITLES[status] ?? "Error";
}

/** One problem with one parameter of a request. */
export interface ParameterProblem {
  /** Where the parameter is: `query` or `path`. */
  in: string;
  /** The parameter's name. */
  name: string;
  message: string;
}

/** The body of an error response. */
export interface Problem {
  type: "about:blank";
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred on. */
  instance?: string;
  /** For invalid parameters: which ones, and what is wrong with each. */
  errors?: ParameterProblem[];
}

/** An error the API answers with a problem response of `status`. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    /** A sentence for the caller: what is wrong and how to correct it. */
    readonly detail: string,
    readonly errors?: ParameterProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message: detail });
  }
}

/**
 * The body of a problem response, as JSON text.
 *
 * @example
 * JSON.parse(problemBody(431, "The request head is too long")).title //=> "Request Header Fields Too Large"
 */
export function problemBody(
  status: number,
  detail: string,
  instance?: string,
  errors?: ParameterProblem[],
): string {
  const body: Problem = { type: "about:blank", title: statusTitle(status), status, detail };
  if (instance !== undefined) body.instance = instance;
  if (errors !== undefined) body.errors = errors;
  return JSON.stringify(body);
}

/**
 * A problem response, with the headers every response carries.
 *
 * @example
 * problemResponse(404, "There is no entry 1:e999", "/api/entries/1:e999").status //=> 404
 */
export function problemResponse(
  status: number,
  detail: string,
  instance?: string,
  errors?: ParameterProblem[],
  headers: Record<string, string> = {},
): Response {
  return new Response(problemBody(status, detail, instance, errors), {
    status,
    headers: { ...RESPONSE_HEADERS, "content-type": PROBLEM_TYPE, ...headers },
  });
}
