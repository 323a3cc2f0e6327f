/**
 * A chart of the Unterkünfte page with its numbers as a table (folded away) and its exports:
 * the table as CSV and XLSX, the chart as SVG and PNG, framed with title, source and date.
 */
import { useRef, type ReactNode } from "react";
import { useI18n } from "../../lib/i18n.tsx";
import type { ViewTable } from "../../lib/view-table.ts";
import { ChartExportButtons } from "../../ui/ExportButtons.tsx";
import { DataTable } from "../../ui/DataTable.tsx";

export function ChartFigure(props: {
  readonly table: ViewTable;
  readonly name: readonly (string | undefined)[];
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const { table } = props;
  return (
    <div className="chart-figure">
      <div ref={box} className="chart-box">
        {props.children}
      </div>
      <details>
        <summary>{t("acc.tableOf")}</summary>
        <DataTable table={table} caption={table.title} />
      </details>
      <ChartExportButtons
        box={box}
        name={props.name}
        table={table}
        frame={table}
        empty={t("state.empty")}
      />
    </div>
  );
}
