/**
 * Der Katalog als Datei: the workspace's whole catalogue (area systems, variables, indicators
 * with their sheets) downloaded in the format of `sopla catalogue apply`, and a catalogue file
 * applied – all or nothing, every bad field named by the server in German.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList, type Problem } from "../../ui/ProblemList.tsx";
import { problemsOfRefusal } from "./admin-view.ts";

interface Summary {
  readonly workspace: string;
  readonly areaSystems: number;
  readonly areas: number;
  readonly variables: number;
  readonly indicators: number;
}

/** The file's JSON, or a problem naming why it is not JSON. */
async function readJson(file: File): Promise<{ json: unknown } | { problem: string }> {
  try {
    return { json: JSON.parse(await file.text()) as unknown };
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}

export function CatalogueSection({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [applied, setApplied] = useState<Summary | null>(null);
  const apply = useMutation({
    mutationFn: (json: unknown) =>
      api<Summary>(wsPath("/api/catalogue", workspace), { method: "POST", body: json }),
    onMutate: () => {
      setApplied(null);
      setProblems([]);
    },
    onSuccess: async (summary) => {
      setApplied(summary);
      await client.invalidateQueries({ predicate: (q) => q.queryKey.includes(workspace) });
    },
    onError: (error) => setProblems(problemsOfRefusal(error, {})),
  });

  async function choose(file: File | undefined) {
    if (!file) return;
    const read = await readJson(file);
    if ("problem" in read) {
      setApplied(null);
      setProblems([
        { message: t("admin.catalogueNotJson", { detail: read.problem }), field: null },
      ]);
      return;
    }
    apply.mutate(read.json);
  }

  return (
    <section aria-labelledby="catalogue-title">
      <h2 id="catalogue-title">{t("admin.catalogue")}</h2>
      <p className="note">{t("admin.catalogueHelp")}</p>
      <div className="buttons">
        <a
          className="secondary link-button"
          href={wsPath("/api/catalogue", workspace, { download: "true" })}
          download
        >
          {t("admin.catalogueDownload")}
        </a>
      </div>
      <div className="control">
        <label htmlFor="catalogue-file">{t("admin.catalogueApply")}</label>
        <input
          id="catalogue-file"
          type="file"
          accept=".json,application/json"
          disabled={apply.isPending}
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </div>
      {apply.isPending && <p role="status">{t("admin.busy")}</p>}
      {applied && (
        <p role="status" className="note">
          {t("admin.catalogueApplied", {
            systems: String(applied.areaSystems),
            areas: String(applied.areas),
            variables: String(applied.variables),
            indicators: String(applied.indicators),
          })}
        </p>
      )}
      {problems.length > 0 && (
        <ProblemList title={t("admin.catalogueNotApplied")} problems={problems} />
      )}
    </section>
  );
}
