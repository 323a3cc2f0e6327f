/**
 * A view table (web/src/lib/view-table.ts) as an HTML table: a caption, column heads with
 * scope, the first column as row heads, numbers right-aligned in the page's language. The
 * small tables of the Analysen page (method, comparison, silhouettes, type profiles) are
 * drawn with it, so what the page shows is what their CSV and XLSX files hold.
 */
import { useI18n } from "../lib/i18n.tsx";
import type { ViewTable as ViewTableData } from "../lib/view-table.ts";
import { TableView, viewTableCells } from "./ViewTable.tsx";

export function DataTable({
  table,
  caption,
  captionHidden = false,
  highlightRow,
  narrow = false,
}: {
  readonly table: Pick<ViewTableData, "columns" | "rows">;
  readonly caption: string;
  /** The caption for screen readers only (a heading above says the same). */
  readonly captionHidden?: boolean;
  /** A row to mark (e.g. the chosen k), with `aria-current`. */
  readonly highlightRow?: number;
  /** As wide as its content (a short table of two columns). */
  readonly narrow?: boolean;
}) {
  const { locale } = useI18n();
  return (
    <div className="scroll" role="region" aria-label={caption} tabIndex={0}>
      <TableView
        {...viewTableCells(table, locale)}
        className={narrow ? "data-table narrow" : "data-table"}
        caption={caption}
        captionClassName={captionHidden ? "sr-only" : undefined}
        currentRow={highlightRow}
      />
    </div>
  );
}
