import { describe, expect, it } from "vitest";
import {
  assertOpenDatasetShape,
  distinctLicences,
  distinctSources,
  formatFixed,
  roundToDecimals,
} from "./open-dataset.ts";
import { sampleDataset } from "./open-dataset.test-support.ts";

describe("roundToDecimals", () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-1.005, 2, -1.01],
    [-2.5, 0, -3],
    [2.5, 0, 3],
    [12.345, 1, 12.3],
    [0.1 + 0.2, 2, 0.3],
    [1e-7, 2, 0],
    [123456.789, 1, 123456.8],
    [1e21, 2, 1e21],
  ])("rounds %f to %i places as %f (half away from zero)", (value, decimals, expected) => {
    expect(roundToDecimals(value, decimals)).toBe(expected);
  });

  it("never returns negative zero", () => {
    expect(Object.is(roundToDecimals(-0.004, 2), 0)).toBe(true);
    expect(Object.is(roundToDecimals(-0, 0), 0)).toBe(true);
  });

  it("prints exactly the decimals asked for", () => {
    expect(formatFixed(12, 1)).toBe("12.0");
    expect(formatFixed(1234.5, 0)).toBe("1235");
    expect(formatFixed(-0.004, 2)).toBe("0.00");
  });
});

describe("assertOpenDatasetShape", () => {
  it("accepts the sample", () => {
    expect(() => assertOpenDatasetShape(sampleDataset())).not.toThrow();
  });

  it("refuses a wrong shape, repeated codes and impossible decimals", () => {
    const ds = sampleDataset();
    expect(() => assertOpenDatasetShape({ ...ds, cells: ds.cells.slice(1) })).toThrow(/indicators/);
    expect(() => assertOpenDatasetShape({ ...ds, areas: ds.areas.slice(1) })).toThrow(/areas/);
    expect(() =>
      assertOpenDatasetShape({ ...ds, areas: [ds.areas[0]!, ds.areas[0]!, ds.areas[1]!] }),
    ).toThrow(/twice/);
    const indicators = ds.indicators.map((i, k) => (k === 0 ? { ...i, decimals: 1.5 } : i));
    expect(() => assertOpenDatasetShape({ ...ds, indicators })).toThrow(/decimals/);
  });
});

it("lists the distinct sources and licences in order", () => {
  expect(distinctSources(sampleDataset())).toEqual([
    "Einwohnermelderegister der Stadt Flensburg",
    "Statistik der Bundesagentur für Arbeit",
  ]);
  expect(distinctLicences(sampleDataset())).toEqual(["dl-by-de/2.0"]);
});
