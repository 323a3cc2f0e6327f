/**
 * The method of a run as the run stored it (ADR 0005: a run shows the method as it was written
 * when it ran): the paragraphs, the indicators with direction, weight, mean and standard
 * deviation, the class rules with their counts, and the caution that a class is no verdict,
 * set apart so that nobody scrolls past it.
 */
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { ViewTable } from "../../lib/view-table.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import type { IndexRun } from "./social-index-api.ts";
import { DataTable } from "../../ui/DataTable.tsx";

export function MethodBlock({
  run,
  source,
  fileParts,
  nameOf,
}: {
  readonly run: IndexRun;
  /** The catalogue's name of an indicator (context indicators have no label of their own). */
  readonly nameOf: (code: string) => string | undefined;
  readonly source: string;
  readonly fileParts: readonly string[];
}) {
  const { t, locale } = useI18n();
  const { method } = run;
  const dimension = (d: "status" | "dynamics" | "context") => t(`analyses.dimension.${d}`);
  const indicatorTable: ViewTable = {
    title: `${method.title}: ${t("analyses.method.indicators")}`,
    source,
    date: `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`,
    columns: [
      { label: t("analyses.method.indicator") },
      { label: t("analyses.method.dimension") },
      { label: t("analyses.method.direction") },
      { label: t("analyses.method.weight"), decimals: 2 },
      { label: t("analyses.method.mean"), decimals: 2 },
      { label: t("analyses.method.sd"), decimals: 2 },
    ],
    rows: method.indicators.map((i) => [
      `${i.label !== i.code ? i.label : (nameOf(i.code) ?? i.code)} (${i.code})`,
      dimension(i.dimension),
      i.direction === "" ? "–" : i.direction,
      i.weight,
      i.mean,
      i.sd,
    ]),
  };
  const classTable: ViewTable = {
    title: `${method.title}: ${t("analyses.method.classes")}`,
    source,
    date: indicatorTable.date,
    columns: [
      { label: t("analyses.method.class") },
      { label: t("analyses.method.dimension") },
      { label: t("analyses.method.rule") },
      { label: t("analyses.method.areas"), decimals: 0 },
    ],
    rows: method.classes.map((c) => [c.label, dimension(c.dimension), c.rule, c.areas]),
  };
  return (
    <section aria-labelledby="run-method-title" className="method-block">
      <h3 id="run-method-title">{method.title}</h3>
      <div className="caution" role="note" aria-labelledby="caution-title">
        <p id="caution-title" className="caution-title">
          {t("analyses.caution")}
        </p>
        <p>{method.caution}</p>
      </div>
      {method.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <h4>{t("analyses.method.indicators")}</h4>
      <DataTable
        table={indicatorTable}
        caption={t("analyses.method.indicatorsCaption")}
        captionHidden
      />
      <h4>{t("analyses.method.classes")}</h4>
      <DataTable table={classTable} caption={t("analyses.method.classesCaption")} captionHidden />
      <ExportButtons
        name={[...fileParts, "methode"]}
        table={() => ({
          ...indicatorTable,
          notes: [
            ...method.classes.map(
              (c) => `${dimension(c.dimension)} ${c.label}: ${c.rule} (${c.areas})`,
            ),
            ...method.paragraphs,
            method.caution,
          ],
        })}
      />
    </section>
  );
}
