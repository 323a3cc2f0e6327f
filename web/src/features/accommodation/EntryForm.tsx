/**
 * The frame of every accommodation entry form: sending a form's body (a mutation that refreshes
 * every accommodation query of the workspace afterwards), the outcome (the form's own problems
 * and the server's findings in one alert, or what was saved with its notes), and the form with
 * its title and save button. The choices of a category or a facility are select fields.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { api, ApiError, problemsOf, wsPath } from "../../lib/api.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { accommodationKeys, type Facility, type Finding } from "./accommodation-api.ts";
import type { FormResult } from "./entry-forms.ts";

type Outcome =
  | { readonly kind: "idle" }
  | { readonly kind: "problems"; readonly problems: readonly string[] }
  | { readonly kind: "saved"; readonly warnings: readonly Finding[] };

/** The findings of a refused change (`error.details.findings`), else every problem named. */
function problemsOfChange(error: unknown): string[] {
  if (error instanceof ApiError) {
    const findings = (error.details as { findings?: unknown } | undefined)?.findings;
    if (Array.isArray(findings) && findings.length > 0) {
      return (findings as Finding[]).map((f) => f.message);
    }
  }
  return problemsOf(error);
}

interface Sending {
  readonly path: string;
  readonly method: "POST" | "PATCH";
  readonly body: unknown;
  readonly onSaved: (() => void) | undefined;
}

/** Sends a form's body, remembers the outcome and refreshes the workspace's figures. */
export function useEntry(workspace: string) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const send = useMutation({
    // Changes of stays answer with `warnings`, so does a closing; a new facility with its code.
    mutationFn: (s: Sending) =>
      api<{ readonly warnings?: readonly Finding[] }>(wsPath(s.path, workspace), {
        method: s.method,
        body: s.body,
      }),
    onMutate: () => setOutcome({ kind: "idle" }),
    onSuccess: async (answer, s) => {
      setOutcome({ kind: "saved", warnings: answer.warnings ?? [] });
      s.onSaved?.();
      await client.invalidateQueries({ queryKey: accommodationKeys.all(workspace) });
    },
    onError: (e) => setOutcome({ kind: "problems", problems: problemsOfChange(e) }),
  });
  function submit<T>(
    read: () => FormResult<T>,
    path: string,
    onSaved?: () => void,
    method: "POST" | "PATCH" = "POST",
  ) {
    const r = read();
    if (!r.ok) {
      setOutcome({ kind: "problems", problems: r.problems });
      return;
    }
    send.mutate({ path, method, body: r.body, onSaved });
  }
  return { outcome, busy: send.isPending, submit };
}

function OutcomeBox(props: {
  readonly outcome: Outcome;
  readonly what: string;
  readonly warningsTitle: MessageKey;
}) {
  const { t } = useI18n();
  const { outcome, what } = props;
  if (outcome.kind === "problems") {
    return (
      <div role="alert" className="problems">
        <p className="form-error">{t("acc.notSaved")}</p>
        <ul>
          {outcome.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div role="status" className="save-outcome">
      {outcome.kind === "saved" && (
        <>
          <p>{t("acc.saved", { what })}</p>
          {outcome.warnings.length > 0 && (
            <>
              <p>{t(props.warningsTitle)}</p>
              <ul>
                {outcome.warnings.map((w, i) => (
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

/** A choice among a category's values, each shown by its label. */
export function Choice<K extends string>(props: {
  readonly id: string;
  readonly label: string;
  readonly value: K;
  readonly options: readonly K[];
  readonly labels: Readonly<Record<K, string>>;
  readonly onChange: (value: K) => void;
}) {
  return (
    <SelectField
      id={props.id}
      label={props.label}
      value={props.value}
      options={props.options.map((o) => ({ value: o, label: props.labels[o] }))}
      onChange={(v) => props.onChange(v as K)}
    />
  );
}

/** A choice among facilities, each shown as "name (code)". */
export function FacilityChoice(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly facilities: readonly Facility[];
  readonly onChange: (code: string) => void;
}) {
  return (
    <SelectField
      id={props.id}
      label={props.label}
      value={props.value}
      options={props.facilities.map((f) => ({ value: f.code, label: `${f.name} (${f.code})` }))}
      onChange={props.onChange}
    />
  );
}

export function EntryForm(props: {
  readonly id: string;
  readonly title: MessageKey;
  readonly busy: boolean;
  readonly outcome: Outcome;
  readonly onSubmit: () => void;
  /** The words above the notes of a saved change. */
  readonly warningsTitle?: MessageKey;
  /** Across the whole width of the entry section (a form with many fields). */
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const what = t(props.title);
  return (
    <section
      aria-labelledby={`${props.id}-title`}
      className={props.wide ? "acc-entry acc-entry-wide" : "acc-entry"}
    >
      <h3 id={`${props.id}-title`}>{what}</h3>
      <form
        aria-labelledby={`${props.id}-title`}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
        <div className="buttons">
          <button type="submit" className="primary" disabled={props.busy}>
            {props.busy ? t("acc.saving") : t("acc.save", { what })}
          </button>
        </div>
        <OutcomeBox
          outcome={props.outcome}
          what={what}
          warningsTitle={props.warningsTitle ?? "acc.warnings"}
        />
      </form>
    </section>
  );
}
