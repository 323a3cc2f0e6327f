import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObservationRecord } from "../mapping/mapping.ts";
import {
  validateObservations,
  type AreaInfo,
  type StoredFigure,
  type ValidationContext,
  type VariableInfo,
} from "./validate-observations.ts";

const areas = new Map<string, AreaInfo>([
  ["FL", { parentCode: null, level: 1, name: "Flensburg" }],
  ["STGT01", { parentCode: "FL", level: 2, name: "Altstadt" }],
  ["STGT02", { parentCode: "FL", level: 2, name: "Neustadt" }],
  ["STGT08", { parentCode: "FL", level: 2, name: "Sandberg" }],
]);
const variables = new Map<string, VariableInfo>([
  ["population", { aggregation: "sum", measure: "stock", nonNegative: true, name: "Einwohner" }],
  ["share", { aggregation: "none", measure: "stock", nonNegative: true }],
  ["balance", { aggregation: "sum", measure: "flow", nonNegative: false }],
]);
const levelNames = new Map([
  [1, { singular: "Stadt", plural: "Städte" }],
  [2, { singular: "Stadtteil", plural: "Stadtteile" }],
]);

/** A context whose stored figures come from a plain list. */
function context(
  stored: [string, string, string, number | null, string][] = [],
  extra: Partial<ValidationContext> = {},
): ValidationContext {
  const map = new Map<string, StoredFigure>(
    stored.map(([v, a, p, value, importLabel]) => [`${v}|${a}|${p}`, { value, importLabel }]),
  );
  return {
    areas,
    variables,
    levelNames,
    existing: (v, a, p) => map.get(`${v}|${a}|${p}`),
    ...extra,
  };
}

/** Builds a record with sensible defaults. */
function rec(
  areaCode: string,
  value: number | null,
  over: Partial<ObservationRecord> = {},
): ObservationRecord {
  return {
    line: 2,
    column: "2021",
    areaCode,
    variableCode: "population",
    periodCode: "2021",
    value,
    status: "final",
    percent: false,
    check: false,
    ...over,
  };
}

const summary = (issues: { severity: string; code: string }[]) =>
  issues.map((i) => `${i.severity}:${i.code}`);

describe("validateObservations", () => {
  it("lists each unknown area once with all its lines", () => {
    const r = validateObservations(
      [
        rec("STGT14", 1, { line: 3 }),
        rec("STGT14", 2, { line: 3, periodCode: "2020" }),
        rec("STGT01", 5, { line: 4 }),
        rec("STGT14", 3, { line: 9 }),
        rec("X", 3, { line: 10, variableCode: "kinder" }),
      ],
      context(),
    );
    expect(r.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([
      "Gebiet „STGT14“ ist unbekannt (Zeilen 3, 9).",
      "Gebiet „X“ ist unbekannt (Zeile 10).",
      "Merkmal „kinder“ ist unbekannt (Zeile 10).",
    ]);
    expect(r.toWrite.map((t) => t.areaCode)).toEqual(["STGT01"]);
    expect(r.counts).toEqual({ new: 1, changed: 0, unchanged: 0, check: 0, rejected: 4 });
  });

  it("abbreviates long line lists", () => {
    const records = Array.from({ length: 25 }, (_, i) => rec("NOPE", i, { line: i + 2 }));
    const [first] = validateObservations(records, context()).issues;
    expect(first?.message).toBe(
      "Gebiet „NOPE“ ist unbekannt (Zeilen 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 und 15 weitere).",
    );
    expect(first?.details).toMatchObject({ count: 25 });
  });

  it("reports the same figure twice, naming both places, but not for compare-only records", () => {
    const r = validateObservations(
      [
        rec("STGT01", 5, { line: 2, column: "2021" }),
        rec("STGT01", 5, { line: 2, column: "gesamt", check: true }),
        rec("STGT01", 6, { line: 7, column: "2021" }),
      ],
      context(),
    );
    expect(r.issues.filter((i) => i.code === "duplicate_key").map((i) => i.message)).toEqual([
      "„Einwohner“, Altstadt, 2021 kommt doppelt vor: Zeile 2, Spalte „2021“ und Zeile 7, Spalte „2021“.",
    ]);
    expect(r.toWrite).toHaveLength(1);
  });

  it("rejects negative figures of non-negative variables only", () => {
    const r = validateObservations(
      [rec("STGT01", -3, { line: 5 }), rec("STGT02", -3, { line: 6, variableCode: "balance" })],
      context(),
    );
    expect(r.issues.filter((i) => i.code === "negative_count").map((i) => i.message)).toEqual([
      "Zeile 5, Spalte „2021“: -3 ist negativ, „Einwohner“ kann nicht negativ sein.",
    ]);
    expect(r.toWrite.map((t) => t.areaCode)).toEqual(["STGT02"]);
  });

  it("warns about a figure that disagrees with one stored by another import", () => {
    const stored: [string, string, string, number | null, string][] = [
      ["population", "STGT08", "2021", 6702, "tab_1 Einwohner"],
    ];
    const check = validateObservations(
      [rec("STGT08", 7602, { line: 9, column: "gesamt", check: true })],
      context(stored),
    );
    expect(check.issues.map((i) => i.message)).toEqual([
      "Sandberg 2021: 7.602 weicht vom gespeicherten Wert 6.702 (Import „tab_1 Einwohner“) ab – Merkmal „Einwohner“, Zeile 9, Spalte „gesamt“ (Vergleichsspalte).",
    ]);
    expect(check.toWrite).toEqual([]);
    expect(check.counts.check).toBe(1);

    const write = validateObservations([rec("STGT08", 7602, { line: 9 })], context(stored));
    expect(summary(write.issues)).toEqual(["warning:conflicting_value", "info:revised_value"]);
    expect(write.counts).toMatchObject({ changed: 1, new: 0 });
  });

  it("treats a changed figure of the same source as a plain revision", () => {
    const r = validateObservations(
      [rec("STGT08", 6703), rec("STGT01", 10, { line: 3 }), rec("STGT02", 20, { line: 4 })],
      context(
        [
          ["population", "STGT08", "2021", 6702, "tab_1"],
          ["population", "STGT01", "2021", 10, "tab_1"],
        ],
        { importLabel: "tab_1" },
      ),
    );
    expect(r.issues.map((i) => i.message)[0]).toBe(
      "Sandberg 2021: 6.702 wird durch 6.703 ersetzt; der bisherige Wert bleibt als frühere Revision erhalten – Merkmal „Einwohner“, Zeile 2, Spalte „2021“.",
    );
    expect(summary(r.issues)).toEqual(["info:revised_value"]);
    expect(r.counts).toEqual({ new: 1, changed: 1, unchanged: 1, check: 0, rejected: 0 });
  });

  it("reports a remainder that is not assigned to any child", () => {
    const r = validateObservations(
      [rec("STGT01", 30000), rec("STGT02", 40000), rec("STGT08", 27877)],
      context([["population", "FL", "2021", 97882, "seite53"]]),
    );
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([
      [
        "unassigned_remainder",
        "Flensburg 2021: Summe der Stadtteile 97.877, Stadt 97.882 – 5 nicht zugeordnet (Merkmal „Einwohner“).",
      ],
    ]);
  });

  it("warns when children exceed their parent, using stored figures for missing children", () => {
    const r = validateObservations(
      [rec("STGT01", 60000), rec("FL", 90000, { line: 8 })],
      context([["population", "STGT02", "2021", 40000, "alt"]]),
    );
    expect(r.issues.map((i) => [i.code, i.row, i.message])).toEqual([
      [
        "children_exceed_parent",
        8,
        "Flensburg 2021: Summe der Stadtteile 100.000, Stadt 90.000 – 10.000 mehr als das Gebiet selbst, obwohl nicht alle Teilgebiete einen Wert haben (Merkmal „Einwohner“).",
      ],
    ]);
  });

  it("says nothing about sums when a child is missing and the sum stays below, or for rates", () => {
    const r = validateObservations(
      [
        rec("STGT01", 10),
        rec("FL", 100, { line: 8 }),
        rec("STGT01", 80, { variableCode: "share" }),
        rec("STGT02", 80, { variableCode: "share" }),
        rec("FL", 50, { variableCode: "share" }),
      ],
      context(),
    );
    expect(r.issues).toEqual([]);
  });
});

describe("validateObservations properties", () => {
  it("writes exactly the non-compare records without errors, and counts each once", () => {
    const record = fc.record({
      areaCode: fc.constantFrom("STGT01", "STGT02", "STGT08", "FL", "NOPE"),
      variableCode: fc.constantFrom("population", "share", "nope"),
      periodCode: fc.constantFrom("2020", "2021"),
      value: fc.option(fc.integer({ min: -5, max: 100 })),
      check: fc.boolean(),
      line: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.boolean(), (specs, withStored) => {
        const records = specs.map((s) => rec(s.areaCode, s.value, s));
        const r = validateObservations(
          records,
          context(withStored ? [["population", "STGT01", "2021", 5, "x"]] : []),
        );
        const { counts } = r;
        const nonCheck = records.filter((x) => !x.check).length;
        expect(counts.new + counts.changed + counts.unchanged).toBe(r.toWrite.length);
        expect(r.toWrite.length + counts.rejected).toBe(nonCheck);
        expect(counts.check).toBe(records.length - nonCheck);
        expect(r.toWrite.every((x) => !x.check)).toBe(true);
        const keys = r.toWrite.map((x) => `${x.variableCode}|${x.areaCode}|${x.periodCode}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});

describe("validateObservations at scale", () => {
  it("validates 1,000,000 records and counts new and changed figures", () => {
    const bigAreas = new Map<string, AreaInfo>([["CITY", { parentCode: null, level: 1 }]]);
    for (let a = 0; a < 1000; a++) bigAreas.set(`A${a}`, { parentCode: "CITY", level: 2 });
    const bigVariables = new Map<string, VariableInfo>();
    for (let v = 0; v < 100; v++) {
      bigVariables.set(`v${v}`, { aggregation: "sum", measure: "stock", nonNegative: true });
    }
    const stored = new Map<string, StoredFigure>();
    const records: ObservationRecord[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const areaCode = `A${i % 1000}`;
      const variableCode = `v${Math.floor(i / 1000) % 100}`;
      const periodCode = String(2000 + Math.floor(i / 100_000));
      records.push(rec(areaCode, i % 500, { line: i + 2, variableCode, periodCode }));
      if (i % 10 === 0) {
        stored.set(`${variableCode}|${areaCode}|${periodCode}`, { value: i % 7, importLabel: "x" });
      }
    }
    const ctx: ValidationContext = {
      areas: bigAreas,
      variables: bigVariables,
      existing: (v, a, p) => stored.get(`${v}|${a}|${p}`),
      importLabel: "x",
    };
    const r = validateObservations(records, ctx);
    expect(r.toWrite).toHaveLength(1_000_000);
    expect(r.counts.new).toBe(900_000);
  });
});

describe("unknown areas and variables", () => {
  it("name the line and the column that holds them", () => {
    const result = validateObservations(
      [rec("XX99", 5, { line: 7 }), rec("STGT01", 5, { line: 8, variableCode: "nope" })],
      context([], { columns: { area: "gebiet", variable: "merkmal" } }),
    );
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "unknown_area", row: 7, column: "gebiet" }),
        expect.objectContaining({ code: "unknown_variable", row: 8, column: "merkmal" }),
      ]),
    );
  });
});
