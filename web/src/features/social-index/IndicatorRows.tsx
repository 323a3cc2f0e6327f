/**
 * The indicator rows of the definition form: for the status, a catalogue indicator with its
 * label, direction and weight; for the dynamics, the change of a catalogue indicator over the
 * span ("Veränderung von") with the code and label of that change, or a catalogue indicator
 * whose stored values already are changes. Rows are added and removed; every input has its
 * label, and the ids follow the definition's paths ("def-status-1-weight"), so the server's
 * problems ("status.1.weight: …") link to their field.
 */
import type { IndicatorDto } from "@contracts/indicators.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { changeCode, EMPTY_INDICATOR, type IndicatorRow } from "./index-form.ts";
import { Field, TextField } from "../../ui/TextField.tsx";

export function IndicatorRows({
  dimension,
  rows,
  indicators,
  invalid,
  onChange,
}: {
  readonly dimension: "status" | "dynamics";
  readonly rows: readonly IndicatorRow[];
  readonly indicators: readonly IndicatorDto[];
  /** Field ids with a problem (aria-invalid). */
  readonly invalid: ReadonlySet<string>;
  readonly onChange: (rows: IndicatorRow[]) => void;
}) {
  const { t } = useI18n();
  const nameOf = (code: string) => indicators.find((i) => i.code === code)?.name;
  const set = (k: number, change: Partial<IndicatorRow>) =>
    onChange(rows.map((r, i) => (i === k ? { ...r, ...change } : r)));
  const rowName = (k: number) =>
    t(dimension === "status" ? "analyses.form.statusRow" : "analyses.form.dynamicsRow", {
      n: String(k + 1),
    });
  const id = (k: number, field: string) => `def-${dimension}-${k}-${field}`;
  const aria = (k: number, field: string) =>
    invalid.has(id(k, field)) ? { "aria-invalid": true as const } : {};

  /** A new catalogue indicator brings its name as the label, unless one was typed. */
  const chooseStatus = (k: number, r: IndicatorRow, code: string) => {
    const keepLabel = r.label !== "" && r.label !== (nameOf(r.code) ?? "");
    set(k, { code, label: keepLabel ? r.label : (nameOf(code) ?? "") });
  };
  const chooseOf = (k: number, r: IndicatorRow, of: string) => {
    const suggested = r.code === "" || r.code === changeCode(r.of);
    const oldLabel = r.of === "" ? "" : t("analyses.form.changeOf", { name: nameOf(r.of) ?? r.of });
    const keepLabel = r.label !== "" && r.label !== oldLabel;
    set(k, {
      of,
      code: suggested ? changeCode(of) : r.code,
      label:
        keepLabel || of === "" ? r.label : t("analyses.form.changeOf", { name: nameOf(of) ?? of }),
    });
  };

  const options = (value: string) => [
    ...(value === "" || indicators.some((i) => i.code === value)
      ? []
      : [{ code: value, name: t("analyses.form.unknownIndicator", { code: value }) }]),
    ...indicators,
  ];

  return (
    <>
      {rows.length === 0 && dimension === "dynamics" && (
        <p className="note">{t("analyses.form.noDynamics")}</p>
      )}
      {rows.map((r, k) => (
        <fieldset key={k} className="indicator-row">
          <legend>{rowName(k)}</legend>
          <div className="form-grid">
            {dimension === "dynamics" && (
              <Field id={id(k, "of")} label={t("analyses.form.of")}>
                <select
                  id={id(k, "of")}
                  value={r.of}
                  onChange={(e) => chooseOf(k, r, e.target.value)}
                  {...aria(k, "of")}
                >
                  <option value="">{t("analyses.form.ofNone")}</option>
                  {options(r.of).map((i) => (
                    <option key={i.code} value={i.code}>
                      {i.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {dimension === "status" || r.of === "" ? (
              <Field id={id(k, "code")} label={t("analyses.form.indicator")}>
                <select
                  id={id(k, "code")}
                  value={r.code}
                  onChange={(e) => chooseStatus(k, r, e.target.value)}
                  {...aria(k, "code")}
                >
                  <option value="">{t("data.form.choose")}</option>
                  {options(r.code).map((i) => (
                    <option key={i.code} value={i.code}>
                      {i.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : (
              <TextField
                id={id(k, "code")}
                label={t("analyses.form.changeCode")}
                type="text"
                value={r.code}
                spellCheck={false}
                onChange={(value) => set(k, { code: value })}
                {...aria(k, "code")}
              />
            )}
            <TextField
              id={id(k, "label")}
              label={t("analyses.form.label")}
              type="text"
              value={r.label}
              placeholder={r.code}
              onChange={(value) => set(k, { label: value })}
              {...aria(k, "label")}
            />
            <Field id={id(k, "direction")} label={t("analyses.form.direction")}>
              <select
                id={id(k, "direction")}
                value={r.direction}
                onChange={(e) =>
                  set(k, {
                    direction:
                      e.target.value === "higher_is_better"
                        ? "higher_is_better"
                        : "higher_is_worse",
                  })
                }
              >
                <option value="higher_is_worse">{t("analyses.form.higherIsWorse")}</option>
                <option value="higher_is_better">{t("analyses.form.higherIsBetter")}</option>
              </select>
            </Field>
            <TextField
              id={id(k, "weight")}
              label={t("analyses.form.weight")}
              size="narrow"
              type="text"
              inputMode="decimal"
              value={r.weight}
              onChange={(value) => set(k, { weight: value })}
              {...aria(k, "weight")}
            />
            <div className="control control-end">
              <button
                type="button"
                className="secondary"
                disabled={dimension === "status" && rows.length === 1}
                onClick={() => onChange(rows.filter((_, i) => i !== k))}
              >
                {t("analyses.form.remove", { what: rowName(k) })}
              </button>
            </div>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...rows, EMPTY_INDICATOR])}
      >
        {t(dimension === "status" ? "analyses.form.addStatus" : "analyses.form.addDynamics")}
      </button>
    </>
  );
}
