import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildProductFramework } from "../../core/controlling/product-framework.ts";
import { readBudgetFile } from "./budget-file.ts";

const csv = (text: string) => new TextEncoder().encode(text);
const CSV = { format: "csv" } as const;

/** Unwraps a successful read and fails the test otherwise. */
function value<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error, null, 2));
  return r.value;
}

/** The problems of a failed read. */
function problems<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): E {
  if (r.ok) throw new Error("expected problems");
  return r.error;
}

describe("readBudgetFile (CSV)", () => {
  it("reads a semicolon file with German numbers", async () => {
    const out = value(
      await readBudgetFile(
        csv(
          [
            "Maßnahme;Produkt;Kostenstelle;Sachkonto;Haushaltsjahr;Ansatz;Gebunden;Ist",
            "M01;3111;5010;531800;2025;1.234,50;200,00;1.000",
            "M02;3.1.1.2;;;2026;50.000;;-",
          ].join("\n"),
        ),
        CSV,
      ),
    );
    expect(out.warnings).toEqual([]);
    expect(out.lines).toEqual([
      {
        line: 2,
        measureKey: "M01",
        productCode: "3111",
        costCentre: "5010",
        account: "531800",
        year: 2025,
        planned: 1234.5,
        committed: 200,
        spent: 1000,
      },
      {
        line: 3,
        measureKey: "M02",
        productCode: "3112",
        costCentre: null,
        account: null,
        year: 2026,
        planned: 50000,
        committed: null,
        spent: 0,
      },
    ]);
  });

  it("finds columns by other default names in any case, and by names the user gives", async () => {
    const bytes = csv("MASSNAHME;JAHR;PLAN;OBLIGO\nM01;2024;10;2\n");
    const out = value(await readBudgetFile(bytes, CSV));
    expect(out.lines[0]).toMatchObject({
      measureKey: "M01",
      year: 2024,
      planned: 10,
      committed: 2,
    });

    const own = csv("Vorhaben;HHJ;Soll;Produkt\nM01;2024;10;311\n");
    const mapped = value(
      await readBudgetFile(own, {
        ...CSV,
        columns: { measure: "vorhaben", year: "HHJ", planned: "Soll" },
      }),
    );
    expect(mapped.lines[0]).toMatchObject({
      measureKey: "M01",
      year: 2024,
      planned: 10,
      productCode: "311",
    });
  });

  it("reports every missing required column, and a missing column the user named", async () => {
    const errors = problems(await readBudgetFile(csv("Produkt;Ist\n311;5\n"), CSV));
    expect(errors.map((i) => [i.code, i.column])).toEqual([
      ["missing_column", "Maßnahme"],
      ["missing_column", "Haushaltsjahr"],
      ["missing_column", "Ansatz"],
    ]);
    expect(errors[2]?.message).toBe(
      "Spalte „ansatz“ oder „plan“ oder „planansatz“ (Ansatz) fehlt in der Kopfzeile (vorhanden: Produkt, Ist).",
    );

    const named = problems(
      await readBudgetFile(csv("Maßnahme;Jahr;Ansatz\nM01;2024;1\n"), {
        ...CSV,
        columns: { spent: "Ergebnis" },
      }),
    );
    expect(named.map((i) => [i.code, i.column, i.message])).toEqual([
      [
        "missing_column",
        "Ergebnis",
        "Spalte „Ergebnis“ (Ist) fehlt in der Kopfzeile (vorhanden: Maßnahme, Jahr, Ansatz).",
      ],
    ]);
  });

  it("reports every problem of bad rows with line, column and reason, and no lines", async () => {
    const errors = problems(
      await readBudgetFile(
        csv(
          [
            "Maßnahme;Produkt;Haushaltsjahr;Ansatz;Gebunden;Ist",
            "M01;311;2025;100;0;0",
            ";311;25;-50,00;1,2,3;x",
            "M03;999;2025;12 %;;",
            "M04;Kita;20251;;;",
            "M01;311;2025;100;0;0",
          ].join("\n"),
        ),
        CSV,
      ),
    );
    expect(errors.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([
      ["error", "empty_value", 3, "Maßnahme"],
      ["error", "invalid_period", 3, "Haushaltsjahr"],
      ["error", "negative_count", 3, "Ansatz"],
      ["error", "not_a_number", 3, "Gebunden"],
      ["error", "not_a_number", 3, "Ist"],
      ["error", "not_a_number", 4, "Ansatz"],
      ["error", "unknown_product", 4, "Produkt"],
      ["error", "invalid_period", 5, "Haushaltsjahr"],
      ["error", "empty_value", 5, "Ansatz"],
      ["error", "unknown_product", 5, "Produkt"],
      ["error", "duplicate_key", 6, "Maßnahme"],
    ]);
    const messages = errors.map((i) => i.message);
    expect(messages).toContain("Zeile 3, Spalte „Maßnahme“: Maßnahme fehlt.");
    expect(messages).toContain(
      "Zeile 3, Spalte „Haushaltsjahr“: „25“ ist kein Haushaltsjahr (vierstellige Jahreszahl erwartet).",
    );
    expect(messages).toContain(
      "Zeile 3, Spalte „Ansatz“: Der Ansatz darf nicht negativ sein (-50,00).",
    );
    expect(messages).toContain(
      "Zeile 3, Spalte „Gebunden“: „1,2,3“ ist keine gültige Zahl (mehr als ein Dezimalkomma).",
    );
    expect(messages).toContain("Zeile 3, Spalte „Ist“: „x“ ist kein Betrag.");
    expect(messages).toContain(
      "Zeile 4, Spalte „Produkt“: Produkt 999 ist nicht im Produktrahmen Schleswig-Holstein (VV-Produktrahmen 2012, Stand 2019) bekannt, auch nicht als Unterprodukt.",
    );
    expect(messages).toContain("Zeile 5, Spalte „Produkt“: „Kita“ ist keine Produktnummer.");
    expect(messages).toContain(
      "Zeile 6: Maßnahme M01 hat für 2025 dieselbe Zuordnung (Produkt, Kostenstelle, Sachkonto) schon in Zeile 2.",
    );
  });

  it("warns about a municipal sub-product and accepts codes of the workspace's own list", async () => {
    const bytes = csv("Maßnahme;Produkt;Jahr;Ansatz\nM01;311.01;2025;10\nM02;3650;2025;20\n");
    const out = value(await readBudgetFile(bytes, CSV));
    expect(out.lines.map((l) => l.productCode)).toEqual(["31101", "3650"]);
    expect(out.warnings.map((i) => [i.severity, i.row, i.message])).toEqual([
      [
        "warning",
        2,
        "Zeile 2, Spalte „Produkt“: Produkt 311.01 steht nicht im Produktrahmen; gelesen als kommunales Unterprodukt von 311.",
      ],
      [
        "warning",
        3,
        "Zeile 3, Spalte „Produkt“: Produkt 3650 steht nicht im Produktrahmen; gelesen als kommunales Unterprodukt von 36.",
      ],
    ]);

    const own = buildProductFramework("Stadt Beispiel", [
      ["3650", "Kindertagesstätten"],
      ["91", "Eigene Aufgaben"],
    ]);
    const withOwn = value(
      await readBudgetFile(
        csv("Maßnahme;Produkt;Jahr;Ansatz\nM02;3650;2025;20\nM03;9.1;2025;5\n"),
        {
          ...CSV,
          productFramework: own,
        },
      ),
    );
    expect(withOwn.warnings).toEqual([]);
    expect(
      problems(await readBudgetFile(csv("Maßnahme;Produkt;Jahr;Ansatz\nM03;9.1;2025;5\n"), CSV))[0]
        ?.code,
    ).toBe("unknown_product");
  });

  it("reports a file without data rows", async () => {
    const errors = problems(await readBudgetFile(csv("Maßnahme;Jahr;Ansatz\n"), CSV));
    expect(errors.map((i) => i.code)).toEqual(["empty_file"]);
  });

  it("reads the demo file without errors", async () => {
    const path = fileURLToPath(
      new URL("../../../test/fixtures/budget/haushalt-massnahmen.csv", import.meta.url),
    );
    const out = value(await readBudgetFile(readFileSync(path), CSV));
    expect(out.lines).toHaveLength(15);
    expect(new Set(out.lines.map((l) => l.measureKey)).size).toBe(12);
    expect(out.lines.map((l) => l.year).sort()).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(out.lines[0]).toMatchObject({
      measureKey: "M01",
      planned: 48000,
      committed: 12500,
      spent: 46312.4,
    });
    expect(out.warnings.every((w) => w.severity === "warning")).toBe(true);
  });
});

describe("readBudgetFile (XLSX)", () => {
  it("reads typed cells and German number text from a sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Haushalt");
    ws.addRow(["Maßnahme", "Produkt", "Haushaltsjahr", "Ansatz", "Gebunden", "Ist"]);
    ws.addRow(["M01", "3111", 2025, 1234.5, { formula: "100+50", result: 150 }, "1.000,25"]);
    ws.addRow(["M02", 3112, "2026", "2.000,00", null, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const out = value(await readBudgetFile(bytes, { format: "xlsx" }));
    expect(
      out.lines.map((l) => [
        l.line,
        l.measureKey,
        l.productCode,
        l.year,
        l.planned,
        l.committed,
        l.spent,
      ]),
    ).toEqual([
      [2, "M01", "3111", 2025, 1234.5, 150, 1000.25],
      [3, "M02", "3112", 2026, 2000, null, null],
    ]);
  });

  it("names the spreadsheet row of a bad cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Haushalt");
    ws.addRow(["Maßnahme", "Jahr", "Ansatz"]);
    ws.addRow([]);
    ws.addRow(["M01", 2025.5, -3]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const errors = problems(await readBudgetFile(bytes, { format: "xlsx" }));
    expect(errors.map((i) => [i.code, i.row, i.column])).toEqual([
      ["invalid_period", 3, "Jahr"],
      ["negative_count", 3, "Ansatz"],
    ]);
  });
});
