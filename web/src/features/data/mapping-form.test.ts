import { describe, expect, it } from "vitest";
import { parseMapping } from "@contracts/documents/observation-mapping.ts";
import {
  EMPTY_FORM,
  formFromMapping,
  formProblems,
  mappingFromForm,
  mappingText,
  readForm,
  roleColumns,
  setOther,
  setRoles,
  type MappingForm,
} from "./mapping-form.ts";

const LONG: MappingForm = {
  ...EMPTY_FORM,
  area: "gebiet",
  variable: { kind: "column", text: "merkmal" },
  period: { kind: "column", text: "jahr" },
  value: "wert",
};

describe("mappingFromForm", () => {
  it("writes a long table's mapping without defaults, and the import accepts it", () => {
    const m = mappingFromForm(LONG);
    expect(m).toEqual({
      format: "csv",
      layout: "long",
      area: { column: "gebiet" },
      variable: { column: "merkmal" },
      period: { column: "jahr" },
      value: { column: "wert" },
    });
    expect(parseMapping(m).ok).toBe(true);
  });

  it("writes fixed values, read options, number format, status, label and ignored columns", () => {
    const form: MappingForm = {
      ...LONG,
      delimiter: ";",
      encoding: "windows-1252",
      skipRows: 2,
      label: " Einwohner 2022 ",
      variable: { kind: "value", text: "population" },
      period: { kind: "value", text: "2022" },
      status: "Status",
      decimal: ".",
      others: [{ column: "Name", action: "ignore", variable: "", period: "" }],
    };
    const m = mappingFromForm(form);
    expect(m).toEqual({
      format: "csv",
      label: "Einwohner 2022",
      csv: { delimiter: ";", encoding: "windows-1252" },
      skipRows: 2,
      numbers: { decimal: ".", thousands: "," },
      layout: "long",
      area: { column: "gebiet" },
      variable: { value: "population" },
      period: { value: "2022" },
      value: { column: "wert" },
      status: { column: "Status" },
      ignore: ["Name"],
    });
    expect(parseMapping(m).ok).toBe(true);
  });

  it("writes a wide table's imported columns in their order and names the sheet", () => {
    const form: MappingForm = {
      ...EMPTY_FORM,
      format: "xlsx",
      sheet: "Daten",
      delimiter: ";", // not for workbooks
      layout: "wide",
      area: "Stadtteil",
      others: [
        { column: "2019", action: "import", variable: "population", period: "2019" },
        { column: "Name", action: "ignore", variable: "", period: "" },
        { column: "2020", action: "import", variable: " population ", period: "2020" },
      ],
    };
    const m = mappingFromForm(form);
    expect(m).toEqual({
      format: "xlsx",
      xlsx: { sheet: "Daten" },
      layout: "wide",
      area: { column: "Stadtteil" },
      values: [
        { column: "2019", variable: "population", period: "2019" },
        { column: "2020", variable: "population", period: "2020" },
      ],
      ignore: ["Name"],
    });
    expect(parseMapping(m).ok).toBe(true);
  });

  it("ends the text of the file with a line break", () => {
    expect(mappingText(LONG)).toMatch(/^\{\n {2}"format": "csv",[\s\S]*\}\n$/);
  });
});

describe("formProblems", () => {
  it("names what a long table still needs", () => {
    expect(formProblems(EMPTY_FORM).map((p) => p.kind)).toEqual([
      "area",
      "variable",
      "period",
      "value",
    ]);
    expect(formProblems(LONG)).toEqual([]);
  });

  it("names the columns of a wide table that lack a variable or a period", () => {
    const form: MappingForm = {
      ...EMPTY_FORM,
      layout: "wide",
      area: "gebiet",
      others: [
        { column: "2021", action: "import", variable: "", period: "2021" },
        { column: "population", action: "import", variable: "population", period: " " },
        { column: "x", action: "ignore", variable: "", period: "" },
      ],
    };
    expect(formProblems(form)).toEqual([
      { kind: "variableOf", column: "2021" },
      { kind: "periodOf", column: "population" },
    ]);
    expect(formProblems({ ...form, others: [] })).toEqual([{ kind: "values" }]);
  });
});

describe("formFromMapping", () => {
  it.each([
    ["a long mapping", mappingFromForm(LONG)],
    [
      "a wide mapping with everything the form shows",
      {
        format: "xlsx",
        label: "Tab. 1",
        xlsx: { sheet: "Daten" },
        skipRows: 3,
        numbers: { decimal: ".", thousands: "," },
        layout: "wide",
        area: { column: "id" },
        values: [{ column: "2021", variable: "population", period: "2021" }],
        status: { column: "Status" },
        ignore: ["stadtteil"],
      },
    ],
    [
      "defaults written out",
      {
        kind: "observations",
        format: "csv",
        csv: { delimiter: "auto", encoding: "auto" },
        numbers: { decimal: ",", thousands: "." },
        header: true,
        skipRows: 0,
        ignore: [],
        layout: "long",
        area: { column: "Gebiet" },
        variable: { value: "population" },
        period: { column: "Jahr" },
        value: { column: "Wert" },
      },
    ],
  ])("takes %s into the form and gives it back", (_name, json) => {
    const r = formFromMapping(json);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const back = formFromMapping(mappingFromForm(r.form));
    expect(back).toEqual(r);
  });

  it.each([
    [
      "an area prefix and a pattern",
      {
        format: "csv",
        layout: "wide",
        area: { column: "id", padStart: 2, prefix: "STGT" },
        values: [{ pattern: "^(\\d{4})$", variable: "population", period: "$1" }],
      },
      ["area.padStart", "area.prefix", "values[0].column", "values[0].pattern"],
    ],
    [
      "a label map",
      {
        format: "csv",
        layout: "long",
        area: { column: "Gebiet" },
        variable: { column: "Merkmal", map: { Einwohner: "population" } },
        period: { column: "Jahr" },
        value: { column: "Wert" },
      },
      ["variable.map"],
    ],
    [
      "a file without header",
      {
        format: "csv",
        header: false,
        columns: ["a", "b"],
        layout: "long",
        area: { column: "a" },
        variable: { value: "population" },
        period: { value: "2021" },
        value: { column: "b" },
      },
      ["header", "columns"],
    ],
    ["an area import", { kind: "areas", format: "geojson", code: "ID" }, ["kind", "format", "code", "layout"]],
    ["a text", "gebiet", ["(alles)"]],
  ])("leaves %s to the JSON and names what the form cannot show", (_name, json, paths) => {
    const r = formFromMapping(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.paths.sort()).toEqual([...paths].sort());
  });

  it("reads a suggestion with gaps leniently", () => {
    const form = readForm({
      format: "csv",
      layout: "wide",
      area: { column: "Gebiet" },
      values: [{ column: "2021", period: "2021" }],
    });
    expect(form.others).toEqual([
      { column: "2021", action: "import", variable: "", period: "2021" },
    ]);
    expect(readForm(null)).toEqual(EMPTY_FORM);
  });
});

describe("changing the form", () => {
  it("takes a column out of the other columns when it gets a role", () => {
    const form: MappingForm = {
      ...LONG,
      others: [{ column: "Kennung", action: "ignore", variable: "", period: "" }],
    };
    const next = setRoles(form, { area: "Kennung" });
    expect(next.area).toBe("Kennung");
    expect(next.others).toEqual([]);
  });

  it("sets, changes and removes how another column is used, keeping its place", () => {
    let form = setOther(EMPTY_FORM, "2019", { action: "import", period: "2019" });
    form = setOther(form, "2020", { action: "import", period: "2020" });
    form = setOther(form, "2019", { variable: "population" });
    expect(form.others.map((o) => [o.column, o.variable])).toEqual([
      ["2019", "population"],
      ["2020", ""],
    ]);
    expect(setOther(form, "2019", null).others.map((o) => o.column)).toEqual(["2020"]);
  });
});

describe("a wide table whose rows carry their period", () => {
  const form = readForm({
    format: "csv",
    layout: "wide",
    area: { column: "Stadtteil" },
    period: { column: "Jahr" },
    values: [
      { column: "Einwohner", variable: "population" },
      { column: "Haushalte", variable: "households" },
    ],
  });

  it("round-trips through the form, and needs no period per column", () => {
    expect(form.period).toEqual({ kind: "column", text: "Jahr" });
    expect(formProblems(form)).toEqual([]);
    expect(mappingFromForm(form)).toEqual({
      format: "csv",
      layout: "wide",
      area: { column: "Stadtteil" },
      period: { column: "Jahr" },
      values: [
        { column: "Einwohner", variable: "population" },
        { column: "Haushalte", variable: "households" },
      ],
    });
    expect(formFromMapping(mappingFromForm(form)).ok).toBe(true);
    expect(roleColumns(form).has("Jahr")).toBe(true);
  });

  it("asks for each column's period once the period column is taken away", () => {
    const without = setRoles(form, { period: { kind: "column", text: "" } });
    expect(formProblems(without)).toEqual([
      { kind: "periodOf", column: "Einwohner" },
      { kind: "periodOf", column: "Haushalte" },
    ]);
  });
});
