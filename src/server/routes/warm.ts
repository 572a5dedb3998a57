/**
 * Reads what the web app's views need over the whole corpus before the server takes requests,
 * so that no visitor waits for it: the read model, the timeline's arrays, the entity counts and
 * the index of the entries that name each entity.
 */
import type { Store } from "../../store/types.ts";
import { warmEntities } from "./entities.ts";
import { memo, readModel } from "./read-model.ts";
import { timelineData } from "./timeline.ts";

/**
 * Builds the read model of `store` and what the views compute from it once.
 *
 * @returns how many entries the model holds
 */
export async function warmUp(store: Store): Promise<number> {
  const model = await readModel(store);
  memo(model, "timeline", () => timelineData(model));
  await warmEntities(store, model);
  return model.entries.length;
}
