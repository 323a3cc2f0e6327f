/**
 * Monatsabschluss: whether the month shown is closed, and for the accommodation staff and
 * planners the action that closes it — or reopens it, with a reason that goes to the audit
 * log. A month closed again after a reopening is revised: its changed figures carry `r`
 * (markValue, src/core/marks/value-mark.ts) and the changes against the version reported
 * before are listed. Everyone else sees the state and the changes among published cells.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { FLAG, markValue } from "@core/marks/value-mark.ts";
import { known } from "@core/value.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { ViewTable } from "../../lib/view-table.ts";
import { accommodationKeys, type OccupancyStatistic } from "./accommodation-api.ts";
import { formatMonth } from "./months.ts";
import type { TableMeta } from "./statistic-tables.ts";
import { NotDone, ReopenForm } from "./ReopenForm.tsx";
import { TableFigure } from "./TableFigure.tsx";

export type MonthClosing = OccupancyStatistic["closing"];
export type FigureChange = MonthClosing["changes"][number];

/** Decimals of a figure as the change list shows it (the rate in percent). */
function changeDecimals(figure: string): number {
  return figure === "occupancyRate" || figure === "meanLengthOfStay" ? 1 : 0;
}

/** A value of the change list in the reader's format: "." when withheld, the rate in %. */
export function changeValueText(locale: string, figure: string, value: number | null): string {
  if (value === null) return ".";
  const v = figure === "occupancyRate" ? value * 100 : value;
  const text = formatNumber(locale, v, changeDecimals(figure));
  return figure === "occupancyRate" ? `${text} %` : text;
}

/** The letters after a revised value (`r`), decided by the one mark function. */
export function revisedLetters(decimals: number, planning: boolean): string {
  const marked = markValue(known(1), FLAG.REVISED, {
    audience: planning ? "planning" : "internal",
    reviewInPublic: "provisional",
    decimals,
  });
  return marked.letters.join(" ");
}

/** The change list as a table: unit, figure, as reported, now (with `r` when revised). */
export function changesTable(
  meta: TableMeta,
  t: ReturnType<typeof useI18n>["t"],
  locale: string,
  closing: MonthClosing,
  planning: boolean,
): ViewTable {
  const letter = revisedLetters(0, planning);
  const reported = closing.comparedWith
    ? t("acc.closing.reportedVersion", {
        version: String(closing.comparedWith.version),
        date: formatDateTime(locale, closing.comparedWith.closedAt),
      })
    : t("acc.closing.reported");
  return {
    ...meta,
    columns: [
      { label: t("acc.closing.unit") },
      { label: t("acc.figure") },
      { label: reported },
      { label: closing.revised ? t("acc.closing.revisedValue") : t("acc.closing.now") },
    ],
    rows: closing.changes.map((c) => {
      const after = changeValueText(locale, c.figure, c.after);
      return [
        c.unitName,
        c.label,
        changeValueText(locale, c.figure, c.before),
        closing.revised && c.after !== null ? `${after} ${letter}` : after,
      ];
    }),
    notes: closing.revised ? [t("acc.closing.legend")] : [],
  };
}

export function ClosingSection(props: {
  readonly workspace: string;
  readonly statistic: OccupancyStatistic;
  /** The accommodation staff and planners: they close and reopen. */
  readonly mayClose: boolean;
  readonly meta: Omit<TableMeta, "title">;
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const s = props.statistic;
  const c = s.closing;
  const monthText = formatMonth(locale, s.month);
  const [reopening, setReopening] = useState(false);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const sending = useMutation({
    mutationFn: (v: { action: "close" | "reopen"; body?: { reason: string } }) =>
      api(wsPath(`/api/accommodation/months/${s.month}/${v.action}`, props.workspace), {
        method: "POST",
        ...(v.body ? { body: v.body } : {}),
      }),
    onMutate: () => {
      setProblems([]);
      setDone(null);
    },
    onSuccess: async (_, { action }) => {
      setReopening(false);
      setDone(
        t(action === "close" ? "acc.closing.closedDone" : "acc.closing.reopenedDone", {
          month: monthText,
        }),
      );
      await client.invalidateQueries({ queryKey: accommodationKeys.all(props.workspace) });
      statusRef.current?.focus();
    },
    onError: (e) => setProblems(problemsOf(e)),
  });
  const busy = sending.isPending;
  const send = (action: "close" | "reopen", body?: { reason: string }) =>
    sending.mutate(body ? { action, body } : { action });

  const state =
    c.state === "open"
      ? t("acc.closing.open", { month: monthText })
      : c.state === "reopened"
        ? t("acc.closing.reopenedState", {
            month: monthText,
            version: String(c.version),
            date: formatDateTime(locale, c.reopenedAt!),
          })
        : c.revised
          ? t("acc.closing.revisedState", {
              month: monthText,
              version: String(c.version),
              date: formatDateTime(locale, c.closedAt!),
            })
          : t("acc.closing.closedState", {
              month: monthText,
              date: formatDateTime(locale, c.closedAt!),
            });
  const title = c.revised
    ? t("acc.closing.changesRevised", { version: String(c.comparedWith?.version ?? 1) })
    : t("acc.closing.changesSoFar", { version: String(c.comparedWith?.version ?? 1) });

  return (
    <section aria-labelledby="acc-closing-title" className="acc-closing" data-state={c.state}>
      <h2 id="acc-closing-title">{t("acc.closing.title")}</h2>
      <div
        className={`notice acc-closing-state acc-closing-${c.state}${c.revised ? " acc-closing-revised" : ""}`}
        role="note"
      >
        <p>
          <strong>{state}</strong>
        </p>
        {c.closedBy && c.state !== "reopened" && <p>{t("acc.closing.by", { who: c.closedBy })}</p>}
        {c.state === "reopened" && c.reason && (
          <p>
            {t("acc.closing.reason")}: {c.reason}
            {c.reopenedBy ? ` (${c.reopenedBy})` : ""}
          </p>
        )}
        {c.state === "open" && <p>{t("acc.closing.openNote")}</p>}
        {c.state === "reopened" && <p>{t("acc.closing.reopenedNote")}</p>}
        {c.revised && <p>{t("acc.closing.legend")}</p>}
      </div>

      {props.mayClose && (
        <div className="acc-closing-actions">
          {c.state !== "closed" ? (
            <button type="button" className="primary" disabled={busy} onClick={() => send("close")}>
              {c.state === "reopened"
                ? t("acc.closing.closeAgain", { month: monthText })
                : t("acc.closing.close", { month: monthText })}
            </button>
          ) : !reopening ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setReopening(true);
                setProblems([]);
                setDone(null);
              }}
            >
              {t("acc.closing.reopen", { month: monthText })}
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
          <p role="status" className="save-outcome" ref={statusRef} tabIndex={-1}>
            {done}
          </p>
        </div>
      )}

      {c.state !== "open" && c.comparedWith !== null && (
        <TableFigure
          id="acc-closing-changes"
          heading={title}
          table={changesTable(
            { ...props.meta, title: `${title}, ${monthText}` },
            t,
            locale,
            c,
            props.mayClose,
          )}
          caption={`${title}, ${monthText}`}
          name={[props.workspace, "unterkuenfte", "aenderungen", s.month]}
        >
          {c.changes.length === 0 && <p className="note">{t("acc.closing.noChanges")}</p>}
        </TableFigure>
      )}
    </section>
  );
}
