import type { Command } from "../command.ts";
import { dateCommand } from "./date.ts";
import { entitiesCommand } from "./entities.ts";
import { entriesCommand } from "./entries.ts";
import { eventsCommand } from "./events.ts";
import { exportCommand } from "./export.ts";
import { ingestCommand } from "./ingest.ts";
import { parseCommand } from "./parse.ts";
import { searchCommand } from "./search.ts";
import { serveCommand } from "./serve.ts";

/** Every command of the CLI, in the order `biannian --help` lists them. */
export const commands: Command[] = [
  entriesCommand,
  parseCommand,
  dateCommand,
  ingestCommand,
  searchCommand,
  serveCommand,
  exportCommand,
  entitiesCommand,
  eventsCommand,
];
