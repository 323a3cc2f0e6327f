/**
 * Personen und Rollen: the accounts of the workspace (name, address, role and a role waiting
 * for confirmation, state, last login), one of them opened for its actions, the open role
 * requests, and a new account. The own account is marked and has no actions: nobody changes
 * their own role, password or state here (ADR 0007).
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { TableView } from "../../ui/ViewTable.tsx";
import { adminCalls, adminKeys, type Member } from "./admin-api.ts";
import { AccountPanel } from "./AccountPanel.tsx";
import { NewAccountForm } from "./NewAccountForm.tsx";
import { InvitationForm } from "./InvitationForm.tsx";
import { RoleRequests } from "./RoleRequests.tsx";

export function PeopleSection({
  workspace,
  ownEmail,
}: {
  readonly workspace: string;
  readonly ownEmail: string;
}) {
  const { t } = useI18n();
  const members = useQuery({
    queryKey: adminKeys.members(workspace),
    queryFn: () => adminCalls.members(workspace),
  });
  const [open, setOpen] = useState<string | null>(null);
  const opened = members.data?.find((m) => m.email === open) ?? null;
  useEffect(() => {
    // The opened account's heading takes the focus, so its actions are read next.
    if (open !== null) document.getElementById("account-title")?.focus();
  }, [open]);

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t("admin.people")}</h2>
      <h3 id="members-title">{t("admin.members")}</h3>
      {members.isPending && <Loading />}
      {members.isError && <ErrorState error={members.error} retry={() => void members.refetch()} />}
      {members.data && members.data.length === 0 && <Empty>{t("admin.noMembers")}</Empty>}
      {members.data && members.data.length > 0 && (
        <MemberTable members={members.data} ownEmail={ownEmail} open={open} onOpen={setOpen} />
      )}
      {opened && (
        <AccountPanel
          key={opened.email}
          workspace={workspace}
          member={opened}
          onClose={() => {
            setOpen(null);
            document.getElementById(`edit-${opened.email}`)?.focus();
          }}
        />
      )}
      <RoleRequests workspace={workspace} members={members.data ?? []} />
      <NewAccountForm workspace={workspace} />
      <InvitationForm workspace={workspace} />
    </section>
  );
}

function MemberTable({
  members,
  ownEmail,
  open,
  onOpen,
}: {
  readonly members: readonly Member[];
  readonly ownEmail: string;
  readonly open: string | null;
  readonly onOpen: (email: string) => void;
}) {
  const { t, locale } = useI18n();
  const cell = (text: ReactNode) => ({ text, numeric: false });
  const state = (m: Member) =>
    [
      m.disabled ? t("admin.disabled") : t("admin.active"),
      ...(m.mustChangePassword ? [t("admin.oneTimePending")] : []),
      ...(m.installationAdmin ? [t("admin.installationAdmin")] : []),
    ].join(" · ");
  const role = (m: Member) =>
    m.pendingRole === null
      ? t(`role.${m.role}`)
      : `${t(`role.${m.role}`)} · ${t("admin.requested", { role: t(`role.${m.pendingRole}`) })}`;
  const action = (m: Member) =>
    m.email === ownEmail ? (
      t("admin.you")
    ) : (
      <button
        type="button"
        id={`edit-${m.email}`}
        className="secondary"
        aria-label={t("admin.editOf", { name: m.displayName })}
        aria-expanded={open === m.email}
        onClick={() => onOpen(m.email)}
      >
        {t("admin.edit")}
      </button>
    );
  return (
    <div className="scroll admin-scroll" role="region" aria-labelledby="members-title" tabIndex={0}>
      <TableView
        className="admin-table"
        labelledBy="members-title"
        currentRow={members.findIndex((m) => m.email === open)}
        heads={[
          t("admin.name"),
          t("admin.email"),
          t("admin.role"),
          t("admin.state"),
          t("admin.lastLogin"),
          t("admin.actions"),
        ].map(cell)}
        rows={members.map((m) => [
          cell(m.displayName),
          cell(m.email),
          cell(role(m)),
          cell(state(m)),
          cell(m.lastLoginAt === null ? t("admin.never") : formatDateTime(locale, m.lastLoginAt)),
          cell(action(m)),
        ])}
      />
    </div>
  );
}
