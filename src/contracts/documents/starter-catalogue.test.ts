import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStarterCatalogue, variablesOf, type StarterCatalogue } from "./starter-catalogue.ts";

const FILE = new URL("../../../catalogues/starter/catalogue.json", import.meta.url);
const PROVENANCE = new URL("../../../catalogues/starter/PROVENANCE.md", import.meta.url);
const json: unknown = JSON.parse(readFileSync(FILE, "utf8"));

function library(): StarterCatalogue {
  const parsed = parseStarterCatalogue(json);
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  return parsed.value;
}

/** The indicators a city expects in any standard set, by code. */
const REQUIRED = [
  "sgb2_rate",
  "child_poverty_rate",
  "young_age_ratio",
  "old_age_ratio",
  "share_80_plus",
  "share_foreigners",
  "unemployment_share",
  "single_parent_rate",
  "housing_benefit_rate",
  "youth_welfare_rate",
  "migration_volume",
  "minimum_income_rate",
  "old_age_basic_income_rate",
  "daycare_rate_under_3",
  "homelessness_rate",
];

describe("the starter catalogue library", () => {
  it("parses with the schema and the document rules", () => {
    expect(parseStarterCatalogue(json)).toMatchObject({ ok: true });
  });

  it("holds at least 30 indicators, the standard ones among them", () => {
    const codes = library().indicators.map((i) => i.code);
    expect(codes.length).toBeGreaterThanOrEqual(30);
    for (const c of REQUIRED) expect(codes, c).toContain(c);
  });

  it("has unique codes in snake_case", () => {
    const lib = library();
    for (const codes of [lib.indicators.map((i) => i.code), lib.variables.map((v) => v.code)]) {
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of codes) expect(c).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it("defines every variable a formula reads, with unit, measure, sum and source", () => {
    const lib = library();
    const variables = new Map(lib.variables.map((v) => [v.code, v]));
    for (const ind of lib.indicators) {
      for (const c of variablesOf(ind)) {
        const v = variables.get(c);
        expect(v, `${ind.code}: ${c}`).toBeDefined();
        expect(v!.name.length).toBeGreaterThan(0);
        expect(v!.unit.length).toBeGreaterThan(0);
        expect(["stock", "flow"]).toContain(v!.measure);
        expect(v!.aggregation).toBe("sum");
        expect(v!.source.length).toBeGreaterThan(10);
      }
    }
    // And no variable that no indicator needs.
    const used = new Set(lib.indicators.flatMap(variablesOf));
    expect(lib.variables.filter((v) => !used.has(v.code)).map((v) => v.code)).toEqual([]);
  });

  it("gives every indicator a full sheet, a polarity and its source in PROVENANCE.md", () => {
    const provenance = readFileSync(PROVENANCE, "utf8");
    for (const ind of library().indicators) {
      for (const text of [ind.definition, ind.interpretation, ind.limits, ind.source]) {
        expect(text.trim().length, ind.code).toBeGreaterThan(20);
      }
      expect(["higher_is_better", "lower_is_better", "neutral"]).toContain(ind.polarity);
      expect(ind.theme.length).toBeGreaterThan(0);
      expect(ind.factor).toBeGreaterThan(0);
      expect(provenance, ind.code).toContain(`\`${ind.code}\``);
    }
  });

  it("refuses a library whose formula names a variable it lacks, or repeats a code", () => {
    const lib = library();
    const [first] = lib.indicators;
    const broken = {
      ...lib,
      indicators: [...lib.indicators, { ...first!, numerator: ["nowhere"] }],
    };
    const parsed = parseStarterCatalogue(broken);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(`Indikator „${first!.code}“ steht mehrfach im Startkatalog.`);
      expect(parsed.error).toContain(
        `Indikator „${first!.code}“: Merkmal „nowhere“ fehlt im Startkatalog.`,
      );
    }
  });

  it("refuses an indicator without its limits, naming the place", () => {
    const lib = library();
    const withoutLimits: Record<string, unknown> = { ...lib.indicators[0]! };
    delete withoutLimits["limits"];
    const parsed = parseStarterCatalogue({ ...lib, indicators: [withoutLimits] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.join(" ")).toContain("indicators.0.limits");
  });
});
