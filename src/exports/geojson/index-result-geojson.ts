/**
 * A social index run as GeoJSON (RFC 7946): one feature per area of the run, with its outline
 * (null when the area has none), its values, indices, classes, group and exclusion, so that a
 * GIS can draw the class map. Properties are flat (one per column), named as in the CSV of the
 * run (docs/methods/social-index.md); indices are rounded to 6 decimals.
 */
import type { FeatureCollection, Geometry } from "geojson";
import type { IndexResult } from "../../core/social-index/compute.ts";

const round6 = (x: number | undefined): number | null =>
  x === undefined ? null : Math.round(x * 1e6) / 1e6;

export function writeIndexResultGeoJson(
  result: Pick<IndexResult, "definition" | "areas">,
  geometries: ReadonlyMap<string, Geometry>,
): FeatureCollection<Geometry | null> {
  const d = result.definition;
  const hasDynamics = d.dynamics.length > 0;
  const codes = [...d.status.map((i) => i.code), ...d.dynamics.map((i) => i.code), ...d.context];
  return {
    type: "FeatureCollection",
    features: result.areas.map((a) => ({
      type: "Feature",
      id: a.code,
      geometry: geometries.get(a.code) ?? null,
      properties: {
        area: a.code,
        name: a.name,
        population: a.population,
        ...Object.fromEntries(codes.map((c) => [c, a.values[c] ?? null])),
        status_index: round6(a.status?.index),
        status_class: a.status?.classLabel ?? null,
        status_class_number: a.status?.classNumber ?? null,
        ...(hasDynamics
          ? {
              dynamics_index: round6(a.dynamics?.index),
              dynamics_class: a.dynamics?.classLabel ?? null,
              dynamics_class_number: a.dynamics?.classNumber ?? null,
            }
          : {}),
        group: a.group,
        excluded: a.exclusion !== null,
        exclusion_reason: a.exclusion?.detail ?? null,
      },
    })),
  };
}
