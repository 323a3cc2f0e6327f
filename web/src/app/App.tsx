/** The app: session first (login or password change), then the frame with its pages. */
import { BrowserRouter, Route, Routes } from "react-router";
import { ChangePasswordPage, LoginPage } from "../features/login/LoginPage.tsx";
import { ComingSoon, NotFound } from "../features/modules/ComingSoon.tsx";
import { OverviewPage } from "../features/overview/OverviewPage.tsx";
import { AnalysesPage } from "../features/analyses/AnalysesPage.tsx";
import { AccommodationPage } from "../features/accommodation/AccommodationPage.tsx";
import { ReportsPage } from "../features/reports/ReportsPage.tsx";
import { AreasPage } from "../features/areas/AreasPage.tsx";
import { AtlasPage } from "../features/atlas/AtlasPage.tsx";
import { DataPage } from "../features/data/DataPage.tsx";
import { ValuesPage } from "../features/data/ValuesPage.tsx";
import { IndicatorsPage } from "../features/indicators/IndicatorsPage.tsx";
import { useI18n } from "../lib/i18n.tsx";
import { useSessionQuery, WorkspaceProvider } from "../lib/session.tsx";
import { ErrorState, Loading } from "../ui/states.tsx";
import { Layout, NAV } from "./Layout.tsx";

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
            <Route index element={<OverviewPage />} />
            <Route path="/atlas" element={<AtlasPage />} />
            <Route path="/gebiete" element={<AreasPage />} />
            <Route path="/gebiete/:code" element={<AreasPage />} />
            <Route path="/indikatoren" element={<IndicatorsPage />} />
            <Route path="/daten" element={<DataPage />} />
            <Route path="/daten/werte" element={<ValuesPage />} />
            <Route path="/indikatoren/:code" element={<IndicatorsPage />} />
            <Route path="/analysen" element={<AnalysesPage />} />
            <Route path="/berichte" element={<ReportsPage />} />
            <Route path="/berichte/:code" element={<ReportsPage />} />
            <Route path="/berichte/:code/vorlage" element={<ReportsPage />} />
            <Route path="/unterkuenfte" element={<AccommodationPage />} />
            {NAV.filter((n) => !n.ready).map((n) => (
              <Route key={n.path} path={n.path} element={<ComingSoon nameKey={n.key} />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </WorkspaceProvider>
  );
}
