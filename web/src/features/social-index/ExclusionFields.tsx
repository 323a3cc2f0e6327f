/**
 * The standardisation of the index form and its exclusions: areas below a population, and
 * areas left out by hand, each with its reason. Field ids follow the definition's paths
 * (`def-exclusions-manual-<row>-area`), so a problem links to its field.
 */
import type { AreaDto } from "@contracts/areas.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Field, TextField } from "../../ui/TextField.tsx";
import type { IndexForm as Form } from "./index-form.ts";

export function ExclusionFields({
  form,
  change,
  aria,
  areas,
}: {
  readonly form: Form;
  readonly change: (next: Partial<Form>) => void;
  /** `aria-invalid` for a field with a problem. */
  readonly aria: (id: string) => { "aria-invalid"?: true };
  readonly areas: readonly AreaDto[];
}) {
  const { t } = useI18n();
  const areaOptions = [...areas].sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
  return (
    <fieldset>
      <legend>{t("analyses.form.standardisationAndExclusions")}</legend>
      <div className="form-grid">
        <Field id="def-standardisation" label={t("analyses.form.standardisation")}>
          <select
            id="def-standardisation"
            value={form.standardisation}
            onChange={(e) => change({ standardisation: e.target.value as Form["standardisation"] })}
          >
            <option value="z">{t("analyses.form.std.z")}</option>
            <option value="z_weighted">{t("analyses.form.std.z_weighted")}</option>
            <option value="min_max">{t("analyses.form.std.min_max")}</option>
          </select>
        </Field>
        <TextField
          id="def-exclusions-minPopulation"
          label={t("analyses.form.minPopulation")}
          type="text"
          inputMode="numeric"
          value={form.minPopulation}
          onChange={(value) => change({ minPopulation: value })}
          {...aria("def-exclusions-minPopulation")}
        />
      </div>
      <h4 className="form-subhead">{t("analyses.form.manual")}</h4>
      {form.manual.length === 0 && <p className="note">{t("analyses.form.noManual")}</p>}
      {form.manual.map((m, k) => (
        <div key={k} className="form-grid exclusion-row">
          <div className="control">
            <label htmlFor={`def-exclusions-manual-${k}-area`}>
              {t("analyses.form.manualArea", { n: String(k + 1) })}
            </label>
            <select
              id={`def-exclusions-manual-${k}-area`}
              value={m.area}
              onChange={(e) =>
                change({
                  manual: form.manual.map((x, i) => (i === k ? { ...x, area: e.target.value } : x)),
                })
              }
              {...aria(`def-exclusions-manual-${k}-area`)}
            >
              <option value="">{t("data.form.choose")}</option>
              {!areas.some((a) => a.code === m.area) && m.area !== "" && (
                <option value={m.area}>{m.area}</option>
              )}
              {areaOptions.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name} ({a.code})
                </option>
              ))}
            </select>
          </div>
          <div className="control control-wide">
            <label htmlFor={`def-exclusions-manual-${k}-reason`}>
              {t("analyses.form.manualReason", { n: String(k + 1) })}
            </label>
            <input
              id={`def-exclusions-manual-${k}-reason`}
              type="text"
              value={m.reason}
              onChange={(e) =>
                change({
                  manual: form.manual.map((x, i) =>
                    i === k ? { ...x, reason: e.target.value } : x,
                  ),
                })
              }
              {...aria(`def-exclusions-manual-${k}-reason`)}
            />
          </div>
          <div className="control control-end">
            <button
              type="button"
              className="secondary"
              onClick={() => change({ manual: form.manual.filter((_, i) => i !== k) })}
            >
              {t("analyses.form.remove", {
                what: t("analyses.form.manualRow", { n: String(k + 1) }),
              })}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => change({ manual: [...form.manual, { area: "", reason: "" }] })}
      >
        {t("analyses.form.addManual")}
      </button>
    </fieldset>
  );
}
