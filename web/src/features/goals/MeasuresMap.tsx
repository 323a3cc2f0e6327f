/**
 * The measures on the map: the areas of the level the measures name most often, coloured by
 * how many measures work there (none, one, two, three or more), the legend in words, and the
 * same as a table (area → measures), which is what keyboard and screen-reader users work with.
 * Measures that name no area work in the whole city; the table says so in its last row.
 */
import { lazy, Suspense, useMemo } from "react";
import { useAreas, useLevelOutlines } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import type { MeasureDto } from "./goals-api.ts";
import {
  areaMeasuresTable,
  COUNT_FILLS,
  countFill,
  mapLevel,
  measuresByArea,
} from "./goals-view.ts";
import { TableFigure, useTableMeta } from "./parts.tsx";

const ChoroplethMap = lazy(() =>
  import("../../ui/ChoroplethMap.tsx").then((m) => ({ default: m.ChoroplethMap })),
);

export function MeasuresMap(props: {
  readonly workspace: string;
  readonly measures: readonly MeasureDto[];
}) {
  const { t, locale } = useI18n();
  const meta = useTableMeta();
  const areas = useAreas(props.workspace);
  const level = areas.data ? mapLevel(props.measures, areas.data) : null;
  const outlines = useLevelOutlines(props.workspace, level ?? undefined);
  const byArea = useMemo(
    () =>
      areas.data && level !== null
        ? measuresByArea(props.measures, areas.data, level, locale)
        : null,
    [areas.data, level, props.measures, locale],
  );
  const fills = useMemo(
    () => new Map((byArea?.areas ?? []).map((a) => [a.code, countFill(a.measures.length)])),
    [byArea],
  );
  const withheld = useMemo(() => new Set<string>(), []);
  const legend = [t("goals.map.none"), t("goals.map.one"), t("goals.map.two"), t("goals.map.more")];
  return (
    <section aria-labelledby="goals-map" className="goals-map">
      <h2 id="goals-map">{t("goals.mapTitle")}</h2>
      {areas.isPending ? (
        <Loading />
      ) : areas.isError ? (
        <ErrorState error={areas.error} retry={() => void areas.refetch()} />
      ) : byArea === null ? (
        <Empty>{t("goals.mapEmpty")}</Empty>
      ) : (
        <div className="goals-map-body">
          <div>
            {outlines.isError ? (
              <ErrorState error={outlines.error} retry={() => void outlines.refetch()} />
            ) : !outlines.data ? (
              <Loading />
            ) : (
              <Suspense fallback={<Loading />}>
                <ChoroplethMap
                  areas={outlines.data}
                  fills={fills}
                  withheld={withheld}
                  label={t("goals.mapLabel")}
                  tiles={null}
                  outline="#555555"
                  drawnKey={`measures|${level}`}
                />
              </Suspense>
            )}
            <ul className="legend legend-compact" aria-label={t("goals.mapLegend")}>
              {legend.map((text, i) => (
                <li key={text}>
                  <span
                    className="swatch"
                    style={{ background: COUNT_FILLS[i] }}
                    aria-hidden="true"
                  />
                  {text}
                </li>
              ))}
            </ul>
          </div>
          <TableFigure name={["massnahmen-gebiete"]} table={areaMeasuresTable(byArea, t, meta)} />
        </div>
      )}
    </section>
  );
}
