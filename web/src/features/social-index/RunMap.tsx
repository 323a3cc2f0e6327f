/**
 * The class map of an index run: every area coloured by its status × dynamics group (or by
 * one dimension), the legend as a matrix with the count of each cell, the excluded areas
 * hatched and listed with their reason, and the map as SVG and PNG with legend, title, source
 * and date. Colours from bivariate-colours.ts (neutral, stigma-aware, 3:1 outlines).
 */
import { useMemo, useRef, useState } from "react";
import { MapExportButtons } from "./MapExportButtons.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import type { FileMeta } from "../../lib/svg-export.ts";
import { SelectField } from "../../ui/SelectField.tsx";
import type { LegendEntry } from "@core/figures/map-svg.ts";
import type { IndexRun } from "./social-index-api.ts";
import { useLevelOutlines } from "../../lib/catalogue-queries.ts";
import { AnalysisMap } from "./AnalysisMap.tsx";
import { areasText, BivariateLegend } from "./BivariateLegend.tsx";
import {
  EXCLUDED_FILL,
  areaFills,
  legendCells,
  type ColourMode,
} from "@core/figures/bivariate-colours.ts";
import { exclusionText, type ResultTexts } from "./run-table.ts";

export function RunMap({
  run,
  workspace,
  levelName,
  texts,
  meta,
  fileParts,
}: {
  readonly run: IndexRun;
  readonly workspace: string;
  readonly levelName: string;
  readonly texts: ResultTexts;
  /** Title, source and date of the exported files (the title without the colouring). */
  readonly meta: () => FileMeta;
  readonly fileParts: readonly string[];
}) {
  const { t } = useI18n();
  const definition = run.index.definition;
  const statusBands = definition.statusClasses ?? [];
  const dynamicsBands = definition.dynamicsClasses ?? [];
  const hasDynamics = definition.dynamics.length > 0;
  const [chosenMode, setMode] = useState<ColourMode>("groups");
  const mode: ColourMode = hasDynamics ? chosenMode : "status";
  const [selected, setSelected] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const outlines = useLevelOutlines(workspace, run.level);

  const fills = useMemo(
    () => areaFills(run.areas, mode, statusBands.length, dynamicsBands.length),
    [run.areas, mode, statusBands.length, dynamicsBands.length],
  );
  const excluded = useMemo(
    () => run.areas.filter((a) => a.exclusion !== null || a.status === null),
    [run.areas],
  );
  const hatched = useMemo(() => new Set(excluded.map((a) => a.code)), [excluded]);
  const cells = useMemo(
    () => legendCells(run.areas, mode, statusBands.length, dynamicsBands.length),
    [run.areas, mode, statusBands.length, dynamicsBands.length],
  );

  const modeName = t(`analyses.mode.${mode}`);
  const title = `${run.index.name}: ${modeName}, ${levelName} ${run.period}`;
  const chosen = run.areas.find((a) => a.code === selected);

  /** The legend of the exported map: one line per cell (group, classes, count), then excluded. */
  const legendEntries = (): LegendEntry[] => [
    ...cells.flat().map((c) => {
      const status = statusBands[c.status]?.label ?? "";
      const dynamics = dynamicsBands[c.dynamics ?? 0]?.label ?? "";
      const text =
        mode === "groups" && hasDynamics
          ? `${c.group}: ${status} / ${dynamics}`
          : mode === "dynamics"
            ? `${t("analyses.dynamics")} ${dynamics}`
            : `${t("analyses.status")} ${status}`;
      return { colour: c.fill, text: `${text} (${areasText(t, c.count)})` };
    }),
    ...(excluded.length > 0
      ? [
          {
            colour: EXCLUDED_FILL,
            text: `${t("analyses.legend.excluded")} (${areasText(t, excluded.length)})`,
            hatched: true,
          },
        ]
      : []),
  ];
  const fileMeta = (): FileMeta => ({ ...meta(), title });

  return (
    <section ref={section} aria-labelledby="run-map-title" className="run-map">
      <h3 id="run-map-title">{title}</h3>
      {hasDynamics && (
        <form className="controls" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            id="run-colour-mode"
            label={t("analyses.mode")}
            value={mode}
            options={(["groups", "status", "dynamics"] as const).map((m) => ({
              value: m,
              label: t(`analyses.mode.${m}`),
            }))}
            onChange={(v) => setMode(v as ColourMode)}
            wide
          />
        </form>
      )}
      <div className="atlas">
        <div>
          <AnalysisMap
            workspace={workspace}
            level={run.level}
            fills={fills}
            hatched={hatched}
            label={t("analyses.mapLabel", { name: run.index.name, period: run.period })}
            drawnKey={`run-${run.id}|${mode}`}
            onSelect={setSelected}
          />
          <div aria-live="polite" className="selection">
            {chosen && (
              <p>
                <strong>{chosen.name}</strong>:{" "}
                {chosen.status
                  ? [
                      `${t("analyses.status")} ${chosen.status.classLabel}`,
                      ...(chosen.dynamics
                        ? [`${t("analyses.dynamics")} ${chosen.dynamics.classLabel}`]
                        : []),
                      ...(chosen.group ? [`${t("analyses.group")} ${chosen.group}`] : []),
                    ].join(" · ")
                  : exclusionText(chosen, texts)}
              </p>
            )}
          </div>
        </div>
        <div>
          <BivariateLegend
            cells={cells}
            statusClasses={statusBands}
            dynamicsClasses={dynamicsBands}
            dimension={mode}
            excluded={excluded.length}
          />
          {excluded.length > 0 && (
            <>
              <h4 id="excluded-title">{t("analyses.excludedAreas")}</h4>
              <ul aria-labelledby="excluded-title" className="excluded-list">
                {excluded.map((a) => (
                  <li key={a.code}>
                    <strong>{a.name}</strong> ({a.code}): {exclusionText(a, texts)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <MapExportButtons
            name={[...fileParts, mode === "groups" ? "karte" : `karte-${mode}`]}
            outlines={outlines.data}
            fills={fills}
            hatched={hatched}
            legend={legendEntries}
            meta={fileMeta}
            section={section}
          />
        </div>
      </div>
    </section>
  );
}
