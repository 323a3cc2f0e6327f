/**
 * The atlas map's legend: each class with its colour and count of areas, then the withheld and
 * missing values, and the classification's notes below.
 */
import type { Classification } from "@core/classify/classify.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { legendTexts, NO_DATA_FILL } from "../../ui/map-style.ts";

export function AtlasLegend({
  classification,
  colours,
  decimals,
  areaCount,
}: {
  readonly classification: Classification;
  readonly colours: readonly string[];
  readonly decimals: number;
  readonly areaCount: (n: number) => string;
}) {
  const { t, locale } = useI18n();
  return (
    <>
      <h3 id="legend-title">{t("atlas.legend")}</h3>
      <ul className="legend" aria-labelledby="legend-title">
        {legendTexts(classification, decimals, locale).map((text, i) => (
          <li key={text}>
            <span className="swatch" style={{ background: colours[i] }} aria-hidden="true" />
            {text} ({areaCount(classification.counts[i] ?? 0)})
          </li>
        ))}
        {classification.withheld > 0 && (
          <li>
            <span className="swatch swatch-withheld" aria-hidden="true" />
            {t("value.withheld")} ({areaCount(classification.withheld)})
          </li>
        )}
        {classification.missing > 0 && (
          <li>
            <span className="swatch" style={{ background: NO_DATA_FILL }} aria-hidden="true" />
            {t("value.missing")} ({areaCount(classification.missing)})
          </li>
        )}
      </ul>
      {classification.notes.map((n) => (
        <p key={n.code} className="note">
          {n.message}
        </p>
      ))}
    </>
  );
}
