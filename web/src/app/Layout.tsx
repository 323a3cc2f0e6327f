/**
 * The frame of every page: skip link, top bar (workspace, user and role, language, logout),
 * the navigation with the modules of the member's role (those to come marked so), and the main
 * region. The brand leads to the role's start page.
 */
import { NavLink, Outlet } from "react-router";
import { useI18n } from "../lib/i18n.tsx";
import { useSessionActions, useWorkspace, type Session } from "../lib/session.tsx";
import { homeOf, modulesFor } from "./module-access.ts";
import { MODULES, type AppModule } from "./modules.ts";
import { WorkspaceLogo } from "./WorkspaceLogo.tsx";

export function Layout({ session }: { readonly session: Session }) {
  const { t, language, setLanguage } = useI18n();
  const { membership, memberships, choose } = useWorkspace();
  const { logout } = useSessionActions();
  const visible = modulesFor(MODULES, membership.role);
  const data = visible.filter((m) => m.group === "data");
  const modules = visible.filter((m) => m.group === "modules");
  const link = (item: AppModule) => (
    <li key={item.path}>
      <NavLink to={item.path} end={item.path === "/"}>
        {t(item.navKey)}
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
        <a className="brand" href={homeOf(MODULES, membership.role)}>
          <WorkspaceLogo workspace={membership.workspace} />
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
          {data.length > 0 && <ul>{data.map(link)}</ul>}
          {data.length > 0 && modules.length > 0 && <hr />}
          {modules.length > 0 && <ul>{modules.map(link)}</ul>}
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </>
  );
}
