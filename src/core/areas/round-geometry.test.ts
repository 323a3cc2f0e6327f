import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { roundGeometry } from "./round-geometry.ts";

describe("roundGeometry", () => {
  it("rounds every coordinate of polygons and multipolygons to 6 decimals", () => {
    const polygon: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [9.123456789012345, 54.987654321098765],
          [9.2, 54.9],
          [9.1234564999, 54.1],
        ],
      ],
    };
    expect(roundGeometry(polygon).coordinates).toEqual([
      [
        [9.123457, 54.987654],
        [9.2, 54.9],
        [9.123456, 54.1],
      ],
    ]);
    const multi: MultiPolygon = { type: "MultiPolygon", coordinates: [polygon.coordinates] };
    expect(roundGeometry(multi, 3).coordinates[0]![0]![0]).toEqual([9.123, 54.988]);
  });

  it("leaves the input unchanged", () => {
    const polygon: Polygon = { type: "Polygon", coordinates: [[[1.23456789, 2]]] };
    roundGeometry(polygon);
    expect(polygon.coordinates[0]![0]![0]).toBe(1.23456789);
  });
});
