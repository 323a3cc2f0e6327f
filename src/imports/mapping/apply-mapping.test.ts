import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ImportIssue } from "../../core/data/import-issue.ts";
import { formatNumber } from "../numbers.ts";
import { applyMapping, type TableCell } from "./apply-mapping.ts";
import {
  parseMapping,
  type ObservationMapping,
} from "../../contracts/documents/observation-mapping.ts";

/** Parses a mapping literal and fails the test when it is invalid. */
function mapping(json: unknown): ObservationMapping {
  const r = parseMapping(json);
  if (!r.ok) throw new Error(r.error.map((i) => i.message).join("\n"));
  return r.value;
}

/** Builds a table whose rows sit on consecutive lines starting at 1. */
function table(rows: TableCell[][], lines?: number[]) {
  return { rows, lines: lines ?? rows.map((_, i) => i + 1) };
}

const codes = (issues: readonly ImportIssue[]) => issues.map((i) => `${i.severity}:${i.code}`);
const messages = (issues: readonly ImportIssue[], code: string) =>
  issues.filter((i) => i.code === code).map((i) => i.message);

const longMapping = {
  format: "csv",
  layout: "long",
  area: { column: "Gebiet" },
  period: { column: "Jahr" },
  variable: { column: "Merkmal", map: { Einwohner: "population", Hinweis: null } },
  value: { column: "Wert" },
  status: { column: "Status" },
};

describe("applyMapping – long layout", () => {
  const rows: TableCell[][] = [
    ["Gebiet", "Jahr", "Merkmal", "Wert", "Status"],
    ["STGT01", "2021", "Einwohner", "3.866", "endgültig"],
    ["STGT02", "31.12.2021", "Einwohner", "4.850", "vorläufig"],
    ["STGT03", "2021", "Einwohner", "*", ""],
    ["STGT04", "2021", "Einwohner", "–", "geschätzt"],
    ["STGT05", "2021", "Einwohner", "", "endgültig"],
    ["STGT06", "2021", "Einwohner", "53,40%", "p"],
    ["STGT07", "2021", "Hinweis", "x", ""],
    ["STGT08", "2021", "Kinder", "12", ""],
    ["STGT09", "2021", "Einwohner", "12abc", ""],
    ["STGT10", "20211", "Einwohner", "1", ""],
    ["STGT11", "2021", "Einwohner", "1", "unsicher"],
    [null, null, null, null, null],
    ["STGT12", 2021, "Einwohner", 6702, null],
  ];
  const result = applyMapping(table(rows), mapping(longMapping));

  it("turns each row into one record", () => {
    expect(result.records).toEqual([
      r(2, "STGT01", "2021", 3866, "final"),
      r(3, "STGT02", "2021-12-31", 4850, "provisional"),
      r(4, "STGT03", "2021", null, "missing"),
      r(5, "STGT04", "2021", 0, "estimated"),
      { ...r(7, "STGT06", "2021", 53.4, "provisional"), percent: true },
      r(14, "STGT12", "2021", 6702, "final"),
    ]);
    function r(
      line: number,
      areaCode: string,
      periodCode: string,
      value: number | null,
      status: string,
    ) {
      return {
        line,
        column: "Wert",
        areaCode,
        variableCode: "population",
        periodCode,
        value,
        status,
        percent: false,
        check: false,
      };
    }
  });

  it("reports every problem with its line", () => {
    expect(result.issues.map((i) => [i.severity, i.code, i.row])).toEqual([
      ["info", "withheld_value", 4],
      ["info", "skipped_row", 8],
      ["error", "unknown_variable", 9],
      ["error", "not_a_number", 10],
      ["error", "invalid_period", 11],
      ["error", "unknown_status", 12],
      ["info", "empty_value", null],
    ]);
    expect(messages(result.issues, "not_a_number")).toEqual([
      "Zeile 10, Spalte „Wert“: „12abc“ ist keine gültige Zahl (unerwartetes Zeichen „a“).",
    ]);
    expect(messages(result.issues, "skipped_row")).toEqual([
      "Zeile 8: „Hinweis“ wird laut Zuordnung übersprungen.",
    ]);
    expect(messages(result.issues, "empty_value")).toEqual([
      "1 leere Zelle(n) ohne Wert – dafür wird nichts gespeichert.",
    ]);
  });

  it("counts what happened", () => {
    expect(result.summary).toEqual({
      dataRows: 12,
      records: 6,
      checkRecords: 0,
      emptyCells: 1,
      withheldCells: 1,
      zeroCells: 1,
      invalidCells: 1,
      skippedRows: 1,
      rejectedRows: 3,
    });
  });

  it("takes constant variable, period and status from the mapping", () => {
    const m = mapping({
      format: "csv",
      layout: "long",
      area: { column: "Gebiet" },
      period: { value: "2021-H1" },
      variable: { value: "sgb2" },
      value: { column: "Wert" },
      status: { value: "provisional" },
    });
    const out = applyMapping(
      table([
        ["Gebiet", "Wert"],
        ["A", "7"],
      ]),
      m,
    );
    expect(out.records).toEqual([
      {
        line: 2,
        column: "Wert",
        areaCode: "A",
        variableCode: "sgb2",
        periodCode: "2021-H1",
        value: 7,
        status: "provisional",
        percent: false,
        check: false,
      },
    ]);
  });
});

describe("applyMapping – columns and header", () => {
  const simple = {
    format: "csv",
    layout: "wide",
    area: { column: "id" },
    values: [{ column: "2021", variable: "population", period: "2021" }],
  };

  it("reports a missing column and names a header read as one column", () => {
    const out = applyMapping(
      table([["id|name|wert"], ["1|x|2"]]),
      mapping({
        ...longMapping,
        area: { column: "id" },
        period: { column: "jahr" },
        status: undefined,
      }),
    );
    expect(messages(out.issues, "missing_column")[1]).toBe(
      "Spalte „jahr“ fehlt (Zeitraum). Die Kopfzeile wurde als eine einzige Spalte „id|name|wert“ gelesen – falsches Trennzeichen?",
    );
    expect(out.records).toEqual([]);
  });

  it("lists the columns that exist when one is missing", () => {
    const out = applyMapping(
      table([
        ["id", "2020"],
        ["1", "5"],
      ]),
      mapping(simple),
    );
    expect(messages(out.issues, "missing_column")).toEqual([
      "Spalte „2021“ fehlt (Wert). Vorhanden: „id“, „2020“.",
    ]);
  });

  it("finds columns regardless of case and repeated blanks", () => {
    const out = applyMapping(
      table([
        ["ID", "2021"],
        ["1", "5"],
      ]),
      mapping({ ...simple, area: { column: "id" } }),
    );
    expect(out.records).toHaveLength(1);
  });

  it("warns about every column that is neither mapped nor ignored", () => {
    const rows = [
      ["id", "name", "2021", "Quelle", ""],
      ["1", "Altstadt", "5", "Amt", ""],
    ];
    const out = applyMapping(table(rows), mapping({ ...simple, ignore: ["Name"] }));
    expect(messages(out.issues, "unmapped_column")).toEqual([
      "Spalte „Quelle“ wird nicht importiert: sie ist weder zugeordnet noch unter „ignore“ genannt.",
    ]);
  });

  it("reports rows of the wrong length but tolerates trailing empty fields", () => {
    const rows = [["id", "2021"], ["1", "5", ""], ["2"], ["3", "6", "7"], ["", ""]];
    const out = applyMapping(table(rows), mapping(simple));
    expect(
      out.issues.filter((i) => i.code === "row_length").map((i) => [i.row, i.details]),
    ).toEqual([
      [3, { expected: 2, found: 1 }],
      [4, { expected: 2, found: 3 }],
    ]);
    expect(out.records.map((r) => r.value)).toEqual([5]);
    expect(out.summary.dataRows).toBe(3);
  });

  it("skips title lines and keeps line numbers", () => {
    const rows = [["Einwohner 2021"], ["Stand: 31.12."], ["id", "2021"], ["1", "5"]];
    const out = applyMapping(table(rows, [1, 2, 4, 5]), mapping({ ...simple, skipRows: 3 }));
    expect(out.issues).toEqual([]);
    expect(out.records.map((r) => r.line)).toEqual([5]);
  });

  it("names the columns of a header-less file", () => {
    const out = applyMapping(
      table([
        ["1", "5"],
        ["2", "6"],
      ]),
      mapping({ ...simple, header: false, columns: ["id", "2021"] }),
    );
    expect(out.records.map((r) => [r.line, r.areaCode, r.value])).toEqual([
      [1, "1", 5],
      [2, "2", 6],
    ]);
  });

  it("compares the header with the mapping's columns", () => {
    const rows = [
      ["Kennzahl", "2018", "2012", "2021"],
      ["Einwohner", "1", "2"],
    ];
    const out = applyMapping(
      table(rows),
      mapping({
        format: "csv",
        layout: "wide",
        areaValue: "X",
        columns: ["Kennzahl", "2018", "2021"],
        variable: { column: "Kennzahl", map: { Einwohner: "population" } },
        values: [{ pattern: "^(\\d{4})$", period: "$1" }],
      }),
    );
    expect(messages(out.issues, "header_mismatch")).toEqual([
      "Kopfzeile nennt „2012“ in Spalte 3, die Zuordnung „2021“.",
      "Kopfzeile nennt „2021“ in Spalte 4, die Zuordnung nennt dort nichts.",
      "Die Kopfzeile hat 4 Felder, die Datenzeilen 3; es gelten die Spaltennamen der Zuordnung.",
    ]);
    expect(out.records.map((r) => [r.periodCode, r.value])).toEqual([
      ["2018", 1],
      ["2021", 2],
    ]);
  });

  it("warns about a duplicated header name", () => {
    const out = applyMapping(
      table([
        ["id", "2021", "2021"],
        ["1", "5", "6"],
      ]),
      mapping(simple),
    );
    expect(messages(out.issues, "header_mismatch")).toEqual([
      "Die Kopfzeile nennt „2021“ mehrfach (Spalten 2 und 3); verwendet wird Spalte 2.",
    ]);
  });

  it("reports an empty table", () => {
    expect(codes(applyMapping(table([]), mapping(simple)).issues)).toEqual(["error:empty_file"]);
    expect(codes(applyMapping(table([["id", "2021"]]), mapping(simple)).issues)).toEqual([
      "error:empty_file",
    ]);
  });
});

describe("applyMapping – areas", () => {
  it.each<[Record<string, unknown>, TableCell, string | null, string | null]>([
    [{ pattern: "^(\\d{2})", prefix: "STGT" }, "01 Altstadt", "STGT01", null],
    [{ padStart: 2, prefix: "STGT" }, "1", "STGT01", null],
    [{ padStart: 2, prefix: "STGT" }, 13, "STGT13", null],
    [{ map: { Altstadt: "STGT01" } }, " Altstadt ", "STGT01", null],
    [{ map: { Gesamt: null }, pattern: "^(\\d{2})" }, "Gesamt", null, "skipped_row"],
    [{ pattern: "^(\\d{2})" }, "Gesamt", null, "unknown_area"],
    [{ pattern: "^\\d{2}" }, "07 Südstadt", "07", null],
    [{}, "", null, "unknown_area"],
  ])("%j: %j → %j", (spec, cell, code, issueCode) => {
    const out = applyMapping(
      table([
        ["Gebiet", "2021"],
        [cell, "5"],
      ]),
      mapping({
        format: "csv",
        layout: "wide",
        area: { column: "Gebiet", ...spec },
        values: [{ column: "2021", variable: "v", period: "2021" }],
      }),
    );
    expect(out.records.map((r) => r.areaCode)).toEqual(code === null ? [] : [code]);
    expect(out.issues.map((i) => i.code)).toEqual(issueCode === null ? [] : [issueCode]);
  });
});

describe("applyMapping – wide layout", () => {
  it("maps columns by pattern with capture groups and marks compare-only columns", () => {
    const rows = [
      ["id", "Anzahl_2020", "Anteil_in_%_2020", "Anzahl_2021", "gesamt"],
      ["1", "502", "15,1", "475", "3.866"],
    ];
    const out = applyMapping(
      table(rows),
      mapping({
        format: "csv",
        layout: "wide",
        area: { column: "id", padStart: 2, prefix: "STGT" },
        values: [
          { pattern: "^Anzahl_(\\d{4})$", variable: "sgb2", period: "$1" },
          { pattern: "^Anteil_in_%_(\\d{4})$", variable: "sgb2_share_$1", period: "$1" },
          { column: "gesamt", variable: "population", period: "2021", check: true },
        ],
      }),
    );
    expect(out.issues).toEqual([]);
    expect(
      out.records.map((r) => [r.column, r.variableCode, r.periodCode, r.value, r.check]),
    ).toEqual([
      ["gesamt", "population", "2021", 3866, true],
      ["Anzahl_2020", "sgb2", "2020", 502, false],
      ["Anzahl_2021", "sgb2", "2021", 475, false],
      ["Anteil_in_%_2020", "sgb2_share_2020", "2020", 15.1, false],
    ]);
    expect(out.summary.checkRecords).toBe(1);
    expect(out.summary.records).toBe(3);
  });

  it("reports a pattern that matches no column and a column whose period is invalid", () => {
    const out = applyMapping(
      table([
        ["id", "Jahr 2021"],
        ["1", "5"],
      ]),
      mapping({
        format: "csv",
        layout: "wide",
        area: { column: "id" },
        values: [
          { pattern: "^(\\d{4})$", variable: "v", period: "$1" },
          { column: "Jahr 2021", variable: "v", period: "Jahr 2021" },
        ],
      }),
    );
    expect(codes(out.issues)).toEqual(["error:invalid_period", "error:missing_column"]);
    expect(out.records).toEqual([]);
  });
});

describe("applyMapping properties", () => {
  it("accounts for every value cell: a record, an empty cell or an error", () => {
    const cell = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => formatNumber(n)),
      fc.constantFrom("", " ", "x", "-", "*", "1.64", "12a", "53,4%"),
      fc.integer({ min: 0, max: 1e6 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 30 }),
        (body) => {
          const rows: TableCell[][] = [["id", "2020", "2021", "2022"]];
          body.forEach((cells, i) => rows.push([`A${i}`, ...cells]));
          const out = applyMapping(
            table(rows),
            mapping({
              format: "csv",
              layout: "wide",
              area: { column: "id" },
              values: [{ pattern: "^(\\d{4})$", variable: "v", period: "$1" }],
            }),
          );
          const s = out.summary;
          expect(out.records.length + s.emptyCells + s.invalidCells).toBe(body.length * 3);
          expect(out.issues.filter((i) => i.code === "not_a_number")).toHaveLength(s.invalidCells);
          for (const r of out.records) expect(r.line).toBeGreaterThan(1);
        },
      ),
    );
  });

  it("reads back integers written the German way", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 40 }),
        (values) => {
          const rows: TableCell[][] = [
            ["Gebiet", "Wert"],
            ...values.map((v, i) => [`A${i}`, formatNumber(v)]),
          ];
          const out = applyMapping(
            table(rows),
            mapping({
              format: "csv",
              layout: "long",
              area: { column: "Gebiet" },
              period: { value: "2021" },
              variable: { value: "v" },
              value: { column: "Wert" },
            }),
          );
          expect(out.records.map((r) => r.value)).toEqual(values);
        },
      ),
    );
  });
});

describe("applyMapping – the file's own texts for no value", () => {
  it("stores a sentinel such as -9999 as missing and names it, instead of a number", () => {
    const out = applyMapping(
      table([
        ["id", "S1"],
        ["A", "4.2"],
        ["B", "-9999"],
      ]),
      mapping({
        format: "csv",
        layout: "wide",
        area: { column: "id" },
        numbers: { decimal: ".", thousands: "", missing: ["-9999"] },
        values: [{ column: "S1", variable: "s1", period: "2020" }],
      }),
    );
    expect(out.records.map((r) => [r.areaCode, r.value, r.status])).toEqual([
      ["A", 4.2, "final"],
      ["B", null, "missing"],
    ]);
    expect(codes(out.issues)).toContain("info:withheld_value");
  });
});
