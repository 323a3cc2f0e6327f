/** The sub-navigation of the Daten pages: importing files, and checking single values. */
import { NavLink } from "react-router";
import { useI18n } from "../../lib/i18n.tsx";

export function DataTabs() {
  const { t } = useI18n();
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
