/**
 * Gebiete: the profile of one area — every indicator against the city and the parent area,
 * with its rank and a sparkline of its history — and a comparison of up to five areas side
 * by side. Values come from the API after disclosure control.
 */
import { useQueries } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { useParams, useNavigate } from "react-router";
import type { IndicatorValueSetDto, IndicatorSeriesDto } from "@contracts/indicators.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { elementSvg } from "../../lib/svg-export.ts";
import type { ViewCell, ViewTable } from "../../lib/view-table.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import { Field } from "../../ui/TextField.tsx";
import { useAreas, useIndicators } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { ProfileChart } from "./ProfileChart.tsx";
import { Sparkline } from "./Sparkline.tsx";
import { toValue } from "../../lib/values.ts";
import { markedCell, markLegend, type MarkedInput } from "../../lib/marks.ts";
import { MarkedValue, MarkLegend } from "../../ui/MarkedValue.tsx";

const MAX_COMPARE = 5;

export function AreasPage() {
  const { t, locale } = useI18n();
  const { membership } = useWorkspace();
  const ws = membership.workspace;
  const navigate = useNavigate();
  const { code } = useParams();
  const [compare, setCompare] = useState<string[]>([]);
  const chartBox = useRef<HTMLDivElement>(null);

  const areas = useAreas(ws);
  const indicators = useIndicators(ws);
  const area = areas.data?.find((a) => a.code === code);
  // The parent level is shown when it is not the city itself (which has its own column).
  const parent = areas.data?.find((a) => a.code === area?.parent && a.parent !== null);
  const shown = useMemo(
    () => (area ? [area.code, ...compare.filter((c) => c !== area.code)] : []),
    [area, compare],
  );

  // One value set per indicator on the area's level, and on the parent's level.
  const levelSets = useQueries({
    queries: (indicators.data ?? []).map((i) => ({
      queryKey: ["values", ws, i.code, area?.level, undefined],
      enabled: area !== undefined,
      queryFn: () =>
        api<IndicatorValueSetDto>(
          wsPath(`/api/indicators/${i.code}/values`, ws, { level: area?.level }),
        ),
    })),
  });
  const parentSets = useQueries({
    queries: (indicators.data ?? []).map((i) => ({
      queryKey: ["values", ws, i.code, parent?.level, undefined],
      enabled: parent !== undefined,
      queryFn: () =>
        api<IndicatorValueSetDto>(
          wsPath(`/api/indicators/${i.code}/values`, ws, { level: parent?.level }),
        ),
    })),
  });
  const series = useQueries({
    queries: (indicators.data ?? []).map((i) => ({
      queryKey: ["series", ws, i.code, area?.code],
      enabled: area !== undefined,
      queryFn: () =>
        api<IndicatorSeriesDto>(
          wsPath(`/api/indicators/${i.code}/series`, ws, { area: area?.code }),
        ),
    })),
  });

  if (areas.isPending || indicators.isPending) return <Loading />;
  if (areas.isError) return <ErrorState error={areas.error} retry={() => void areas.refetch()} />;
  if (indicators.isError) return <ErrorState error={indicators.error} />;
  if (areas.data.length === 0) return <Empty />;

  const period = levelSets[0]?.data?.period ?? "";
  const exportMeta = (what: "areas.fileTable" | "areas.fileChart") => ({
    title: t(what, { name: area?.name ?? "", code: area?.code ?? "", period }),
    source: `${t("indicators.source")}: ${membership.name}`,
    date: `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`,
  });
  // The profile table as a file: one row per indicator, numbers with the indicator's decimals
  // (a column holds one decimals setting, so each value column keeps the most any row needs).
  const profileTable = (): ViewTable => {
    const list = indicators.data ?? [];
    const decimals = Math.max(0, ...list.map((i) => i.decimals));
    const valueColumns = [
      ...shown.map((c) => nameOf(c)),
      ...(parent ? [parent.name] : []),
      t("atlas.city"),
    ];
    return {
      ...exportMeta("areas.fileTable"),
      columns: [
        { label: t("overview.indicator") },
        { label: t("indicators.unit") },
        ...valueColumns.map((label) => ({ label, decimals })),
        { label: t("atlas.rank"), decimals: 0 },
        { label: t("areas.of") },
      ],
      rows: list.map((ind, i) => {
        const set = levelSets[i]?.data;
        const parentSet = parentSets[i]?.data;
        const own = set?.values.find((v) => v.area === area?.code);
        const round = (c: ViewCell) =>
          typeof c === "number" ? Number(c.toFixed(ind.decimals)) : c;
        const cell = (v: MarkedInput | undefined | null) =>
          round(markedCell(locale, v, ind.decimals));
        return [
          ind.name,
          ind.unit,
          ...shown.map((c) => cell(set?.values.find((v) => v.area === c))),
          ...(parent ? [cell(parentSet?.values.find((v) => v.area === parent.code))] : []),
          cell(set?.reference),
          own?.rank ?? null,
          own?.rank != null ? (set?.values.length ?? null) : null,
        ];
      }),
      notes: markLegend(profileMarks()),
    };
  };
  /** Every mark the profile shows, for its legend. */
  const profileMarks = () =>
    (indicators.data ?? []).flatMap((_, i) => {
      const set = levelSets[i]?.data;
      return [
        ...shown.map((c) => set?.values.find((v) => v.area === c)?.mark),
        parent ? parentSets[i]?.data?.values.find((v) => v.area === parent.code)?.mark : null,
        set?.reference?.mark,
      ];
    });
  const sameLevel = area ? areas.data.filter((a) => a.level === area.level) : [];
  const nameOf = (c: string) => areas.data.find((a) => a.code === c)?.name ?? c;

  return (
    <>
      <h1>{t("nav.areas")}</h1>
      <div className="controls">
        <Field id="area-pick" label={t("areas.pick")} size="wide">
          <select
            id="area-pick"
            value={code ?? ""}
            onChange={(e) => void navigate(`/gebiete/${encodeURIComponent(e.target.value)}`)}
          >
            <option value="" disabled>
              {t("areas.choose")}
            </option>
            {areas.data.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name} ({a.code})
              </option>
            ))}
          </select>
        </Field>
        {area && (
          <Field id="area-compare" label={t("areas.compare")} size="wide">
            <select
              id="area-compare"
              value=""
              disabled={shown.length >= MAX_COMPARE}
              onChange={(e) => setCompare((c) => [...c, e.target.value].slice(0, MAX_COMPARE - 1))}
            >
              <option value="">{t("areas.compareAdd", { max: String(MAX_COMPARE) })}</option>
              {sameLevel
                .filter((a) => !shown.includes(a.code))
                .map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name}
                  </option>
                ))}
            </select>
          </Field>
        )}
      </div>
      {!area && <Empty>{code ? t("areas.unknown") : t("areas.chooseText")}</Empty>}
      {area && (
        <>
          <h2>
            {area.name} <small>({area.code})</small>
          </h2>
          {compare.length > 0 && (
            <ul className="chips" aria-label={t("areas.compared")}>
              {compare.map((c) => (
                <li key={c}>
                  {nameOf(c)}{" "}
                  <button
                    type="button"
                    onClick={() => setCompare((l) => l.filter((x) => x !== c))}
                    aria-label={t("areas.remove", { name: nameOf(c) })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("areas.chart")}</h3>
          <div ref={chartBox}>
            <ProfileChart
              locale={locale}
              label={t("areas.chartLabel", { name: area.name })}
              rows={indicators.data.map((ind, i) => {
                const set = levelSets[i]?.data;
                const own = set?.values.find((v) => v.area === area.code);
                return { indicator: ind, value: toValue(own), city: toValue(set?.reference) };
              })}
            />
          </div>
          <ExportButtons
            name={[ws, area.code, "profil", period]}
            pictureWord="chart"
            svg={() => {
              const svg = chartBox.current?.querySelector("svg");
              if (!svg) throw new Error(t("state.loading"));
              return elementSvg(svg, exportMeta("areas.fileChart"));
            }}
          />
          <div className="scroll" role="region" aria-label={t("areas.profile")} tabIndex={0}>
            <table>
              <caption className="sr-only">{t("areas.profile")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("overview.indicator")}</th>
                  {shown.map((c) => (
                    <th key={c} scope="col" className="num">
                      {nameOf(c)}
                    </th>
                  ))}
                  {parent && (
                    <th scope="col" className="num">
                      {parent.name}
                    </th>
                  )}
                  <th scope="col" className="num">
                    {t("atlas.city")}
                  </th>
                  <th scope="col" className="num">
                    {t("atlas.rank")}
                  </th>
                  <th scope="col">{t("areas.history")}</th>
                </tr>
              </thead>
              <tbody>
                {indicators.data.map((ind, i) => {
                  const set = levelSets[i]?.data;
                  const parentSet = parentSets[i]?.data;
                  const fmt = (v: MarkedInput | undefined) =>
                    v === undefined ? "" : <MarkedValue value={v} decimals={ind.decimals} />;
                  const own = set?.values.find((v) => v.area === area.code);
                  return (
                    <tr key={ind.code}>
                      <th scope="row">
                        {ind.name} <small>({ind.unit})</small>
                      </th>
                      {shown.map((c) => (
                        <td key={c} className="num">
                          {fmt(set?.values.find((v) => v.area === c))}
                        </td>
                      ))}
                      {parent && (
                        <td className="num">
                          {fmt(parentSet?.values.find((v) => v.area === parent.code))}
                        </td>
                      )}
                      <td className="num">{fmt(set?.reference ?? undefined)}</td>
                      <td className="num">
                        {own?.rank != null ? `${own.rank} / ${set?.values.length ?? ""}` : ""}
                      </td>
                      <td>
                        <Sparkline values={series[i]?.data?.points.map((p) => p.value) ?? []} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <MarkLegend marks={profileMarks()} />
          <p className="note">{t("areas.note", { period })}</p>
          <ExportButtons name={[ws, ...shown, period]} table={profileTable} />
        </>
      )}
    </>
  );
}
