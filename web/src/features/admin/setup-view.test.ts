import { describe, expect, it } from "vitest";
import { currentStep, doneSteps, startLevels } from "./setup-view.ts";

const empty = {
  areaSystems: 0,
  areas: 0,
  areasWithBoundary: 0,
  variables: 0,
  observations: 0,
  indicators: 0,
  mapLevel: null,
};

describe("the steps of a new municipality", () => {
  it("starts at the workspace and ends on the map", () => {
    const none = doneSteps(empty, { publisher: null, municipalityKey: null });
    expect(none.size).toBe(0);
    expect(currentStep(none)).toBe("workspace");
    const all = doneSteps(
      {
        ...empty,
        areaSystems: 1,
        areas: 14,
        areasWithBoundary: 13,
        variables: 3,
        indicators: 2,
        observations: 40,
        mapLevel: "stadtteil",
      },
      { publisher: "Stadt Norderstedt", municipalityKey: "01060063" },
    );
    expect([...all]).toEqual([
      "workspace",
      "areaSystem",
      "boundaries",
      "catalogue",
      "import",
      "map",
    ]);
    expect(currentStep(all)).toBe("map");
  });

  it("asks for the catalogue until there are variables and an indicator", () => {
    const done = doneSteps(
      { ...empty, areaSystems: 1, areasWithBoundary: 5, variables: 4 },
      { publisher: "x", municipalityKey: "01060063" },
    );
    expect(currentStep(done)).toBe("catalogue");
    expect(done.has("map")).toBe(false);
  });

  it("offers a city's levels and a county's", () => {
    expect(startLevels("city").map((l) => l.name)).toEqual(["Stadt", "Stadtteil"]);
    expect(startLevels("county").map((l) => l.name)).toEqual(["Kreis", "Gemeinde"]);
  });
});

describe("reading a boundary file's properties", () => {
  it("finds the code and the name a city's file most likely holds them in", async () => {
    const { guessProperty, boundaryFormat } = await import("./setup-view.ts");
    const props = [
      { name: "OBJECTID", unique: true, examples: ["1", "2"] },
      { name: "STT_NR", unique: true, examples: ["01", "02"] },
      { name: "STT_NAME", unique: true, examples: ["Garstedt", "Harksheide"] },
    ];
    expect(guessProperty(props, "code")).toBe("STT_NR");
    expect(guessProperty(props, "name")).toBe("STT_NAME");
    expect(
      guessProperty([{ name: "GEN", unique: false, examples: ["Bad Segeberg"] }], "name"),
    ).toBe("GEN");
    expect(guessProperty([{ name: "x", unique: false, examples: ["1"] }], "code")).toBe("");
    expect(boundaryFormat("Gemeinden.GPKG")).toBe("geopackage");
    expect(boundaryFormat("stadtteile.zip")).toBe("shapefile");
  });
});

describe("numbered names", () => {
  it("drops the number only where every example has one", async () => {
    const { numberedNames, LEADING_NUMBER } = await import("./setup-view.ts");
    expect(numberedNames(["03 Nordstadt", "10 Fruerlund"])).toBe(true);
    expect(numberedNames(["Nordstadt", "10 Fruerlund"])).toBe(false);
    expect(new RegExp(LEADING_NUMBER).exec("03 Nordstadt")?.[1]).toBe("Nordstadt");
  });
});
