/**
 * Einladung erstellen (Verwaltung → Personen): an address, a role and optionally a name. The
 * server creates the account exactly as "Konto anlegen" does (a guarded role waits for a second
 * administrator) and answers with a link and the one-time password, which are shown once here:
 * the link with a copy button, the password as every one-time password is shown. An
 * installation administrator may invite into any workspace of the installation.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ROLES, type Role } from "@core/access/roles.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useSessionQuery } from "../../lib/session.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { adminKeys } from "./admin-api.ts";
import { problemsOfRefusal } from "./admin-view.ts";
import {
  installationCalls,
  installationKeys,
  type Invitation,
  type NewInvitation,
} from "./installation-api.ts";
import { OneTimePassword } from "./OneTimePassword.tsx";

const FIELDS = {
  email: "invite-email",
  displayName: "invite-name",
  role: "invite-role",
  workspace: "invite-workspace",
};
const EMPTY = { email: "", displayName: "", role: "viewer" as Role };

export function InvitationForm({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [shown, setShown] = useState<Invitation | null>(null);
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const installation = useSessionQuery().data?.installationAdmin === true;
  const all = useQuery({
    queryKey: installationKeys.workspaces,
    queryFn: installationCalls.workspaces,
    enabled: installation,
  });
  const [target, setTarget] = useState(workspace);

  const creation = useMutation({
    mutationFn: (body: NewInvitation) =>
      target === workspace
        ? installationCalls.invite(workspace, body)
        : installationCalls.inviteInto(target, body),
    onMutate: () => setShown(null),
    onSuccess: async (created) => {
      setProblems([]);
      setForm(EMPTY);
      setShown(created);
      await client.invalidateQueries({ queryKey: adminKeys.all(workspace) });
    },
    onError: (error) => setProblems(problemsOfRefusal(error, FIELDS)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.email.trim() === "") {
      setProblems([{ message: t("admin.missingEmail"), field: FIELDS.email }]);
      return;
    }
    const name = form.displayName.trim();
    creation.mutate({
      email: form.email.trim(),
      role: form.role,
      ...(name === "" ? {} : { displayName: name }),
    });
  }

  return (
    <section aria-labelledby="invite-title">
      <h3 id="invite-title">{t("invitation.new")}</h3>
      <p>{t("invitation.intro")}</p>
      <form className="admin-form" aria-labelledby="invite-title" onSubmit={submit} noValidate>
        <div className="form-grid">
          {installation && all.data && all.data.length > 1 && (
            <SelectField
              id={FIELDS.workspace}
              label={t("invitation.workspace")}
              value={target}
              options={all.data.map((w) => ({ value: w.slug, label: w.name }))}
              onChange={setTarget}
            />
          )}
          <TextField
            id={FIELDS.email}
            label={t("admin.email")}
            hint={t("admin.emailHint")}
            type="email"
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            value={form.email}
            onChange={(email) => setForm((f) => ({ ...f, email }))}
            {...(invalid.has(FIELDS.email) ? { "aria-invalid": true as const } : {})}
          />
          <TextField
            id={FIELDS.displayName}
            label={t("invitation.nameOptional")}
            autoComplete="off"
            maxLength={200}
            value={form.displayName}
            onChange={(displayName) => setForm((f) => ({ ...f, displayName }))}
          />
          <SelectField
            id={FIELDS.role}
            label={t("admin.role")}
            value={form.role}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            onChange={(role) => setForm((f) => ({ ...f, role: role as Role }))}
          />
        </div>
        <p className="hint">{t("admin.guardedHint")}</p>
        <div className="buttons">
          <button type="submit" className="primary" disabled={creation.isPending}>
            {creation.isPending ? t("admin.busy") : t("invitation.create")}
          </button>
        </div>
        {problems.length > 0 && (
          <ProblemList title={t("invitation.notCreated")} problems={problems} jump={toField} />
        )}
      </form>
      {shown && <InvitationShown invitation={shown} onHide={() => setShown(null)} />}
    </section>
  );
}

function InvitationShown({
  invitation,
  onHide,
}: {
  readonly invitation: Invitation;
  readonly onHide: () => void;
}) {
  const { t, locale } = useI18n();
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [invitation]);
  if (invitation.link === null || invitation.oneTimePassword === null) {
    return (
      <p role="status" className="save-outcome">
        {t("invitation.noLink", { email: invitation.email })}
      </p>
    );
  }
  const link = invitation.link;
  return (
    <div className="invitation-shown">
      <section className="one-time-password" aria-labelledby="invite-link-title">
        <h4 id="invite-link-title" ref={heading} tabIndex={-1}>
          {t("invitation.linkTitle", { email: invitation.email })}
        </h4>
        <p>
          <code className="otp invitation-link" data-testid="invitation-link">
            {link}
          </code>
        </p>
        <p>
          {t("invitation.linkText", {
            date: invitation.expiresAt ? formatDateTime(locale, invitation.expiresAt) : "–",
          })}
        </p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {t("invitation.copy")}
        </button>
        <span role="status">{copied ? ` ${t("invitation.copied")}` : ""}</span>
      </section>
      <OneTimePassword
        id="invite-otp"
        focus={false}
        shown={{
          name: invitation.displayName,
          email: invitation.email,
          password: invitation.oneTimePassword,
          pending:
            invitation.pendingRole === null
              ? undefined
              : { role: invitation.pendingRole, current: invitation.role },
        }}
        onHide={onHide}
      />
    </div>
  );
}
