import type { Command, CommandIO } from "../command.ts";

/**
 * A command known by its name and summary, whose module is loaded only when it runs: `biannian
 * date 1043` loads the calendar, not the server, the store drivers or the annotator.
 */
function lazy(name: string, summary: string, load: () => Promise<Command>): Command {
  let loaded: Command | null = null;
  return {
    name,
    summary,
    // The usage is printed after a command has run (a usage error), by when it is loaded.
    get usage() {
      return loaded?.usage ?? summary;
    },
    async run(args: string[], io: CommandIO) {
      loaded ??= await load();
      return loaded.run(args, io);
    },
  };
}

/** Every command of the CLI, in the order `biannian --help` lists them. */
export const commands: Command[] = [
  lazy(
    "entries",
    "print the entries of a chronicle file (JSON, CSV or text)",
    async () => (await import("./entries.ts")).entriesCommand,
  ),
  lazy(
    "parse",
    "print the positioned syntax tree of a chronicle file as JSON",
    async () => (await import("./parse.ts")).parseCommand,
  ),
  lazy(
    "date",
    "convert a Chinese era date or a Western date (慶曆三年四月, 1043-05-20)",
    async () => (await import("./date.ts")).dateCommand,
  ),
  lazy(
    "ingest",
    "parse chronicle files (or directories of them) and store them in the database",
    async () => (await import("./ingest.ts")).ingestCommand,
  ),
  lazy(
    "search",
    "search the stored entries (folding simplified, traditional and variant forms)",
    async () => (await import("./search.ts")).searchCommand,
  ),
  lazy(
    "serve",
    "serve the stored chronicles over HTTP (web app and JSON API)",
    async () => (await import("./serve.ts")).serveCommand,
  ),
  lazy(
    "export",
    "export chronicle files or a database as TEI, CSV, JSON-LD, GeoJSON or GEXF",
    async () => (await import("./export.ts")).exportCommand,
  ),
  lazy(
    "entities",
    "list the persons, places, polities and offices a chronicle mentions",
    async () => (await import("./entities.ts")).entitiesCommand,
  ),
  lazy(
    "events",
    "list the events of a chronicle: embassies, raids, battles, appointments …",
    async () => (await import("./events.ts")).eventsCommand,
  ),
  lazy(
    "parallels",
    "set the accounts of one event in different chronicles side by side, with what differs",
    async () => (await import("./parallels.ts")).parallelsCommand,
  ),
];

/** Loads every command module: for tests that compare the registry with the commands themselves. */
export async function loadAllCommands(): Promise<Command[]> {
  return Promise.all([
    import("./entries.ts").then((m) => m.entriesCommand),
    import("./parse.ts").then((m) => m.parseCommand),
    import("./date.ts").then((m) => m.dateCommand),
    import("./ingest.ts").then((m) => m.ingestCommand),
    import("./search.ts").then((m) => m.searchCommand),
    import("./serve.ts").then((m) => m.serveCommand),
    import("./export.ts").then((m) => m.exportCommand),
    import("./entities.ts").then((m) => m.entitiesCommand),
    import("./events.ts").then((m) => m.eventsCommand),
    import("./parallels.ts").then((m) => m.parallelsCommand),
  ]);
}
