import { describe, expect, it } from "vitest";
import { contrastRatio } from "../classify/contrast.ts";
import { CITY_COLOUR, NEUTRAL_COLOUR, SERIES_COLOURS } from "./chart-colours.ts";

describe("chart colours", () => {
  it("keep 3:1 contrast against the white chart background", () => {
    for (const c of [CITY_COLOUR, NEUTRAL_COLOUR, ...SERIES_COLOURS]) {
      expect(contrastRatio(c, "#ffffff"), c).toBeGreaterThanOrEqual(3);
    }
  });
});
