/**
 * The pieces of the import form on the Daten page: how the file is read (delimiter, encoding,
 * sheet, skipped lines), the preview of its first rows, and the column mapping (layout, area,
 * variable, period, value, the wide table's columns, status, number format). Each control
 * changes the `MappingForm`; the page turns it into the mapping file.
 */
import { useState } from "react";
import type { ImportPreviewDto } from "@contracts/data-imports.ts";
import { formatNumber } from "../../lib/format.ts";
import { Field, TextField } from "../../ui/TextField.tsx";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { Empty } from "../../ui/states.tsx";
import {
  DELIMITERS,
  ENCODINGS,
  formProblems,
  roleColumns,
  setOther,
  setRoles,
  type Delimiter,
  type Encoding,
  type FormProblem,
  type MappingForm,
  type Source,
} from "./mapping-form.ts";

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

/** How the file is read: the preview is fetched again whenever one of these changes. */
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
function useColumnName() {
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

/** A select of the file's columns; a chosen column the file lacks is kept and marked. */
function ColumnSelect({
  id,
  label,
  value,
  columns,
  empty,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly columns: readonly string[];
  readonly empty: string;
  readonly onChange: (column: string) => void;
}) {
  const { t } = useI18n();
  const named = columns.filter((c) => c !== "");
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{empty}</option>
        {value !== "" && !named.includes(value) && (
          <option value={value}>{t("data.form.notInFile", { name: value })}</option>
        )}
        {named.map((c, i) => (
          <option key={`${i}-${c}`} value={c}>
            {c}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A long table's variable or period: from a column, or one value for the whole file. */
function SourceField({
  id,
  legend,
  columnLabel,
  valueLabel,
  valuePlaceholder,
  list,
  source,
  columns,
  onChange,
}: {
  readonly id: string;
  readonly legend: string;
  readonly columnLabel: string;
  readonly valueLabel: string;
  readonly valuePlaceholder?: string;
  readonly list?: string;
  readonly source: Source;
  readonly columns: readonly string[];
  readonly onChange: (source: Source) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="source">
      <legend>{legend}</legend>
      <div className="choice">
        {(["column", "value"] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={source.kind === kind}
              onChange={() => onChange({ kind, text: "" })}
            />
            {t(kind === "column" ? "data.form.fromColumn" : "data.form.fixed")}
          </label>
        ))}
      </div>
      {source.kind === "column" ? (
        <ColumnSelect
          id={`${id}-column`}
          label={columnLabel}
          value={source.text}
          columns={columns}
          empty={t("data.form.choose")}
          onChange={(text) => onChange({ kind: "column", text })}
        />
      ) : (
        <TextField id={`${id}-value`} label={valueLabel} type="text" spellCheck={false} value={source.text} placeholder={valuePlaceholder} {...(list ? { list } : {})} onChange={(value) => onChange({ kind: "value", text: value })} />
      )}
    </fieldset>
  );
}

/** The message of one gap in the form. */
function problemText(t: ReturnType<typeof useI18n>["t"], p: FormProblem): string {
  switch (p.kind) {
    case "area":
    case "variable":
    case "period":
    case "value":
    case "values":
      return t(`data.form.missing.${p.kind}`);
    case "variableOf":
    case "periodOf":
      return t(`data.form.missing.${p.kind}`, { column: p.column });
  }
}

/** The column mapping: layout, roles, the other columns, status and number format. */
export function MappingFields({
  form,
  columns,
  showProblems,
  onChange,
}: {
  readonly form: MappingForm;
  /** The file's columns (from the preview). */
  readonly columns: readonly string[];
  /** Whether to list what is still missing (not while the JSON is edited by hand). */
  readonly showProblems: boolean;
  readonly onChange: (form: MappingForm) => void;
}) {
  const { t } = useI18n();
  const [allVariable, setAllVariable] = useState("");
  const roles = (change: Partial<MappingForm>) => onChange(setRoles(form, change));
  const used = roleColumns(form);
  const named = columns.filter((c) => c !== "");
  const others = [
    ...named.filter((c, i) => !used.has(c) && named.indexOf(c) === i),
    ...form.others.map((o) => o.column).filter((c) => !named.includes(c) && !used.has(c)),
  ];
  const stateOf = (c: string) => form.others.find((o) => o.column === c);
  const problems = formProblems(form);

  return (
    <>
      <fieldset>
        <legend>{t("data.form.layout")}</legend>
        <div className="choice">
          {(["long", "wide"] as const).map((layout) => (
            <label key={layout}>
              <input
                type="radio"
                name="mapping-layout"
                value={layout}
                checked={form.layout === layout}
                onChange={() => roles({ layout })}
              />
              {t(`data.form.layout.${layout}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="form-grid">
        <ColumnSelect
          id="map-area"
          label={t("data.form.area")}
          value={form.area}
          columns={columns}
          empty={t("data.form.choose")}
          onChange={(area) => roles({ area })}
        />
        {form.layout === "long" && (
          <ColumnSelect
            id="map-value"
            label={t("data.form.value")}
            value={form.value}
            columns={columns}
            empty={t("data.form.choose")}
            onChange={(value) => roles({ value })}
          />
        )}
        <ColumnSelect
          id="map-status"
          label={t("data.form.status")}
          value={form.status}
          columns={columns}
          empty={t("data.form.none")}
          onChange={(status) => roles({ status })}
        />
      </div>

      {form.layout === "long" ? (
        <>
          <div className="form-grid">
            <SourceField
              id="map-variable"
              legend={t("data.form.variable")}
              columnLabel={t("data.form.variableColumn")}
              valueLabel={t("data.form.variableValue")}
              list="variable-codes"
              source={form.variable}
              columns={columns}
              onChange={(variable) => roles({ variable })}
            />
            <SourceField
              id="map-period"
              legend={t("data.form.period")}
              columnLabel={t("data.form.periodColumn")}
              valueLabel={t("data.form.periodValue")}
              valuePlaceholder="2021"
              source={form.period}
              columns={columns}
              onChange={(period) => roles({ period })}
            />
          </div>
          <fieldset>
            <legend>{t("data.form.others")}</legend>
            {others.length === 0 ? (
              <p className="note">{t("data.form.noOthers")}</p>
            ) : (
              <>
                <p className="note" id="others-help">
                  {t("data.form.othersHelp")}
                </p>
                <ul className="checks" aria-describedby="others-help">
                  {others.map((c) => (
                    <li key={c}>
                      <label>
                        <input
                          type="checkbox"
                          checked={stateOf(c)?.action === "ignore"}
                          onChange={(e) =>
                            onChange(
                              setOther(form, c, e.target.checked ? { action: "ignore" } : null),
                            )
                          }
                        />
                        {t("data.form.ignoreColumn", {
                          column: named.includes(c) ? c : t("data.form.notInFile", { name: c }),
                        })}
                      </label>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </fieldset>
        </>
      ) : (
        <fieldset>
          <legend>{t("data.form.columns")}</legend>
          <div className="fill">
            <TextField id="map-all-variable" label={t("data.form.allVariable")} type="text" list="variable-codes" spellCheck={false} value={allVariable} onChange={setAllVariable} onKeyDown={(e) => {
                  // Enter fills in here instead of submitting the check.
                  if (e.key === "Enter") e.preventDefault();
                }} />
            <button
              type="button"
              className="secondary"
              disabled={allVariable.trim() === ""}
              onClick={() =>
                onChange({
                  ...form,
                  others: form.others.map((o) =>
                    o.action === "import" ? { ...o, variable: allVariable.trim() } : o,
                  ),
                })
              }
            >
              {t("data.form.apply")}
            </button>
          </div>
          {others.length === 0 ? (
            <p className="note">{t("data.form.noOthers")}</p>
          ) : (
            <div className="scroll" role="region" aria-labelledby="columns-caption" tabIndex={0}>
              <table className="columns-table">
                <caption id="columns-caption" className="sr-only">
                  {t("data.form.columns")}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("data.column")}</th>
                    <th scope="col">{t("data.form.use")}</th>
                    <th scope="col">{t("data.form.variable")}</th>
                    <th scope="col">{t("data.form.period")}</th>
                  </tr>
                </thead>
                <tbody>
                  {others.map((c) => {
                    const state = stateOf(c);
                    const importing = state?.action === "import";
                    return (
                      <tr key={c}>
                        <th scope="row">
                          {named.includes(c) ? c : t("data.form.notInFile", { name: c })}
                        </th>
                        <td>
                          <select
                            aria-label={t("data.form.useOf", { column: c })}
                            value={state?.action ?? "none"}
                            onChange={(e) => {
                              const v = e.target.value;
                              onChange(
                                setOther(
                                  form,
                                  c,
                                  v === "import" || v === "ignore" ? { action: v } : null,
                                ),
                              );
                            }}
                          >
                            <option value="import">{t("data.form.use.import")}</option>
                            <option value="ignore">{t("data.form.use.ignore")}</option>
                            <option value="none">{t("data.form.use.none")}</option>
                          </select>
                        </td>
                        <td>
                          <input
                            type="text"
                            list="variable-codes"
                            spellCheck={false}
                            aria-label={t("data.form.variableOf", { column: c })}
                            disabled={!importing}
                            value={state?.variable ?? ""}
                            onChange={(e) =>
                              onChange(setOther(form, c, { variable: e.target.value }))
                            }
                          />
                        </td>
                        <td>
                          <input
                            type="text"
                            spellCheck={false}
                            aria-label={t("data.form.periodOf", { column: c })}
                            disabled={!importing}
                            value={state?.period ?? ""}
                            onChange={(e) =>
                              onChange(setOther(form, c, { period: e.target.value }))
                            }
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </fieldset>
      )}

      <div className="form-grid">
        <fieldset>
          <legend>{t("data.form.decimal")}</legend>
          <div className="choice">
            {([",", "."] as const).map((decimal) => (
              <label key={decimal}>
                <input
                  type="radio"
                  name="mapping-decimal"
                  value={decimal}
                  checked={form.decimal === decimal}
                  onChange={() => onChange({ ...form, decimal })}
                />
                {t(decimal === "," ? "data.form.decimal.comma" : "data.form.decimal.point")}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField id="map-label" label={t("data.form.label")} type="text" value={form.label} onChange={(value) => onChange({ ...form, label: value })} />
      </div>

      {showProblems && problems.length > 0 && (
        <div className="notice" id="mapping-open">
          <p>{t("data.form.missing")}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{problemText(t, p)}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
