/**
 * The invitee's page (`/einladung#<token>`, public): which workspace, which role, the login
 * name; then the one-time password and an own password, twice. The token stays in the link's
 * fragment, which the browser never sends, and goes to the server only in a request body. On
 * success the invitee is logged in with the new password and lands on the start page.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useSessionActions } from "../../lib/session.tsx";
import { invitationCalls, type InvitationPreview } from "./invitation-api.ts";
import { Field } from "./LoginPage.tsx";

/** The path of the invitation page. */
export const INVITATION_PATH = "/einladung";

const tokenOfLocation = () => globalThis.location?.hash.replace(/^#/, "") ?? "";

export function InvitationPage() {
  const { t } = useI18n();
  const token = tokenOfLocation();
  const preview = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => invitationCalls.preview(token),
    enabled: token !== "",
    retry: false,
    staleTime: Infinity,
  });
  return (
    <main className="login invitation-page">
      <p>
        <strong>{t("app.name")}</strong> – {t("app.tagline")}
      </p>
      <h1>{t("invitation.pageTitle")}</h1>
      {token === "" && <Refused message={t("invitation.noToken")} />}
      {token !== "" && preview.isPending && <p role="status">{t("invitation.loading")}</p>}
      {preview.isError && (
        <Refused
          message={preview.error instanceof Error ? preview.error.message : String(preview.error)}
        />
      )}
      {preview.data && <AcceptForm token={token} invitation={preview.data} />}
    </main>
  );
}

function Refused({ message }: { readonly message: string }) {
  const { t } = useI18n();
  return (
    <>
      <p role="alert" className="form-error">
        {message}
      </p>
      <p>
        <a href="/">{t("invitation.toLogin")}</a>
      </p>
    </>
  );
}

interface FormState {
  readonly summary: string | null;
  readonly fields: Readonly<Record<string, string>>;
}

function AcceptForm({
  token,
  invitation,
}: {
  readonly token: string;
  readonly invitation: InvitationPreview;
}) {
  const { t, locale } = useI18n();
  const { login } = useSessionActions();
  const [state, setState] = useState<FormState>({ summary: null, fields: {} });
  const refs = {
    otp: useRef<HTMLInputElement>(null),
    next: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };
  const accepting = useMutation({
    mutationFn: async (v: { oneTimePassword: string; newPassword: string }) => {
      await invitationCalls.accept({ token, ...v });
      await login(invitation.email, v.newPassword);
    },
    onMutate: () => setState({ summary: null, fields: {} }),
    onSuccess: () => globalThis.location.replace("/"),
    onError: (e) => {
      const field =
        e instanceof ApiError ? (e.details as { field?: unknown } | undefined)?.field : undefined;
      const name = field === "oneTimePassword" ? "otp" : field === "newPassword" ? "next" : null;
      const message = e instanceof Error ? e.message : String(e);
      setState({ summary: message, fields: name ? { [name]: message } : {} });
      if (name) refs[name].current?.focus();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const oneTimePassword = String(form.get("otp") ?? "").trim();
    const newPassword = String(form.get("next") ?? "");
    const repeat = String(form.get("repeat") ?? "");
    const fields: Record<string, string> = {};
    if (oneTimePassword === "") fields["otp"] = t("invitation.missingOtp");
    if (newPassword === "") fields["next"] = t("invitation.missingPassword");
    else if (repeat !== newPassword) fields["repeat"] = t("invitation.mismatch");
    const first = (["otp", "next", "repeat"] as const).find((k) => fields[k] !== undefined);
    if (first) {
      setState({ summary: fields[first]!, fields });
      refs[first].current?.focus();
      return;
    }
    accepting.mutate({ oneTimePassword, newPassword });
  }

  const role = t(`role.${invitation.role}`);
  return (
    <>
      <p>{t("invitation.text", { workspace: invitation.workspaceName, role })}</p>
      <p>{t("invitation.login", { email: invitation.email })}</p>
      {invitation.currentRole !== invitation.role && (
        <p>
          {t("invitation.pending", {
            role,
            current: invitation.currentRole ? t(`role.${invitation.currentRole}`) : "–",
          })}
        </p>
      )}
      <p>{t("invitation.expires", { date: formatDateTime(locale, invitation.expiresAt) })}</p>
      <form onSubmit={submit} noValidate>
        {/* The login name, for password managers. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={invitation.email}
          readOnly
          hidden
        />
        <Field
          id="otp"
          label={t("invitation.otp")}
          type="password"
          autoComplete="one-time-code"
          problem={state.fields["otp"]}
          inputRef={refs.otp}
        />
        <Field
          id="next"
          label={t("invitation.password")}
          type="password"
          autoComplete="new-password"
          problem={state.fields["next"]}
          inputRef={refs.next}
        />
        <p className="hint">{t("invitation.passwordHint")}</p>
        <Field
          id="repeat"
          label={t("invitation.repeat")}
          type="password"
          autoComplete="new-password"
          problem={state.fields["repeat"]}
          inputRef={refs.repeat}
        />
        {state.summary && (
          <p role="alert" className="form-error">
            {state.summary}
          </p>
        )}
        <button className="primary" type="submit" disabled={accepting.isPending}>
          {accepting.isPending ? t("invitation.busy") : t("invitation.submit")}
        </button>
      </form>
    </>
  );
}
