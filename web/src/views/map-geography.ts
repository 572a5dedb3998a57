/**
 * The map's rivers and the rough frontiers of c. 1040 (data/geography/rivers-frontiers-1040.json,
 * each point named by the place it passes), drawn as lines under the places.
 */
import type { geoPath } from "d3-geo";
import geography from "../../../data/geography/rivers-frontiers-1040.json";
import { svg } from "../svg.ts";

/** The rivers and the rough frontiers of c. 1040 (data/geography), drawn under the places. */
export function geographyLayer(path: ReturnType<typeof geoPath>): SVGGElement {
  return svg(
    "g",
    { class: "geography", "aria-hidden": "true" },
    ...geography.features.map((f) =>
      svg(
        "path",
        {
          d:
            path({
              type: "LineString",
              coordinates: f.points.map((p) => [p.lon, p.lat]),
            }) ?? "",
          class: `${f.kind} ${f.kind}-${f.id}`,
          "data-feature": f.id,
        },
        svg("title", {}, `${f.name} ${f.english} (approximate)`),
      ),
    ),
  );
}
