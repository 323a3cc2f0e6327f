import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  countCaptureGroups,
  formatPath,
  parseMapping,
  parseMappingText,
} from "./observation-mapping.ts";

const long = {
  format: "csv",
  layout: "long",
  area: { column: "Gebiet" },
  period: { column: "Jahr" },
  variable: { column: "Merkmal" },
  value: { column: "Wert" },
};

const wide = {
  format: "csv",
  layout: "wide",
  area: { column: "id", padStart: 2, prefix: "STGT" },
  values: [{ pattern: "^(\\d{4})$", variable: "population", period: "$1" }],
};

describe("parseMapping", () => {
  it("fills in the defaults", () => {
    const r = parseMapping(long);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      csv: { delimiter: "auto", encoding: "auto" },
      numbers: { decimal: ",", thousands: "." },
      header: true,
      skipRows: 0,
      ignore: [],
    });
  });

  it.each<[string, unknown]>([
    ["long", long],
    ["wide", wide],
    [
      "wide with a constant area and row-wise variables",
      {
        format: "csv",
        layout: "wide",
        areaValue: "STGM01001000",
        variable: {
          column: "Kennzahl",
          map: { "Anzahl der Einwohner*innen": "population", x: null },
        },
        values: [{ pattern: "^(\\d{4})$", period: "$1" }],
      },
    ],
    [
      "xlsx with a sheet number and English numbers",
      { ...long, format: "xlsx", xlsx: { sheet: 2 }, numbers: { decimal: ".", thousands: "," } },
    ],
    [
      "header-less with columns",
      { ...long, header: false, columns: ["Gebiet", "Jahr", "Merkmal", "Wert"] },
    ],
    [
      "constant period and variable",
      { ...long, period: { value: "2021" }, variable: { value: "population" } },
    ],
    [
      "status column with a map",
      { ...long, status: { column: "Status", map: { v: "provisional" } } },
    ],
  ])("accepts %s", (_name, json) => {
    const r = parseMapping(json);
    expect(r.ok ? [] : r.error.map((i) => i.message)).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ["not an object", 42, "(oberste Ebene)", ""],
    ["missing layout", { format: "csv" }, "layout", "erwartet „long“ oder „wide“"],
    ["unknown layout", { ...long, layout: "diagonal" }, "layout", "„long“ oder „wide“"],
    ["a typo in a key", { ...long, colums: ["a"] }, "(oberste Ebene)", "colums"],
    ["unknown format", { ...long, format: "ods" }, "format", ""],
    ["period with neither column nor value", { ...long, period: {} }, "period", "genau eines"],
    [
      "period with both",
      { ...long, period: { column: "Jahr", value: "2021" } },
      "period",
      "genau eines",
    ],
    [
      "map without column",
      { ...long, variable: { value: "x", map: { a: "b" } } },
      "variable.map",
      "nur zusammen",
    ],
    ["header false without columns", { ...long, header: false }, "columns", "ohne Kopfzeile"],
    ["duplicate column names", { ...long, columns: ["a", "a"] }, "columns[1]", "doppelt"],
    ["negative skipRows", { ...long, skipRows: -1 }, "skipRows", ""],
    [
      "broken regex",
      { ...long, area: { column: "Gebiet", pattern: "(" } },
      "area.pattern",
      "regulärer Ausdruck",
    ],
    ["wide without area", { ...wide, area: undefined }, "area", "areaValue"],
    ["wide with area and areaValue", { ...wide, areaValue: "X" }, "area", "areaValue"],
    ["empty values", { ...wide, values: [] }, "values", ""],
    [
      "entry with column and pattern",
      { ...wide, values: [{ column: "a", pattern: "b", variable: "v", period: "2021" }] },
      "values[0]",
      "genau eines",
    ],
    [
      "entry without variable",
      { ...wide, values: [{ column: "2021", period: "2021" }] },
      "values[0].variable",
      "fehlt",
    ],
    [
      "capture reference without pattern",
      { ...wide, values: [{ column: "2021", variable: "v", period: "$1" }] },
      "values[0].period",
      "pattern",
    ],
    [
      "capture reference beyond the groups",
      { ...wide, values: [{ pattern: "^(\\d{4})$", variable: "v_$2", period: "$1" }] },
      "values[0].variable",
      "Gruppe 2",
    ],
    ["unknown status value", { ...long, status: { value: "final-ish" } }, "status.value", ""],
  ])("reports %s", (_name, json, path, text) => {
    const r = parseMapping(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.error.find((i) => i.column === path);
    expect(hit, JSON.stringify(r.error.map((i) => i.message))).toBeDefined();
    expect(hit!.code).toBe("invalid_mapping");
    expect(hit!.severity).toBe("error");
    expect(hit!.message).toContain(`Zuordnung, Feld „${path}“`);
    expect(hit!.message).toContain(text);
  });
});

describe("parseMappingText", () => {
  it("reports broken JSON", () => {
    const r = parseMappingText('{ "format": "csv", }');
    expect(r.ok ? null : r.error[0]?.code).toBe("invalid_json");
  });

  it("parses a valid file", () => {
    expect(parseMappingText(JSON.stringify(long)).ok).toBe(true);
  });
});

describe("helpers", () => {
  it.each<[string, number]>([
    ["^(\\d{4})$", 1],
    ["^Anzahl_(\\d{4})_(m|w)$", 2],
    ["^(?:a|b)$", 0],
    ["abc", 0],
  ])("counts the groups of %s", (pattern, n) => {
    expect(countCaptureGroups(pattern)).toBe(n);
  });

  it.each<[PropertyKey[], string]>([
    [[], "(oberste Ebene)"],
    [["values", 2, "period"], "values[2].period"],
    [["area"], "area"],
  ])("formats path %j", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe("docs/import-mapping.md", () => {
  const doc = readFileSync(
    fileURLToPath(new URL("../../../docs/import-mapping.md", import.meta.url)),
    "utf8",
  );
  const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it("has an example for every layout", () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const layouts = examples.map((e) => (JSON.parse(e) as { layout: string }).layout);
    expect(new Set(layouts)).toEqual(new Set(["long", "wide"]));
  });

  it.each(examples.map((e, i) => [i + 1, e] as const))(
    "example %i is a valid mapping",
    (_i, text) => {
      const r = parseMappingText(text);
      expect(r.ok ? [] : r.error.map((x) => x.message)).toEqual([]);
    },
  );
});
