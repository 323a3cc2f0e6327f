import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { CATALOGUES } from "./app/modules.ts";
import { I18nProvider } from "./lib/i18n.tsx";
import "./ui/styles.css";

const client = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider catalogues={CATALOGUES}>
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
