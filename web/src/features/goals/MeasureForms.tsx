/**
 * The reports on a measure by those who run it: its status, milestones and description, and a
 * value of a performance measure per period. The API checks everything (a period outside the
 * measure's schedule, one the frequency does not know) and answers in German at the field.
 */
import { useState, type FormEvent } from "react";
import { MEASURE_STATUSES } from "@contracts/controlling.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { parseGermanNumber } from "../../lib/parse.ts";
import type { MeasureDto, PerformanceMeasure } from "./goals-api.ts";
import { germanDay, isoDay, periodExample, valueFieldOf } from "./goals-view.ts";
import { FieldError, invalidProps, Outcome, useChange } from "./form-parts.tsx";

type Milestone = MeasureDto["milestones"][number];

export function ProgressForm(props: { readonly workspace: string; readonly measure: MeasureDto }) {
  const { t } = useI18n();
  const m = props.measure;
  const [state, setState] = useState(m.state);
  // Due days are typed the German way (30.06.2023) and sent as the API's calendar days.
  const [milestones, setMilestones] = useState<Milestone[]>(() =>
    m.milestones.map((x) => ({ ...x, due: germanDay(x.due) })),
  );
  const [description, setDescription] = useState(m.description ?? "");
  const fieldOf = (path: string): string | null => {
    if (path === "state" || path === "description") return `progress-${path}`;
    const ms = /^milestones\.(\d+)\.(title|due|done)$/.exec(path);
    return ms ? `progress-ms-${ms[1]}-${ms[2]}` : null;
  };
  const change = useChange<unknown>(props.workspace, fieldOf);
  const r = change.refusal;
  const edit = (i: number, patch: Partial<Milestone>) =>
    setMilestones((list) => list.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.send(`/api/controlling/measures/${encodeURIComponent(m.code)}/progress`, "PUT", {
      state,
      milestones: milestones.map((x) => ({ ...x, due: isoDay(x.due) })),
      description: description.trim() === "" ? null : description,
    });
  };
  return (
    <section aria-labelledby="progress-title" className="goals-form-section">
      <h2 id="progress-title">{t("goals.progressForm")}</h2>
      <form className="goals-form" aria-labelledby="progress-title" onSubmit={submit} noValidate>
        <div className="form-grid">
          <div className="control">
            <label htmlFor="progress-state">{t("goals.stateLabel")}</label>
            <select
              id="progress-state"
              value={state}
              onChange={(e) => setState(e.target.value as MeasureDto["state"])}
              {...invalidProps(r, "progress-state")}
            >
              {MEASURE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`goals.state.${s}`)}
                </option>
              ))}
            </select>
            <FieldError refusal={r} id="progress-state" />
          </div>
          <div className="control control-wide">
            <label htmlFor="progress-description">{t("goals.field.description")}</label>
            <textarea
              id="progress-description"
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              {...invalidProps(r, "progress-description")}
            />
            <FieldError refusal={r} id="progress-description" />
          </div>
        </div>
        <fieldset>
          <legend>{t("goals.milestones")}</legend>
          {milestones.map((ms, i) => (
            <div key={i} className="milestone-row">
              <div className="control">
                <label htmlFor={`progress-ms-${i}-title`}>
                  {t("goals.field.milestone", { n: String(i + 1) })}
                </label>
                <input
                  id={`progress-ms-${i}-title`}
                  value={ms.title}
                  onChange={(e) => edit(i, { title: e.target.value })}
                  {...invalidProps(r, `progress-ms-${i}-title`)}
                />
                <FieldError refusal={r} id={`progress-ms-${i}-title`} />
              </div>
              <div className="control">
                <label htmlFor={`progress-ms-${i}-due`}>
                  {t("goals.field.due", { n: String(i + 1) })}
                </label>
                <input
                  id={`progress-ms-${i}-due`}
                  placeholder="TT.MM.JJJJ"
                  value={ms.due}
                  onChange={(e) => edit(i, { due: e.target.value })}
                  {...invalidProps(r, `progress-ms-${i}-due`)}
                />
                <FieldError refusal={r} id={`progress-ms-${i}-due`} />
              </div>
              <label className="check">
                <input
                  type="checkbox"
                  checked={ms.done}
                  onChange={(e) => edit(i, { done: e.target.checked })}
                />
                {t("goals.field.done", { n: String(i + 1) })}
              </label>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => setMilestones((list) => [...list, { title: "", due: "", done: false }])}
          >
            {t("goals.addMilestone")}
          </button>
        </fieldset>
        <div className="buttons">
          <button type="submit" className="primary" disabled={change.busy}>
            {t("goals.progressSave")}
          </button>
        </div>
        <Outcome refusal={r} saved={change.saved} savedText={t("goals.progressSaved")} />
      </form>
    </section>
  );
}

export function ValueForm(props: {
  readonly workspace: string;
  readonly measure: string;
  readonly pm: PerformanceMeasure;
}) {
  const { t } = useI18n();
  const prefix = `value-${props.pm.code}`;
  const [period, setPeriod] = useState("");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const change = useChange<unknown>(
    props.workspace,
    (path) => valueFieldOf(path, prefix),
    () => {
      setPeriod("");
      setValue("");
      setNote("");
    },
  );
  const r = change.refusal;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const number = parseGermanNumber(value);
    if (number === null) {
      const message = t("goals.valueNoNumber", { text: value });
      change.refuse({
        fields: new Map([[`${prefix}-value`, [message]]]),
        problems: [{ message, field: `${prefix}-value` }],
      });
      return;
    }
    change.send(
      `/api/controlling/measures/${encodeURIComponent(props.measure)}/performance-measures/${encodeURIComponent(props.pm.code)}/values`,
      "PUT",
      {
        values: [{ period: period.trim(), value: number, note: note.trim() === "" ? null : note }],
      },
    );
  };
  const title = `${prefix}-title`;
  return (
    <form className="goals-form" aria-labelledby={title} onSubmit={submit} noValidate>
      <h5 id={title}>{t("goals.valueForm", { name: props.pm.name })}</h5>
      <div className="form-grid">
        <div className="control">
          <label htmlFor={`${prefix}-period`}>{t("goals.field.period")}</label>
          <input
            id={`${prefix}-period`}
            value={period}
            placeholder={periodExample(props.pm.frequency)}
            onChange={(e) => setPeriod(e.target.value)}
            {...invalidProps(r, `${prefix}-period`)}
            aria-describedby={
              r.fields.has(`${prefix}-period`)
                ? `${prefix}-period-error ${prefix}-period-help`
                : `${prefix}-period-help`
            }
          />
          <small id={`${prefix}-period-help`}>
            {t("goals.periodHint", { example: periodExample(props.pm.frequency) })}
          </small>
          <FieldError refusal={r} id={`${prefix}-period`} />
        </div>
        <div className="control">
          <label htmlFor={`${prefix}-value`}>
            {t("goals.field.value", { unit: props.pm.unit })}
          </label>
          <input
            id={`${prefix}-value`}
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            {...invalidProps(r, `${prefix}-value`)}
          />
          <FieldError refusal={r} id={`${prefix}-value`} />
        </div>
        <div className="control control-wide">
          <label htmlFor={`${prefix}-note`}>{t("goals.field.note")}</label>
          <input
            id={`${prefix}-note`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            {...invalidProps(r, `${prefix}-note`)}
          />
          <FieldError refusal={r} id={`${prefix}-note`} />
        </div>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={change.busy}>
          {t("goals.valueSave")}
        </button>
      </div>
      <Outcome refusal={r} saved={change.saved} savedText={t("goals.valueSaved")} />
    </form>
  );
}
