/**
 * For the accommodation staff and planners: the monthly check (records of the month someone
 * should look at) and the yearly delivery to the federal statistic (WoBerichtsG), its summary
 * and the CSV file from the server.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  AGE_GROUP_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  NATIONALITY_LABELS,
  OPERATOR_KIND_LABELS,
  PROVISION_KIND_LABELS,
  SEX_LABELS,
} from "@core/accommodation/model.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { ViewCell, ViewTable } from "../../lib/view-table.ts";
import { SelectField } from "../../ui/SelectField.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { accommodationKeys, type FederalDelivery, type MonthlyCheck } from "./accommodation-api.ts";
import { formatDay, formatMonth } from "./months.ts";
import type { TableMeta } from "./statistic-tables.ts";
import { findingsTable } from "./list-tables.ts";
import { NotDone, ReopenForm } from "./ReopenForm.tsx";
import { TableFigure } from "./TableFigure.tsx";

export function CheckSection(props: {
  readonly workspace: string;
  readonly month: string;
  readonly meta: Omit<TableMeta, "title">;
}) {
  const { t, locale } = useI18n();
  const monthText = formatMonth(locale, props.month);
  const check = useQuery({
    queryKey: accommodationKeys.check(props.workspace, props.month),
    queryFn: () =>
      api<MonthlyCheck>(
        wsPath("/api/accommodation/check", props.workspace, { month: props.month }),
      ),
  });
  const caption = t("acc.checkCaption", { month: monthText });
  return (
    <section aria-labelledby="acc-check-title">
      <h2 id="acc-check-title">{t("acc.check")}</h2>
      <p className="note">{t("acc.checkIntro", { month: monthText })}</p>
      {check.isPending ? (
        <Loading />
      ) : check.isError ? (
        <ErrorState error={check.error} retry={() => void check.refetch()} />
      ) : check.data.findings.length === 0 ? (
        <Empty>{t("acc.checkNone", { month: monthText })}</Empty>
      ) : (
        <TableFigure
          id="acc-check-table"
          table={findingsTable({ ...props.meta, title: caption }, t, check.data.findings)}
          caption={caption}
          name={[props.workspace, "unterkuenfte", "monatspruefung", props.month]}
        />
      )}
    </section>
  );
}

export function FederalSection(props: {
  readonly workspace: string;
  /** The last year whose reference date (31 January) has passed. */
  readonly lastYear: number;
  readonly meta: Omit<TableMeta, "title">;
}) {
  const { t, locale } = useI18n();
  const [year, setYear] = useState(props.lastYear);
  const years = Array.from(
    { length: Math.max(1, props.lastYear - 2022 + 1) },
    (_, i) => props.lastYear - i,
  );
  const federal = useQuery({
    queryKey: accommodationKeys.federal(props.workspace, year),
    queryFn: () =>
      api<FederalDelivery>(
        wsPath("/api/accommodation/federal", props.workspace, { year: String(year) }),
      ),
  });
  const summaryTable = (): ViewTable | null => {
    if (!federal.data) return null;
    const s = federal.data.summary;
    const rows: ViewCell[][] = [
      [t("acc.federalPersons"), s.persons],
      [t("acc.households"), s.households],
      [t("acc.federalExcluded"), s.excludedAsylum],
    ];
    const add = (
      group: string,
      counts: Readonly<Record<string, number>>,
      labels?: Readonly<Record<string, string>>,
    ) => {
      for (const [k, v] of Object.entries(counts)) rows.push([`${group}: ${labels?.[k] ?? k}`, v]);
    };
    add(t("acc.sex"), s.bySex, SEX_LABELS);
    add(t("acc.age"), s.byAge, { ...AGE_GROUP_LABELS, under18: t("acc.under18") });
    add(t("acc.nationality"), s.byNationality, NATIONALITY_LABELS);
    add(t("acc.householdType"), s.byHouseholdType, HOUSEHOLD_TYPE_LABELS);
    add(t("acc.provision"), s.byProvision, PROVISION_KIND_LABELS);
    add(t("acc.operator"), s.byOperator, OPERATOR_KIND_LABELS);
    return {
      ...props.meta,
      title: t("acc.federalCaption", {
        year: String(year),
        date: formatDay(locale, s.referenceDate),
      }),
      columns: [{ label: t("acc.category") }, { label: t("acc.persons"), decimals: 0 }],
      rows,
      notes: s.notes,
    };
  };
  const table = summaryTable();
  return (
    <section aria-labelledby="acc-federal-title">
      <h2 id="acc-federal-title">{t("acc.federal")}</h2>
      <p className="note">{t("acc.federalIntro")}</p>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="acc-federal-year"
          label={t("acc.year")}
          value={String(year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          onChange={(v) => setYear(Number(v))}
        />
      </form>
      <p>
        <a
          href={wsPath("/api/accommodation/federal", props.workspace, {
            year: String(year),
            format: "csv",
          })}
          download
        >
          {t("acc.federalDownload", { year: String(year) })}
        </a>
      </p>
      {federal.data && (
        <DeliveryState workspace={props.workspace} year={year} delivery={federal.data.delivery} />
      )}
      {federal.isPending ? (
        <Loading />
      ) : federal.isError ? (
        <ErrorState error={federal.error} retry={() => void federal.refetch()} />
      ) : (
        table && (
          <TableFigure
            id="acc-federal-table"
            table={table}
            caption={table.title}
            name={[props.workspace, "wohnungslosenstatistik", String(year), "zusammenfassung"]}
          />
        )
      )}
    </section>
  );
}

/**
 * Whether the year's file is marked delivered, and the action: mark delivered, or reopen with a
 * reason (audited). A file delivered again after a reopening is a corrected delivery ("r"), with
 * the persons added, removed and changed against the one before.
 */
function DeliveryState(props: {
  readonly workspace: string;
  readonly year: number;
  readonly delivery: FederalDelivery["delivery"];
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const d = props.delivery;
  const year = String(props.year);
  const [reopening, setReopening] = useState(false);
  const [problems, setProblems] = useState<readonly string[]>([]);

  const sending = useMutation({
    mutationFn: (v: { action: "deliver" | "reopen"; body?: { reason: string } }) =>
      api(wsPath(`/api/accommodation/federal/${year}/${v.action}`, props.workspace), {
        method: "POST",
        ...(v.body ? { body: v.body } : {}),
      }),
    onMutate: () => setProblems([]),
    onSuccess: async () => {
      setReopening(false);
      await client.invalidateQueries({ queryKey: accommodationKeys.all(props.workspace) });
    },
    onError: (e) => setProblems(problemsOf(e)),
  });
  const busy = sending.isPending;
  const send = (action: "deliver" | "reopen", body?: { reason: string }) =>
    sending.mutate(body ? { action, body } : { action });

  const state =
    d.state === "open"
      ? t("acc.delivery.open", { year })
      : d.state === "reopened"
        ? t("acc.delivery.reopened", { year, date: formatDateTime(locale, d.reopenedAt!) })
        : d.revised
          ? t("acc.delivery.revised", {
              year,
              version: String(d.version),
              date: formatDateTime(locale, d.deliveredAt!),
            })
          : t("acc.delivery.delivered", { year, date: formatDateTime(locale, d.deliveredAt!) });
  const c = d.changes;
  return (
    <div className="acc-closing">
      <div
        className={`notice acc-closing-${d.state === "delivered" ? "closed" : d.state}`}
        role="note"
      >
        <p>
          <strong>{state}</strong>
        </p>
        {d.state === "reopened" && d.reason && (
          <p>
            {t("acc.closing.reason")}: {d.reason}
          </p>
        )}
        {c && (c.added.length > 0 || c.removed.length > 0 || c.changed.length > 0) && (
          <p>
            {t("acc.delivery.changes", {
              added: String(c.added.length),
              removed: String(c.removed.length),
              changed: String(c.changed.length),
            })}
          </p>
        )}
        {d.recordsDeletedOn && (
          <p>{t("acc.delivery.deleted", { date: formatDay(locale, d.recordsDeletedOn) })}</p>
        )}
      </div>
      <div className="acc-closing-actions">
        {d.state !== "delivered" ? (
          <button type="button" className="primary" disabled={busy} onClick={() => send("deliver")}>
            {t("acc.delivery.deliver", { year })}
          </button>
        ) : !reopening ? (
          <button
            type="button"
            disabled={busy || d.recordsDeletedOn !== null}
            onClick={() => {
              setReopening(true);
              setProblems([]);
            }}
          >
            {t("acc.delivery.reopen", { year })}
          </button>
        ) : (
          <ReopenForm
            invalid={problems.length > 0}
            busy={busy}
            onReasonMissing={(problem) => setProblems([problem])}
            onReopen={(reason) => send("reopen", { reason })}
            onCancel={() => setReopening(false)}
          />
        )}
        <NotDone problems={problems} />
      </div>
    </div>
  );
}
