/**
 * The small map of the overview: the first rate indicator with a reading (better / worse) on
 * the deepest level in its latest period, five quantile classes, colours by polarity; the
 * legend below, and a link that opens the same map in the atlas. Same classes and colours as
 * the atlas (src/core/classify), same values after disclosure control.
 */
import { useLevelOutlines } from "../../lib/catalogue-queries.ts";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo } from "react";
import { Link } from "react-router";
import { classify } from "@core/classify/classify.ts";
import type { IndicatorDto, IndicatorValueSetDto } from "@contracts/indicators.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { toValue } from "../../lib/values.ts";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { classColours, legendTexts, NO_DATA_FILL, WITHHELD_FILL } from "../../ui/map-style.ts";

const ChoroplethMap = lazy(() =>
  import("../../ui/ChoroplethMap.tsx").then((m) => ({ default: m.ChoroplethMap })),
);

/** A rate with a reading is what a dashboard map should show; else the first indicator. */
export function leadIndicator(list: readonly IndicatorDto[]): IndicatorDto | undefined {
  return list.find((i) => i.denominator !== null && i.polarity !== "neutral") ?? list[0];
}

export function OverviewMap({
  indicator,
  workspace,
}: {
  readonly indicator: IndicatorDto;
  readonly workspace: string;
}) {
  const { t, locale } = useI18n();
  const values = useQuery({
    queryKey: ["values", workspace, indicator.code, undefined, undefined],
    queryFn: () =>
      api<IndicatorValueSetDto>(wsPath(`/api/indicators/${indicator.code}/values`, workspace)),
  });
  const level = values.data?.level;
  const areas = useLevelOutlines(workspace, level);
  const drawing = useMemo(() => {
    if (!values.data) return null;
    const c = classify(values.data.values.map(toValue), { kind: "quantile" }, 5, {
      decimals: values.data.decimals,
    });
    if (!c.ok) return null;
    const colours = classColours(c.value, indicator.polarity);
    const fills = new Map<string, string>();
    const withheld = new Set<string>();
    values.data.values.forEach((v, i) => {
      const k = c.value.classOf[i];
      if (v.status === "suppressed") withheld.add(v.area);
      fills.set(
        v.area,
        k !== null && k !== undefined
          ? (colours[k] ?? NO_DATA_FILL)
          : v.status === "suppressed"
            ? WITHHELD_FILL
            : NO_DATA_FILL,
      );
    });
    return {
      fills,
      withheld,
      legend: [
        ...legendTexts(c.value, values.data.decimals, locale).map((text, i) => ({
          text,
          colour: colours[i] ?? NO_DATA_FILL,
        })),
        ...(c.value.withheld > 0 ? [{ text: t("value.withheld"), colour: WITHHELD_FILL }] : []),
        ...(c.value.missing > 0 ? [{ text: t("value.missing"), colour: NO_DATA_FILL }] : []),
      ],
    };
  }, [values.data, indicator.polarity, locale, t]);

  if (values.isPending) return <Loading />;
  if (values.isError)
    return <ErrorState error={values.error} retry={() => void values.refetch()} />;
  const set = values.data;
  const title = t("overview.mapTitle", {
    name: indicator.name,
    unit: indicator.unit,
    period: set.period,
  });
  return (
    <section aria-labelledby="overview-map" className="overview-map">
      <h2 id="overview-map">{title}</h2>
      {drawing === null ? (
        <Empty>{t("indicators.noValues")}</Empty>
      ) : areas.isError ? (
        <ErrorState error={areas.error} retry={() => void areas.refetch()} />
      ) : !areas.data ? (
        <Loading />
      ) : (
        <Suspense fallback={<Loading />}>
          <ChoroplethMap
            areas={areas.data}
            fills={drawing.fills}
            withheld={drawing.withheld}
            label={t("atlas.mapLabel", { name: indicator.name, period: set.period })}
            tiles={null}
          />
        </Suspense>
      )}
      {drawing && (
        <ul className="legend legend-compact" aria-label={t("atlas.legend")}>
          {drawing.legend.map((e) => (
            <li key={e.text}>
              <span className="swatch" style={{ background: e.colour }} aria-hidden="true" />
              {e.text}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link
          to={`/atlas?${new URLSearchParams({ indicator: indicator.code, level: set.level, period: set.period }).toString()}`}
        >
          {t("overview.openAtlas")}
        </Link>
      </p>
    </section>
  );
}
