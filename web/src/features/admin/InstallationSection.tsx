/**
 * Installation: every workspace of the installation (name, identifier, municipality key,
 * members, created) and a new, empty one. Shown only to installation administrators (the
 * session says who is one; the server decides again on every call). After creating a
 * workspace whose administrator is the caller, one button switches to it.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useSessionQuery, useWorkspace } from "../../lib/session.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { TableView } from "../../ui/ViewTable.tsx";
import { problemsOfRefusal } from "./admin-view.ts";
import {
  installationCalls,
  installationKeys,
  type InstallationWorkspace,
  type NewWorkspace,
} from "./installation-api.ts";

export function InstallationSection() {
  const session = useSessionQuery();
  if (!session.data?.installationAdmin) return null;
  return <Installation />;
}

function Installation() {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: installationKeys.workspaces,
    queryFn: installationCalls.workspaces,
  });
  return (
    <section aria-labelledby="installation-title">
      <h2 id="installation-title">{t("installation.title")}</h2>
      <p>{t("installation.intro")}</p>
      <h3 id="installation-workspaces">{t("installation.workspaces")}</h3>
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} retry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <Empty>{t("installation.none")}</Empty>}
      {list.data && list.data.length > 0 && <WorkspaceTable workspaces={list.data} />}
      <NewWorkspaceForm />
    </section>
  );
}

/** The form with the switch to a created workspace (inside the frame, which knows the choice). */
function NewWorkspaceForm() {
  const { choose } = useWorkspace();
  return (
    <NewWorkspace
      onSwitch={(slug) => {
        choose(slug);
        window.scrollTo({ top: 0 });
        document.querySelector<HTMLElement>("main h1")?.focus();
      }}
    />
  );
}

function WorkspaceTable({ workspaces }: { readonly workspaces: readonly InstallationWorkspace[] }) {
  const { t, locale } = useI18n();
  const cell = (text: ReactNode, numeric = false) => ({ text, numeric });
  return (
    <div
      className="scroll admin-scroll"
      role="region"
      aria-labelledby="installation-workspaces"
      tabIndex={0}
    >
      <TableView
        className="admin-table"
        labelledBy="installation-workspaces"
        heads={[
          cell(t("installation.name")),
          cell(t("installation.slug")),
          cell(t("installation.key")),
          cell(t("installation.members"), true),
          cell(t("installation.created")),
        ]}
        rows={workspaces.map((w) => [
          cell(w.name),
          cell(w.slug),
          cell(w.municipalityKey ?? "–"),
          cell(formatNumber(locale, w.memberCount, 0), true),
          cell(formatDate(locale, w.createdAt)),
        ])}
      />
    </div>
  );
}

const FIELDS = {
  slug: "new-workspace-slug",
  name: "new-workspace-name",
  municipalityKey: "new-workspace-key",
  firstAdminEmail: "new-workspace-admin",
};
const EMPTY = { slug: "", name: "", municipalityKey: "", firstAdminEmail: "" };

/**
 * A new, empty workspace. `onSwitch` goes to it once created (the caller its administrator);
 * without it (the installation's first workspace) the session, fetched again, leads there.
 */
export function NewWorkspace({ onSwitch }: { readonly onSwitch?: (slug: string) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [created, setCreated] = useState<{ slug: string; name: string; own: boolean } | null>(null);
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const aria = (id: string) => (invalid.has(id) ? { "aria-invalid": true as const } : {});
  const field = (k: keyof typeof EMPTY) => (value: string) =>
    setForm((f) => ({ ...f, [k]: value }));

  const creation = useMutation({
    mutationFn: (body: NewWorkspace) => installationCalls.createWorkspace(body),
    onMutate: () => setCreated(null),
    onSuccess: async (ws, body) => {
      setProblems([]);
      setForm(EMPTY);
      // The new membership comes with the session: fetch it before offering the switch.
      await client.refetchQueries({ queryKey: ["session"] });
      await client.invalidateQueries({ queryKey: installationKeys.workspaces });
      setCreated({ slug: ws.slug, name: ws.name, own: !body.firstAdminEmail });
    },
    onError: (error) => setProblems(problemsOfRefusal(error, FIELDS)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Problem[] = [
      ...(form.slug.trim() === ""
        ? [{ message: t("installation.missingSlug"), field: FIELDS.slug }]
        : []),
      ...(form.name.trim() === ""
        ? [{ message: t("installation.missingName"), field: FIELDS.name }]
        : []),
    ];
    setProblems(missing);
    if (missing.length > 0) return;
    const key = form.municipalityKey.trim();
    const admin = form.firstAdminEmail.trim();
    creation.mutate({
      slug: form.slug.trim(),
      name: form.name.trim(),
      ...(key === "" ? {} : { municipalityKey: key }),
      ...(admin === "" ? {} : { firstAdminEmail: admin }),
    });
  }

  return (
    <section aria-labelledby="new-workspace-title">
      <h3 id="new-workspace-title">{t("installation.new")}</h3>
      <form
        className="admin-form"
        aria-labelledby="new-workspace-title"
        onSubmit={submit}
        noValidate
      >
        <div className="form-grid">
          <TextField
            id={FIELDS.name}
            label={t("installation.name")}
            maxLength={200}
            autoComplete="off"
            value={form.name}
            onChange={field("name")}
            {...aria(FIELDS.name)}
          />
          <TextField
            id={FIELDS.slug}
            label={t("installation.slug")}
            hint={t("installation.slugHint")}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
            value={form.slug}
            onChange={field("slug")}
            {...aria(FIELDS.slug)}
          />
          <TextField
            id={FIELDS.municipalityKey}
            label={t("installation.key")}
            hint={t("installation.keyHint")}
            inputMode="numeric"
            maxLength={12}
            autoComplete="off"
            value={form.municipalityKey}
            onChange={field("municipalityKey")}
            {...aria(FIELDS.municipalityKey)}
          />
          <TextField
            id={FIELDS.firstAdminEmail}
            label={t("installation.firstAdmin")}
            hint={t("installation.firstAdminHint")}
            type="email"
            maxLength={254}
            autoComplete="off"
            spellCheck={false}
            value={form.firstAdminEmail}
            onChange={field("firstAdminEmail")}
            {...aria(FIELDS.firstAdminEmail)}
          />
        </div>
        <div className="buttons">
          <button type="submit" className="primary" disabled={creation.isPending}>
            {creation.isPending ? t("installation.busy") : t("installation.create")}
          </button>
        </div>
        {problems.length > 0 && (
          <ProblemList title={t("installation.notCreated")} problems={problems} jump={toField} />
        )}
      </form>
      {created && (
        <div role="status" className="save-outcome">
          <p>{t("installation.created.text", { name: created.name })}</p>
          {created.own && onSwitch && (
            <button type="button" className="secondary" onClick={() => onSwitch(created.slug)}>
              {t("installation.switch", { name: created.name })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
