/** The sub-navigation of the Daten pages: importing files, and checking single values. */
import { NavLink } from "react-router";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";

export function DataTabs() {
  const { t } = useI18n();
  // Single values are the data staff's: an administrator imports files only.
  const { membership } = useWorkspace();
  if (membership.role === "admin") return null;
  return (
    <nav className="subnav" aria-label={t("data.tabs")}>
      <ul>
        <li>
          <NavLink to="/daten" end>
            {t("data.tabs.import")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/daten/werte">{t("data.tabs.values")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
