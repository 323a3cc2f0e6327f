/**
 * Every module's routes, in the order they are registered: a new module adds its
 * `register…Routes` here (docs/adding-a-module.md). The web app's routes come last, because
 * they answer every path the API does not.
 */
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";
import { registerWorkspaceRoutes, registerWorkspaceSettingsRoutes } from "./workspaces.routes.ts";
import { registerInstallationWorkspaceRoutes } from "./workspaces-installation.routes.ts";
import { registerWorkspaceLogoRoutes } from "./workspaces-logo.routes.ts";
import { registerInvitationRoutes } from "./access-invitations.routes.ts";
import { registerAreaRoutes } from "./areas.routes.ts";
import { registerAreaSystemRoutes } from "./areas-systems.routes.ts";
import { registerDataRoutes } from "./data.routes.ts";
import { registerIndicatorRoutes } from "./indicators.routes.ts";
import { registerIndicatorEditorRoutes } from "./indicators-editor.routes.ts";
import { registerDataImportRoutes } from "./data-imports.routes.ts";
import { registerSavedNameRoutes } from "./data-saved-names.routes.ts";
import { registerCatalogueRoutes } from "./data-catalogue.routes.ts";
import { registerCrosswalkRoutes } from "./data-crosswalks.routes.ts";
import { registerStarterCatalogueRoutes } from "./data-starter-catalogue.routes.ts";
import { registerOverviewRoutes } from "./overview.routes.ts";
import { registerSessionRoutes } from "./access-session.routes.ts";
import { registerAuditRoutes } from "./audit.routes.ts";
import { registerSocialIndexRoutes } from "./social-index.routes.ts";
import { registerSocialIndexRunRoutes } from "./social-index-runs.routes.ts";
import { registerAccommodationRoutes } from "./accommodation.routes.ts";
import { registerAccommodationClosingRoutes } from "./accommodation-closings.routes.ts";
import { registerAccommodationEntryRoutes } from "./accommodation-entries.routes.ts";
import { registerReportRoutes } from "./reports.routes.ts";
import { registerReportTemplateRoutes } from "./reports-templates.routes.ts";
import { registerUserRoutes } from "./access-users.routes.ts";
import { registerOpenDataRoutes } from "./open-data.routes.ts";
import { registerOgcRoutes } from "./open-data-ogc.routes.ts";
import { registerControllingRoutes } from "./controlling.routes.ts";
import { registerWebRoutes } from "./web.routes.ts";

export const MODULE_ROUTES: readonly ((app: ZodApp, deps: RouteDeps) => void)[] = [
  registerWorkspaceRoutes,
  registerWorkspaceSettingsRoutes,
  registerWorkspaceLogoRoutes,
  registerInstallationWorkspaceRoutes,
  registerAreaRoutes,
  registerAreaSystemRoutes,
  registerDataRoutes,
  registerIndicatorRoutes,
  registerIndicatorEditorRoutes,
  registerDataImportRoutes,
  registerSavedNameRoutes,
  registerCatalogueRoutes,
  registerCrosswalkRoutes,
  registerStarterCatalogueRoutes,
  registerOverviewRoutes,
  registerSessionRoutes,
  registerAuditRoutes,
  registerSocialIndexRoutes,
  registerSocialIndexRunRoutes,
  registerAccommodationRoutes,
  registerAccommodationClosingRoutes,
  registerAccommodationEntryRoutes,
  registerReportTemplateRoutes,
  registerReportRoutes,
  registerUserRoutes,
  registerInvitationRoutes,
  registerOpenDataRoutes,
  registerOgcRoutes,
  registerControllingRoutes,
  registerWebRoutes,
];
