/**
 * The first parts of the import form: how the file is read (encoding, delimiter, sheet, rows
 * to skip) and what was read (a summary and the first rows as a table).
 */
import type { ImportPreviewDto } from "@contracts/data-imports.ts";
import { formatNumber } from "../../lib/format.ts";
import { Field, TextField } from "../../ui/TextField.tsx";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { Empty } from "../../ui/states.tsx";
import { DELIMITERS, ENCODINGS, type Delimiter, type Encoding, type MappingForm } from "./mapping-form.ts";

/** How the file is read: the preview is fetched again whenever one of these changes. */
const DELIMITER_KEYS: Record<Delimiter, MessageKey> = {
  auto: "data.delimiter.auto",
  ";": "data.delimiter.semicolon",
  ",": "data.delimiter.comma",
  "\t": "data.delimiter.tab",
  "|": "data.delimiter.pipe",
};

const ENCODING_NAMES: Record<Exclude<Encoding, "auto">, string> = {
  "utf-8": "UTF-8",
  "windows-1252": "Windows-1252",
  latin1: "Latin-1 (ISO 8859-1)",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
};

export function ReadOptions({
  form,
  format,
  sheets,
  disabled,
  onChange,
}: {
  readonly form: MappingForm;
  readonly format: "csv" | "xlsx";
  readonly sheets: readonly string[];
  /** While the mapping is edited by hand, the form's read options stay as they are. */
  readonly disabled: boolean;
  readonly onChange: (change: Partial<MappingForm>) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset disabled={disabled}>
      <legend>{t("data.read")}</legend>
      <div className="form-grid">
        {format === "csv" ? (
          <>
            <Field id="read-delimiter" label={t("data.read.delimiter")}>
              <select
                id="read-delimiter"
                value={form.delimiter}
                onChange={(e) => onChange({ delimiter: e.target.value as Delimiter })}
              >
                {DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {t(DELIMITER_KEYS[d])}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="read-encoding" label={t("data.read.encoding")}>
              <select
                id="read-encoding"
                value={form.encoding}
                onChange={(e) => onChange({ encoding: e.target.value as Encoding })}
              >
                {ENCODINGS.map((enc) => (
                  <option key={enc} value={enc}>
                    {enc === "auto" ? t("data.encoding.auto") : ENCODING_NAMES[enc]}
                  </option>
                ))}
              </select>
            </Field>
          </>
        ) : (
          <Field id="read-sheet" label={t("data.read.sheet")}>
            <select
              id="read-sheet"
              value={form.sheet || sheets[0] || ""}
              onChange={(e) => onChange({ sheet: e.target.value })}
            >
              {form.sheet !== "" && !sheets.includes(form.sheet) && (
                <option value={form.sheet}>{t("data.form.notInFile", { name: form.sheet })}</option>
              )}
              {sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        )}
        <TextField id="read-skip" label={t("data.read.skipRows")} type="number" inputMode="numeric" min={0} max={1000} value={form.skipRows} onChange={(value) => {
              const n = Number(value);
              if (Number.isInteger(n) && n >= 0 && n <= 1000) onChange({ skipRows: n });
            }} />
      </div>
    </fieldset>
  );
}

/** A column's name as the tables show it; a nameless column by its position. */
export function useColumnName() {
  const { t } = useI18n();
  return (name: string | undefined, index: number) =>
    name ? name : t("data.preview.unnamed", { n: String(index + 1) });
}

/** What the preview says about how the file was read, in one sentence. */
export function PreviewSummary({ preview }: { readonly preview: ImportPreviewDto }) {
  const { t, locale } = useI18n();
  const rows = formatNumber(locale, preview.rowCount, 0);
  const line = String(preview.headerLine ?? "–");
  if (preview.xlsx) {
    return (
      <p className="note">
        {t("data.preview.summaryXlsx", { sheet: preview.xlsx.sheet, rows, line })}
      </p>
    );
  }
  const csv = preview.csv!;
  const delimiter = DELIMITERS.includes(csv.delimiter as Delimiter)
    ? t(DELIMITER_KEYS[csv.delimiter as Delimiter])
    : csv.delimiter;
  const detected = ` ${t("data.preview.detected")}`;
  return (
    <>
      <p className="note">
        {t("data.preview.summaryCsv", {
          encoding: `${ENCODING_NAMES[csv.encoding]}${csv.encodingDetected ? detected : ""}`,
          delimiter: `${delimiter}${csv.delimiterDetected ? detected : ""}`,
          rows,
          line,
        })}
      </p>
      {!csv.delimiterDetected && preview.columns.length <= 1 && (
        <p className="notice">{t("data.preview.noDelimiter")}</p>
      )}
    </>
  );
}

/** The header and the first rows of the file, as a table with line numbers. */
export function PreviewTable({ preview }: { readonly preview: ImportPreviewDto }) {
  const { t, locale } = useI18n();
  const columnName = useColumnName();
  if (preview.columns.length === 0) return <Empty>{t("data.preview.nothing")}</Empty>;
  const width = Math.max(preview.columns.length, ...preview.rows.map((r) => r.cells.length));
  const indexes = Array.from({ length: width }, (_, i) => i);
  return (
    <>
      {preview.rowCount === 0 && <Empty>{t("data.preview.noRows")}</Empty>}
      <div
        className="scroll preview-table"
        role="region"
        aria-labelledby="preview-caption"
        tabIndex={0}
      >
        <table>
          <caption id="preview-caption">
            {t("data.preview.caption", {
              shown: formatNumber(locale, preview.rows.length, 0),
              total: formatNumber(locale, preview.rowCount, 0),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("data.line")}
              </th>
              {indexes.map((i) => (
                <th scope="col" key={i}>
                  {columnName(preview.columns[i], i)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.line}>
                <th scope="row" className="num">
                  {r.line}
                </th>
                {indexes.map((i) => (
                  <td key={i}>{r.cells[i] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
