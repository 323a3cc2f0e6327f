/**
 * Area types: the areas of one level clustered on two or more chosen indicators (k-means with
 * a fixed seed, or Ward), k chosen by the planner or by the best mean silhouette width, which
 * is shown for every k to help the choice. Each type is described by its mean profile against
 * the city (the mean, the city's value and the mean z-value of each indicator) and mapped in
 * categorical colours; areas left out are hatched and named with their reason. Method and
 * limits: docs/methods/typology.md. Like index classes, types call for attention, not verdicts.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo, useRef, useState, type FormEvent } from "react";
import type { PeriodDto } from "@contracts/data.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { MapExportButtons } from "./MapExportButtons.tsx";
import { TypeProfiles } from "./TypeProfiles.tsx";
import { LevelPeriodFields } from "./LevelPeriodFields.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import type { FileMeta } from "../../lib/svg-export.ts";
import type { ViewTable } from "../../lib/view-table.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import { SelectField, type SelectOption } from "../../ui/SelectField.tsx";
import { Loading } from "../../ui/states.tsx";
import type { LegendEntry } from "@core/figures/map-svg.ts";
import { analysesKeys, type TypologyRequest, type TypologyResult } from "./social-index-api.ts";
import { useLevelOutlines } from "../../lib/catalogue-queries.ts";
import { AnalysisMap } from "./AnalysisMap.tsx";
import { areasText } from "./BivariateLegend.tsx";
import { EXCLUDED_FILL, typeColour } from "@core/figures/bivariate-colours.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { TextField } from "../../ui/TextField.tsx";

const K_CHOICES = ["", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

export function TypologySection({
  workspace,
  workspaceName,
  indicators,
  levels,
  periods,
}: {
  readonly workspace: string;
  readonly workspaceName: string;
  readonly indicators: readonly IndicatorDto[];
  readonly levels: readonly SelectOption[];
  readonly periods: readonly PeriodDto[];
}) {
  const { t, locale } = useI18n();
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [method, setMethod] = useState<"kmeans" | "ward">("kmeans");
  const [k, setK] = useState("");
  const [seed, setSeed] = useState("1");
  const [level, setLevel] = useState("");
  const [period, setPeriod] = useState("");
  const [request, setRequest] = useState<TypologyRequest | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);

  const typology = useQuery({
    queryKey: analysesKeys.typology(workspace, request ?? { indicators: [] }),
    enabled: request !== null,
    retry: false,
    staleTime: Infinity,
    queryFn: () =>
      api<TypologyResult>(wsPath("/api/analyses/typology", workspace), {
        method: "POST",
        body: request,
      }),
  });
  const result = typology.data;
  const outlines = useLevelOutlines(workspace, result?.level);

  const nameOf = (code: string) => indicators.find((i) => i.code === code)?.name ?? code;
  const decimalsOf = (code: string) => indicators.find((i) => i.code === code)?.decimals ?? 2;
  const levelName = (c: string) => levels.find((l) => l.value === c)?.label ?? c;

  const fills = useMemo(
    () =>
      new Map(
        (result?.areas ?? []).map((a) => [
          a.code,
          a.type === null ? EXCLUDED_FILL : typeColour(a.type),
        ]),
      ),
    [result],
  );
  const hatched = useMemo(
    () => new Set((result?.areas ?? []).filter((a) => a.type === null).map((a) => a.code)),
    [result],
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (chosen.length < 2) {
      setFormError(t("analyses.typology.tooFew"));
      return;
    }
    const seedNumber = Number(seed);
    if (method === "kmeans" && !(Number.isInteger(seedNumber) && seedNumber >= 0)) {
      setFormError(t("analyses.typology.badSeed", { text: seed }));
      return;
    }
    setFormError(null);
    setRequest({
      indicators: [...chosen],
      method,
      ...(k !== "" ? { k: Number(k) } : {}),
      ...(method === "kmeans" ? { seed: seedNumber } : {}),
      ...(level !== "" ? { level } : {}),
      ...(period !== "" ? { period } : {}),
    });
  }

  const date = () => `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`;
  const source = `${t("indicators.source")}: ${workspaceName}; ${t("analyses.typology.source")}`;
  const title = result
    ? t("analyses.typology.title", {
        k: String(result.k),
        method: t(`analyses.typology.short.${result.method}`),
        level: levelName(result.level),
        period: result.period,
      })
    : "";
  const meta = (): FileMeta => ({ title, source, date: date() });
  const fileParts = result
    ? [workspace, "typen", result.method, `k${result.k}`, result.level, result.period]
    : [];

  const legendEntries = (): LegendEntry[] => {
    if (!result) return [];
    return [
      ...result.types.map((ty) => ({
        colour: typeColour(ty.type),
        text: `${t("analyses.typology.type", { n: String(ty.type) })} (${areasText(t, ty.areas)})`,
      })),
      ...(hatched.size > 0
        ? [
            {
              colour: EXCLUDED_FILL,
              text: `${t("analyses.legend.excluded")} (${areasText(t, hatched.size)})`,
              hatched: true,
            },
          ]
        : []),
    ];
  };

  const silhouetteTable: ViewTable | null = result
    ? {
        ...meta(),
        title: `${title}: ${t("analyses.typology.silhouettes")}`,
        columns: [
          { label: t("analyses.typology.k"), decimals: 0 },
          { label: t("analyses.typology.width"), decimals: 3 },
        ],
        rows: result.silhouettes.map((s) => [s.k, s.width]),
        notes: [t("analyses.typology.silhouetteHelp")],
      }
    : null;
  const areaTable: ViewTable | null = result
    ? {
        ...meta(),
        columns: [
          { label: t("atlas.area") },
          { label: t("atlas.areaCode") },
          { label: t("analyses.typology.typeColumn"), decimals: 0 },
          { label: t("analyses.exclusion") },
        ],
        rows: result.areas.map((a) => [a.name, a.code, a.type, a.reason]),
        notes: result.types.flatMap((ty) =>
          ty.profile.map(
            (p) =>
              `${t("analyses.typology.type", { n: String(ty.type) })}, ${nameOf(p.indicator)}: ${formatNumber(locale, p.mean, decimalsOf(p.indicator))} (${t("atlas.city")} ${p.city === null ? "–" : formatNumber(locale, p.city, decimalsOf(p.indicator))}, z ${formatNumber(locale, p.z, 2)})`,
          ),
        ),
      }
    : null;

  return (
    <section ref={section} aria-labelledby="typology-title" className="typology">
      <h2 id="typology-title">{t("analyses.typology")}</h2>
      <p className="note">{t("analyses.typology.intro")}</p>
      <form className="typology-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("analyses.typology.indicators")}</legend>
          <ul className="checks">
            {indicators.map((i) => (
              <li key={i.code}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(i.code)}
                    onChange={(e) =>
                      setChosen((c) =>
                        e.target.checked ? [...c, i.code] : c.filter((x) => x !== i.code),
                      )
                    }
                  />
                  {i.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="controls">
          <SelectField
            id="typology-method"
            label={t("analyses.typology.method")}
            value={method}
            options={[
              { value: "kmeans", label: t("analyses.typology.kmeans") },
              { value: "ward", label: t("analyses.typology.ward") },
            ]}
            onChange={(v) => setMethod(v === "ward" ? "ward" : "kmeans")}
            wide
          />
          <SelectField
            id="typology-k"
            label={t("analyses.typology.k")}
            value={k}
            options={K_CHOICES.map((x) => ({
              value: x,
              label: x === "" ? t("analyses.typology.auto") : x,
            }))}
            onChange={setK}
            wide
          />
          {method === "kmeans" && (
            <TextField
              id="typology-seed"
              label={t("analyses.typology.seed")}
              type="text"
              inputMode="numeric"
              className="narrow-input"
              value={seed}
              onChange={setSeed}
            />
          )}
          <LevelPeriodFields
            prefix="typology"
            levels={levels}
            level={level}
            onLevel={setLevel}
            periods={periods}
            period={period}
            onPeriod={setPeriod}
          />
          <div className="control control-end">
            <button type="submit" className="primary" disabled={typology.isFetching}>
              {t("analyses.typology.start")}
            </button>
          </div>
        </div>
        {formError && (
          <p role="alert" className="form-error">
            {formError}
          </p>
        )}
      </form>

      {typology.isFetching && <Loading />}
      {typology.isError && (
        <div role="alert" className="problems">
          <p className="form-error">{t("analyses.typology.failed")}</p>
          <ul>
            {problemsOf(typology.error).map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {result && silhouetteTable && areaTable && (
        <>
          <p role="status" className="typology-summary">
            {t("analyses.typology.summary", {
              k: String(result.k),
              n: String(result.areas.filter((a) => a.type !== null).length),
              left: String(hatched.size),
              chosen: t(
                request?.k === undefined ? "analyses.typology.byBest" : "analyses.typology.byYou",
              ),
            })}
          </p>
          <h3 id="typology-silhouettes">{t("analyses.typology.silhouettes")}</h3>
          <p className="note">{t("analyses.typology.silhouetteHelp")}</p>
          <DataTable
            table={{
              columns: silhouetteTable.columns,
              rows: silhouetteTable.rows.map((row) => [
                `k = ${String(row[0])}${row[0] === result.k ? ` (${t("analyses.typology.chosen")})` : ""}`,
                row[1] ?? null,
              ]),
            }}
            caption={t("analyses.typology.silhouettes")}
            captionHidden
            highlightRow={result.silhouettes.findIndex((s) => s.k === result.k)}
            narrow
          />
          <ExportButtons name={[...fileParts, "silhouette"]} table={() => silhouetteTable} />

          <h3 id="typology-map-title">{title}</h3>
          <div className="atlas">
            <AnalysisMap
              workspace={workspace}
              level={result.level}
              fills={fills}
              hatched={hatched}
              label={t("analyses.typology.mapLabel", { title })}
              drawnKey={`typology|${result.method}|${result.k}|${result.level}|${result.period}|${result.types.length}`}
            />
            <div>
              <ul className="legend" aria-label={t("analyses.typology.legend")}>
                {result.types.map((ty) => (
                  <li key={ty.type}>
                    <span
                      className="swatch"
                      style={{ background: typeColour(ty.type) }}
                      aria-hidden="true"
                    />
                    {t("analyses.typology.type", { n: String(ty.type) })} ({areasText(t, ty.areas)})
                  </li>
                ))}
                {hatched.size > 0 && (
                  <li>
                    <span className="swatch swatch-excluded" aria-hidden="true" />
                    {t("analyses.legend.excluded")} ({areasText(t, hatched.size)})
                  </li>
                )}
              </ul>
              <MapExportButtons
                name={[...fileParts, "karte"]}
                table={() => areaTable}
                outlines={outlines.data}
                fills={fills}
                hatched={hatched}
                legend={legendEntries}
                meta={meta}
                section={section}
              />
            </div>
          </div>

          <TypeProfiles
            result={result}
            title={title}
            meta={meta}
            fileParts={fileParts}
            nameOf={nameOf}
            decimalsOf={decimalsOf}
          />
          {hatched.size > 0 && (
            <>
              <h3 id="typology-left-out">{t("analyses.typology.leftOut")}</h3>
              <ul aria-labelledby="typology-left-out">
                {result.areas
                  .filter((a) => a.type === null)
                  .map((a) => (
                    <li key={a.code}>
                      {a.name} ({a.code}): {a.reason ?? "–"}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
