/**
 * Budget lines per measure and year from a finance system's export (CSV or XLSX): the planned
 * amount (Ansatz), the committed amount (gebunden, Obligo) and the amount spent (Ist), linked to
 * a product of the Produkthaushalt, a cost centre (Kostenstelle) and an account (Sachkonto).
 *
 * The first row is the header; columns are found by their name (any case, see `DEFAULT_NAMES`)
 * unless the caller names others. Maßnahme, Haushaltsjahr and Ansatz are required; the other
 * columns may be missing and then read as empty. Amounts are German numbers by default
 * ("1.234,50"; a dash means zero). Every problem is reported with its line and column, never
 * guessed. Product codes are checked against the product framework
 * (`core/controlling/product-framework.ts`): a code below a known one (a municipal
 * sub-product) is a warning, a code that matches nothing is an error — unless it is in the
 * workspace's own code list, passed as `productFramework`. Pure; the service stores the lines
 * all or nothing.
 */
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import {
  lookupProduct,
  normalizeProductCode,
  SH_PRODUCT_FRAMEWORK,
  type ProductFramework,
} from "../../core/controlling/product-framework.ts";
import { err, ok, type Result } from "../../core/result.ts";
import type { TableCell } from "../mapping/mapping.ts";
import { GERMAN_NUMBERS, parseCell, type NumberFormat } from "../numbers.ts";
import { readTable, type TableReadOptions } from "../read-table.ts";

export type BudgetField =
  "measure" | "product" | "costCentre" | "account" | "year" | "planned" | "committed" | "spent";

/** Header names the user chose for some fields; the others keep their defaults. */
export type BudgetColumns = Partial<Record<BudgetField, string>>;

export interface BudgetFileOptions extends TableReadOptions {
  readonly columns?: BudgetColumns;
  /** How amounts are written; default German ("1.234,50"). */
  readonly numberFormat?: NumberFormat;
  /** The workspace's own code list; codes in it are accepted besides the default list's. */
  readonly productFramework?: ProductFramework;
  /** The workspace's measure codes: a line naming another measure is an error of its row. */
  readonly measureKeys?: ReadonlySet<string>;
  /** Every line must name its product (the import into a workspace asks for it). */
  readonly productRequired?: boolean;
}

export interface BudgetLine {
  /** The line (CSV) or row (XLSX) in the file, for messages. */
  readonly line: number;
  readonly measureKey: string;
  /** The product code as its digits ("311.01" → "31101"), or null when the cell is empty. */
  readonly productCode: string | null;
  readonly costCentre: string | null;
  readonly account: string | null;
  readonly year: number;
  /** Euro. */
  readonly planned: number;
  /** Euro, or null when the column or the cell is empty. */
  readonly committed: number | null;
  /** Euro, or null when the column or the cell is empty. */
  readonly spent: number | null;
}

export interface BudgetFileRead {
  readonly lines: BudgetLine[];
  /** Findings that do not block the import (municipal sub-products). */
  readonly warnings: ImportIssue[];
}

/** Header names per field, lower case, in order of preference. */
export const DEFAULT_NAMES: Readonly<Record<BudgetField, readonly string[]>> = {
  measure: ["maßnahme", "massnahme", "maßnahmenschlüssel", "massnahmenschluessel"],
  product: ["produkt", "produktnummer", "produkt-nr."],
  costCentre: ["kostenstelle", "kst"],
  account: ["sachkonto", "konto"],
  year: ["haushaltsjahr", "jahr"],
  planned: ["ansatz", "plan", "planansatz"],
  committed: ["gebunden", "obligo"],
  spent: ["ist", "ist-wert"],
};

const FIELD_NAME: Readonly<Record<BudgetField, string>> = {
  measure: "Maßnahme",
  product: "Produkt",
  costCentre: "Kostenstelle",
  account: "Sachkonto",
  year: "Haushaltsjahr",
  planned: "Ansatz",
  committed: "Gebunden",
  spent: "Ist",
};

const REQUIRED: readonly BudgetField[] = ["measure", "year", "planned"];
const FIELDS = Object.keys(DEFAULT_NAMES) as BudgetField[];

/** A cell as trimmed text ("" for nothing). */
function text(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

/**
 * Reads the file: every budget line with its line and the warnings, or every problem found
 * (errors and warnings together, so the caller can show them all at once).
 */
export async function readBudgetFile(
  bytes: Uint8Array,
  options: BudgetFileOptions,
): Promise<Result<BudgetFileRead, ImportIssue[]>> {
  const table = await readTable(bytes, options);
  if (!table.ok) return err([table.error]);
  const [headerRow, ...rows] = table.value.rows;
  const lines = table.value.lines.slice(1);
  if (!headerRow || rows.length === 0) {
    return err([issue("error", "empty_file", "Die Tabelle hat keine Datenzeilen.")]);
  }
  const header = headerRow.map(text);
  const lower = header.map((h) => h.toLowerCase());

  const issues: ImportIssue[] = [];
  const at = {} as Record<BudgetField, number>;
  for (const field of FIELDS) {
    const given = options.columns?.[field];
    const names = given !== undefined ? [given.trim().toLowerCase()] : DEFAULT_NAMES[field];
    const i = names.map((n) => lower.indexOf(n)).find((k) => k >= 0) ?? -1;
    at[field] = i;
    if (i < 0 && (REQUIRED.includes(field) || given !== undefined)) {
      const wanted = given !== undefined ? `„${given}“` : names.map((n) => `„${n}“`).join(" oder ");
      issues.push(
        issue(
          "error",
          "missing_column",
          `Spalte ${wanted} (${FIELD_NAME[field]}) fehlt in der Kopfzeile (vorhanden: ${header.join(", ")}).`,
          { column: given ?? FIELD_NAME[field] },
        ),
      );
    }
  }
  if (issues.length > 0) return err(issues);

  const format = options.numberFormat ?? GERMAN_NUMBERS;
  const own = options.productFramework;
  const out: BudgetLine[] = [];
  const seen = new Map<string, number>();

  rows.forEach((row, k) => {
    const line = lines[k] ?? k + 2;
    if (row.every((c) => text(c) === "")) return;
    const cell = (field: BudgetField): TableCell | undefined =>
      at[field] >= 0 ? row[at[field]] : undefined;
    const column = (field: BudgetField): string => header[at[field]] ?? FIELD_NAME[field];
    const where = (field: BudgetField) => ({ row: line, column: column(field) });
    const prefix = (field: BudgetField) => `Zeile ${line}, Spalte „${column(field)}“`;
    let bad = false;
    /** Records an error for this row. */
    const fail = (field: BudgetField, code: ImportIssue["code"], message: string) => {
      bad = true;
      issues.push(issue("error", code, `${prefix(field)}: ${message}`, where(field)));
    };

    const measureKey = text(cell("measure"));
    if (measureKey === "") fail("measure", "empty_value", "Maßnahme fehlt.");
    else if (options.measureKeys && !options.measureKeys.has(measureKey)) {
      fail(
        "measure",
        "unknown_measure",
        `Maßnahme „${measureKey}“ gibt es nicht (erst die Maßnahme anlegen).`,
      );
    }

    const year = readYear(cell("year"));
    if (year === "empty") fail("year", "empty_value", "Haushaltsjahr fehlt.");
    else if (year === "invalid") {
      fail(
        "year",
        "invalid_period",
        `„${text(cell("year"))}“ ist kein Haushaltsjahr (vierstellige Jahreszahl erwartet).`,
      );
    }

    /** Reads an amount; `required` makes an empty cell an error. */
    const amount = (field: BudgetField, required: boolean): number | null => {
      const raw = cell(field);
      const parsed = parseCell(raw ?? null, format);
      switch (parsed.kind) {
        case "number":
          if (parsed.percent) {
            fail(field, "not_a_number", `„${text(raw)}“ ist ein Prozentwert, kein Betrag.`);
            return null;
          }
          return parsed.value;
        case "empty":
          if (required) fail(field, "empty_value", `${FIELD_NAME[field]} fehlt.`);
          return null;
        case "symbol":
          if (parsed.meaning === "zero") return 0;
          fail(field, "not_a_number", `„${parsed.symbol}“ ist kein Betrag.`);
          return null;
        case "invalid":
          fail(field, "not_a_number", `„${text(raw)}“ ist keine gültige Zahl (${parsed.reason}).`);
          return null;
      }
    };
    const planned = amount("planned", true);
    if (planned !== null && planned < 0) {
      fail(
        "planned",
        "negative_count",
        `Der Ansatz darf nicht negativ sein (${text(cell("planned"))}).`,
      );
    }
    const committed = amount("committed", false);
    const spent = amount("spent", false);

    const rawProduct = text(cell("product"));
    let productCode: string | null = null;
    if (rawProduct === "" && options.productRequired) {
      fail(
        "product",
        "empty_value",
        "Produkt fehlt – jede Haushaltszeile gehört zu einem Produkt.",
      );
    } else if (rawProduct !== "") {
      productCode = checkProduct(rawProduct, own, (severity, message, details) => {
        if (severity === "error") bad = true;
        issues.push(
          issue(severity, "unknown_product", `${prefix("product")}: ${message}`, {
            ...where("product"),
            details,
          }),
        );
      });
    }

    if (bad || planned === null || typeof year !== "number") return;
    const costCentre = text(cell("costCentre")) || null;
    const account = text(cell("account")) || null;
    const key = [measureKey, productCode ?? "", costCentre ?? "", account ?? "", year].join(
      "\u0000",
    );
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(
        issue(
          "error",
          "duplicate_key",
          `Zeile ${line}: Maßnahme ${measureKey} hat für ${year} dieselbe Zuordnung (Produkt, Kostenstelle, Sachkonto) schon in Zeile ${first}.`,
          { row: line, column: column("measure") },
        ),
      );
      return;
    }
    seen.set(key, line);
    out.push({
      line,
      measureKey,
      productCode,
      costCentre,
      account,
      year,
      planned,
      committed,
      spent,
    });
  });

  if (issues.some((i) => i.severity === "error")) return err(issues);
  if (out.length === 0) {
    return err([issue("error", "empty_file", "Die Tabelle hat keine Datenzeilen.")]);
  }
  return ok({ lines: out, warnings: issues });
}

/** A budget year: a whole number from 1900 to 2199, written as such. */
function readYear(cell: TableCell | undefined): number | "empty" | "invalid" {
  const raw = text(cell);
  if (raw === "") return "empty";
  if (!/^\d{4}$/.test(raw)) return "invalid";
  const year = Number(raw);
  return year >= 1900 && year < 2200 ? year : "invalid";
}

/**
 * Checks one product code and reports through `report`; returns its digits, or null when the
 * cell is no product code at all.
 */
function checkProduct(
  raw: string,
  own: ProductFramework | undefined,
  report: (
    severity: "error" | "warning",
    message: string,
    details: Record<string, unknown>,
  ) => void,
): string | null {
  const digits = normalizeProductCode(raw);
  if (digits === undefined) {
    report("error", `„${raw}“ ist keine Produktnummer.`, { product: raw });
    return null;
  }
  const inOwn = own ? lookupProduct(digits, own) : undefined;
  if (inOwn?.match === "framework") return digits;
  const inDefault = lookupProduct(digits, SH_PRODUCT_FRAMEWORK);
  if (inDefault?.match === "framework") return digits;
  const municipal = inOwn ?? inDefault;
  if (municipal) {
    report(
      "warning",
      `Produkt ${raw} steht nicht im Produktrahmen; gelesen als kommunales Unterprodukt von ${municipal.parent ?? ""}.`,
      { product: digits, knownPrefix: municipal.parent },
    );
    return digits;
  }
  const lists = own
    ? `weder in der eigenen Produktliste noch im ${SH_PRODUCT_FRAMEWORK.label}`
    : `nicht im ${SH_PRODUCT_FRAMEWORK.label}`;
  report("error", `Produkt ${raw} ist ${lists} bekannt, auch nicht als Unterprodukt.`, {
    product: digits,
  });
  return digits;
}
