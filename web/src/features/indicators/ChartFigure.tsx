/**
 * A chart of the indicator analysis in its frame: heading, controls, the chart, its numbers as
 * a folded table with the marks of held values, and the export buttons.
 */
import { useRef, type ReactNode } from "react";
import { useI18n } from "../../lib/i18n.tsx";
import type { Mark } from "../../lib/marks.ts";
import type { ViewTable } from "../../lib/view-table.ts";
import { ChartExportButtons } from "../../ui/ExportButtons.tsx";
import { MarkedText, MarkLegend } from "../../ui/MarkedValue.tsx";
import { TableView, viewTableCells } from "../../ui/ViewTable.tsx";

/** The marks of a table's cells, row by row (null where a cell is no value). */
export type CellMarks = readonly (readonly (Mark | null | undefined)[])[];

/**
 * A chart with its heading, its numbers as a table (folded away) and its export buttons. The
 * picture exported is the chart's SVG, framed with the title, source and date.
 */
export function ChartFigure(props: {
  readonly id: string;
  readonly heading: string;
  readonly title: string;
  readonly source: string;
  readonly name: readonly (string | undefined)[];
  readonly table: ViewTable;
  /** The marks of the table's cells: a value under review is set apart on screen. */
  readonly marks?: CellMarks;
  readonly controls?: ReactNode;
  readonly note?: ReactNode;
  readonly children: ReactNode;
}) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const { table, marks } = props;
  const cells = viewTableCells(table, locale);
  return (
    <section aria-labelledby={`${props.id}-title`} className="chart-figure">
      <h4 id={`${props.id}-title`}>{props.heading}</h4>
      {props.controls}
      <div ref={box} className="chart-box">
        {props.children}
      </div>
      {props.note}
      <details>
        <summary>{t("indicators.tableOf")}</summary>
        <div className="scroll" role="region" aria-labelledby={`${props.id}-title`} tabIndex={0}>
          <TableView
            heads={cells.heads}
            rows={cells.rows.map((row, r) =>
              row.map((c, i) =>
                i === 0
                  ? c
                  : { ...c, text: <MarkedText text={String(c.text)} mark={marks?.[r]?.[i]} /> },
              ),
            )}
            caption={props.title}
            captionClassName="sr-only"
          />
        </div>
        <MarkLegend marks={(marks ?? []).flat()} />
      </details>
      <ChartExportButtons
        box={box}
        name={props.name}
        table={table}
        frame={{ title: props.title, source: props.source, date: table.date }}
        empty={t("indicators.noValues")}
      />
    </section>
  );
}
