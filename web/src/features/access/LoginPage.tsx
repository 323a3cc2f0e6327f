/** Login, and the first-login step that replaces a one-time password with the user's own. */
import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent, type RefObject } from "react";
import { ApiError } from "../../lib/api.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { useSessionActions } from "../../lib/session.tsx";

/** The problem of each field by its name, from a refused request (`details.issues`). */
function fieldProblems(error: unknown, fields: Readonly<Record<string, string>>) {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  const issues = (error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)
    ?.issues;
  for (const issue of issues ?? []) {
    const name = typeof issue.path === "string" ? fields[issue.path] : undefined;
    if (name !== undefined && out[name] === undefined) out[name] = String(issue.message);
  }
  return out;
}

/**
 * A labelled input whose problem is shown beneath it and tied to it (`aria-describedby`,
 * `aria-invalid`), so a screen reader reads the problem with the field.
 */
export function Field(props: {
  readonly id: string;
  readonly label: string;
  readonly type: "email" | "password";
  readonly autoComplete: string;
  readonly problem: string | undefined;
  readonly inputRef: RefObject<HTMLInputElement | null>;
}) {
  const { id, label, type, autoComplete, problem, inputRef } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        required
        aria-invalid={problem !== undefined}
        aria-describedby={problem !== undefined ? `${id}-problem` : undefined}
      />
      {problem !== undefined && (
        <p id={`${id}-problem`} className="field-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

interface FormState {
  readonly summary: string | null;
  readonly fields: Readonly<Record<string, string>>;
}
const NO_PROBLEMS: FormState = { summary: null, fields: {} };

/**
 * Empty fields are named before anything is sent: each under its field, and one sentence
 * above the button that says what is missing; focus goes to the first empty field.
 */
function checkFilled(
  values: readonly {
    readonly name: string;
    readonly value: string;
    readonly missing: MessageKey;
  }[],
  both: MessageKey,
  t: (key: MessageKey) => string,
): FormState | null {
  const empty = values.filter((v) => v.value.trim() === "");
  if (empty.length === 0) return null;
  const fields = Object.fromEntries(empty.map((v) => [v.name, t(v.missing)]));
  return { summary: empty.length === values.length ? t(both) : t(empty[0]!.missing), fields };
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSessionActions();
  const [state, setState] = useState<FormState>(NO_PROBLEMS);
  const sending = useMutation({
    mutationFn: (v: { email: string; password: string }) => login(v.email, v.password),
    onMutate: () => setState(NO_PROBLEMS),
    onError: (e) =>
      setState({
        summary: e instanceof Error ? e.message : String(e),
        fields: fieldProblems(e, { email: "email", password: "password" }),
      }),
  });
  const busy = sending.isPending;
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const missing = checkFilled(
      [
        { name: "email", value: email, missing: "login.missingEmail" },
        { name: "password", value: password, missing: "login.missingPassword" },
      ],
      "login.missingBoth",
      t,
    );
    if (missing) {
      setState(missing);
      (missing.fields["email"] !== undefined ? emailRef : passwordRef).current?.focus();
      return;
    }
    sending.mutate({ email, password });
  }

  return (
    <main className="login">
      <p>
        <strong>{t("app.name")}</strong> – {t("app.tagline")}
      </p>
      <h1>{t("login.title")}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          id="email"
          label={t("login.email")}
          type="email"
          autoComplete="username"
          problem={state.fields["email"]}
          inputRef={emailRef}
        />
        <Field
          id="password"
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          problem={state.fields["password"]}
          inputRef={passwordRef}
        />
        {state.summary && (
          <p role="alert" className="form-error">
            {state.summary}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t("login.busy") : t("login.submit")}
        </button>
      </form>
      <p>
        <a href="/kennzahlen">{t("login.public")}</a> · <a href="/open">{t("login.openData")}</a>
      </p>
    </main>
  );
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { changePassword } = useSessionActions();
  const [state, setState] = useState<FormState>(NO_PROBLEMS);
  const sending = useMutation({
    mutationFn: (v: { current: string; next: string }) => changePassword(v.current, v.next),
    onMutate: () => setState(NO_PROBLEMS),
    onError: (e) =>
      setState({
        summary: e instanceof Error ? e.message : String(e),
        fields: fieldProblems(e, { currentPassword: "current", newPassword: "next" }),
      }),
  });
  const busy = sending.isPending;
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const current = String(form.get("current") ?? "");
    const next = String(form.get("next") ?? "");
    const missing = checkFilled(
      [
        { name: "current", value: current, missing: "password.missingCurrent" },
        { name: "next", value: next, missing: "password.missingNew" },
      ],
      "password.missingBoth",
      t,
    );
    if (missing) {
      setState(missing);
      (missing.fields["current"] !== undefined ? currentRef : nextRef).current?.focus();
      return;
    }
    sending.mutate({ current, next });
  }

  return (
    <main className="login">
      <h1>{t("password.title")}</h1>
      <p>{t("password.intro")}</p>
      <form onSubmit={submit} noValidate>
        <Field
          id="current"
          label={t("password.current")}
          type="password"
          autoComplete="current-password"
          problem={state.fields["current"]}
          inputRef={currentRef}
        />
        <Field
          id="next"
          label={t("password.new")}
          type="password"
          autoComplete="new-password"
          problem={state.fields["next"]}
          inputRef={nextRef}
        />
        {state.summary && (
          <p role="alert" className="form-error">
            {state.summary}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {t("password.submit")}
        </button>
      </form>
    </main>
  );
}
