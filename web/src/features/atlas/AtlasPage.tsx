/**
 * Atlas: a choropleth map of any indicator, level and period, classified by the method the
 * planner chooses, with a legend that counts the areas per class, and the same data as a
 * table beside the map. Values come from the API after disclosure control; withheld values
 * are shown as such, never guessed. Classification and colours come from src/core, so the
 * map in a report is drawn with the same classes.
 */
import { useQuery } from "@tanstack/react-query";
import type { FeatureCollection } from "geojson";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { classify } from "@core/classify/classify.ts";
import type { IndicatorValueSetDto } from "@contracts/indicators.ts";
import { api, wsPath } from "../../lib/api.ts";
import { mapPng } from "../../lib/download.ts";
import { frameSvg } from "../../lib/svg-export.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import { mapSvgMarkup, type LegendEntry } from "@core/figures/map-svg.ts";
import { parseNumberList } from "../../lib/parse.ts";
import { toValue } from "../../lib/values.ts";
import { MarkedValue } from "../../ui/MarkedValue.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useAreaSystems, useIndicators, usePeriods } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { classColours, WITHHELD_FILL, NO_DATA_FILL, legendTexts } from "../../ui/map-style.ts";
import type { MethodKind } from "./atlas-helpers.ts";
import { AtlasControls } from "./AtlasControls.tsx";
import { AtlasLegend } from "./AtlasLegend.tsx";
import { AtlasTable, useAtlasTable } from "./AtlasTable.tsx";

// The map's code (MapLibre) is requested when the page opens, beside the data, not after them.
const loadMap = () => import("../../ui/ChoroplethMap.tsx");
const ChoroplethMap = lazy(() => loadMap().then((m) => ({ default: m.ChoroplethMap })));

export function AtlasPage() {
  const { t, locale } = useI18n();
  const { membership } = useWorkspace();
  const ws = membership.workspace;
  // A link may open the atlas on an indicator, level and period: /atlas?indicator=…&level=…&period=…
  const [search] = useSearchParams();
  const [indicator, setIndicator] = useState(() => search.get("indicator") ?? undefined);
  const [level, setLevel] = useState(() => search.get("level") ?? undefined);
  const [period, setPeriod] = useState(() => search.get("period") ?? undefined);
  const [method, setMethod] = useState<MethodKind>("quantile");
  const [manualText, setManualText] = useState("");
  const [classes, setClasses] = useState(5);
  const [selected, setSelected] = useState<string | null>(null);
  // The area under the pointer is shown while it is there; leaving the map shows the chosen
  // (clicked) one again, so the link to its profile stays put while the pointer travels to it.
  const [hovered, setHovered] = useState<string | null>(null);

  const indicators = useIndicators(ws);
  const systems = useAreaSystems(ws);
  const clientConfig = useQuery({
    queryKey: ["client-config"],
    staleTime: Infinity,
    queryFn: () =>
      api<{ tileUrl: string | null; tileAttribution: string | null }>("/api/client-config"),
  });
  const tileUrl = clientConfig.data?.tileUrl ?? null;
  const tileAttribution = clientConfig.data?.tileAttribution ?? null;
  const tiles = useMemo(
    () => (tileUrl ? { url: tileUrl, attribution: tileAttribution } : null),
    [tileUrl, tileAttribution],
  );
  const periods = usePeriods(ws);
  const chosen = indicator ?? indicators.data?.[0]?.code;
  const def = indicators.data?.find((i) => i.code === chosen);
  const values = useQuery({
    queryKey: ["values", ws, chosen, level, period],
    enabled: chosen !== undefined,
    // The map keeps showing the last values until the next ones arrive: no flicker, and the
    // controls (the time slider) keep their state and focus.
    placeholderData: (previous) => previous,
    queryFn: () =>
      api<IndicatorValueSetDto>(wsPath(`/api/indicators/${chosen}/values`, ws, { level, period })),
  });
  const shownLevel = values.data?.level;
  // A chosen level (or one from the link) has its areas fetched beside the values.
  const areasLevel = level ?? shownLevel;
  useEffect(() => void loadMap(), []);
  const areas = useQuery({
    queryKey: ["areas-geojson", ws, areasLevel],
    enabled: areasLevel !== undefined,
    placeholderData: (previous) => previous,
    staleTime: 10 * 60_000,
    queryFn: () =>
      api<FeatureCollection>(wsPath("/api/areas", ws, { level: areasLevel, format: "geojson" })),
  });

  // Classes from the values exactly as computed; the decimals only say how the legend writes
  // the breaks (the API does not round, the table rounds for display).
  const classification = useMemo(() => {
    if (!values.data) return null;
    const options = { decimals: values.data.decimals };
    const all = values.data.values.map(toValue);
    if (method !== "manual") return classify(all, { kind: method }, classes, options);
    const breaks = parseNumberList(manualText);
    if (!breaks.ok) return breaks;
    return classify(
      all,
      { kind: "manual", breaks: breaks.value },
      breaks.value.length + 1,
      options,
    );
  }, [values.data, method, classes, manualText]);

  const colours = useMemo(
    () => (classification?.ok && def ? classColours(classification.value, def.polarity) : []),
    [classification, def],
  );

  const fills = useMemo(() => {
    const m = new Map<string, string>();
    if (!values.data || !classification?.ok) return m;
    values.data.values.forEach((v, i) => {
      const c = classification.value.classOf[i];
      m.set(
        v.area,
        c !== null && c !== undefined
          ? (colours[c] ?? NO_DATA_FILL)
          : v.status === "suppressed"
            ? WITHHELD_FILL
            : NO_DATA_FILL,
      );
    });
    return m;
  }, [values.data, classification, colours]);

  const withheld = useMemo(
    () =>
      new Set(
        (values.data?.values ?? []).filter((v) => v.status === "suppressed").map((v) => v.area),
      ),
    [values.data],
  );
  const levels = systems.data?.flatMap((s) => s.levels) ?? [];
  // The time slider runs over the periods of the shown kind (years, half-years, …).
  const shownKind = periods.data?.find((p) => p.code === values.data?.period)?.kind;
  const slider = (periods.data ?? []).filter((p) => p.kind === shownKind).map((p) => p.code);
  const decimals = values.data?.decimals ?? 1;
  const selectedValue = values.data?.values.find((v) => v.area === (hovered ?? selected));
  const table = useAtlasTable(values.data, selected, locale);
  // Title, source and date of every exported file.
  const exportMeta = () => ({
    title: `${def?.name ?? ""} (${def?.unit ?? ""}), ${values.data?.period ?? ""}, ${levels.find((l) => l.code === shownLevel)?.name ?? ""}`,
    source: `${t("indicators.source")}: ${def?.sheet.source ?? membership.name}`,
    date: `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`,
  });
  // A level or period without a single value: an empty state that says why.
  const noValues = (() => {
    const set = values.data;
    if (!set || set.values.some((v) => v.value !== null)) return null;
    const words = {
      name: def?.name ?? set.indicator,
      level: levels.find((l) => l.code === set.level)?.name ?? set.level,
      period: set.period,
    };
    if (set.values.length > 0 && set.values.every((v) => v.status === "suppressed")) {
      return t("atlas.allWithheld", { ...words, min: String(set.disclosure.minCount) });
    }
    if (set.values.length > 0 && set.values.every((v) => v.reason === "zero_denominator")) {
      return t("atlas.zeroDenominator", words);
    }
    return t("atlas.noValues", words);
  })();
  const areaCount = (n: number) =>
    n === 1 ? t("analyses.oneArea") : t("atlas.areas", { n: String(n) });
  const fileParts = () => [ws, chosen, shownLevel, values.data?.period];
  // The legend of the exported map: the classes with their counts, then withheld and missing.
  const legendEntries = (): LegendEntry[] => {
    if (!classification?.ok) return [];
    const c = classification.value;
    const count = (n: number) => ` (${areaCount(n)})`;
    return [
      ...legendTexts(c, decimals, locale).map((text, i) => ({
        colour: colours[i] ?? NO_DATA_FILL,
        text: `${text}${count(c.counts[i] ?? 0)}`,
      })),
      ...(c.withheld > 0
        ? [
            {
              colour: WITHHELD_FILL,
              text: `${t("value.withheld")}${count(c.withheld)}`,
              hatched: true,
            },
          ]
        : []),
      ...(c.missing > 0
        ? [{ colour: NO_DATA_FILL, text: `${t("value.missing")}${count(c.missing)}` }]
        : []),
    ];
  };

  if (indicators.isPending) return <Loading />;
  if (indicators.isError)
    return <ErrorState error={indicators.error} retry={() => void indicators.refetch()} />;
  if (indicators.data.length === 0) return <Empty />;

  return (
    <>
      <h1>{t("nav.atlas")}</h1>
      <AtlasControls
        indicators={indicators.data}
        chosen={chosen}
        onIndicator={setIndicator}
        levels={levels}
        shownLevel={shownLevel}
        onLevel={setLevel}
        slider={slider}
        period={values.data?.period}
        onPeriod={setPeriod}
        method={method}
        onMethod={setMethod}
        manualText={manualText}
        onManualText={setManualText}
        classes={classes}
        onClasses={setClasses}
      />

      {values.isPending && <Loading />}
      {values.isError && <ErrorState error={values.error} retry={() => void values.refetch()} />}
      {values.data && noValues && <Empty>{noValues}</Empty>}
      {values.data && !noValues && classification && !classification.ok && (
        <ErrorState error={classification.error} />
      )}
      {values.data && !noValues && def && classification?.ok && (
        <div className="atlas">
          <section className="atlas-map" aria-labelledby="map-title">
            <h2 id="map-title">
              {def.name} ({def.unit}), {values.data.period}
            </h2>
            {areas.data ? (
              <Suspense fallback={<Loading />}>
                <ChoroplethMap
                  areas={areas.data}
                  fills={fills}
                  withheld={withheld}
                  label={t("atlas.mapLabel", { name: def.name, period: values.data.period })}
                  onSelect={setSelected}
                  onHover={setHovered}
                  tiles={tiles}
                  drawnKey={
                    areas.isPlaceholderData || values.data.level !== areasLevel
                      ? null
                      : `${values.data.indicator}|${values.data.level}|${values.data.period}`
                  }
                />
              </Suspense>
            ) : areas.isError ? (
              <ErrorState error={areas.error} />
            ) : (
              <Loading />
            )}
            <div aria-live="polite" className="selection">
              {selectedValue && (
                <p>
                  <strong>{selectedValue.name}</strong>:{" "}
                  {selectedValue.value !== null ? (
                    <MarkedValue value={selectedValue} decimals={decimals} unit={def.unit} />
                  ) : selectedValue.status === "suppressed" ? (
                    t("value.withheld")
                  ) : (
                    t("value.missing")
                  )}
                  {values.data.reference?.value != null && (
                    <>
                      {` · ${t("atlas.city")}: `}
                      <MarkedValue
                        value={values.data.reference}
                        decimals={decimals}
                        unit={def.unit}
                      />
                    </>
                  )}
                  {selectedValue.rank !== null &&
                    ` · ${t("atlas.rank")} ${selectedValue.rank} / ${values.data.values.length}`}{" "}
                  ·{" "}
                  <Link to={`/gebiete/${encodeURIComponent(selectedValue.area)}`}>
                    {t("atlas.profile")}
                  </Link>
                </p>
              )}
            </div>
            <AtlasLegend
              classification={classification.value}
              colours={colours}
              decimals={decimals}
              areaCount={areaCount}
            />
            <ExportButtons
              name={fileParts()}
              pictureWord="map"
              svg={() => {
                if (!areas.data) throw new Error(t("state.loading"));
                const drawing = mapSvgMarkup(
                  areas.data,
                  fills,
                  withheld,
                  legendEntries(),
                  NO_DATA_FILL,
                );
                return frameSvg(drawing.markup, drawing, exportMeta());
              }}
              png={() => {
                const canvas = document.querySelector<HTMLCanvasElement>(".map canvas");
                if (!canvas) return Promise.reject(new Error(t("state.loading")));
                return mapPng(canvas, {
                  ...exportMeta(),
                  legend: legendEntries(),
                });
              }}
            />
          </section>
          <AtlasTable
            table={table}
            unit={def.unit}
            decimals={decimals}
            selected={selected}
            onSelect={setSelected}
            fileName={fileParts}
            exportMeta={exportMeta}
          />
        </div>
      )}
    </>
  );
}
