/**
 * A new account of the workspace: e-mail address, name and role. What is missing is listed
 * before anything is sent; the server's refusals follow in its German words, each linked to
 * its field, and nothing typed is lost. A created account shows its one-time password once; a
 * guarded role (planning, accommodation, administration) is a request a second administrator
 * confirms, and the answer says so.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@core/access/roles.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { adminCalls, adminKeys, type NewAccount } from "./admin-api.ts";
import { problemsOfRefusal } from "./admin-view.ts";
import { OneTimePassword, type ShownPassword } from "./OneTimePassword.tsx";

const FIELDS = {
  email: "new-account-email",
  displayName: "new-account-name",
  role: "new-account-role",
};
const EMPTY: NewAccount = { email: "", displayName: "", role: "viewer" };

export function NewAccountForm({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState<NewAccount>(EMPTY);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const aria = (id: string) => (invalid.has(id) ? { "aria-invalid": true as const } : {});

  const creation = useMutation({
    mutationFn: (body: NewAccount) => adminCalls.create(workspace, body),
    onMutate: () => setShown(null),
    onSuccess: async (created) => {
      setProblems([]);
      setForm(EMPTY);
      if (created.oneTimePassword !== null) {
        setShown({
          name: created.displayName,
          email: created.email,
          password: created.oneTimePassword,
          pending:
            created.pendingRole === null
              ? undefined
              : { role: created.pendingRole, current: created.role },
        });
      }
      await client.invalidateQueries({ queryKey: adminKeys.all(workspace) });
    },
    onError: (error) => setProblems(problemsOfRefusal(error, FIELDS)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Problem[] = [
      ...(form.email.trim() === ""
        ? [{ message: t("admin.missingEmail"), field: FIELDS.email }]
        : []),
      ...(form.displayName.trim() === ""
        ? [{ message: t("admin.missingName"), field: FIELDS.displayName }]
        : []),
    ];
    setProblems(missing);
    if (missing.length > 0) return;
    creation.mutate({ ...form, email: form.email.trim(), displayName: form.displayName.trim() });
  }

  return (
    <section aria-labelledby="new-account-title">
      <h3 id="new-account-title">{t("admin.new")}</h3>
      <form className="admin-form" aria-labelledby="new-account-title" onSubmit={submit} noValidate>
        <div className="form-grid">
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
            {...aria(FIELDS.email)}
          />
          <TextField
            id={FIELDS.displayName}
            label={t("admin.name")}
            type="text"
            autoComplete="off"
            maxLength={200}
            value={form.displayName}
            onChange={(displayName) => setForm((f) => ({ ...f, displayName }))}
            {...aria(FIELDS.displayName)}
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
            {creation.isPending ? t("admin.busy") : t("admin.create")}
          </button>
        </div>
        {problems.length > 0 && (
          <ProblemList title={t("admin.notCreated")} problems={problems} jump={toField} />
        )}
      </form>
      {shown && (
        <OneTimePassword id="new-account-otp" shown={shown} onHide={() => setShown(null)} />
      )}
    </section>
  );
}
