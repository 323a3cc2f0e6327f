/**
 * Formelverlauf: every change of an indicator's sheet, newest first — when, who (for those
 * who edit sheets), the formula before and after, and which fields changed.
 */
import type { IndicatorDto } from "@contracts/indicators.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";

export function FormulaHistory({
  history,
}: {
  readonly history: IndicatorDto["sheet"]["history"];
}) {
  const { t, locale } = useI18n();
  const withActors = history.some((h) => h.actor !== null);
  return (
    <section aria-labelledby="formula-history-title" className="formula-history">
      <h3 id="formula-history-title">{t("indicators.history.title")}</h3>
      {history.length === 0 ? (
        <p className="note">{t("indicators.history.none")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("indicators.history.when")}</th>
              {withActors && <th scope="col">{t("indicators.history.who")}</th>}
              <th scope="col">{t("indicators.history.formula")}</th>
              <th scope="col">{t("indicators.history.changed")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={`${h.at}-${i}`}>
                <td>{formatDateTime(locale, h.at)}</td>
                {withActors && <td>{h.actor ?? ""}</td>}
                <td>
                  {h.formulaBefore === h.formulaAfter ? (
                    h.formulaAfter
                  ) : (
                    <>
                      <del>{h.formulaBefore}</del> → <ins>{h.formulaAfter}</ins>
                    </>
                  )}
                </td>
                <td>{h.changed.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
