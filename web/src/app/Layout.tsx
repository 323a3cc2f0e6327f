/**
 * The frame of every page: skip link, top bar (workspace, user and role, language, logout),
 * the navigation with the modules to come, and the main region.
 */
import { NavLink, Outlet } from "react-router";
import { useI18n, type MessageKey } from "../lib/i18n.tsx";
import { useSessionActions, useWorkspace, type Session } from "../lib/session.tsx";

export const NAV: readonly { path: string; key: MessageKey; ready: boolean }[] = [
  { path: "/", key: "nav.overview", ready: true },
  { path: "/atlas", key: "nav.atlas", ready: true },
  { path: "/gebiete", key: "nav.areas", ready: true },
  { path: "/indikatoren", key: "nav.indicators", ready: true },
  { path: "/daten", key: "nav.data", ready: true },
  { path: "/analysen", key: "nav.analyses", ready: true },
  { path: "/berichte", key: "nav.reports", ready: true },
  { path: "/unterkuenfte", key: "nav.accommodation", ready: true },
  { path: "/ziele", key: "nav.goals", ready: false },
  { path: "/netzwerk", key: "nav.network", ready: false },
  { path: "/planungen", key: "nav.planning", ready: false },
  { path: "/verwaltung", key: "nav.admin", ready: false },
];

export function Layout({ session }: { readonly session: Session }) {
  const { t, language, setLanguage } = useI18n();
  const { membership, memberships, choose } = useWorkspace();
  const { logout } = useSessionActions();
  const core = NAV.slice(0, 5);
  const modules = NAV.slice(5);
  const link = (item: (typeof NAV)[number]) => (
    <li key={item.path}>
      <NavLink to={item.path} end={item.path === "/"}>
        {t(item.key)}
        {!item.ready && <span className="soon">{t("nav.soon")}</span>}
      </NavLink>
    </li>
  );
  return (
    <>
      <a className="skip" href="#main">
        {t("skip.main")}
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          {t("app.name")}
          <small>{membership.name}</small>
        </a>
        <div className="topbar-tools">
          {memberships.length > 1 && (
            <label>
              {t("workspace.label")}
              <select value={membership.workspace} onChange={(e) => choose(e.target.value)}>
                {memberships.map((m) => (
                  <option key={m.workspace} value={m.workspace}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <span>
            {session.displayName} · {t("user.role")}: {t(`role.${membership.role}`)}
          </span>
          <label>
            {t("language.label")}
            <select
              value={language}
              onChange={(e) => setLanguage(e.target.value === "en" ? "en" : "de")}
            >
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </label>
          <button type="button" className="link-button" onClick={() => void logout()}>
            {t("user.logout")}
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="sidenav" aria-label={t("nav.label")}>
          <ul>{core.map(link)}</ul>
          <hr />
          <ul>{modules.map(link)}</ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </>
  );
}
