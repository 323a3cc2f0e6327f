import type { Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { boundsOf } from "./bounds.ts";

describe("boundsOf", () => {
  it.each<[string, Geometry[], ReturnType<typeof boundsOf>]>([
    ["a point", [{ type: "Point", coordinates: [9.4, 54.8] }], [9.4, 54.8, 9.4, 54.8]],
    [
      "a polygon and a multipolygon",
      [
        {
          type: "Polygon",
          coordinates: [
            [
              [9.4, 54.7],
              [9.5, 54.7],
              [9.5, 54.8],
              [9.4, 54.7],
            ],
          ],
        },
        {
          type: "MultiPolygon",
          coordinates: [
            [
              [
                [9.3, 54.75],
                [9.35, 54.9],
                [9.32, 54.76],
                [9.3, 54.75],
              ],
            ],
          ],
        },
      ],
      [9.3, 54.7, 9.5, 54.9],
    ],
    ["no geometry", [], null],
    ["only a collection", [{ type: "GeometryCollection", geometries: [] }], null],
  ])("%s", (_, geometries, expected) => {
    expect(boundsOf(geometries)).toEqual(expected);
  });
});
