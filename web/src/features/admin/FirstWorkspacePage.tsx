/**
 * The installation's first start without the demo: its administrator has no workspace yet and
 * creates the first municipality here; the session, fetched again, then opens Verwaltung with
 * "Neue Kommune einrichten". Everyone else without a workspace reads that they have none.
 */
import { useI18n } from "../../lib/i18n.tsx";
import { NewWorkspace } from "./InstallationSection.tsx";

export function FirstWorkspacePage() {
  const { t } = useI18n();
  return (
    <main id="main" className="first-workspace">
      <h1>{t("setup.firstTitle")}</h1>
      <p className="intro">{t("setup.firstIntro")}</p>
      <NewWorkspace />
    </main>
  );
}
