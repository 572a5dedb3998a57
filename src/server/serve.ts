import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener, RequestError } from "@hono/node-server";
import type { Store } from "../store/types.ts";
import { type AppOptions, createApp } from "./app.ts";
import { problemResponse } from "./problem.ts";

/** Longest request head accepted, so that a long (refused) query still gets a JSON answer. */
const MAX_HEADER_BYTES = 128 * 1024;

/** A running server. */
export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Stops accepting connections and resolves when the open ones are closed. */
  close(): Promise<void>;
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
export function startServer(
  store: Store,
  options: { port?: number; host?: string } & AppOptions = {},
): Promise<RunningServer> {
  const app = createApp(store, options);
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
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, listener);
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
      });
    });
  });
}
