import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { computeIndex } from "../../core/social-index/compute.ts";
import { MSS_DEFAULTS, type IndexDefinition } from "../../core/social-index/definition.ts";
import { writeIndexResultGeoJson } from "./index-result-geojson.ts";

const definition: IndexDefinition = {
  ...MSS_DEFAULTS,
  code: "t",
  name: "Test",
  status: [{ code: "s", label: "s", direction: "higher_is_worse", weight: 1 }],
  dynamics: [{ code: "d", label: "d", direction: "higher_is_worse", weight: 1 }],
};
const square: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [9, 54],
      [9.1, 54],
      [9.1, 54.1],
      [9, 54],
    ],
  ],
};

describe("writeIndexResultGeoJson", () => {
  const r = computeIndex(
    definition,
    [1, 2, 3, 10].map((v, i) => ({
      code: `A${i}`,
      name: `Gebiet ${i}`,
      population: i === 3 ? 100 : 1000,
      values: { s: v, d: -v },
    })),
  );
  if (!r.ok) throw new Error(r.error.join());
  const fc = writeIndexResultGeoJson(r.value, new Map([["A0", square]]));

  it("has one feature per area, with its outline or null", () => {
    expect(fc.features.map((f) => f.id)).toEqual(["A0", "A1", "A2", "A3"]);
    expect(fc.features[0]!.geometry).toEqual(square);
    expect(fc.features[1]!.geometry).toBeNull();
  });

  it("carries classes, group and the exclusion", () => {
    // s = 1, 2, 3 → z = −1.22, 0, +1.22: A0 "hoch"; d = −1, −2, −3 → A0 z = +1.22, "negativ".
    const [a0, , , a3] = fc.features.map((f) => f.properties!);
    expect(a0).toMatchObject({ area: "A0", s: 1, d: -1, status_class: "hoch", group: "1-" });
    expect(typeof a0!["status_index"]).toBe("number");
    expect(a3).toMatchObject({
      excluded: true,
      exclusion_reason: "EW unter 300",
      status_class: null,
      status_index: null,
    });
  });
});
