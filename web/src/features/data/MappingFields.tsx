/**
 * The pieces of the import form on the Daten page: how the file is read (delimiter, encoding,
 * sheet, skipped lines), the preview of its first rows, and the column mapping (layout, area,
 * variable, period, value, the wide table's columns, status, number format). Each control
 * changes the `MappingForm`; the page turns it into the mapping file.
 */
import { useState } from "react";
import { TextField } from "../../ui/TextField.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import {
  formProblems,
  roleColumns,
  setOther,
  setRoles,
  widePeriodColumn,
  type FormProblem,
  type MappingForm,
} from "./mapping-form.ts";
import { ColumnSelect, SourceField } from "./SourceField.tsx";


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
        {form.layout === "wide" && (
          <ColumnSelect
            id="map-period-column"
            label={t("data.form.periodColumn")}
            value={widePeriodColumn(form)}
            columns={columns}
            empty={t("data.form.periodPerColumn")}
            onChange={(text) => roles({ period: { kind: "column", text } })}
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
                            disabled={!importing || widePeriodColumn(form) !== ""}
                            placeholder={
                              widePeriodColumn(form) !== ""
                                ? t("data.form.periodFrom", { column: widePeriodColumn(form) })
                                : undefined
                            }
                            value={widePeriodColumn(form) !== "" ? "" : (state?.period ?? "")}
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
