/**
 * The result of a run per area, as a sortable table: indices with two decimals, classes in
 * words, group, exclusion reason and every indicator value. Exports: the table as CSV and
 * XLSX (as shown, with title, source and date), and the server's files of the run — the CSV
 * with every computational step (z-values, sums) and the GeoJSON with the outlines.
 */
import { useMemo, useState } from "react";
import { wsPath } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { FileMeta } from "../../lib/svg-export.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import type { IndexRun } from "./social-index-api.ts";
import { sortAreas, type ResultColumn } from "./run-table.ts";

export function ResultTable({
  run,
  workspace,
  columns,
  meta,
  fileParts,
}: {
  readonly run: IndexRun;
  readonly workspace: string;
  readonly columns: readonly ResultColumn[];
  readonly meta: () => FileMeta;
  readonly fileParts: readonly string[];
}) {
  const { t, locale } = useI18n();
  const [sort, setSort] = useState<{ key: string; ascending: boolean }>({
    key: "statusIndex",
    ascending: false,
  });
  const sortColumn = columns.find((c) => c.key === sort.key) ?? columns[0]!;
  const rows = useMemo(
    () => sortAreas(run.areas, sortColumn, sort.ascending, locale),
    [run.areas, sortColumn, sort.ascending, locale],
  );
  const exportLink = (format: "csv" | "geojson") =>
    wsPath(`/api/analyses/runs/${run.id}/export`, workspace, { format });

  return (
    <section aria-labelledby="run-table-title" className="run-table">
      <h3 id="run-table-title">{t("analyses.table")}</h3>
      <ExportButtons
        name={[...fileParts, "tabelle"]}
        table={() => ({
          ...meta(),
          columns: columns.map((c) => ({
            label: c.label,
            ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
          })),
          rows: rows.map((a) => columns.map((c) => c.cell(a))),
          notes: [t("analyses.tableNote")],
        })}
      />
      <p className="server-exports">
        <a href={exportLink("csv")} download>
          {t("analyses.export.steps")}
        </a>
        <a href={exportLink("geojson")} download>
          {t("analyses.export.geojson")}
        </a>
      </p>
      <div
        className="scroll result-scroll"
        role="region"
        aria-label={t("analyses.tableCaption", { name: run.index.name, period: run.period })}
        tabIndex={0}
      >
        <table className="result-table">
          <caption className="sr-only">
            {t("analyses.tableCaption", { name: run.index.name, period: run.period })}
          </caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.decimals !== undefined ? "num" : undefined}
                  aria-sort={
                    sort.key === c.key ? (sort.ascending ? "ascending" : "descending") : "none"
                  }
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      setSort((s) => ({
                        key: c.key,
                        ascending: s.key === c.key ? !s.ascending : c.decimals === undefined,
                      }))
                    }
                  >
                    {c.label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.code} className={a.exclusion ? "excluded-row" : undefined}>
                {columns.map((c) => {
                  const cell = c.cell(a);
                  const text =
                    typeof cell === "number"
                      ? formatNumber(locale, cell, c.decimals ?? 0)
                      : (cell ?? "");
                  return c.header ? (
                    <th key={c.key} scope="row">
                      {text}
                    </th>
                  ) : (
                    <td key={c.key} className={c.decimals !== undefined ? "num" : undefined}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
