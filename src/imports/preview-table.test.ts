import { describe, expect, it } from "vitest";
import { previewTable } from "./preview-table.ts";

const table = {
  rows: [
    ["Einwohnerstatistik 2021"],
    ["Quelle: Melderegister"],
    [" Gebiet ", "2021"],
    ["STGT01", 3866],
    ["", null],
    ["STGT02", "4.850"],
    ["STGT03", "x"],
  ],
  lines: [1, 2, 4, 5, 6, 7, 9],
};

describe("previewTable", () => {
  it("skips lines as the import does, then takes the header and the first rows as text", () => {
    const p = previewTable(table, { skipRows: 3, rows: 2, sampleRows: 10 });
    expect(p.columns).toEqual(["Gebiet", "2021"]);
    expect(p.headerLine).toBe(4);
    expect(p.rows).toEqual([
      { line: 5, cells: ["STGT01", "3866"] },
      { line: 7, cells: ["STGT02", "4.850"] },
    ]);
    expect(p.rowCount).toBe(3);
    expect(p.sample).toEqual([
      ["STGT01", 3866],
      ["STGT02", "4.850"],
      ["STGT03", "x"],
    ]);
  });

  it("answers with no columns when nothing is left after the skipped lines", () => {
    expect(previewTable(table, { skipRows: 9, rows: 10, sampleRows: 10 })).toEqual({
      columns: [],
      headerLine: null,
      rows: [],
      rowCount: 0,
      sample: [],
    });
  });
});
