/**
 * The workspace's logo (Verwaltung → Einstellungen): the current one, a new PNG or SVG file,
 * and removing it. The server checks the file (type from the content, at most 200 kB, no
 * scripts or outside references in an SVG) and its refusal is shown in its words; a refused
 * file changes nothing.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import type { WorkspaceDto } from "@contracts/workspaces.ts";
import { api } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Field } from "../../ui/TextField.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { problemsOfRefusal } from "./admin-view.ts";
import { installationCalls, logoUrl } from "./installation-api.ts";

const FILE_FIELD = "logo-file";

export function LogoForm({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const workspaces = useQuery({
    queryKey: ["workspaces"],
    queryFn: () => api<WorkspaceDto[]>("/api/workspaces"),
  });
  const current = workspaces.data?.find((w) => w.slug === workspace);
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const done = async (message: string) => {
    setProblems([]);
    setOutcome(message);
    if (input.current) input.current.value = "";
    await client.invalidateQueries({ queryKey: ["workspaces"] });
  };
  const upload = useMutation({
    mutationFn: (file: File) => installationCalls.uploadLogo(workspace, file),
    onMutate: () => setOutcome(null),
    onSuccess: () => done(t("logo.saved")),
    onError: (error) => setProblems(problemsOfRefusal(error, { logo: FILE_FIELD })),
  });
  const removal = useMutation({
    mutationFn: () => installationCalls.removeLogo(workspace),
    onMutate: () => setOutcome(null),
    onSuccess: () => done(t("logo.removed")),
    onError: (error) => setProblems(problemsOfRefusal(error, {})),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setProblems([{ message: t("logo.missingFile"), field: FILE_FIELD }]);
      return;
    }
    upload.mutate(file);
  }

  const busy = upload.isPending || removal.isPending;
  return (
    <section aria-labelledby="logo-title">
      <h3 id="logo-title">{t("logo.title")}</h3>
      <p>{t("logo.intro")}</p>
      <p>
        {current?.logo ? (
          <img
            className="logo-preview"
            src={logoUrl(workspace, current.logo)}
            alt={t("logo.alt", { name: current.name })}
          />
        ) : (
          t("logo.none")
        )}
      </p>
      <form className="admin-form" aria-labelledby="logo-title" onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field id={FILE_FIELD} label={t("logo.file")}>
            <input
              ref={input}
              id={FILE_FIELD}
              type="file"
              accept="image/png,image/svg+xml,.png,.svg"
              {...(problems.some((p) => p.field === FILE_FIELD)
                ? { "aria-invalid": true as const }
                : {})}
            />
          </Field>
        </div>
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            {upload.isPending ? t("logo.busy") : t("logo.upload")}
          </button>
          {current?.logo && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => removal.mutate()}
            >
              {t("logo.remove")}
            </button>
          )}
        </div>
        {outcome && (
          <p role="status" className="note">
            {outcome}
          </p>
        )}
        {problems.length > 0 && (
          <ProblemList title={t("logo.notSaved")} problems={problems} jump={toField} />
        )}
      </form>
    </section>
  );
}
