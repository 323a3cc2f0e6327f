/**
 * The modules of the app, one entry each: where it lives, its navigation entry, its page (and
 * the further paths it answers), the roles that may use it and whose start page it is, its
 * interface texts and whether it is built yet. App.tsx draws the routes from this list,
 * Layout.tsx the navigation, and CATALOGUES the texts. A new module is one entry here (and its
 * feature folder).
 *
 * The roles follow the server's rules for what each page needs (test/api/access.test.ts, the
 * README's "Who may do what"): a role sees a module when the server answers it the module's
 * main requests. The modules still in preparation have no routes yet; their roles follow the
 * product's description of who uses them (PRODUCT.md, "Who uses it").
 */
import type { ComponentType } from "react";
import { ROLES, type Role } from "@core/access/roles.ts";
import { AccommodationPage } from "../features/accommodation/AccommodationPage.tsx";
import { AdminPage } from "../features/admin/AdminPage.tsx";
import { adminDe, adminEn } from "../features/admin/messages.ts";
import { SetupPage } from "../features/admin/SetupPage.tsx";
import { setupDe, setupEn } from "../features/admin/setup-messages.ts";
import { installationDe, installationEn } from "../features/admin/installation-messages.ts";
import { accommodationDe, accommodationEn } from "../features/accommodation/messages.ts";
import { AnalysesPage } from "../features/social-index/AnalysesPage.tsx";
import { analysesDe, analysesEn } from "../features/social-index/messages.ts";
import { AreasPage } from "../features/areas/AreasPage.tsx";
import { areasDe, areasEn } from "../features/areas/messages.ts";
import { AtlasPage } from "../features/atlas/AtlasPage.tsx";
import { atlasDe, atlasEn } from "../features/atlas/messages.ts";
import { DataPage } from "../features/data/DataPage.tsx";
import { dataDe, dataEn, valuesDe, valuesEn } from "../features/data/messages.ts";
import { ValuesPage } from "../features/data/ValuesPage.tsx";
import { IndicatorsPage } from "../features/indicators/IndicatorsPage.tsx";
import { indicatorsDe, indicatorsEn } from "../features/indicators/messages.ts";
import { loginDe, loginEn } from "../features/access/messages.ts";
import { GoalPage } from "../features/goals/GoalPage.tsx";
import { GoalsPage } from "../features/goals/GoalsPage.tsx";
import { MeasurePage } from "../features/goals/MeasurePage.tsx";
import { goalsDe, goalsEn } from "../features/goals/messages.ts";
import { OverviewPage } from "../features/overview/OverviewPage.tsx";
import { overviewDe, overviewEn } from "../features/overview/messages.ts";
import { ReportsPage } from "../features/reports/ReportsPage.tsx";
import { reportsDe, reportsEn } from "../features/reports/messages.ts";
import type { Catalogue, Catalogues, Language, MessageKey } from "../lib/i18n.tsx";
import { sharedDe, sharedEn, type NavKey } from "../lib/messages.ts";
import type { RoleScoped } from "./module-access.ts";

/** One language's texts of one module. */
type Texts = Readonly<Record<string, string>>;

/** A further path of a module, below its own; without a page it shows the module's page. */
interface SubRoute {
  readonly path: string;
  readonly page?: ComponentType;
}

export type AppModule = RoleScoped & {
  readonly navKey: NavKey;
  /** The first group of the navigation holds the data, the second the planning modules. */
  readonly group: "data" | "modules";
} & (
    | {
        readonly ready: true;
        readonly page: ComponentType;
        readonly subRoutes?: readonly SubRoute[];
        readonly messages: Readonly<Record<Language, Texts>>;
      }
    | { readonly ready: false }
  );

/** Every role: the catalogue, its values and the published reports are for all members. */
const EVERYONE: readonly Role[] = ROLES;
/** Those who deliver and import data (`/api/imports`, `/api/observations`). */
const DATA: readonly Role[] = ["planner", "contributor"];
/** Those who bring files in: the data staff and the administrators who set a workspace up. */
const IMPORTERS: readonly Role[] = ["planner", "contributor", "admin"];

const LIST = [
  {
    path: "/",
    roles: ["planner", "contributor", "viewer"],
    homeOf: ["planner", "contributor", "viewer"],
    navKey: "nav.overview",
    group: "data",
    ready: true,
    page: OverviewPage,
    messages: { de: overviewDe, en: overviewEn },
  },
  {
    path: "/atlas",
    roles: EVERYONE,
    navKey: "nav.atlas",
    group: "data",
    ready: true,
    page: AtlasPage,
    messages: { de: atlasDe, en: atlasEn },
  },
  {
    path: "/gebiete",
    roles: EVERYONE,
    navKey: "nav.areas",
    group: "data",
    ready: true,
    page: AreasPage,
    subRoutes: [{ path: ":code" }],
    messages: { de: areasDe, en: areasEn },
  },
  {
    path: "/indikatoren",
    roles: EVERYONE,
    navKey: "nav.indicators",
    group: "data",
    ready: true,
    page: IndicatorsPage,
    subRoutes: [{ path: ":code" }],
    messages: { de: indicatorsDe, en: indicatorsEn },
  },
  {
    path: "/daten",
    roles: IMPORTERS,
    navKey: "nav.data",
    group: "data",
    ready: true,
    page: DataPage,
    subRoutes: [{ path: "werte", page: ValuesPage }],
    messages: { de: { ...dataDe, ...valuesDe }, en: { ...dataEn, ...valuesEn } },
  },
  {
    path: "/analysen",
    roles: ["planner"],
    navKey: "nav.analyses",
    group: "modules",
    ready: true,
    page: AnalysesPage,
    messages: { de: analysesDe, en: analysesEn },
  },
  {
    path: "/berichte",
    roles: EVERYONE,
    navKey: "nav.reports",
    group: "modules",
    ready: true,
    page: ReportsPage,
    subRoutes: [{ path: ":code" }, { path: ":code/vorlage" }],
    messages: { de: reportsDe, en: reportsEn },
  },
  {
    path: "/unterkuenfte",
    roles: EVERYONE,
    homeOf: ["occupancy"],
    navKey: "nav.accommodation",
    group: "modules",
    ready: true,
    page: AccommodationPage,
    messages: { de: accommodationDe, en: accommodationEn },
  },
  // The strategic cycle: planners run it, departments edit their goals, the council reads it.
  {
    path: "/ziele",
    roles: ["planner", "contributor", "viewer"],
    navKey: "nav.goals",
    group: "modules",
    ready: true,
    page: GoalsPage,
    subRoutes: [
      { path: "ziel/:code", page: GoalPage },
      { path: "massnahme/:code", page: MeasurePage },
    ],
    messages: { de: goalsDe, en: goalsEn },
  },
  { path: "/netzwerk", roles: DATA, navKey: "nav.network", group: "modules", ready: false },
  {
    path: "/planungen",
    roles: ["planner"],
    navKey: "nav.planning",
    group: "modules",
    ready: false,
  },
  {
    path: "/verwaltung",
    roles: ["admin"],
    homeOf: ["admin"],
    navKey: "nav.admin",
    group: "modules",
    ready: true,
    page: AdminPage,
    subRoutes: [{ path: "einrichten", page: SetupPage }],
    messages: { de: { ...adminDe, ...setupDe }, en: { ...adminEn, ...setupEn } },
  },
] as const satisfies readonly AppModule[];

export const MODULES: readonly AppModule[] = LIST;

/** Texts outside any module: the frame's, and the login's (shown before any module). */
const FRAME = [
  { de: sharedDe, en: sharedEn },
  { de: loginDe, en: loginEn },
  // The invitation page is public; the installation section, invitations and logo are admin's.
  { de: installationDe, en: installationEn },
] as const;

type KeysOf<T> = T extends { readonly de: infer D } ? keyof D : never;
type Listed = KeysOf<
  (typeof FRAME)[number] | Extract<(typeof LIST)[number], { ready: true }>["messages"]
>;
/** Keys a messages.ts registers but no entry above lists: their texts would be missing. */
type Unlisted = Exclude<MessageKey, Listed>;

/** `complete` is `true` only while every key is listed; otherwise its type names the rest. */
function catalogue(language: Language, _complete: [Unlisted] extends [never] ? true : Unlisted) {
  const parts = [...FRAME, ...LIST.flatMap((m) => (m.ready ? [m.messages] : []))];
  // Spreading a list loses the key types; `_complete` has checked them.
  return Object.assign({}, ...parts.map((p) => p[language])) as Catalogue;
}

/** The texts of every key in both languages, for the i18n provider (main.tsx). */
export const CATALOGUES: Catalogues = { de: catalogue("de", true), en: catalogue("en", true) };
