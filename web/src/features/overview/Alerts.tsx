/**
 * The dashboard's alerts for the social planning staff: values far outside the city's level
 * (judged with the counts behind them, so a small area's noise is no alarm) and trend turns,
 * from GET /api/analyses/alerts. Each links to the map of its indicator, a class change to
 * its index on the Analysen page. A hint to look closer, not a verdict on an area
 * (docs/methods/social-index.md, section 7).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import type { alertListDto } from "@contracts/social-index.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";

type AlertList = z.infer<typeof alertListDto>;

/** Shown at first; the rest on request. */
const FIRST = 8;

export function Alerts({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const alerts = useQuery({
    queryKey: ["alerts", workspace],
    queryFn: () => api<AlertList>(wsPath("/api/analyses/alerts", workspace)),
  });
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t("overview.alerts")}</h2>
      {alerts.isPending && <Loading />}
      {alerts.isError && <ErrorState error={alerts.error} retry={() => void alerts.refetch()} />}
      {alerts.data && alerts.data.alerts.length === 0 && <Empty>{t("overview.noAlerts")}</Empty>}
      {alerts.data && alerts.data.alerts.length > 0 && (
        <>
          <p className="note">
            {t("overview.alertsNote", {
              n: String(alerts.data.alerts.length),
              period: alerts.data.period,
            })}
          </p>
          <ul className="alerts">
            {(all ? alerts.data.alerts : alerts.data.alerts.slice(0, FIRST)).map((a, i) => (
              <li key={i} className={`alert-${a.kind}`}>
                {a.message}{" "}
                {a.kind === "class_change" ? (
                  // A class change's "indicator" is the index's code.
                  <Link
                    to={`/analysen?${new URLSearchParams({ index: a.indicator }).toString()}`}
                    aria-label={t("overview.alertAnalysis", { name: a.indicatorName })}
                  >
                    {t("overview.toAnalysis")}
                  </Link>
                ) : (
                  <Link
                    to={`/atlas?${new URLSearchParams({ indicator: a.indicator, level: alerts.data.level, period: alerts.data.period }).toString()}`}
                    aria-label={t("overview.alertMap", { name: a.indicatorName })}
                  >
                    {t("overview.toMap")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
          {!all && alerts.data.alerts.length > FIRST && (
            <button type="button" onClick={() => setAll(true)}>
              {t("overview.allAlerts", { n: String(alerts.data.alerts.length) })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
