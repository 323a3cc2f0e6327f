/**
 * The app: session first (login or password change), then the frame with the pages of the
 * member's role in the chosen workspace. "/" leads a role without the overview to its start
 * page; any other path of a module the role may not use says so (NotForRole) rather than
 * leading elsewhere, so a shared link explains itself.
 */
import type { ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import type { Role } from "@core/access/roles.ts";
import { ChangePasswordPage, LoginPage } from "../features/access/LoginPage.tsx";
import { FirstWorkspacePage } from "../features/admin/FirstWorkspacePage.tsx";
import { INVITATION_PATH, InvitationPage } from "../features/access/InvitationPage.tsx";
import { useI18n } from "../lib/i18n.tsx";
import { useSessionQuery, useWorkspace, WorkspaceProvider, type Session } from "../lib/session.tsx";
import { ErrorState, Loading } from "../ui/states.tsx";
import { ComingSoon, NotForRole, NotFound } from "./ComingSoon.tsx";
import { Layout } from "./Layout.tsx";
import { homeOf, isOpenTo } from "./module-access.ts";
import { MODULES, type AppModule } from "./modules.ts";

export function App() {
  const session = useSessionQuery();
  const { t } = useI18n();
  if (session.isPending) return <Loading />;
  // The invitation page is public: it works with or without a session (the session query
  // above has set the CSRF token a logged-in browser needs).
  if (globalThis.location?.pathname === INVITATION_PATH) return <InvitationPage />;
  if (session.isError) {
    return (
      <main>
        <ErrorState error={session.error} retry={() => void session.refetch()} />
      </main>
    );
  }
  if (!session.data) return <LoginPage />;
  if (session.data.mustChangePassword) return <ChangePasswordPage />;
  if (session.data.memberships.length === 0) {
    // An empty installation: its administrator creates the first municipality.
    if (session.data.installationAdmin) return <FirstWorkspacePage />;
    return (
      <main>
        <ErrorState error={t("state.empty")} />
      </main>
    );
  }
  return (
    <WorkspaceProvider session={session.data}>
      <BrowserRouter>
        <AppRoutes session={session.data} />
      </BrowserRouter>
    </WorkspaceProvider>
  );
}

/** The routes for the role the member holds in the chosen workspace. */
function AppRoutes({ session }: { readonly session: Session }) {
  const { membership } = useWorkspace();
  const role = membership.role;
  const home = homeOf(MODULES, role);
  return (
    <Routes>
      <Route element={<Layout session={session} />}>
        {MODULES.flatMap((m) => routesOf(m, role, home))}
        <Route path="*" element={<NotFound home={home} />} />
      </Route>
    </Routes>
  );
}

/**
 * A module's routes: its page at its path and below, the note that it is still to come, or,
 * for a role that may not use it, the note whom it is for ("/" leads home instead).
 */
function routesOf(module: AppModule, role: Role, home: string) {
  const route = (path: string, element: ReactNode) =>
    path === "/" ? (
      <Route key="/" index element={element} />
    ) : (
      <Route key={path} path={path} element={element} />
    );
  const subPaths = module.ready ? (module.subRoutes ?? []) : [];
  if (!isOpenTo(module, role)) {
    const element =
      module.path === "/" ? (
        <Navigate to={home} replace />
      ) : (
        <NotForRole module={module} role={role} home={home} />
      );
    return [
      route(module.path, element),
      ...subPaths.map(({ path }) => route(`${module.path}/${path}`, element)),
    ];
  }
  if (!module.ready) {
    return [route(module.path, <ComingSoon nameKey={module.navKey} home={home} />)];
  }
  const Page = module.page;
  return [
    route(module.path, <Page />),
    ...subPaths.map(({ path, page: SubPage = Page }) =>
      route(`${module.path}/${path}`, <SubPage />),
    ),
  ];
}
