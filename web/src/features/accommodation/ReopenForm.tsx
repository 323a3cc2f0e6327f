/**
 * Opening a closed month or a delivered WoBerichtsG file again: the reason (at least a few
 * words, kept in the audit log) and what went wrong, the same for both.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useI18n } from "../../lib/i18n.tsx";

export function ReopenForm(props: {
  readonly invalid: boolean;
  readonly busy: boolean;
  /** A reason too short to keep: the section shows the problem. */
  readonly onReasonMissing: (problem: string) => void;
  readonly onReopen: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const reasonId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  // The form opens on a click: the reason is where the keyboard goes next.
  useEffect(() => reasonRef.current?.focus(), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 5) {
      props.onReasonMissing(t("acc.closing.reasonMissing"));
      reasonRef.current?.focus();
      return;
    }
    props.onReopen(reason.trim());
  }

  return (
    <form className="acc-reopen" onSubmit={submit} noValidate>
      <label htmlFor={reasonId}>{t("acc.closing.reason")}</label>
      <textarea
        id={reasonId}
        ref={reasonRef}
        rows={3}
        maxLength={2000}
        required
        aria-describedby={`${reasonId}-hint`}
        aria-invalid={props.invalid || undefined}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <p id={`${reasonId}-hint`} className="note">
        {t("acc.closing.reasonHint")}
      </p>
      <div className="buttons">
        <button type="submit" className="primary" disabled={props.busy}>
          {t("acc.closing.reopenSubmit")}
        </button>{" "}
        <button type="button" onClick={props.onCancel}>
          {t("acc.closing.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Why closing, delivering or opening again did not happen, read out at once. */
export function NotDone(props: { readonly problems: readonly string[] }) {
  const { t } = useI18n();
  if (props.problems.length === 0) return null;
  return (
    <div role="alert" className="problems">
      <p className="form-error">{t("acc.closing.notDone")}</p>
      <ul>
        {props.problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
