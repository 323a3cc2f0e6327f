/**
 * Daten → Werte prüfen: the values an import's plausibility checks held back ("zu prüfen"),
 * each to confirm, correct or mark as `( )` or `/` with a reason; and any single value with its
 * whole history, to correct by hand or to undo a correction. Planners only. After every
 * decision the workspace's cached figures are dropped, so the overview, the atlas and the
 * indicators show the change at once (with its mark r or without p).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ValueHistoryDto } from "@contracts/data.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Field } from "../../ui/TextField.tsx";
import { useAreas, usePeriods, useVariables } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { DataTabs } from "./DataTabs.tsx";
import { ValueForm, type ValueFormInput } from "./ValueForm.tsx";
import { ReviewList } from "./ReviewList.tsx";
import { formatStored, useRefreshWorkspace, type Cell } from "./value-helpers.ts";

/** A cell while it is being chosen: any part may still be open. */
type Choice = { readonly [K in keyof Cell]?: string | undefined };

function ValueSearch({
  ws,
  cell,
  onCell,
}: {
  readonly ws: string;
  readonly cell: Choice;
  readonly onCell: (cell: Choice) => void;
}) {
  const { t, locale } = useI18n();
  const refresh = useRefreshWorkspace(ws);
  const [done, setDone] = useState<string | null>(null);
  const variables = useVariables(ws);
  const areas = useAreas(ws);
  const periods = usePeriods(ws);
  const complete =
    cell.variable !== undefined && cell.area !== undefined && cell.period !== undefined;
  const history = useQuery({
    queryKey: ["value-history", ws, cell.variable, cell.area, cell.period],
    enabled: complete,
    retry: false,
    queryFn: () =>
      api<ValueHistoryDto>(
        wsPath("/api/values/history", ws, {
          variable: cell.variable,
          area: cell.area,
          period: cell.period,
        }),
      ),
  });
  const h = history.data;
  const current = h?.revisions.find((r) => r.supersededAt === null) ?? h?.revisions.at(-1);
  const held = current?.reviews.some((r) => r.state === "open") ?? false;
  const isCorrection =
    current !== undefined && current.changedBy !== null && current.revision >= 2;
  const where = h ? { variable: h.variableName, area: h.areaName, period: h.period } : null;

  async function correct(input: ValueFormInput) {
    if (!h || !current || !where) return;
    await api(wsPath("/api/values/corrections", ws), {
      method: "POST",
      body: {
        variable: h.variable,
        area: h.area,
        period: h.period,
        value: input.value,
        reason: input.reason,
        revision: current.revision,
      },
    });
    setDone(t("values.done.correct", { ...where, value: formatStored(locale, input.value ?? null) }));
    await refresh();
  }
  async function undo(input: ValueFormInput) {
    if (!h || !where) return;
    const after = await api<ValueHistoryDto>(wsPath("/api/values/corrections/undo", ws), {
      method: "POST",
      body: { variable: h.variable, area: h.area, period: h.period, reason: input.reason },
    });
    const restored = after.revisions.at(-1)?.value ?? null;
    setDone(t("values.done.undo", { ...where, value: formatStored(locale, restored) }));
    await refresh();
  }

  const select = (
    id: string,
    label: string,
    value: string | undefined,
    options: readonly { value: string; label: string }[],
    set: (v: string | undefined) => void,
  ) => (
    <Field id={id} label={label} size="wide">
      <select
        id={id}
        value={value ?? ""}
        onChange={(e) => {
          set(e.target.value === "" ? undefined : e.target.value);
          setDone(null);
        }}
      >
        <option value="">{t("values.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <section aria-labelledby="search-title" id="value-search">
      <h2 id="search-title">{t("values.search")}</h2>
      <p className="note">{t("values.searchIntro")}</p>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        {select(
          "value-variable",
          t("values.variable"),
          cell.variable,
          (variables.data ?? []).map((v) => ({ value: v.code, label: v.name })),
          (variable) => onCell({ ...cell, variable }),
        )}
        {select(
          "value-area",
          t("values.area"),
          cell.area,
          (areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })),
          (area) => onCell({ ...cell, area }),
        )}
        {select(
          "value-period",
          t("values.period"),
          cell.period,
          (periods.data ?? []).map((p) => ({ value: p.code, label: p.code })),
          (period) => onCell({ ...cell, period }),
        )}
      </form>
      <p role="status" className="note">
        {done ?? ""}
      </p>
      {!complete && <Empty>{t("values.chooseAll")}</Empty>}
      {complete && history.isPending && <Loading />}
      {complete && history.isError && <ErrorState error={history.error} />}
      {h && current && where && (
        <>
          <p className="current-value">
            {t("values.current")} – {t("values.currentOf", where)}{" "}
            <strong className={held ? "mark-review" : undefined}>
              {formatStored(locale, current.value)}
              {held && ` p`}
              {held && <span className="sr-only"> ({t("marks.review")})</span>}
            </strong>{" "}
            ({t("values.revision", { n: String(current.revision) })}
            {held ? `, ${t("values.underReview")}` : ""})
          </p>
          <h3 id="history-title">{t("values.historyTitle")}</h3>
          <div
            className="scroll values-scroll"
            role="region"
            aria-labelledby="history-title"
            tabIndex={0}
          >
            <table className="history-table">
              <caption className="sr-only">{t("values.historyCaption", where)}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("values.col.revision")}
                  </th>
                  <th scope="col" className="num">
                    {t("values.value")}
                  </th>
                  <th scope="col">{t("values.col.origin")}</th>
                  <th scope="col">{t("values.col.when")}</th>
                  <th scope="col">{t("values.col.reason")}</th>
                  <th scope="col">{t("values.col.reviews")}</th>
                </tr>
              </thead>
              <tbody>
                {h.revisions.map((r) => (
                  <tr key={r.revision} aria-current={r === current ? "true" : undefined}>
                    <th scope="row" className="num">
                      {r.revision}
                    </th>
                    <td className="num">{formatStored(locale, r.value)}</td>
                    <td className="who">
                      {r.changedBy !== null
                        ? t("values.origin.hand", { by: r.changedBy })
                        : r.importLabel !== null
                          ? t("values.origin.import", { label: r.importLabel })
                          : r.importId !== null
                            ? t("values.origin.importNumber", { n: String(r.importId) })
                            : t("values.origin.unknown")}
                    </td>
                    <td>{formatDateTime(locale, r.createdAt)}</td>
                    <td>{r.reason ?? ""}</td>
                    <td className="who">
                      {r.reviews.length > 0 && (
                        <ul className="plain">
                          {r.reviews.map((x) => (
                            <li key={x.id}>
                              {x.message} –{" "}
                              {x.state === "open"
                                ? t("values.state.open")
                                : t("values.decided", {
                                    state:
                                      x.state === "marked" && x.reliability
                                        ? `${t("values.state.marked")} ${t(`values.reliability.${x.reliability}`)}`
                                        : t(`values.state.${x.state}`),
                                    by: x.decidedBy ?? "",
                                    at: x.decidedAt ? formatDateTime(locale, x.decidedAt) : "",
                                    reason: x.reason ?? "",
                                  })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="value-forms">
            <section aria-labelledby="correct-title">
              <h3 id="correct-title">{t("values.correctTitle")}</h3>
              <ValueForm
                key={`correct-${current.revision}`}
                action="correct"
                title={t("values.actionFor", { action: t("values.correct"), ...where })}
                onSubmit={correct}
              />
            </section>
            {isCorrection && (
              <section aria-labelledby="undo-title">
                <h3 id="undo-title">{t("values.undoTitle")}</h3>
                <p className="note">{t("values.undoHelp")}</p>
                <ValueForm
                  key={`undo-${current.revision}`}
                  action="undo"
                  title={t("values.actionFor", { action: t("values.undo"), ...where })}
                  onSubmit={undo}
                />
              </section>
            )}
          </div>
        </>
      )}
    </section>
  );
}

export function ValuesPage() {
  const { t } = useI18n();
  const { membership } = useWorkspace();
  const ws = membership.workspace;
  const [cell, setCell] = useState<Choice>({});
  if (membership.role !== "planner") {
    return (
      <>
        <h1>{t("nav.data")}</h1>
        <DataTabs />
        <Empty>{t("values.notAllowed")}</Empty>
      </>
    );
  }
  return (
    <>
      <h1>{t("nav.data")}</h1>
      <DataTabs />
      <p className="intro">{t("values.intro")}</p>
      <ReviewList
        ws={ws}
        onHistory={(c) => {
          setCell(c);
          // The search shows the value's history below: take the reader there.
          requestAnimationFrame(() => {
            const target = document.getElementById("search-title");
            target?.scrollIntoView();
          });
        }}
      />
      <ValueSearch ws={ws} cell={cell} onCell={setCell} />
    </>
  );
}
