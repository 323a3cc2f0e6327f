/**
 * A table of cells as HTML: column heads with scope, the first column as row heads (unless the
 * table has none), numbers right-aligned. Every table of the app that shows a view table (the
 * small tables of the Analysen page, the tables behind a chart, the report's tables) is drawn
 * with it; `viewTableCells` turns a view table (web/src/lib/view-table.ts) into its cells, so
 * what the page shows is what the CSV and XLSX files hold.
 */
import type { ReactNode } from "react";
import { formatNumber } from "../lib/format.ts";
import type { ViewTable as ViewTableData } from "../lib/view-table.ts";

export interface TableCell {
  readonly text: ReactNode;
  /** A number: right-aligned. */
  readonly numeric: boolean;
}

/** The cells of a view table in the page's language: numbers with their column's decimals. */
export function viewTableCells(
  table: Pick<ViewTableData, "columns" | "rows">,
  locale: string,
): { heads: TableCell[]; rows: TableCell[][] } {
  return {
    heads: table.columns.map((c) => ({ text: c.label, numeric: c.decimals !== undefined })),
    rows: table.rows.map((row) =>
      row.map((cell, i) => {
        const decimals = table.columns[i]?.decimals;
        return {
          text: typeof cell === "number" ? formatNumber(locale, cell, decimals ?? 0) : (cell ?? ""),
          numeric: decimals !== undefined,
        };
      }),
    ),
  };
}

export function TableView(props: {
  readonly heads: readonly TableCell[];
  readonly rows: readonly (readonly TableCell[])[];
  /** False where the first column holds data, not the names of the rows. */
  readonly rowHeaders?: boolean;
  readonly caption?: ReactNode;
  readonly captionClassName?: string | undefined;
  readonly className?: string | undefined;
  /** The id of the element that names the table (a caption above its scrolling box). */
  readonly labelledBy?: string;
  /** A row to mark (e.g. the chosen k), with `aria-current`. */
  readonly currentRow?: number | undefined;
}) {
  const rowHeaders = props.rowHeaders ?? true;
  const num = (c: TableCell) => (c.numeric ? "num" : undefined);
  return (
    <table className={props.className} aria-labelledby={props.labelledBy}>
      {props.caption !== undefined && (
        <caption className={props.captionClassName}>{props.caption}</caption>
      )}
      <thead>
        <tr>
          {props.heads.map((c, i) => (
            <th key={i} scope="col" className={num(c)}>
              {c.text}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, r) => (
          <tr key={r} aria-current={r === props.currentRow ? "true" : undefined}>
            {row.map((cell, i) =>
              i === 0 && rowHeaders ? (
                <th key={i} scope="row" className={num(cell)}>
                  {cell.text}
                </th>
              ) : (
                <td key={i} className={num(cell)}>
                  {cell.text}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
