/**
 * Verwaltung: the workspace's administration. Personen und Rollen (accounts, roles, role
 * requests, new accounts, password resets, deactivation; the rules of ADR 0007 are the
 * server's, and its refusals are shown in its words), the workspace's settings, and the audit
 * log, who did what. For the
 * workspace's administrators; the navigation leads only them here.
 */
import { useI18n } from "../../lib/i18n.tsx";
import { useSessionQuery, useWorkspace } from "../../lib/session.tsx";
import { AuditSection } from "./AuditSection.tsx";
import { PeopleSection } from "./PeopleSection.tsx";
import { SettingsSection } from "./SettingsSection.tsx";
import { CatalogueSection } from "./CatalogueSection.tsx";
import { AreaSystemsSection } from "./AreaSystemsSection.tsx";
import { SetupLink } from "./SetupLink.tsx";
import { InstallationSection } from "./InstallationSection.tsx";

export function AdminPage() {
  const { t } = useI18n();
  const { membership } = useWorkspace();
  const session = useSessionQuery();
  const workspace = membership.workspace;
  return (
    <>
      <h1>{t("nav.admin")}</h1>
      <p className="intro">{t("admin.intro")}</p>
      <SetupLink key={`setup-${workspace}`} workspace={workspace} />
      <PeopleSection
        key={`people-${workspace}`}
        workspace={workspace}
        ownEmail={session.data?.email ?? ""}
      />
      <SettingsSection key={`settings-${workspace}`} workspace={workspace} />
      <AreaSystemsSection key={`systems-${workspace}`} workspace={workspace} />
      <CatalogueSection key={`catalogue-${workspace}`} workspace={workspace} />
      <AuditSection key={`audit-${workspace}`} workspace={workspace} />
      <InstallationSection />
    </>
  );
}
