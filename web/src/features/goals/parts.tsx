/**
 * Parts every page of Ziele & Maßnahmen shares: the "Beispieldaten" label, the source and date
 * every table and chart carries, a chart with its numbers (folded) and its exports, and a table
 * with its exports. What a page shows is what its CSV, XLSX, SVG and PNG files hold.
 */
import { useRef, type ReactNode } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import type { ViewTable } from "../../lib/view-table.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ChartExportButtons, ExportButtons } from "../../ui/ExportButtons.tsx";
import type { TableMeta } from "./goals-view.ts";

/** Invented example data say so on every page that shows them. */
export function ExampleLabel({ example }: { readonly example: boolean }) {
  const { t } = useI18n();
  if (!example) return null;
  return (
    <div className="notice goals-example" role="note">
      <p>
        <strong>{t("goals.example")}</strong> {t("goals.exampleText")}
      </p>
    </div>
  );
}

/** Source and date of the page's tables and charts. */
export function useTableMeta(): TableMeta {
  const { t, locale } = useI18n();
  const { membership } = useWorkspace();
  return {
    source: t("goals.source", { workspace: membership.name }),
    date: `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`,
  };
}

export function ChartFigure(props: {
  readonly table: ViewTable;
  readonly name: readonly (string | undefined)[];
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  return (
    <div className="chart-figure">
      <div ref={box} className="chart-box">
        {props.children}
      </div>
      <details>
        <summary>{t("goals.tableOf")}</summary>
        <DataTable table={props.table} caption={props.table.title} />
      </details>
      <ExportNotes notes={props.table.notes} />
      <ChartExportButtons
        box={box}
        name={props.name}
        table={props.table}
        frame={props.table}
        empty={t("state.empty")}
      />
    </div>
  );
}

function ExportNotes({ notes }: { readonly notes: readonly string[] | undefined }) {
  if (!notes || notes.length === 0) return null;
  return (
    <ul className="note plain">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

export function TableFigure(props: {
  readonly table: ViewTable;
  readonly name: readonly (string | undefined)[];
  /** The caption for screen readers only (a heading above says the same). */
  readonly captionHidden?: boolean;
}) {
  return (
    <div className="goals-table">
      <DataTable
        table={props.table}
        caption={props.table.title}
        captionHidden={props.captionHidden ?? false}
      />
      <ExportNotes notes={props.table.notes} />
      <ExportButtons name={props.name} table={() => props.table} />
    </div>
  );
}
