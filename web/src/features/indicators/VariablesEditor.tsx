/**
 * Merkmale: the workspace's variables with their metadata, for planners and administrators to
 * correct — name, description, unit, kind of count (stock or flow), aggregation, source,
 * licence, attribution and (planners) publication. A changed kind or aggregation of a
 * variable that has figures is saved and the server's warning shown.
 */
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { VariableDto } from "@contracts/data.ts";
import type { VariableUpdateBody } from "@contracts/indicators-editor.ts";
import { api, ApiError, wsPath } from "../../lib/api.ts";
import { useVariables } from "../../lib/catalogue-queries.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";

type Form = {
  -readonly [K in keyof Required<VariableUpdateBody>]: K extends "measure"
    ? VariableDto["measure"]
    : K extends "aggregation"
      ? VariableDto["aggregation"]
      : K extends "publication"
        ? VariableDto["publication"]
        : string;
};

const TEXT_FIELDS: readonly [keyof Form, MessageKey, boolean][] = [
  ["name", "indicators.editor.name", false],
  ["unit", "indicators.variables.unit", false],
  ["description", "indicators.variables.description", true],
  ["source", "indicators.variables.source", true],
  ["licence", "indicators.variables.licence", false],
  ["attribution", "indicators.variables.attribution", false],
];

const formOf = (v: VariableDto): Form => ({
  name: v.name,
  description: v.description ?? "",
  unit: v.unit,
  measure: v.measure,
  aggregation: v.aggregation,
  source: v.source ?? "",
  licence: v.licence ?? "",
  attribution: v.attribution ?? "",
  publication: v.publication,
});

function VariableForm({
  ws,
  variable,
  mayPublish,
  onDone,
}: {
  readonly ws: string;
  readonly variable: VariableDto;
  readonly mayPublish: boolean;
  readonly onDone: () => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(variable));
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const { publication, ...rest } = form;
      return api<{ warnings: string[] }>(
        wsPath(`/api/variables/${encodeURIComponent(variable.code)}`, ws),
        { method: "PUT", body: mayPublish ? { ...rest, publication } : rest },
      );
    },
    onSuccess: async (res) => {
      setWarnings(res.warnings);
      await client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
    },
  });
  const issues =
    save.error instanceof ApiError
      ? ((save.error.details as { issues?: { path: string; message: string }[] } | undefined)
          ?.issues ?? [])
      : [];
  const problemOf = (field: string) => issues.filter((i) => i.path === field);
  const id = (field: string) => `var-${field}`;
  const describedBy = (field: string) =>
    problemOf(field).length > 0
      ? { "aria-describedby": `${id(field)}-error`, "aria-invalid": true as const }
      : {};
  const fieldError = (field: string) =>
    problemOf(field).length > 0 && (
      <p id={`${id(field)}-error`} className="field-problem">
        {problemOf(field)
          .map((i) => i.message)
          .join(" ")}
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setWarnings(null);
    save.mutate();
  };
  const select = <K extends "measure" | "aggregation" | "publication">(
    field: K,
    label: MessageKey,
    options: readonly [Form[K], MessageKey][],
  ) => (
    <div className="control">
      <label htmlFor={id(field)}>{t(label)}</label>
      <select
        id={id(field)}
        value={form[field]}
        {...describedBy(field)}
        onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))}
      >
        {options.map(([value, key]) => (
          <option key={value} value={value}>
            {t(key)}
          </option>
        ))}
      </select>
      {fieldError(field)}
    </div>
  );
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="variable-form-title"
      className="variable-form"
    >
      <h4 id="variable-form-title">
        {t("indicators.variables.editTitle", { name: variable.name })}
      </h4>
      <div className="form-grid">
        {TEXT_FIELDS.map(([field, label, long]) => (
          <div key={field} className={long ? "control control-wide" : "control"}>
            <label htmlFor={id(field)}>{t(label)}</label>
            {long ? (
              <textarea
                id={id(field)}
                rows={2}
                value={form[field]}
                {...describedBy(field)}
                onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))}
              />
            ) : (
              <input
                id={id(field)}
                value={form[field]}
                {...describedBy(field)}
                onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))}
              />
            )}
            {fieldError(field)}
          </div>
        ))}
        {select("measure", "indicators.variables.measure", [
          ["stock", "indicators.variables.measure.stock"],
          ["flow", "indicators.variables.measure.flow"],
        ])}
        {select("aggregation", "indicators.variables.aggregation", [
          ["sum", "indicators.variables.aggregation.sum"],
          ["none", "indicators.variables.aggregation.none"],
        ])}
        {mayPublish &&
          select("publication", "indicators.publication", [
            ["draft", "publication.draft"],
            ["internal", "publication.internal"],
            ["public", "publication.public"],
          ])}
      </div>
      {save.isError && (
        <ProblemList
          title={t("indicators.editor.notSaved")}
          problems={
            issues.length > 0
              ? issues.map((i): Problem => ({ message: i.message, field: id(i.path) }))
              : [{ message: save.error.message, field: null }]
          }
          jump={toField}
        />
      )}
      <div role="status">
        {warnings !== null &&
          (warnings.length === 0 ? (
            <p>{t("indicators.variables.saved")}</p>
          ) : (
            <div className="notice">
              <p>{t("indicators.variables.savedWithWarnings")}</p>
              <ul>
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ))}
      </div>
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t("indicators.editor.saving") : t("indicators.editor.save")}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t("indicators.editor.cancel")}
        </button>
      </div>
    </form>
  );
}

export function VariablesEditor({
  ws,
  mayPublish,
}: {
  readonly ws: string;
  readonly mayPublish: boolean;
}) {
  const { t } = useI18n();
  const variables = useVariables(ws);
  const [editing, setEditing] = useState<string | null>(null);
  const list = variables.data ?? [];
  if (list.length === 0) return null;
  const chosen = list.find((v) => v.code === editing);
  return (
    <section aria-labelledby="variables-title" className="variables-editor">
      <h2 id="variables-title">{t("indicators.variables.title")}</h2>
      <p className="note">{t("indicators.variables.intro")}</p>
      <details>
        <summary>{t("indicators.variables.show", { n: String(list.length) })}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("indicators.editor.name")}</th>
              <th scope="col">{t("indicators.variables.code")}</th>
              <th scope="col">{t("indicators.variables.unit")}</th>
              <th scope="col">{t("indicators.variables.measure")}</th>
              <th scope="col">{t("indicators.variables.aggregation")}</th>
              <th scope="col">{t("indicators.publication")}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.code}>
                <th scope="row">{v.name}</th>
                <td>{v.code}</td>
                <td>{v.unit}</td>
                <td>{t(`indicators.variables.measure.${v.measure}`)}</td>
                <td>{t(`indicators.variables.aggregation.${v.aggregation}`)}</td>
                <td>{t(`publication.${v.publication}`)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t("indicators.variables.edit", { name: v.name })}
                    onClick={() => setEditing(v.code)}
                  >
                    {t("indicators.editor.edit")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {chosen && (
          <VariableForm
            key={chosen.code}
            ws={ws}
            variable={chosen}
            mayPublish={mayPublish}
            onDone={() => setEditing(null)}
          />
        )}
      </details>
    </section>
  );
}
