/**
 * Neue Kommune einrichten: the way of a new workspace from empty to its first map, as six
 * steps that say what is done (read from what the workspace holds, so a step done elsewhere
 * counts too) and open the first one still to do: the municipality and its publisher, the area
 * system with its levels, the boundaries (uploaded and previewed here), the variables and
 * indicators (the starter catalogue), the first import, and the map.
 */
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import type { SetupProgressDto } from "@contracts/areas.ts";
import type { WorkspaceSettingsDto } from "@contracts/workspaces.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useAreaSystems } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { AreaSystemForm } from "./AreaSystemForm.tsx";
import { BoundaryUpload } from "./BoundaryUpload.tsx";
import { SettingsSection } from "./SettingsSection.tsx";
import { SETUP_STEPS, currentStep, doneSteps, startLevels, type SetupStep } from "./setup-view.ts";

export function SetupPage() {
  const { t, locale } = useI18n();
  const { membership } = useWorkspace();
  const ws = membership.workspace;
  const progress = useQuery({
    queryKey: ["setup", ws],
    queryFn: () => api<SetupProgressDto>(wsPath("/api/workspace/setup", ws)),
  });
  const settings = useQuery({
    queryKey: ["admin", ws, "settings"],
    queryFn: () => api<WorkspaceSettingsDto>(wsPath("/api/workspace/settings", ws)),
  });
  const systems = useAreaSystems(ws);
  /** The step opened by hand; "none" when the planner closed the current one. */
  const [open, setOpen] = useState<SetupStep | "none" | null>(null);
  /** Whether the new system divides a city (into districts) or a county (into municipalities). */
  const [kind, setKind] = useState<"city" | "county">("city");

  if (progress.isPending || settings.isPending || systems.isPending) return <Loading />;
  if (progress.isError || settings.isError || systems.isError) {
    return (
      <ErrorState
        error={progress.error ?? settings.error ?? systems.error}
        retry={() => void Promise.all([progress.refetch(), settings.refetch(), systems.refetch()])}
      />
    );
  }
  const p = progress.data;
  const s = settings.data;
  const done = doneSteps(p, s);
  const shown = open ?? currentStep(done);
  const system = systems.data[0];
  const county = kind === "county";
  const today = new Date().toISOString().slice(0, 10);
  const n = (v: number) => v.toLocaleString(locale);

  const bodies: Record<SetupStep, ReactNode> = {
    workspace: (
      <>
        <p>{t("setup.workspaceText")}</p>
        <SettingsSection workspace={ws} />
      </>
    ),
    areaSystem: system ? (
      <>
        <p>
          {t("setup.areaSystemDone", {
            name: system.name,
            levels: system.levels.map((l) => l.name).join(" › "),
          })}
        </p>
        <details>
          <summary>{t("setup.systemChange")}</summary>
          <AreaSystemForm workspace={ws} existing={system} idPrefix="setup-system" />
        </details>
      </>
    ) : (
      <>
        <fieldset className="radio-group">
          <legend>{t("setup.kind")}</legend>
          {(["city", "county"] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="setup-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />{" "}
              {t(k === "city" ? "setup.kindCity" : "setup.kindCounty")}
            </label>
          ))}
        </fieldset>
        <p>{t(county ? "setup.areaSystemTextCounty" : "setup.areaSystemText")}</p>
        <AreaSystemForm
          key={kind}
          workspace={ws}
          idPrefix="setup-system"
          start={{
            name: county ? t("setup.countySystemName") : t("setup.citySystemName"),
            levels: startLevels(county ? "county" : "city"),
            top: { code: s.municipalityKey ?? "", name: s.name },
          }}
          onSaved={() => setOpen(null)}
        />
      </>
    ),
    boundaries: system ? (
      <>
        <p>{t("setup.boundariesText")}</p>
        {p.areasWithBoundary > 0 && (
          <p className="success">
            {t("setup.boundariesDone", { n: n(p.areasWithBoundary) })}{" "}
            <Link to={`/gebiete`}>{t("setup.toAreas")}</Link>
          </p>
        )}
        {/* The step stays open after the upload, so its report can be read. */}
        <BoundaryUpload
          workspace={ws}
          system={system}
          today={today}
          onCommitted={() => setOpen("boundaries")}
        />
        {done.has("boundaries") && (
          <p>
            <button type="button" onClick={() => setOpen(null)}>
              {t("setup.next", { step: t(`setup.step.${currentStep(done)}`) })}
            </button>
          </p>
        )}
      </>
    ) : (
      <p>{t("setup.needSystem")}</p>
    ),
    catalogue: (
      <>
        <p>{t("setup.catalogueText")}</p>
        <p>
          {t("setup.catalogueState", { variables: n(p.variables), indicators: n(p.indicators) })}
        </p>
        <p>
          <Link to="/indikatoren#starter-title">{t("setup.toStarter")}</Link>
        </p>
      </>
    ),
    import: (
      <>
        <p>{t("setup.importText")}</p>
        <p>{t("setup.importState", { n: n(p.observations) })}</p>
        <p>
          <Link to="/daten">{t("setup.toImport")}</Link>
        </p>
      </>
    ),
    map: done.has("map") ? (
      <>
        <p>{t("setup.mapText")}</p>
        <p>
          <Link
            className="button primary"
            to={`/atlas${p.mapLevel ? `?level=${encodeURIComponent(p.mapLevel)}` : ""}`}
          >
            {t("setup.toAtlas")}
          </Link>
        </p>
      </>
    ) : (
      <p>{t("setup.mapWaiting")}</p>
    ),
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/verwaltung">{t("nav.admin")}</Link>
      </p>
      <h1>{t("setup.title")}</h1>
      <p className="intro">{t("setup.intro", { name: s.name })}</p>
      <p role="status" className="setup-progress">
        {t("setup.progress", { done: String(done.size), all: String(SETUP_STEPS.length) })}
      </p>
      <ol className="setup-steps">
        {SETUP_STEPS.map((step, i) => {
          const isOpen = step === shown;
          const headingId = `setup-${step}`;
          return (
            <li key={step} className={done.has(step) ? "done" : "open"}>
              <section aria-labelledby={headingId}>
                <h2 id={headingId}>
                  <button
                    type="button"
                    className="step-toggle"
                    aria-expanded={isOpen}
                    aria-controls={`${headingId}-body`}
                    onClick={() => setOpen(isOpen ? "none" : step)}
                  >
                    <span className="step-number">{i + 1}</span> {t(`setup.step.${step}`)}
                    <span className="step-state">
                      {done.has(step) ? t("setup.stepDone") : t("setup.stepOpen")}
                    </span>
                  </button>
                </h2>
                <div id={`${headingId}-body`} hidden={!isOpen}>
                  {isOpen && bodies[step]}
                </div>
              </section>
            </li>
          );
        })}
      </ol>
    </>
  );
}
