/**
 * The export buttons of a view: its table as CSV and XLSX, its picture (map or chart) as SVG
 * and PNG. Every file carries the view's title, source and date. The XLSX writer is loaded on
 * the first click only. A failure is said next to the buttons, never swallowed.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type RefObject } from "react";
import { saveFile } from "../lib/download.ts";
import { useI18n } from "../lib/i18n.tsx";
import { elementSvg, svgPng, type FileMeta } from "../lib/svg-export.ts";
import { fileName, viewTableCsv, type ViewTable } from "../lib/view-table.ts";

export interface SvgFile {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export function ExportButtons(props: {
  /** Parts of the file name, e.g. workspace, indicator, level, period. */
  readonly name: readonly (string | undefined)[];
  /** The view's table; its title, source and date head the file. */
  readonly table?: () => ViewTable;
  /** "table" on a table view, "data" under a chart. */
  readonly tableWord?: "table" | "data";
  /** The view's picture as a framed SVG. */
  readonly svg?: () => SvgFile;
  /** A PNG made otherwise (the map canvas); by default the SVG drawn at twice its size. */
  readonly png?: () => Promise<Blob>;
  /** "map" or "chart", for the button texts. */
  readonly pictureWord?: "map" | "chart";
}) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const tableWord = t(props.tableWord === "data" ? "export.data" : "export.table");
  const pictureWord = t(props.pictureWord === "map" ? "export.map" : "export.chart");

  const making = useMutation({
    mutationFn: async (make: () => Promise<void> | void) => make(),
    onMutate: () => setError(null),
    onError: (e) => setError(`${t("export.failed")} ${e instanceof Error ? e.message : String(e)}`),
  });
  const busy = making.isPending;
  const run = making.mutate;

  const { table, svg, png } = props;
  return (
    <div className="buttons export">
      {table && (
        <>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(() =>
                saveFile(
                  fileName(props.name, "csv"),
                  "text/csv;charset=utf-8",
                  viewTableCsv(table(), locale),
                ),
              )
            }
          >
            {t("export.as", { what: tableWord, format: "CSV" })}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(async () => {
                const { viewTableXlsx } = await import("../lib/view-xlsx.ts");
                const bytes = await viewTableXlsx(table());
                saveFile(
                  fileName(props.name, "xlsx"),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  bytes,
                );
              })
            }
          >
            {t("export.as", { what: tableWord, format: "XLSX" })}
          </button>
        </>
      )}
      {svg && (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(() =>
              saveFile(fileName(props.name, "svg"), "image/svg+xml;charset=utf-8", svg().svg),
            )
          }
        >
          {t("export.as", { what: pictureWord, format: "SVG" })}
        </button>
      )}
      {(png || svg) && (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(async () => {
              const blob = png ? await png() : await svgPng(svg!());
              saveFile(fileName(props.name, "png"), "image/png", blob);
            })
          }
        >
          {t("export.as", { what: pictureWord, format: "PNG" })}
        </button>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}

export type { FileMeta };

/**
 * The exports under a chart: its numbers as CSV and XLSX, and the first SVG inside `box` as a
 * framed SVG or PNG (`frame`: title, source and date). Nothing drawn yet: `empty` is the error.
 */
export function ChartExportButtons(props: {
  readonly box: RefObject<HTMLDivElement | null>;
  readonly name: readonly (string | undefined)[];
  readonly table: ViewTable;
  readonly frame: FileMeta;
  readonly empty: string;
}) {
  return (
    <ExportButtons
      name={props.name}
      table={() => props.table}
      tableWord="data"
      pictureWord="chart"
      svg={() => {
        const svg = props.box.current?.querySelector("svg");
        if (!svg) throw new Error(props.empty);
        return elementSvg(svg, props.frame);
      }}
    />
  );
}
