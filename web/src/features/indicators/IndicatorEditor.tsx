/**
 * The indicator editor: the formula built from variables (numerator and denominator as sums,
 * each chosen from a searchable list), factor, unit, decimals, reading and theme, the sheet's
 * texts and — for planners — the publication state. A live preview beside it shows the values
 * per area for the latest period, computed by the server under the atlas's disclosure control.
 * Every problem of a refused save stands at its field (aria-describedby), and in a list above
 * the buttons that leads to the fields.
 */
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { VariableDto } from "@contracts/data.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import type { IndicatorPreviewDto } from "@contracts/indicators-editor.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { useVariables } from "../../lib/catalogue-queries.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { MarkedValue } from "../../ui/MarkedValue.tsx";
import { ProblemList, toField } from "../../ui/ProblemList.tsx";
import {
  bodyOf,
  emptyForm,
  formOf,
  problemsByField,
  type EditorField,
  type EditorForm,
  type FieldProblems,
  type Polarity,
  type Publication,
} from "./editor-form.ts";

const POLARITY: Record<Polarity, MessageKey> = {
  higher_is_better: "indicators.polarity.higher",
  lower_is_better: "indicators.polarity.lower",
  neutral: "indicators.polarity.neutral",
};
const PUBLICATIONS: readonly Publication[] = ["draft", "internal", "public"];
const MAX_MATCHES = 6;

const fieldId = (f: EditorField) => `ind-${f}`;

/** The props that tie a control to its hint and its problems. */
function described(field: EditorField, problems: FieldProblems, hint = false) {
  const ids = [
    ...(hint ? [`${fieldId(field)}-help`] : []),
    ...(problems[field] ? [`${fieldId(field)}-error`] : []),
  ];
  return {
    id: fieldId(field),
    ...(ids.length > 0 ? { "aria-describedby": ids.join(" ") } : {}),
    ...(problems[field] ? { "aria-invalid": true as const } : {}),
  };
}

function FieldProblem({ field, problems }: { field: EditorField; problems: FieldProblems }) {
  const list = problems[field];
  if (!list) return null;
  return (
    <p id={`${fieldId(field)}-error`} className="field-problem">
      {list.join(" ")}
    </p>
  );
}

function Control(props: {
  readonly field: EditorField;
  readonly label: string;
  readonly hint?: string;
  readonly problems: FieldProblems;
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <div className={props.wide ? "control control-wide" : "control"}>
      <label htmlFor={fieldId(props.field)}>{props.label}</label>
      {props.children}
      {props.hint !== undefined && <small id={`${fieldId(props.field)}-help`}>{props.hint}</small>}
      <FieldProblem field={props.field} problems={props.problems} />
    </div>
  );
}

/** One sum of the formula: the chosen variables and a search to add more. */
function VariableSum(props: {
  readonly field: "numerator" | "denominator";
  readonly legend: string;
  readonly part: string;
  readonly codes: readonly string[];
  readonly variables: readonly VariableDto[];
  readonly onChange: (codes: string[]) => void;
  readonly problems: FieldProblems;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const byCode = new Map(props.variables.map((v) => [v.code, v]));
  const needle = search.trim().toLocaleLowerCase("de");
  const matches = props.variables.filter(
    (v) =>
      !props.codes.includes(v.code) &&
      (needle === "" ||
        [v.name, v.code, v.unit].some((s) => s.toLocaleLowerCase("de").includes(needle))),
  );
  const errorId = `${fieldId(props.field)}-error`;
  return (
    <fieldset
      className="variable-sum"
      aria-describedby={props.problems[props.field] ? errorId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.codes.length === 0 ? (
        <p className="note">{t("indicators.editor.sumEmpty")}</p>
      ) : (
        <ul className="plain chosen-variables">
          {props.codes.map((c, i) => {
            const name = byCode.get(c)?.name ?? c;
            return (
              <li key={c}>
                <span>
                  {i > 0 && <span aria-hidden="true">+ </span>}
                  {name} <span className="note">({byCode.get(c)?.unit ?? c})</span>
                </span>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t("indicators.editor.removeFrom", { name, part: props.part })}
                  onClick={() => props.onChange(props.codes.filter((x) => x !== c))}
                >
                  {t("indicators.editor.remove")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <FieldProblem field={props.field} problems={props.problems} />
      <div className="control">
        <label htmlFor={fieldId(props.field)}>
          {t("indicators.editor.search", { part: props.part })}
        </label>
        <input
          id={fieldId(props.field)}
          type="search"
          value={search}
          aria-invalid={props.problems[props.field] ? true : undefined}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {needle === "" ? (
        <p className="note">{t("indicators.editor.typeToSearch", { n: String(matches.length) })}</p>
      ) : matches.length === 0 ? (
        <p className="note">{t("indicators.editor.noMatch")}</p>
      ) : (
        <ul className="plain variable-matches">
          {matches.slice(0, MAX_MATCHES).map((v) => (
            <li key={v.code}>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  props.onChange([...props.codes, v.code]);
                  setSearch("");
                }}
              >
                {t("indicators.editor.add", { name: `${v.name} (${v.unit})` })}
              </button>
            </li>
          ))}
          {matches.length > MAX_MATCHES && (
            <li className="note">
              {t("indicators.editor.moreMatches", { n: String(matches.length - MAX_MATCHES) })}
            </li>
          )}
        </ul>
      )}
    </fieldset>
  );
}

/** The value of `value` once it has stood still for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Preview({ ws, form }: { readonly ws: string; readonly form: EditorForm }) {
  const { t } = useI18n();
  const built = bodyOf(form, false);
  const json = built.ok && form.numerator.length > 0 ? JSON.stringify(built.body) : null;
  const settled = useSettled(json, 400);
  const preview = useQuery({
    queryKey: ["indicator-preview", ws, settled],
    enabled: settled !== null,
    retry: false,
    queryFn: () =>
      api<IndicatorPreviewDto>(wsPath("/api/indicators/preview", ws), {
        method: "POST",
        body: JSON.parse(settled!) as unknown,
      }),
  });
  const data = preview.data;
  let content: ReactNode;
  if (settled === null) content = <p className="note">{t("indicators.editor.previewWaiting")}</p>;
  else if (preview.isPending)
    content = <p className="state">{t("indicators.editor.previewLoading")}</p>;
  else if (preview.isError)
    content = (
      <ProblemList
        title={t("indicators.editor.previewProblems")}
        problems={problemsOf(preview.error).map((message) => ({ message }))}
        role="none"
      />
    );
  else if (data && data.values === null) content = <p className="note">{data.note}</p>;
  else if (data && data.values) {
    const set = data.values;
    const rows = set.reference
      ? [
          { ...set.reference, key: "ref", name: set.reference.name },
          ...set.values.map((v) => ({ ...v, key: v.area })),
        ]
      : set.values.map((v) => ({ ...v, key: v.area }));
    content = (
      <>
        <table className="data-table preview-table">
          <caption>
            {t("indicators.editor.previewCaption", {
              formula: data.formula,
              period: set.period,
              n: String(set.values.length),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("indicators.editor.previewArea")}</th>
              <th scope="col" className="num">
                {t("indicators.editor.previewValue")} ({set.unit})
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td className="num">
                  <MarkedValue value={r} decimals={set.decimals} />
                  {r.status === "suppressed" && (
                    <span className="sr-only"> ({t("indicators.editor.previewWithheld")})</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {set.disclosure.applied && (
          <p className="note">
            {t("indicators.editor.previewDisclosure", { min: String(set.disclosure.minCount) })}
          </p>
        )}
      </>
    );
  }
  const warnings = data?.warnings ?? [];
  return (
    <section className="indicator-preview" aria-labelledby="indicator-preview-title">
      <h3 id="indicator-preview-title">{t("indicators.editor.preview")}</h3>
      {data && !data.values && <p className="formula-line">{data.formula}</p>}
      <div aria-live="polite">
        {warnings.length > 0 && (
          <div className="notice" role="note" aria-labelledby="preview-warnings">
            <p id="preview-warnings">{t("indicators.editor.warnings")}</p>
            <ul>
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        {content}
      </div>
    </section>
  );
}

export function IndicatorEditor({
  ws,
  indicator,
  mayPublish,
  onDone,
}: {
  readonly ws: string;
  /** The indicator to change; null for a new one. */
  readonly indicator: IndicatorDto | null;
  readonly mayPublish: boolean;
  /** After saving (with the code) or cancelling (null). */
  readonly onDone: (code: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const variables = useVariables(ws);
  const [form, setForm] = useState<EditorForm>(() =>
    indicator ? formOf(indicator, locale) : emptyForm(mayPublish ? "draft" : "internal"),
  );
  const [problems, setProblems] = useState<{ fields: FieldProblems; general: string[] }>({
    fields: {},
    general: [],
  });
  const set = <K extends keyof EditorForm>(key: K, value: EditorForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // A corrected field no longer shows its old problem.
    setProblems((pr) => {
      if (!pr.fields[key]) return pr;
      const fields = { ...pr.fields };
      delete fields[key];
      return { ...pr, fields };
    });
  };

  const save = useMutation({
    mutationFn: async () => {
      const built = bodyOf(form, mayPublish);
      if (!built.ok) throw built;
      const { code, ...rest } = built.body;
      return indicator
        ? api<{ indicator: IndicatorDto }>(
            wsPath(`/api/indicators/${encodeURIComponent(indicator.code)}`, ws),
            { method: "PUT", body: rest },
          )
        : api<{ indicator: IndicatorDto }>(wsPath("/api/indicators", ws), {
            method: "POST",
            body: { code, ...rest },
          });
    },
    onSuccess: async (saved) => {
      setProblems({ fields: {}, general: [] });
      await client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
      onDone(saved.indicator.code);
    },
    onError: (error) => {
      if (typeof error === "object" && error !== null && "problems" in error) {
        setProblems({ fields: (error as { problems: FieldProblems }).problems, general: [] });
      } else setProblems(problemsByField(error));
    },
  });

  const listed = useMemo(
    () => [
      ...Object.entries(problems.fields).flatMap(([field, list]) =>
        (list ?? []).map((message) => ({ message, field: fieldId(field as EditorField) })),
      ),
      ...problems.general.map((message) => ({ message })),
    ],
    [problems],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const p = problems.fields;
  const title = indicator
    ? t("indicators.editor.editTitle", { name: indicator.name })
    : t("indicators.editor.newTitle");
  const vars = variables.data ?? [];

  return (
    <section className="indicator-editor" aria-labelledby="indicator-editor-title">
      <h2 id="indicator-editor-title">{title}</h2>
      <p className="note">{t("indicators.editor.intro")}</p>
      <div className="indicator-editor-grid">
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t("indicators.editor.formula")}</legend>
            <VariableSum
              field="numerator"
              legend={t("indicators.editor.numerator")}
              part={t("indicators.editor.partNumerator")}
              codes={form.numerator}
              variables={vars}
              onChange={(c) => set("numerator", c)}
              problems={p}
            />
            <VariableSum
              field="denominator"
              legend={t("indicators.editor.denominator")}
              part={t("indicators.editor.partDenominator")}
              codes={form.denominator}
              variables={vars}
              onChange={(c) => set("denominator", c)}
              problems={p}
            />
            <div className="form-grid">
              <Control
                field="factor"
                label={t("indicators.editor.factor")}
                hint={t("indicators.editor.factorHint")}
                problems={p}
              >
                <input
                  {...described("factor", p, true)}
                  inputMode="decimal"
                  value={form.factor}
                  onChange={(e) => set("factor", e.target.value)}
                />
              </Control>
              <Control field="unit" label={t("indicators.unit")} problems={p}>
                <input
                  {...described("unit", p)}
                  value={form.unit}
                  onChange={(e) => set("unit", e.target.value)}
                />
              </Control>
              <Control field="decimals" label={t("indicators.editor.decimals")} problems={p}>
                <input
                  {...described("decimals", p)}
                  inputMode="numeric"
                  value={form.decimals}
                  onChange={(e) => set("decimals", e.target.value)}
                />
              </Control>
              <Control field="polarity" label={t("indicators.polarity")} problems={p}>
                <select
                  {...described("polarity", p)}
                  value={form.polarity}
                  onChange={(e) => set("polarity", e.target.value as Polarity)}
                >
                  {Object.entries(POLARITY).map(([value, key]) => (
                    <option key={value} value={value}>
                      {t(key)}
                    </option>
                  ))}
                </select>
              </Control>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("indicators.editor.sheet")}</legend>
            <div className="form-grid">
              {!indicator && (
                <Control
                  field="code"
                  label={t("indicators.editor.code")}
                  hint={t("indicators.editor.codeHint")}
                  problems={p}
                >
                  <input
                    {...described("code", p, true)}
                    value={form.code}
                    autoComplete="off"
                    onChange={(e) => set("code", e.target.value)}
                  />
                </Control>
              )}
              <Control field="name" label={t("indicators.editor.name")} problems={p}>
                <input
                  {...described("name", p)}
                  value={form.name}
                  onChange={(e) => set("name", e.target.value)}
                />
              </Control>
              <Control field="theme" label={t("indicators.editor.theme")} problems={p}>
                <input
                  {...described("theme", p)}
                  value={form.theme}
                  onChange={(e) => set("theme", e.target.value)}
                />
              </Control>
              {mayPublish && (
                <Control field="publication" label={t("indicators.publication")} problems={p}>
                  <select
                    {...described("publication", p)}
                    value={form.publication}
                    onChange={(e) => set("publication", e.target.value as Publication)}
                  >
                    {PUBLICATIONS.map((s) => (
                      <option key={s} value={s}>
                        {t(`publication.${s}`)}
                      </option>
                    ))}
                  </select>
                </Control>
              )}
            </div>
            {(
              [
                ["definition", "indicators.definition"],
                ["interpretation", "indicators.interpretation"],
                ["limits", "indicators.limits"],
                ["source", "indicators.source"],
              ] as const
            ).map(([field, label]) => (
              <Control key={field} field={field} label={t(label)} problems={p} wide>
                <textarea
                  {...described(field, p)}
                  rows={field === "source" ? 1 : 3}
                  value={form[field]}
                  onChange={(e) => set(field, e.target.value)}
                />
              </Control>
            ))}
          </fieldset>
          {listed.length > 0 && (
            <ProblemList title={t("indicators.editor.notSaved")} problems={listed} jump={toField} />
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={save.isPending}>
              {save.isPending ? t("indicators.editor.saving") : t("indicators.editor.save")}
            </button>
            <button type="button" className="secondary" onClick={() => onDone(null)}>
              {t("indicators.editor.cancel")}
            </button>
          </div>
        </form>
        <Preview ws={ws} form={form} />
      </div>
    </section>
  );
}
