import { describe, expect, it } from "vitest";
import { computeIndex } from "./compute.ts";
import {
  classIndex,
  MSS_DEFAULTS,
  MSS_DYNAMICS_CLASSES,
  MSS_STATUS_CLASSES,
  type IndexDefinition,
} from "./definition.ts";
import { bandRules, describeMethod } from "./method.ts";

describe("bandRules", () => {
  it("writes the MSS bands with their boundary rule", () => {
    expect(bandRules(MSS_STATUS_CLASSES)).toEqual([
      "I < −1",
      "−1 ≤ I ≤ 1",
      "1 < I ≤ 1,5",
      "I > 1,5",
    ]);
    expect(bandRules(MSS_DYNAMICS_CLASSES)).toEqual(["I < −1", "−1 ≤ I ≤ 1", "I > 1"]);
  });

  it("agrees with classIndex on the bounds themselves", () => {
    // −1 is "mittel" (the rule says −1 ≤ I), +1 is "mittel", 1.5 is "niedrig".
    expect([-1, 1, 1.5].map((v) => classIndex(v, MSS_STATUS_CLASSES))).toEqual([1, 1, 2]);
  });
});

describe("describeMethod", () => {
  const definition: IndexDefinition = {
    ...MSS_DEFAULTS,
    code: "t",
    name: "Testindex",
    status: [
      { code: "s1", label: "Arbeitslose", direction: "higher_is_worse", weight: 1 },
      { code: "s2", label: "Abitur", direction: "higher_is_better", weight: 2 },
    ],
    dynamics: [],
    exclusions: { minPopulation: 300, manual: [{ area: "A0", reason: "Sondergebiet" }] },
  };
  const areas = Array.from({ length: 8 }, (_, i) => ({
    code: `A${i}`,
    name: `Gebiet ${i}`,
    population: i === 1 ? 100 : 1000,
    values: { s1: i * 1.5, s2: 20 - i },
  }));
  const r = computeIndex(definition, areas);
  if (!r.ok) throw new Error(r.error.join());
  const method = describeMethod(definition, r.value, {
    version: 3,
    level: "district",
    period: "2025",
    populationIndicator: "population",
  });

  it("names the run, the weighting and every exclusion reason", () => {
    const text = method.paragraphs.join("\n");
    expect(text).toContain("Berechnet für 6 Gebiete der Ebene „district“ zum Zeitraum 2025");
    expect(text).toContain("Version 3");
    expect(text).toContain("gewichtet addiert");
    expect(text).toContain(
      "2 Gebiete wurden ausgeschlossen (1 von Hand ausgeschlossen, 1 weniger als 300 Einwohner)",
    );
    expect(text).not.toContain("Dynamikindex");
    expect(method.caution).toContain("kein Urteil");
  });

  it("lists indicators with direction, weight and moments, and classes with their counts", () => {
    expect(method.indicators.map((i) => [i.code, i.direction, i.weight])).toEqual([
      ["s1", "hoher Wert = ungünstig", 1],
      ["s2", "hoher Wert = günstig", 2],
    ]);
    expect(method.indicators[0]!.mean).toBeCloseTo(((2 + 3 + 4 + 5 + 6 + 7) * 1.5) / 6, 10);
    expect(method.classes.map((c) => c.dimension)).toEqual([
      "status",
      "status",
      "status",
      "status",
    ]);
    expect(method.classes.reduce((s, c) => s + c.areas, 0)).toBe(6);
  });
});
