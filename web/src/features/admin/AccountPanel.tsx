/**
 * One account of the workspace, opened from the list: change its role (a guarded role becomes
 * a request), reset its password (the one-time password shown once), deactivate or reactivate
 * it. Each answer stands below the actions: what took effect, or the server's refusal in its
 * German words (the own account, an account of another workspace, a password only the
 * installation administration resets …).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@core/access/roles.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { IconButton } from "../../ui/IconButton.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { adminCalls, adminKeys, type Member } from "./admin-api.ts";
import { problemsOfRefusal } from "./admin-view.ts";
import { OneTimePassword, type ShownPassword } from "./OneTimePassword.tsx";

const ROLE_FIELD = "account-role";

type Action =
  | { readonly kind: "role"; readonly role: Role }
  | { readonly kind: "reset" }
  | { readonly kind: "active"; readonly active: boolean };

type Outcome =
  | { readonly kind: "none" }
  | { readonly kind: "done"; readonly text: string }
  | { readonly kind: "password"; readonly shown: ShownPassword }
  | { readonly kind: "refused"; readonly problems: readonly Problem[] };

export function AccountPanel({
  workspace,
  member,
  onClose,
}: {
  readonly workspace: string;
  readonly member: Member;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [role, setRole] = useState<Role>(member.pendingRole ?? member.role);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "none" });
  const name = member.displayName;

  const act = useMutation({
    mutationFn: async (action: Action): Promise<Outcome> => {
      switch (action.kind) {
        case "role": {
          const changed = await adminCalls.setRole(workspace, member.email, action.role);
          const requested = changed.pendingRole !== null && changed.role !== action.role;
          return {
            kind: "done",
            text: requested
              ? t("admin.roleRequested", { name, role: t(`role.${action.role}`) })
              : t("admin.roleChanged", { name, role: t(`role.${changed.role}`) }),
          };
        }
        case "reset": {
          const reset = await adminCalls.resetPassword(workspace, member.email);
          return {
            kind: "password",
            shown: { name, email: member.email, password: reset.oneTimePassword },
          };
        }
        case "active": {
          await adminCalls.setActive(workspace, member.email, action.active);
          return {
            kind: "done",
            text: t(action.active ? "admin.reactivated" : "admin.deactivated", { name }),
          };
        }
      }
    },
    onMutate: () => setOutcome({ kind: "none" }),
    onSuccess: async (done) => {
      setOutcome(done);
      await client.invalidateQueries({ queryKey: adminKeys.all(workspace) });
    },
    onError: (error) =>
      setOutcome({ kind: "refused", problems: problemsOfRefusal(error, { role: ROLE_FIELD }) }),
  });

  const busy = act.isPending;
  const changeRole = (e: FormEvent) => {
    e.preventDefault();
    act.mutate({ kind: "role", role });
  };

  return (
    <section className="account-panel" aria-labelledby="account-title">
      <div className="panel-head">
        <h3 id="account-title" tabIndex={-1}>
          {t("admin.account", { name, email: member.email })}
        </h3>
        <IconButton
          id="account-close"
          label={t("admin.close")}
          symbol="×"
          enabled
          onClick={onClose}
        />
      </div>
      <form
        className="fill admin-form"
        aria-label={t("admin.changeRole")}
        onSubmit={changeRole}
        noValidate
      >
        <SelectField
          id={ROLE_FIELD}
          label={t("admin.newRole")}
          value={role}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={(v) => setRole(v as Role)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t("admin.changeRole")}
        </button>
      </form>
      <p className="hint">{t("admin.guardedHint")}</p>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          aria-describedby="account-reset-hint"
          onClick={() => act.mutate({ kind: "reset" })}
        >
          {t("admin.resetPassword")}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          aria-describedby="account-active-hint"
          onClick={() => act.mutate({ kind: "active", active: member.disabled })}
        >
          {member.disabled ? t("admin.reactivate") : t("admin.deactivate")}
        </button>
      </div>
      <p className="hint" id="account-reset-hint">
        {t("admin.resetHint")}
      </p>
      <p className="hint" id="account-active-hint">
        {t("admin.deactivateHint")}
      </p>
      <div role="status" className="save-outcome">
        {busy && t("admin.busy")}
        {outcome.kind === "done" && outcome.text}
      </div>
      {outcome.kind === "refused" && (
        <ProblemList title={t("admin.refused")} problems={outcome.problems} jump={toField} />
      )}
      {outcome.kind === "password" && (
        <OneTimePassword
          id="account-otp"
          shown={outcome.shown}
          onHide={() => setOutcome({ kind: "none" })}
        />
      )}
    </section>
  );
}
