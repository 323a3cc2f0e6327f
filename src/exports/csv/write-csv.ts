import { markCode } from "../../core/marks/value-mark.ts";
import { assertOpenDatasetShape, formatFixed, markAt, type OpenDataset } from "../open-dataset.ts";
import { neutraliseFormula, quoteField } from "../../core/format/csv-field.ts";

export { neutraliseFormula, quoteField };

/**
 * `de`: what German Excel and the statistical offices expect — semicolon, decimal comma,
 * UTF-8 with byte order mark (without it Excel reads the umlauts as Windows-1252), German
 * headers. `intl`: comma, decimal point, UTF-8 without BOM, English snake_case headers, for
 * scripts and tools outside Germany. Both end lines with CRLF (RFC 4180).
 */
export type CsvDialect = "de" | "intl";

interface DialectRules {
  readonly separator: string;
  readonly decimalMark: string;
  readonly bom: boolean;
  readonly headers: readonly string[];
}

const DIALECTS: Record<CsvDialect, DialectRules> = {
  de: {
    separator: ";",
    decimalMark: ",",
    bom: true,
    headers: [
      "Indikator",
      "Indikatorname",
      "Einheit",
      "Gebietsschlüssel",
      "Gebiet",
      "Zeitraum",
      "Wert",
      "Zeichen",
    ],
  },
  intl: {
    separator: ",",
    decimalMark: ".",
    bom: false,
    headers: [
      "indicator",
      "indicator_name",
      "unit",
      "area_code",
      "area",
      "period",
      "value",
      "flag",
    ],
  },
};

const BOM = "\uFEFF";
const CRLF = "\r\n";

/**
 * The dataset as a long CSV table, one row per indicator × area × period (indicators
 * outermost, periods innermost, each in the dataset's order). The value is rounded to the
 * indicator's decimals and printed without thousands separators. The last column carries the
 * value's marks (core/marks `markCode`): a withheld, missing or held-back value leaves the
 * value empty with its sign (".", "x", "/", "…") — never the number or the reason; a shown
 * value may carry "p", "r", "s" or "( )".
 *
 * Text fields are protected against formula injection: one that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as
 * text instead of running it (OWASP "CSV Injection"). The apostrophe is visible to programs
 * that read the file, which is the accepted price. Numbers are never prefixed: a negative
 * value stays "-1,5".
 */
export function writeCsv(dataset: OpenDataset, dialect: CsvDialect): Buffer {
  assertOpenDatasetShape(dataset);
  const rules = DIALECTS[dialect];
  const line = (fields: readonly string[]): string =>
    fields.map((f) => quoteField(f, rules.separator)).join(rules.separator) + CRLF;

  const parts: string[] = [line(rules.headers)];
  dataset.indicators.forEach((indicator, i) => {
    dataset.areas.forEach((area, a) => {
      dataset.periods.forEach((period, p) => {
        const mark = markAt(dataset, i, a, p);
        const value =
          mark.value !== null
            ? formatFixed(mark.value, indicator.decimals).replace(".", rules.decimalMark)
            : "";
        parts.push(
          line([
            neutraliseFormula(indicator.code),
            neutraliseFormula(indicator.name),
            neutraliseFormula(indicator.unit),
            neutraliseFormula(area.code),
            neutraliseFormula(area.name),
            neutraliseFormula(period.code),
            value,
            markCode(mark),
          ]),
        );
      });
    });
  });
  const text = (rules.bom ? BOM : "") + parts.join("");
  return Buffer.from(text, "utf8");
}
