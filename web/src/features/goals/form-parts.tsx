/**
 * What the forms of Ziele & Maßnahmen share: sending a change (a mutation that refreshes the
 * programme and what is due afterwards), the API's refusal sorted to the form's fields (each
 * field shows its German message under it and is marked `aria-invalid`; the list above the
 * button links to each field), and the saved note.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiError, problemsOf, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { goalsKeys } from "./goals-api.ts";

export interface Refusal {
  /** Messages by the id of the form's field. */
  readonly fields: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly Problem[];
}

const NONE: Refusal = { fields: new Map(), problems: [] };

/**
 * The problems of a refused change: each issue of `details.issues` with a path the form knows
 * (`fieldOf` gives the field's id) goes to its field, the rest stay general.
 */
export function refusalOf(error: unknown, fieldOf: (path: string) => string | null): Refusal {
  const fields = new Map<string, string[]>();
  const problems: Problem[] = [];
  const issues =
    error instanceof ApiError
      ? ((error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)
          ?.issues ?? [])
      : [];
  if (Array.isArray(issues) && issues.length > 0) {
    for (const issue of issues) {
      const message = String(issue.message);
      const field = typeof issue.path === "string" ? fieldOf(issue.path) : null;
      if (field !== null) fields.set(field, [...(fields.get(field) ?? []), message]);
      problems.push({ message, field });
    }
    return { fields, problems };
  }
  return { fields, problems: problemsOf(error).map((message) => ({ message, field: null })) };
}

/** Sends one change of the programme and keeps its outcome. */
export function useChange<B>(
  workspace: string,
  fieldOf: (path: string) => string | null,
  onSaved?: () => void,
) {
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal>(NONE);
  const [saved, setSaved] = useState(false);
  const send = useMutation({
    mutationFn: (s: { path: string; method: "POST" | "PUT"; body: B }) =>
      api<unknown>(wsPath(s.path, workspace), { method: s.method, body: s.body }),
    onMutate: () => {
      setSaved(false);
      setRefusal(NONE);
    },
    onSuccess: async () => {
      setSaved(true);
      onSaved?.();
      await client.invalidateQueries({ queryKey: goalsKeys.all(workspace) });
    },
    onError: (e) => setRefusal(refusalOf(e, fieldOf)),
  });
  return {
    busy: send.isPending,
    saved,
    refusal,
    /** Problems found before sending (a number that is none), shown the same way. */
    refuse: (r: Refusal) => {
      setSaved(false);
      setRefusal(r);
    },
    send: (path: string, method: "POST" | "PUT", body: B) => send.mutate({ path, method, body }),
  };
}

/** The attributes of a field with its problem: marked invalid, described by the message. */
export function invalidProps(refusal: Refusal, id: string) {
  return refusal.fields.has(id)
    ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` }
    : {};
}

export function FieldError({ refusal, id }: { readonly refusal: Refusal; readonly id: string }) {
  const messages = refusal.fields.get(id);
  if (!messages) return null;
  return (
    <p id={`${id}-error`} className="field-problem">
      {messages.join(" ")}
    </p>
  );
}

/** The outcome under a form: the problems (linked to their fields), or that it was saved. */
export function Outcome(props: {
  readonly refusal: Refusal;
  readonly saved: boolean;
  readonly savedText: string;
}) {
  const { t } = useI18n();
  return (
    <>
      {props.refusal.problems.length > 0 && (
        <ProblemList title={t("goals.notSaved")} problems={props.refusal.problems} jump={toField} />
      )}
      <p role="status" className="save-outcome">
        {props.saved ? props.savedText : ""}
      </p>
    </>
  );
}
