/**
 * The way into "Neue Kommune einrichten" at the top of Verwaltung: prominent while steps are
 * open, a plain link once the workspace has its first map.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { SetupProgressDto } from "@contracts/areas.ts";
import type { WorkspaceSettingsDto } from "@contracts/workspaces.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { SETUP_STEPS, doneSteps } from "./setup-view.ts";

export function SetupLink({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const progress = useQuery({
    queryKey: ["setup", workspace],
    queryFn: () => api<SetupProgressDto>(wsPath("/api/workspace/setup", workspace)),
  });
  const settings = useQuery({
    queryKey: ["admin", workspace, "settings"],
    queryFn: () => api<WorkspaceSettingsDto>(wsPath("/api/workspace/settings", workspace)),
  });
  if (!progress.data || !settings.data) return null;
  const open = SETUP_STEPS.length - doneSteps(progress.data, settings.data).size;
  if (open === 0) {
    return (
      <p>
        <Link to="/verwaltung/einrichten">{t("setup.open")}</Link>
      </p>
    );
  }
  return (
    <div className="callout">
      <p>{t("setup.openHint", { n: String(open) })}</p>
      <Link className="button primary" to="/verwaltung/einrichten">
        {t("setup.open")}
      </Link>
    </div>
  );
}
