/**
 * The comparison of a run with the previous edition (the current run of the period before,
 * as the server chooses; docs/methods/social-index.md, section 8) or a run chosen here:
 * which two editions are compared, by period, run and day; which areas changed their status
 * or dynamics class, in which direction — said in words, never only by an arrow or a
 * colour — how many stayed, and which areas are in only one of the two runs. Areas are
 * matched by code (ADR 0005).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import type { comparisonDto } from "@contracts/social-index.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { ViewTable } from "../../lib/view-table.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import {
  analysesKeys,
  type Comparison,
  type IndexRun,
  type RunSummary,
} from "./social-index-api.ts";
import { areasText } from "./BivariateLegend.tsx";
import { DataTable } from "../../ui/DataTable.tsx";

type Change = Comparison["changes"][number];
type Summary = Comparison["current"];

export function RunComparison({
  run,
  runs,
  workspace,
  runName,
  source,
  fileParts,
}: {
  readonly run: IndexRun;
  /** The index's runs, for the choice of the run to compare with. */
  readonly runs: readonly RunSummary[];
  readonly workspace: string;
  readonly runName: (r: RunSummary) => string;
  readonly source: string;
  readonly fileParts: readonly string[];
}) {
  const { t, locale } = useI18n();
  const [other, setOther] = useState<number | undefined>(undefined);
  const comparison = useQuery({
    queryKey: analysesKeys.comparison(workspace, run.id, other),
    queryFn: () =>
      api<z.infer<typeof comparisonDto>>(
        wsPath(`/api/analyses/runs/${run.id}/comparison`, workspace, {
          with: other === undefined ? undefined : String(other),
        }),
      ),
  });
  // Only runs on the same level can be compared.
  const candidates = runs.filter((r) => r.id !== run.id && r.level === run.level);

  const direction = (c: Change): string => {
    if (c.direction === 0) {
      return t(c.from === null ? "analyses.change.entered" : "analyses.change.left");
    }
    return t(`analyses.change.${c.dimension}.${c.direction === 1 ? "up" : "down"}` as const);
  };
  const noClass = t("analyses.change.noClass");

  const body = () => {
    if (comparison.isPending) return <Loading />;
    if (comparison.isError) {
      return <ErrorState error={comparison.error} retry={() => void comparison.refetch()} />;
    }
    const c = comparison.data.comparison;
    if (c === null) return <Empty>{t("analyses.comparison.none", { period: run.period })}</Empty>;
    const sameVersion = c.previous.version === c.current.version;
    const edition = (r: Summary) =>
      t(sameVersion ? "analyses.comparison.run" : "analyses.comparison.runVersion", {
        id: String(r.id),
        version: String(r.version),
        date: formatDate(locale, r.createdAt),
      });
    const editions = {
      from: c.previous.period,
      to: c.current.period,
      fromRun: edition(c.previous),
      toRun: edition(c.current),
    };
    const table: ViewTable = {
      title: t("analyses.comparison.title", editions),
      source,
      date: `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`,
      columns: [
        { label: t("atlas.area") },
        { label: t("atlas.areaCode") },
        { label: t("analyses.comparison.dimension") },
        { label: t("analyses.comparison.from") },
        { label: t("analyses.comparison.to") },
        { label: t("analyses.comparison.direction") },
      ],
      rows: c.changes.map((x) => [
        x.name,
        x.area,
        t(`analyses.dimension.${x.dimension}`),
        x.from ?? noClass,
        x.to ?? noClass,
        direction(x),
      ]),
      notes: [
        t("analyses.comparison.summary", {
          unchanged: areasText(t, c.unchanged),
          changes: String(c.changes.length),
        }),
        ...(c.onlyInPrevious.length > 0
          ? [`${t("analyses.comparison.onlyPrevious")}: ${c.onlyInPrevious.join(", ")}`]
          : []),
        ...(c.onlyInCurrent.length > 0
          ? [`${t("analyses.comparison.onlyCurrent")}: ${c.onlyInCurrent.join(", ")}`]
          : []),
      ],
    };
    return (
      <>
        <p className="comparison-editions">{t("analyses.comparison.between", editions)}</p>
        <p className="note">
          {c.basis === "previous_edition"
            ? t("analyses.comparison.rule", { period: c.current.period })
            : t("analyses.comparison.chosen")}
          {sameVersion
            ? ""
            : ` ${t("analyses.comparison.versions", {
                from: String(c.previous.version),
                to: String(c.current.version),
              })}`}
        </p>
        <ul className="comparison-counts">
          <li>
            {t("analyses.comparison.unchanged")}: {areasText(t, c.unchanged)}
          </li>
          <li>
            {t("analyses.comparison.changes")}: {c.changes.length}
          </li>
          <li>
            {t("analyses.comparison.onlyPrevious")}:{" "}
            {c.onlyInPrevious.length > 0 ? c.onlyInPrevious.join(", ") : t("analyses.none")}
          </li>
          <li>
            {t("analyses.comparison.onlyCurrent")}:{" "}
            {c.onlyInCurrent.length > 0 ? c.onlyInCurrent.join(", ") : t("analyses.none")}
          </li>
        </ul>
        {c.changes.length === 0 ? (
          <Empty>{t("analyses.comparison.noChanges")}</Empty>
        ) : (
          <>
            <DataTable table={table} caption={t("analyses.comparison.caption")} captionHidden />
            <ExportButtons name={[...fileParts, "vergleich"]} table={() => table} />
          </>
        )}
      </>
    );
  };

  return (
    <section aria-labelledby="run-comparison-title" className="run-comparison">
      <h3 id="run-comparison-title">{t("analyses.comparison")}</h3>
      {candidates.length > 0 && (
        <form className="controls" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            id="comparison-with"
            label={t("analyses.comparison.with")}
            value={other === undefined ? "" : String(other)}
            options={[
              { value: "", label: t("analyses.comparison.previous") },
              ...candidates.map((r) => ({ value: String(r.id), label: runName(r) })),
            ]}
            onChange={(v) => setOther(v === "" ? undefined : Number(v))}
            wide
          />
        </form>
      )}
      {body()}
    </section>
  );
}
