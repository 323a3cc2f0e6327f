/**
 * A view table (web/src/lib/view-table.ts) as an HTML table: a caption, column heads with
 * scope, the first column as row heads, numbers right-aligned in the page's language. The
 * small tables of the Analysen page (method, comparison, silhouettes, type profiles) are
 * drawn with it, so what the page shows is what their CSV and XLSX files hold.
 */
import { formatNumber } from "../lib/format.ts";
import { useI18n } from "../lib/i18n.tsx";
import type { ViewTable } from "../lib/view-table.ts";

export function DataTable({
  table,
  caption,
  captionHidden = false,
  highlightRow,
  narrow = false,
}: {
  readonly table: Pick<ViewTable, "columns" | "rows">;
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
      <table className={narrow ? "data-table narrow" : "data-table"}>
        <caption className={captionHidden ? "sr-only" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col" className={c.decimals !== undefined ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} aria-current={r === highlightRow ? "true" : undefined}>
              {row.map((cell, i) => {
                const decimals = table.columns[i]?.decimals;
                const text =
                  typeof cell === "number"
                    ? formatNumber(locale, cell, decimals ?? 0)
                    : (cell ?? "");
                return i === 0 ? (
                  <th key={i} scope="row">
                    {text}
                  </th>
                ) : (
                  <td key={i} className={decimals !== undefined ? "num" : undefined}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
