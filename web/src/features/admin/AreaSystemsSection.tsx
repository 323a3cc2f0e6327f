/**
 * Gebietsgliederungen in Verwaltung: the workspace's area systems with their levels, each
 * changed in place (names; levels renamed or added below), and a new one. The areas and their
 * boundary versions come by upload, where each new version has its date and the old one stays.
 */
import { useState } from "react";
import { Link } from "react-router";
import { useAreaSystems } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { AreaSystemForm } from "./AreaSystemForm.tsx";
import { BoundaryUpload } from "./BoundaryUpload.tsx";

export function AreaSystemsSection({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const systems = useAreaSystems(workspace);
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="area-systems-title">
      <h2 id="area-systems-title">{t("setup.systems")}</h2>
      <p>{t("setup.systemsIntro")}</p>
      {systems.isPending ? (
        <Loading />
      ) : systems.isError ? (
        <ErrorState error={systems.error} retry={() => void systems.refetch()} />
      ) : systems.data.length === 0 ? (
        <p>
          {t("setup.systemsNone")} <Link to="/verwaltung/einrichten">{t("setup.open")}</Link>
        </p>
      ) : (
        <ul className="area-systems">
          {systems.data.map((s) => (
            <li key={s.code}>
              <strong>{s.name}</strong> ({s.code}): {s.levels.map((l) => l.name).join(" › ")}
              <details>
                <summary>{t("setup.systemChange")}</summary>
                <AreaSystemForm workspace={workspace} existing={s} idPrefix={`system-${s.code}`} />
              </details>
              {s.levels.length > 1 && (
                <details>
                  <summary>{t("setup.boundaryVersion")}</summary>
                  <p className="note">{t("setup.boundaryVersionHint")}</p>
                  <BoundaryUpload
                    workspace={workspace}
                    system={s}
                    today={new Date().toISOString().slice(0, 10)}
                    idPrefix={`boundary-${s.code}`}
                  />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      <details open={adding} onToggle={(e) => setAdding(e.currentTarget.open)}>
        <summary>{t("setup.systemNew")}</summary>
        {adding && (
          <AreaSystemForm
            workspace={workspace}
            idPrefix="system-new"
            start={{ name: "", levels: [{ code: "", name: "" }] }}
            onSaved={() => setAdding(false)}
          />
        )}
      </details>
    </section>
  );
}
