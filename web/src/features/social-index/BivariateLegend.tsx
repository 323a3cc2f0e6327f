/**
 * The legend of an index map. For status × dynamics, the matrix as a table: one row per status
 * class, one column per dynamics class, each cell in its colour with its group code and its
 * number of areas, so the legend reads without colour. For one dimension (or an index without
 * dynamics), a list of its classes. Excluded areas follow with their hatching and count.
 */
import { useI18n } from "../../lib/i18n.tsx";
import type { ClassBand } from "@core/social-index/definition.ts";
import type { LegendCell } from "@core/figures/bivariate-colours.ts";

export function areasText(t: ReturnType<typeof useI18n>["t"], n: number): string {
  return n === 1 ? t("analyses.oneArea") : t("atlas.areas", { n: String(n) });
}

export function BivariateLegend({
  cells,
  statusClasses,
  dynamicsClasses,
  dimension,
  excluded,
}: {
  readonly cells: readonly (readonly LegendCell[])[];
  readonly statusClasses: readonly ClassBand[];
  readonly dynamicsClasses: readonly ClassBand[];
  /** "groups" for the matrix; else the one dimension the cells stand for. */
  readonly dimension: "groups" | "status" | "dynamics";
  readonly excluded: number;
}) {
  const { t } = useI18n();
  const excludedItem = excluded > 0 && (
    <p className="legend-excluded">
      <span className="swatch swatch-excluded" aria-hidden="true" />
      {t("analyses.legend.excluded")} ({areasText(t, excluded)})
    </p>
  );
  const matrix = dimension === "groups" && cells.length > 0 && (cells[0]?.length ?? 0) > 1;
  if (!matrix) {
    const flat = cells.flat();
    const bands = dimension === "dynamics" ? dynamicsClasses : statusClasses;
    const name = t(dimension === "dynamics" ? "analyses.dynamics" : "analyses.status");
    return (
      <div className="index-legend">
        <ul className="legend" aria-label={`${t("atlas.legend")}: ${name}`}>
          {flat.map((c, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: c.fill }} aria-hidden="true" />
              {name} {bands[i]?.label ?? c.group} ({areasText(t, c.count)})
            </li>
          ))}
        </ul>
        {excludedItem}
      </div>
    );
  }
  return (
    <div className="index-legend">
      <table className="bivariate-legend">
        <caption>{t("analyses.legend.matrix")}</caption>
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={dynamicsClasses.length}>
              {t("analyses.dynamics")} →
            </th>
          </tr>
          <tr>
            <th scope="col">{t("analyses.status")} ↓</th>
            {dynamicsClasses.map((b) => (
              <th key={b.key} scope="col">
                {b.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((row, s) => (
            <tr key={s}>
              <th scope="row">{statusClasses[s]?.label ?? String(s + 1)}</th>
              {row.map((c) => (
                <td
                  key={c.group}
                  className="bivariate-cell"
                  data-count={c.count}
                  style={{ background: c.fill, color: c.text }}
                  title={t("analyses.legend.cell", {
                    status: statusClasses[c.status]?.label ?? "",
                    dynamics: dynamicsClasses[c.dynamics ?? 0]?.label ?? "",
                  })}
                >
                  <span className="cell-group">{c.group}</span>
                  <span className="cell-count">{areasText(t, c.count)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">{t("analyses.legend.reading")}</p>
      {excludedItem}
    </div>
  );
}
