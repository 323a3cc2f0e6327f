/**
 * The export of an analysis class map: the table of its areas (where given), the map as SVG
 * (drawn from the outlines with its fills, hatching and legend, framed with title, source and
 * date) and as PNG (the map canvas in `section`, with the same frame and legend).
 */
import type { RefObject } from "react";
import type { FeatureCollection } from "geojson";
import { AREA_OUTLINE, EXCLUDED_FILL } from "@core/figures/bivariate-colours.ts";
import { mapSvgMarkup, type LegendEntry } from "@core/figures/map-svg.ts";
import { mapPng } from "../../lib/download.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { frameSvg, type FileMeta } from "../../lib/svg-export.ts";
import type { ViewTable } from "../../lib/view-table.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";

export function MapExportButtons(props: {
  readonly name: readonly (string | undefined)[];
  readonly table?: () => ViewTable;
  readonly outlines: FeatureCollection | undefined;
  readonly fills: ReadonlyMap<string, string>;
  readonly hatched: ReadonlySet<string>;
  readonly legend: () => LegendEntry[];
  readonly meta: () => FileMeta;
  /** The element that holds the map's canvas. */
  readonly section: RefObject<HTMLElement | null>;
}) {
  const { t } = useI18n();
  const { outlines, fills, hatched, legend, meta } = props;
  return (
    <ExportButtons
      name={props.name}
      {...(props.table ? { table: props.table } : {})}
      pictureWord="map"
      svg={() => {
        if (!outlines) throw new Error(t("state.loading"));
        const drawing = mapSvgMarkup(
          outlines,
          fills,
          hatched,
          legend(),
          EXCLUDED_FILL,
          AREA_OUTLINE,
        );
        return frameSvg(drawing.markup, drawing, meta());
      }}
      png={() => {
        const canvas = props.section.current?.querySelector<HTMLCanvasElement>(".map canvas");
        if (!canvas) return Promise.reject(new Error(t("state.loading")));
        return mapPng(canvas, { ...meta(), legend: legend() });
      }}
    />
  );
}
