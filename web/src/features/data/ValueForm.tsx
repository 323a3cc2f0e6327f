/**
 * The one form of every decision on a value: confirm (a reason), correct (a new value and a
 * reason), mark as of limited reliability `( )` or not reliable enough `/` (a choice and a
 * reason), undo a correction (a reason). Every field has its label; a problem the form or the
 * API finds is said next to its field (aria-describedby, role=alert) and nothing typed is lost.
 */
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { parseGermanNumber } from "../../lib/parse.ts";

export type ValueAction = "confirm" | "correct" | "mark" | "undo";
export type Reliability = "limited" | "unreliable";

export interface ValueFormInput {
  readonly reason: string;
  /** The new value (correct). */
  readonly value?: number;
  /** The chosen mark (mark). */
  readonly reliability?: Reliability;
}

type Field = "value" | "reason" | "reliability";

const SAVE: Record<ValueAction, MessageKey> = {
  confirm: "values.save.confirm",
  correct: "values.save.correct",
  mark: "values.save.mark",
  undo: "values.undo",
};

/**
 * The fields an API error names: the service's `details.field`, or the paths of a request the
 * server could not validate; anything else is said under the whole form.
 */
export function apiProblems(e: unknown): { field: Field | null; message: string }[] {
  if (!(e instanceof ApiError)) return [{ field: null, message: String(e) }];
  const details = e.details as
    | { field?: unknown; issues?: { path?: unknown; message?: unknown }[] }
    | undefined;
  const asField = (f: unknown): Field | null =>
    f === "value" || f === "reason" || f === "reliability" ? f : null;
  if (Array.isArray(details?.issues) && details.issues.length > 0) {
    return details.issues.map((i) => {
      const field = asField(i.path);
      const label = field === "reason" ? "Begründung: " : field === "value" ? "Wert: " : "";
      return { field, message: `${label}${String(i.message)}` };
    });
  }
  return [{ field: asField(details?.field), message: e.message }];
}

export function ValueForm({
  action,
  title,
  initialValue = "",
  onSubmit,
  onCancel,
}: {
  readonly action: ValueAction;
  /** What is decided on, for the form's accessible name ("Korrigieren: …, 2020"). */
  readonly title: string;
  readonly initialValue?: string;
  readonly onSubmit: (input: ValueFormInput) => Promise<void>;
  readonly onCancel?: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [valueText, setValueText] = useState(initialValue);
  const [reason, setReason] = useState("");
  const [reliability, setReliability] = useState<Reliability | "">("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const saving = useMutation({
    mutationFn: onSubmit,
    onError: (err) => {
      const byField: Partial<Record<Field, string>> = {};
      const rest: string[] = [];
      for (const p of apiProblems(err)) {
        if (p.field && (p.field !== "value" || action === "correct")) {
          byField[p.field] = byField[p.field] ? `${byField[p.field]} ${p.message}` : p.message;
        } else rest.push(p.message);
      }
      setErrors(byField);
      setGeneral(rest.length > 0 ? rest.join(" ") : null);
    },
  });
  const busy = saving.isPending;

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const value = action === "correct" ? parseGermanNumber(valueText) : null;
    if (action === "correct" && value === null) found.value = t("values.error.value");
    if (action === "mark" && reliability === "") {
      found.reliability = t("values.error.reliability");
    }
    if (reason.trim().length < 3) found.reason = t("values.error.reason");
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) {
      const first = (["value", "reliability", "reason"] as const).find((f) => found[f]);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    saving.mutate({
      reason: reason.trim(),
      ...(value !== null ? { value } : {}),
      ...(reliability !== "" ? { reliability } : {}),
    });
  }

  const describedBy = (field: Field, help?: string) =>
    [help, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(" ") ||
    undefined;
  const errorOf = (field: Field) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} role="alert" className="form-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form className="value-form" aria-label={title} onSubmit={submit} noValidate>
      {action === "correct" && (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t("values.newValue")}</label>
          <input
            id={`${id}-value`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={valueText}
            onChange={(e) => setValueText(e.target.value)}
            aria-invalid={errors.value ? true : undefined}
            aria-describedby={describedBy("value", `${id}-value-help`)}
          />
          <small id={`${id}-value-help`}>{t("values.newValueHelp")}</small>
          {errorOf("value")}
        </div>
      )}
      {action === "mark" && (
        <fieldset
          className="plain-fieldset field"
          aria-describedby={describedBy("reliability")}
          aria-invalid={errors.reliability ? true : undefined}
        >
          <legend>{t("values.reliability")}</legend>
          {(["limited", "unreliable"] as const).map((r, i) => (
            <label key={r} className="radio">
              <input
                type="radio"
                name={`${id}-reliability`}
                {...(i === 0 ? { id: `${id}-reliability` } : {})}
                value={r}
                checked={reliability === r}
                onChange={() => setReliability(r)}
              />{" "}
              {t(`values.reliability.${r}`)}
            </label>
          ))}
          {errorOf("reliability")}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("values.reason")}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={describedBy("reason", `${id}-reason-help`)}
        />
        <small id={`${id}-reason-help`}>{t("values.reasonHelp")}</small>
        {errorOf("reason")}
      </div>
      {general && (
        <p role="alert" className="form-error">
          {general}
        </p>
      )}
      <div className="buttons">
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t("values.busy") : t(SAVE[action])}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            {t("values.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
