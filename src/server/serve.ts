import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { getRequestListener, RequestError } from "@hono/node-server";
import type { Store } from "../store/types.ts";
import { type AppOptions, createApp } from "./app.ts";
import { PROBLEM_TYPE, problemBody, problemResponse, statusTitle } from "./problem.ts";
import { RESPONSE_HEADERS } from "./static.ts";

/** Longest request head accepted, so that a long (refused) query still gets a JSON answer. */
const MAX_HEADER_BYTES = 128 * 1024;

/**
 * A problem response as the bytes of an HTTP/1.1 answer, for a request the app never sees (the
 * HTTP parser refused it, or its method is CONNECT): written straight to the socket, which is
 * then closed.
 *
 * @example
 * rawProblem(400, "The request is not well-formed HTTP").startsWith("HTTP/1.1 400 Bad Request\r\n") //=> true
 */
export function rawProblem(status: number, detail: string, headers: Record<string, string> = {}): string {
  const body = problemBody(status, detail);
  const fields = {
    ...RESPONSE_HEADERS,
    "content-type": PROBLEM_TYPE,
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
    ...headers,
  };
  const head = Object.entries(fields).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${statusTitle(status)}\r\n${head.join("")}\r\n${body}`;
}

/** The status and sentence for a request the HTTP parser refused, by the parser's error code. */
function clientProblem(error: Error & { code?: string; reason?: string }): [number, string] {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return [431, `The request head is over ${MAX_HEADER_BYTES / 1024} KiB, the most the server reads`];
    case "HPE_INVALID_METHOD":
      return [400, "The request method is not one the server knows; the API answers GET and HEAD"];
    case "HPE_INVALID_VERSION":
    case "HPE_PAUSED_H2_UPGRADE":
      return [505, "The server speaks HTTP/1.1 (and 1.0) only"];
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return [413, "The request body's chunk extensions are too long"];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [408, "The request was not received in time"];
    default: {
      // The parser's reason is a short ASCII sentence ("Invalid header value char").
      const reason = typeof error.reason === "string" ? error.reason.replace(/[^\x20-\x7e]/g, "") : "";
      return [400, `The request is not well-formed HTTP${reason ? `: ${reason}` : ""}`];
    }
  }
}

/** How long a connection answered with `answerRaw` may stay open for the client to read the answer. */
const LINGER_MS = 2000;

/**
 * Writes a problem answer on a socket the app has no response for, and closes it: at once for
 * a client that closes its side, after `LINGER_MS` for one that does not.
 */
function answerRaw(socket: Duplex, status: number, detail: string, headers?: Record<string, string>): void {
  try {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawProblem(status, detail, headers));
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  } catch {
    socket.destroy();
  }
}

/** A running server. */
export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Stops accepting connections and resolves when the open ones are closed. */
  close(): Promise<void>;
  /**
   * Milliseconds since the server last finished answering a request (or since it started), 0
   * while it is answering one: what background work waits on.
   */
  idleMs(): number;
}

/**
 * Serves the API over HTTP.
 *
 * @param store the store to read from
 * @param options `port` (0 picks a free one; default 8080) and `host` (default 127.0.0.1)
 * @example
 * const server = await startServer(store, { port: 0 })
 * await fetch(`${server.url}/api/documents`)
 * await server.close()
 */
export async function startServer(
  store: Store,
  options: {
    port?: number;
    host?: string;
    /**
     * GET paths answered once before the server listens (as to a browser, gzip accepted), so
     * that their answers are kept for the first visitor; one that fails is left to its request.
     */
    warmPaths?: readonly string[];
  } & AppOptions = {},
): Promise<RunningServer> {
  const app = createApp(store, options);
  for (const path of options.warmPaths ?? []) {
    try {
      await (await app.request(path, { headers: { "accept-encoding": "gzip" } })).arrayBuffer();
    } catch {
      // The request that meets the failure reports it.
    }
  }
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const host = options.host ?? "127.0.0.1";
  // A request the adapter cannot turn into a URL (a backslash in the path, a bad Host header)
  // gets a problem document too, not a bare 400.
  const listener = getRequestListener(app.fetch, {
    hostname: host,
    errorHandler: (error) => {
      if (error instanceof RequestError)
        return problemResponse(400, `The request is not well-formed: ${error.message}`);
      logError(error);
      return problemResponse(500, "The server failed to answer this request");
    },
  });
  // Requests without Host are refused here rather than by Node, which would answer with no body.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false }, (req, res) => {
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1) {
      const body = problemBody(400, "The request has no Host header, which HTTP/1.1 requires");
      res.writeHead(400, {
        ...RESPONSE_HEADERS,
        "content-type": PROBLEM_TYPE,
        "content-length": Buffer.byteLength(body),
        connection: "close",
      });
      res.end(body);
      return;
    }
    void listener(req, res);
  });
  // The response being written on each connection, while it is: a refused request that follows
  // it on the same connection (pipelined) is answered once that response is complete.
  const writing = new WeakMap<Socket, ServerResponse>();
  // The requests being answered, and when the last one was.
  let answering = 0;
  let lastAnswered = performance.now();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    writing.set(req.socket, res);
    answering++;
    res.once("close", () => {
      if (writing.get(req.socket) === res) writing.delete(req.socket);
      answering--;
      lastAnswered = performance.now();
    });
  });
  // A request the HTTP parser refuses (a head over the limit, an unknown method, bytes that are
  // not HTTP) never reaches the app: it is answered here, with a problem document.
  const refused = new WeakSet<Duplex>();
  server.on("clientError", (error: Error & { code?: string }, socket: Duplex) => {
    // Only the first error of a connection is answered; the parser repeats it for later bytes.
    if (error.code === "ECONNRESET" || !socket.writable || refused.has(socket)) {
      socket.destroy();
      return;
    }
    refused.add(socket);
    const [status, detail] = clientProblem(error);
    const before = writing.get(socket as Socket);
    if (before === undefined) answerRaw(socket, status, detail);
    else
      before.once("close", () =>
        before.writableFinished ? answerRaw(socket, status, detail) : socket.destroy(),
      );
  });
  // CONNECT asks for a tunnel; the server is not a proxy.
  server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
    socket.on("error", () => socket.destroy());
    answerRaw(
      socket,
      405,
      "The server is not a proxy: CONNECT is not answered; the API answers GET and HEAD",
      {
        allow: "GET, HEAD",
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off("error", reject);
      const info = server.address() as AddressInfo;
      const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
        idleMs: () => (answering > 0 ? 0 : performance.now() - lastAnswered),
      });
    });
  });
}
