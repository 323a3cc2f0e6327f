/**
 * The profiles of the area types: per type its colour, its areas and a table of its indicators
 * (mean, city, z), and all profiles as one file.
 */
import { formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { FileMeta } from "../../lib/svg-export.ts";
import type { ViewTable } from "../../lib/view-table.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import type { TypologyResult } from "./social-index-api.ts";
import { areasText } from "./BivariateLegend.tsx";
import { typeColour } from "@core/figures/bivariate-colours.ts";
import { DataTable } from "../../ui/DataTable.tsx";

export function TypeProfiles({
  result,
  title,
  meta,
  fileParts,
  nameOf,
  decimalsOf,
}: {
  readonly result: TypologyResult;
  readonly title: string;
  readonly meta: () => FileMeta;
  readonly fileParts: readonly string[];
  readonly nameOf: (code: string) => string;
  readonly decimalsOf: (code: string) => number;
}) {
  const { t, locale } = useI18n();
  const profileTable = (ty: TypologyResult["types"][number]): ViewTable => ({
    ...meta(),
    title: `${title}: ${t("analyses.typology.type", { n: String(ty.type) })}`,
    columns: [
      { label: t("analyses.method.indicator") },
      // Formatted with each indicator's own decimals (numeric columns, for the alignment).
      { label: t("analyses.typology.mean"), decimals: 1 },
      { label: t("atlas.city"), decimals: 1 },
      { label: t("analyses.typology.z"), decimals: 2 },
    ],
    rows: ty.profile.map((p) => [
      nameOf(p.indicator),
      formatNumber(locale, p.mean, decimalsOf(p.indicator)),
      p.city === null ? "–" : formatNumber(locale, p.city, decimalsOf(p.indicator)),
      p.z,
    ]),
  });
  return (
    <>
      <h3>{t("analyses.typology.profiles")}</h3>
      <p className="note">{t("analyses.typology.profileHelp")}</p>
      <div className="profiles">
        {result.types.map((ty) => (
          <section key={ty.type} aria-labelledby={`type-${ty.type}`} className="type-profile">
            <h4 id={`type-${ty.type}`}>
              <span
                className="swatch"
                style={{ background: typeColour(ty.type) }}
                aria-hidden="true"
              />{" "}
              {t("analyses.typology.type", { n: String(ty.type) })}: {areasText(t, ty.areas)}
            </h4>
            <p className="type-areas">
              {result.areas
                .filter((a) => a.type === ty.type)
                .map((a) => a.name)
                .join(", ")}
            </p>
            <DataTable
              table={profileTable(ty)}
              caption={t("analyses.typology.profileOf", { n: String(ty.type) })}
              captionHidden
            />
          </section>
        ))}
      </div>
      <ExportButtons
        name={[...fileParts, "profile"]}
        table={() => ({
          ...meta(),
          title: `${title}: ${t("analyses.typology.profiles")}`,
          columns: [
            { label: t("analyses.typology.typeColumn"), decimals: 0 },
            { label: t("analyses.method.indicator") },
            { label: t("analyses.typology.mean"), decimals: 2 },
            { label: t("atlas.city"), decimals: 2 },
            { label: t("analyses.typology.z"), decimals: 2 },
          ],
          rows: result.types.flatMap((ty) =>
            ty.profile.map((p) => [ty.type, nameOf(p.indicator), p.mean, p.city, p.z]),
          ),
        })}
      />
    </>
  );
}
