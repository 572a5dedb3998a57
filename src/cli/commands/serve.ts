import { existsSync } from "node:fs";
import { type EditPolicy, editPolicy, TOKEN_ENV } from "../../server/edits.ts";
import { keepSearchIndex, WARM_ANSWERS, warmLayouts, warmUp } from "../../server/routes/warm.ts";
import { startServer } from "../../server/serve.ts";
import { ensureWebBuild } from "../../server/web-build.ts";
import { describeLocation, isPostgresUrl, openStore, resolveDatabasePath } from "../../store/index.ts";
import { parseArgs, stringOption } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { printable } from "../messages.ts";
import { integerOption } from "./search.ts";

const USAGE = `Usage: biannian serve [--db PATH] [--port 8080] [--host 127.0.0.1] [--allow-edits --token TOKEN]

Serves the stored chronicles over HTTP until interrupted (Ctrl-C): the web app at /, JSON
endpoints under /api/, the OpenAPI 3.1 document at /api/openapi.json and a page listing the
endpoints at /api. The web app is built first (into web/dist) when missing or out of date.
  --db PATH     the database file or postgres:// URL (default: $BIANNIAN_DB, else biannian.db
                in the user's data directory)
  --port N      the port to listen on (default 8080; 0 picks a free one)
  --host HOST   the address to listen on (default 127.0.0.1, this machine only)
  --allow-edits accept corrections and imports on a server open to others (another --host);
                every write must then carry the token (Authorization: Bearer TOKEN). On this
                machine only, writes are always accepted, made as the local user.
  --token TOKEN the edit token, 16 characters or more (default: $BIANNIAN_EDIT_TOKEN)`;

/** How long the server must have answered nothing before it does background work (layouts, the search index). */
const IDLE_MS = 250;

/** `biannian serve`: the web app and the HTTP API over the database. */
export const serveCommand: Command = {
  name: "serve",
  summary: "serve the stored chronicles over HTTP (web app and JSON API)",
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, {
      db: "value",
      port: "value",
      host: "value",
      "allow-edits": "flag",
      token: "value",
    });
    if (parsed.options.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positional.length > 0) throw new UsageError(`Unexpected argument "${parsed.positional[0]}"`);
    const port = integerOption(parsed, "port", 0, 65535) ?? 8080;
    const host = stringOption(parsed, "host") ?? "127.0.0.1";
    let edits: EditPolicy;
    try {
      edits = editPolicy({
        host,
        allowEdits: parsed.options["allow-edits"] === true,
        token: stringOption(parsed, "token") ?? process.env[TOKEN_ENV] ?? null,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dbPath = resolveDatabasePath(stringOption(parsed, "db"));
    if (dbPath !== ":memory:" && !isPostgresUrl(dbPath) && !existsSync(dbPath)) {
      throw new Error(`no database at ${dbPath}; store chronicles first with \`biannian ingest FILE\``);
    }
    try {
      await ensureWebBuild({ log: (message) => io.err(`${message}\n`) });
    } catch (error) {
      io.err(`warning: the web app could not be built (${(error as Error).message}); serving the API only\n`);
    }
    const store = await openStore(dbPath);
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      // What the views read over the whole corpus is read before the first visitor comes.
      const started = performance.now();
      const entries = await warmUp(store);
      io.err(
        `Read ${entries.toLocaleString("en")} stored entries in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      server = await startServer(store, {
        port,
        host,
        warmPaths: WARM_ANSWERS,
        edits,
        logError: (error) => io.err(`${printable(String(error), "\n")}\n`),
      });
    } catch (error) {
      await store.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE")
        throw new Error(`port ${port} on ${host} is already in use; choose another with --port`);
      throw error;
    }
    // The juan's layouts are read while the server already answers, when it has answered
    // nothing for a moment.
    const warming = new AbortController();
    const busy = () => server.idleMs() < IDLE_MS;
    const layouts = warmLayouts(store, warming.signal, busy).catch(() => 0);
    // The search index's deferred part (the pairs of characters of what was just stored, or
    // imported while the server runs) is made in the same idle time; searches answer the same
    // meanwhile, more slowly.
    const indexStarted = performance.now();
    const indexing = keepSearchIndex(store, warming.signal, busy, () => {
      if (performance.now() - indexStarted > 1000)
        io.err(`Search index complete (${((performance.now() - indexStarted) / 1000).toFixed(1)} s)\n`);
    }).catch((error) =>
      io.err(`warning: the search index stays partial (${printable(String(error), "\n")})\n`),
    );
    io.out(
      `Serving ${printable(describeLocation(dbPath))}\n  App:  ${server.url}/\n  API:  ${server.url}/api\n  Edits: ${edits.allowed ? (edits.token ? "with the token" : `as ${printable(edits.user)}`) : "none (read-only)"}\n  Press Ctrl-C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    warming.abort();
    await layouts;
    await indexing;
    await server.close();
    await store.close();
    io.out("Stopped.\n");
    return 0;
  },
};
