/** The app: session first (login or password change), then the frame with its pages. */
import { BrowserRouter, Route, Routes } from "react-router";
import { ChangePasswordPage, LoginPage } from "../features/access/LoginPage.tsx";
import { useI18n } from "../lib/i18n.tsx";
import { useSessionQuery, WorkspaceProvider } from "../lib/session.tsx";
import { ErrorState, Loading } from "../ui/states.tsx";
import { ComingSoon, NotFound } from "./ComingSoon.tsx";
import { Layout } from "./Layout.tsx";
import { MODULES, type AppModule } from "./modules.ts";

export function App() {
  const session = useSessionQuery();
  const { t } = useI18n();
  if (session.isPending) return <Loading />;
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
    return (
      <main>
        <ErrorState error={t("state.empty")} />
      </main>
    );
  }
  return (
    <WorkspaceProvider session={session.data}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout session={session.data} />}>
            {MODULES.flatMap(routesOf)}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </WorkspaceProvider>
  );
}

/** A module's routes: its page at its path and below, or the note that it is still to come. */
function routesOf(module: AppModule) {
  if (!module.ready) {
    return [
      <Route
        key={module.path}
        path={module.path}
        element={<ComingSoon nameKey={module.navKey} />}
      />,
    ];
  }
  const Page = module.page;
  const main =
    module.path === "/" ? (
      <Route key="/" index element={<Page />} />
    ) : (
      <Route key={module.path} path={module.path} element={<Page />} />
    );
  return [
    main,
    ...(module.subRoutes ?? []).map(({ path, page: SubPage = Page }) => (
      <Route key={`${module.path}/${path}`} path={`${module.path}/${path}`} element={<SubPage />} />
    )),
  ];
}
