/**
 * A small synthetic city for tests: a city area, `districts` districts below it and counting
 * variables, as a catalogue document; and the long-layout mapping the tests import with.
 */
export function testCityCatalogue(options: {
  slug: string;
  cityCode: string;
  districtCode: (i: number) => string;
  districts: number;
  variables: readonly string[];
}) {
  return {
    workspace: { slug: options.slug, name: `Stadt ${options.slug}` },
    areaSystems: [
      {
        code: "test",
        name: "Testgliederung",
        levels: [
          { code: "city", name: "Stadt" },
          { code: "district", name: "Stadtteil" },
        ],
        areas: [
          { code: options.cityCode, name: `Stadt ${options.slug}`, level: "city" },
          ...Array.from({ length: options.districts }, (_, i) => ({
            code: options.districtCode(i),
            name: `Teil ${i}`,
            level: "district",
            parent: options.cityCode,
          })),
        ],
      },
    ],
    variables: options.variables.map((code) => ({
      code,
      name: `Merkmal ${code}`,
      unit: "Personen",
      measure: "stock",
      aggregation: "sum",
    })),
  };
}

/** Long layout: one value per row in columns gebiet, merkmal, `periodColumn`, wert. */
export function longMapping(periodColumn = "jahr") {
  return {
    format: "csv",
    layout: "long",
    area: { column: "gebiet" },
    variable: { column: "merkmal" },
    period: { column: periodColumn },
    value: { column: "wert" },
  } as const;
}
