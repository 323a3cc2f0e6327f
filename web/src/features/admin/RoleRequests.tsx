/**
 * The open role requests of the workspace (ADR 0007): who is to get which role, who asked and
 * when, each to confirm or to withdraw. Confirming one's own request, or a role for an account
 * whose password one issued, is refused by the server, and its German reason stands above the
 * list; a confirmation that replaces the requester's one-time password shows the new one once.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList, type Problem } from "../../ui/ProblemList.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { TableView } from "../../ui/ViewTable.tsx";
import { adminCalls, adminKeys, type Member, type RoleRequest } from "./admin-api.ts";
import { problemsOfRefusal } from "./admin-view.ts";
import { OneTimePassword, type ShownPassword } from "./OneTimePassword.tsx";

type Decision = { readonly kind: "confirm" | "withdraw"; readonly request: RoleRequest };

export function RoleRequests({
  workspace,
  members,
}: {
  readonly workspace: string;
  readonly members: readonly Member[];
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const requests = useQuery({
    queryKey: adminKeys.requests(workspace),
    queryFn: () => adminCalls.requests(workspace),
  });
  const [done, setDone] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [shown, setShown] = useState<ShownPassword | null>(null);

  const decide = useMutation({
    mutationFn: async ({ kind, request }: Decision) => {
      if (kind === "withdraw") {
        await adminCalls.withdraw(workspace, request.email);
        return { text: t("admin.withdrawn", { email: request.email }), password: null };
      }
      const confirmed = await adminCalls.confirm(workspace, request.email);
      return {
        text: t("admin.confirmed", { email: request.email, role: t(`role.${request.role}`) }),
        password:
          confirmed.oneTimePassword === null
            ? null
            : {
                name: confirmed.member.displayName,
                email: confirmed.member.email,
                password: confirmed.oneTimePassword,
              },
      };
    },
    onMutate: () => {
      setDone(null);
      setProblems([]);
      setShown(null);
    },
    onSuccess: async ({ text, password }) => {
      setDone(text);
      setShown(password);
      await client.invalidateQueries({ queryKey: adminKeys.all(workspace) });
    },
    onError: (error) => setProblems(problemsOfRefusal(error, {})),
  });

  const nameOf = (email: string) => members.find((m) => m.email === email)?.displayName;
  const cell = (text: ReactNode) => ({ text, numeric: false });
  const rows = (requests.data ?? []).map((r) => [
    cell(nameOf(r.email) ? `${nameOf(r.email)} (${r.email})` : r.email),
    cell(r.currentRole === null ? t("admin.noRole") : t(`role.${r.currentRole}`)),
    cell(t(`role.${r.role}`)),
    cell(r.requestedBy),
    cell(formatDateTime(locale, r.requestedAt)),
    cell(
      <span className="row-actions">
        <button
          type="button"
          className="secondary"
          aria-label={t("admin.confirmFor", { email: r.email })}
          disabled={decide.isPending}
          onClick={() => decide.mutate({ kind: "confirm", request: r })}
        >
          {t("admin.confirm")}
        </button>
        <button
          type="button"
          className="secondary"
          aria-label={t("admin.withdrawFor", { email: r.email })}
          disabled={decide.isPending}
          onClick={() => decide.mutate({ kind: "withdraw", request: r })}
        >
          {t("admin.withdraw")}
        </button>
      </span>,
    ),
  ]);

  return (
    <section className="admin-requests">
      <h3 id="requests-title">{t("admin.requests")}</h3>
      <p className="intro">{t("admin.requestsIntro")}</p>
      <div role="status" className="save-outcome">
        {done}
      </div>
      {problems.length > 0 && <ProblemList title={t("admin.refused")} problems={problems} />}
      {shown && <OneTimePassword id="request-otp" shown={shown} onHide={() => setShown(null)} />}
      {requests.isPending && <Loading />}
      {requests.isError && (
        <ErrorState error={requests.error} retry={() => void requests.refetch()} />
      )}
      {requests.data && requests.data.length === 0 && <Empty>{t("admin.noRequests")}</Empty>}
      {requests.data && requests.data.length > 0 && (
        <div
          className="scroll admin-scroll"
          role="region"
          aria-labelledby="requests-title"
          tabIndex={0}
        >
          <TableView
            className="admin-table"
            labelledBy="requests-title"
            heads={[
              t("admin.actor"),
              t("admin.currentRole"),
              t("admin.requestedRole"),
              t("admin.requestedBy"),
              t("admin.requestedAt"),
              t("admin.actions"),
            ].map((text) => cell(text))}
            rows={rows}
          />
        </div>
      )}
    </section>
  );
}
