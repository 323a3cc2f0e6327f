/**
 * The definition of an index in a form: code (new indices only), name, status and dynamics
 * indicators, the span of the dynamics, context indicators, standardisation, exclusions, class
 * bounds, the population indicator and a comment on what changed. Saving makes version n + 1
 * (or nothing, when the definition is the latest's); every problem — the form's own and the
 * server's — is listed in one alert, each linked to its field where it has one, and nothing
 * typed is lost. The definition is also shown and saved as JSON (the file format of
 * `sopla index compute`, docs/methods/social-index.md).
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { AreaDto } from "@contracts/areas.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { saveFile } from "../../lib/download.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import type { SavedIndex } from "./social-index-api.ts";
import { ClassBands } from "./ClassBands.tsx";
import {
  codeFromName,
  readIndexForm,
  type FormProblem,
  type IndexForm as Form,
  type SaveIndexBody,
} from "./index-form.ts";
import { ExclusionFields } from "./ExclusionFields.tsx";
import { IndicatorRows } from "./IndicatorRows.tsx";
import { Field, TextField } from "../../ui/TextField.tsx";

/** The field a problem of the form belongs to (ids follow the definition's paths). */
function fieldOf(p: FormProblem): string {
  switch (p.kind) {
    case "code":
    case "name":
    case "populationIndicator":
    case "dynamicsYears":
      return `def-${p.kind}`;
    case "minPopulation":
      return "def-exclusions-minPopulation";
    case "indicator":
      return `def-${p.dimension}-${p.row}-code`;
    case "weight":
      return `def-${p.dimension}-${p.row}-weight`;
    case "exclusionArea":
      return `def-exclusions-manual-${p.row}-area`;
    case "exclusionReason":
      return `def-exclusions-manual-${p.row}-reason`;
    case "bound":
      return `def-${p.dimension}Classes-${p.row}-upTo`;
  }
}

export function IndexForm({
  workspace,
  initial,
  isNew,
  indicators,
  areas,
  onSaved,
}: {
  readonly workspace: string;
  readonly initial: Form;
  readonly isNew: boolean;
  readonly indicators: readonly IndicatorDto[];
  readonly areas: readonly AreaDto[];
  readonly onSaved: (saved: SavedIndex) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(initial);
  const [codeTouched, setCodeTouched] = useState(!isNew);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const change = (next: Partial<Form>) => setForm((f) => ({ ...f, ...next }));
  const aria = (id: string) => (invalid.has(id) ? { "aria-invalid": true as const } : {});

  const rowName = (dimension: "status" | "dynamics", row: number) =>
    t(dimension === "status" ? "analyses.form.statusRow" : "analyses.form.dynamicsRow", {
      n: String(row + 1),
    });
  const bandName = (dimension: "status" | "dynamics", row: number) => {
    const bands = dimension === "status" ? form.statusClasses : form.dynamicsClasses;
    return t("analyses.form.boundOf", {
      dimension: t(dimension === "status" ? "analyses.status" : "analyses.dynamics"),
      name: bands[row]?.label ?? String(row + 1),
    });
  };
  const problemText = (p: FormProblem): string => {
    switch (p.kind) {
      case "code":
        return t("analyses.problem.code");
      case "name":
        return t("analyses.problem.name");
      case "populationIndicator":
        return t("analyses.problem.population");
      case "indicator":
        return `${rowName(p.dimension, p.row)}: ${t("analyses.problem.indicator")}`;
      case "weight":
        return `${rowName(p.dimension, p.row)}, ${t("analyses.form.weight")}: ${t("analyses.problem.weight", { text: p.text ?? "" })}`;
      case "dynamicsYears":
        return t("analyses.problem.years", { text: p.text });
      case "minPopulation":
        return t("analyses.problem.minPopulation", { text: p.text });
      case "exclusionArea":
        return t("analyses.problem.exclusionArea", { n: String(p.row + 1) });
      case "exclusionReason":
        return t("analyses.problem.exclusionReason", { n: String(p.row + 1) });
      case "bound":
        return `${bandName(p.dimension, p.row)}: ${t("analyses.problem.bound", { text: p.text })}`;
    }
  };

  const read = readIndexForm(form);
  const json = read.ok ? `${JSON.stringify(read.body.definition, null, 2)}\n` : null;

  const saving = useMutation({
    mutationFn: (body: SaveIndexBody) =>
      api<SavedIndex>(
        wsPath(`/api/analyses/indices/${encodeURIComponent(body.definition.code)}`, workspace),
        { method: "PUT", body },
      ),
    onSuccess: (saved) => {
      setProblems([]);
      setOutcome(
        saved.created
          ? t("analyses.form.saved", { version: String(saved.index.version) })
          : t("analyses.form.unchanged", { version: String(saved.index.version) }),
      );
      setForm((f) => ({ ...f, comment: "" }));
      onSaved(saved);
    },
    onError: (error) =>
      // The server names each problem with its place ("status.1.code: …"): link it to its field.
      setProblems(
        problemsOf(error).map((text) => {
          const path = /^([A-Za-z][\w.]*):/.exec(text)?.[1];
          const field = path ? `def-${path.replaceAll(".", "-")}` : null;
          return { message: text, field: field && document.getElementById(field) ? field : null };
        }),
      ),
  });
  const busy = saving.isPending;

  function save(e: FormEvent) {
    e.preventDefault();
    setOutcome(null);
    if (!read.ok) {
      setProblems(read.problems.map((p) => ({ message: problemText(p), field: fieldOf(p) })));
      return;
    }
    saving.mutate(read.body);
  }

  return (
    <form className="index-form" onSubmit={save} noValidate>
      <fieldset>
        <legend>{t("analyses.form.general")}</legend>
        <div className="form-grid">
          <Field id="def-name" label={t("analyses.form.name")}>
            <input
              id="def-name"
              type="text"
              value={form.name}
              onChange={(e) =>
                change({
                  name: e.target.value,
                  ...(codeTouched ? {} : { code: codeFromName(e.target.value) }),
                })
              }
              {...aria("def-name")}
            />
          </Field>
          <TextField
            id="def-code"
            label={t("analyses.form.code")}
            type="text"
            hint={t(isNew ? "analyses.form.codeHelp" : "analyses.form.codeFixed")}
            value={form.code}
            readOnly={!isNew}
            spellCheck={false}
            onChange={(value) => {
              setCodeTouched(true);
              change({ code: value });
            }}
            {...aria("def-code")}
          />
          <Field id="def-populationIndicator" label={t("analyses.form.population")}>
            <select
              id="def-populationIndicator"
              value={form.populationIndicator}
              onChange={(e) => change({ populationIndicator: e.target.value })}
              {...aria("def-populationIndicator")}
            >
              {!indicators.some((i) => i.code === form.populationIndicator) && (
                <option value={form.populationIndicator}>{form.populationIndicator}</option>
              )}
              {indicators.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("analyses.form.statusIndicators")}</legend>
        <IndicatorRows
          dimension="status"
          rows={form.status}
          indicators={indicators}
          invalid={invalid}
          onChange={(status) => change({ status })}
        />
      </fieldset>

      <fieldset>
        <legend>{t("analyses.form.dynamicsIndicators")}</legend>
        <TextField
          id="def-dynamicsYears"
          label={t("analyses.form.years")}
          size="narrow"
          hint={t("analyses.form.yearsHelp")}
          type="text"
          inputMode="numeric"
          value={form.dynamicsYears}
          onChange={(value) => change({ dynamicsYears: value })}
          {...aria("def-dynamicsYears")}
        />
        <IndicatorRows
          dimension="dynamics"
          rows={form.dynamics}
          indicators={indicators}
          invalid={invalid}
          onChange={(dynamics) => change({ dynamics })}
        />
      </fieldset>

      <fieldset>
        <legend>{t("analyses.form.context")}</legend>
        <p className="note">{t("analyses.form.contextHelp")}</p>
        <ul className="checks" id="def-context">
          {indicators.map((i) => (
            <li key={i.code}>
              <label>
                <input
                  type="checkbox"
                  checked={form.context.includes(i.code)}
                  onChange={(e) =>
                    change({
                      context: e.target.checked
                        ? [...form.context, i.code]
                        : form.context.filter((c) => c !== i.code),
                    })
                  }
                />
                {i.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <ExclusionFields form={form} change={change} aria={aria} areas={areas} />

      <fieldset>
        <legend>{t("analyses.form.classes")}</legend>
        <p className="note">{t("analyses.form.classesHelp")}</p>
        <ClassBands
          dimension="status"
          rows={form.statusClasses}
          invalid={invalid}
          onChange={(statusClasses) => change({ statusClasses })}
        />
        {form.dynamics.length > 0 && (
          <ClassBands
            dimension="dynamics"
            rows={form.dynamicsClasses}
            invalid={invalid}
            onChange={(dynamicsClasses) => change({ dynamicsClasses })}
          />
        )}
      </fieldset>

      <div className="field">
        <label htmlFor="def-comment">{t("analyses.form.comment")}</label>
        <textarea
          id="def-comment"
          rows={2}
          value={form.comment}
          onChange={(e) => change({ comment: e.target.value })}
        />
      </div>

      {problems.length > 0 && (
        <ProblemList title={t("analyses.form.notSaved")} problems={problems} jump={toField} />
      )}
      <p role="status" className="save-outcome">
        {outcome}
      </p>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t("analyses.form.save")}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={json === null}
          onClick={() =>
            json !== null &&
            saveFile(`${form.code || "index"}.json`, "application/json;charset=utf-8", json)
          }
        >
          {t("analyses.form.downloadJson")}
        </button>
      </div>
      <details className="json-view">
        <summary>{t("analyses.form.json")}</summary>
        {json !== null ? (
          <pre tabIndex={0} role="region" aria-label={t("analyses.form.json")}>
            {json}
          </pre>
        ) : (
          <p className="note">{t("analyses.form.jsonIncomplete")}</p>
        )}
      </details>
    </form>
  );
}
